"""Web load: the dashboard JSON at 50 concurrent clients vs a trivial endpoint.

Starts ``vitk serve`` (one uvicorn process, SQLite in a temporary folder) on 127.0.0.1,
seeds a profile and four weeks of diary rows, then drives ``GET /api/dashboard`` and, in
the same run against the same server, ``GET /api/health`` (no database, no computation)
with the same number of concurrent clients. Prints p50/p99 latency and req/s for both
and their ratio. Target: dashboard p99 < 100 ms.

Loopback only; bounded by ``--requests`` per endpoint and ``--max-seconds`` per phase.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import percentiles_ms

ITEMS = [
    ("food", "natto", "40 g"),
    ("food", "spinach raw", "1 cup"),
    ("food", "gouda aged", "30 g"),
    ("food", "broccoli boiled", "1/2 cup"),
    ("food", "egg", "1 large"),
    ("food", "cheddar", "1 oz"),
    ("food", "kale raw", "1 cup"),
    ("supplement", "MK-7", "90 mcg"),
    ("supplement", "vitamin D3", "1000 IU"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from vitk.cli.main import main; main()",
            "serve",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{db}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def seed(base: str, days: int) -> int:
    with httpx.Client(base_url=base, timeout=30) as c:
        c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
        c.put("/api/profile", json={"age": 67, "sex": "male", "medications": ["warfarin 5 mg"]})
        start_day = dt.date(2026, 10, 1)
        lines = ["date,kind,item,amount"]
        for d in range(days):
            for k in range(5):
                kind, item, amount = ITEMS[(d + k) % len(ITEMS)]
                lines.append(f"{start_day + dt.timedelta(days=d)},{kind},{item},{amount}")
        r = c.post("/api/import", files={"file": ("d.csv", "\n".join(lines).encode(), "text/csv")})
        r.raise_for_status()
        return int(r.json()["added"])


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status code.

    A minimal client keeps the load generator's own CPU use small (it shares the
    machine with the server).
    """
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def phase(port: int, path: str, clients: int, n: int, max_s: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    remaining = n
    t_end = time.perf_counter() + max_s
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    conns = [await asyncio.open_connection("127.0.0.1", port) for _ in range(clients)]
    for reader, writer in conns:  # warm-up: one request per connection
        await _get(reader, writer, request)

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < t_end:
            remaining -= 1
            t0 = time.perf_counter()
            status = await _get(reader, writer, request)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(r, w) for r, w in conns))
    wall = time.perf_counter() - t0
    for _, writer in conns:
        writer.close()
    out = percentiles_ms(latencies)
    out["req_per_s"] = len(latencies) / wall
    out["errors"] = errors
    return out


def miss_latency(base: str, n: int) -> dict[str, float]:
    """Dashboard latency right after a diary write (a cache miss), one client."""
    samples = []
    with httpx.Client(base_url=base, timeout=30) as c:
        c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
        for i in range(n):
            c.post(
                "/api/diary",
                json={
                    "date": "2026-10-28",
                    "kind": "food",
                    "item": "natto",
                    "amount": f"{10 + i} g",
                },
            ).raise_for_status()
            t0 = time.perf_counter()
            c.get("/api/dashboard").raise_for_status()
            samples.append(time.perf_counter() - t0)
    return percentiles_ms(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000, help="per endpoint")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="per endpoint")
    ap.add_argument("--days", type=int, default=28, help="diary days seeded (5 rows each)")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="vitk-bench-web-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start(folder / "bench.sqlite", port)
    try:
        rows = seed(base, args.days)
        dash = asyncio.run(
            phase(port, "/api/dashboard", args.clients, args.requests, args.max_seconds)
        )
        triv = asyncio.run(
            phase(port, "/api/health", args.clients, args.requests, args.max_seconds)
        )
        miss = miss_latency(base, 20)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    print(
        f"server: one uvicorn process on {base}; {rows} diary rows over {args.days} days; "
        f"{args.clients} concurrent clients; {os.cpu_count()} CPUs shared with the client"
    )
    print(f"{'endpoint':<16}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'errors':>8}")
    for name, r in (("/api/dashboard", dash), ("/api/health", triv)):
        print(
            f"{name:<16}{r['n']:>6}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
            f"{r['req_per_s']:>9.0f}{int(r['errors']):>8}"
        )
    print(
        f"ratio dashboard/health: p50 {dash['p50_ms'] / triv['p50_ms']:.2f}x, "
        f"p99 {dash['p99_ms'] / triv['p99_ms']:.2f}x, "
        f"throughput {dash['req_per_s'] / triv['req_per_s']:.2f}x"
    )
    print(
        f"dashboard right after a write (cache miss, 1 client, n={miss['n']}): "
        f"p50 {miss['p50_ms']:.1f} ms, p99 {miss['p99_ms']:.1f} ms"
    )
    verdict = "meets" if dash["p99_ms"] < 100 else "misses"
    print(f"target dashboard p99 < 100 ms: {verdict} ({dash['p99_ms']:.1f} ms)")


if __name__ == "__main__":
    main()
