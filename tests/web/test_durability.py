"""Durability: SIGKILL the server during a burst of diary writes, restart, check.

Every write the server acknowledged (201) must be in the database after the restart,
with the same content, and SQLite's ``PRAGMA integrity_check`` must pass.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from tests.web.conftest import free_port

N_WRITERS = 8
KILL_AFTER_ACKS = 120


def start_server(db_path: Path, port: int) -> subprocess.Popen[bytes]:
    code = "from vitk.cli.main import main; main()"
    log = db_path.with_suffix(".log")
    with log.open("ab") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                "serve",
                "--port",
                str(port),
                "--db",
                f"sqlite:///{db_path}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start within 30 s")


@pytest.mark.slow
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "durable.sqlite"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port)
    acked: dict[int, tuple[str, str]] = {}
    failures: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()
    try:

        def writer(w: int) -> None:
            with httpx.Client(base_url=base, timeout=5) as c:
                c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
                i = 0
                while not stop.is_set():
                    i += 1
                    amount = f"{w}.{i} g"
                    try:
                        r = c.post(
                            "/api/diary",
                            json={
                                "date": "2026-11-20",
                                "kind": "food",
                                "item": "natto",
                                "amount": amount,
                            },
                        )
                    except httpx.TransportError:
                        return  # the server died mid-request: not acknowledged
                    if r.status_code == 201:
                        with lock:
                            acked[r.json()["entry"]["entry_id"]] = ("natto", amount)
                    else:
                        with lock:
                            failures.append(r.status_code)

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(N_WRITERS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acked) < KILL_AFTER_ACKS and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # writes are still in flight
        proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert len(acked) >= KILL_AFTER_ACKS, "the burst never reached the kill point"
    assert failures == [], f"concurrent writes were refused: {failures[:5]}"

    proc = start_server(db, port)
    try:
        rows = httpx.get(f"{base}/api/diary", timeout=10).json()["entries"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    stored = {e["entry_id"]: (e["item"], e["amount"]) for e in rows}
    missing = {k: v for k, v in acked.items() if stored.get(k) != v}
    assert not missing, f"{len(missing)} acknowledged writes lost, e.g. {list(missing.items())[:3]}"
    assert len(stored) >= len(acked)  # unacknowledged writes may or may not have landed
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
