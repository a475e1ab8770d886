"""Fixtures for the web tests: apps on a temporary SQLite file, clients with CSRF tokens,
and a live server (uvicorn in a thread) for the browser tests."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def pytest_configure(config: pytest.Config) -> None:
    # Third-party deprecations we cannot fix (starlette's TestClient still uses httpx).
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:starlette.*")
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:schemathesis.*")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail in CI, where every service must be present."""
    if in_ci():
        pytest.fail(reason + " CI must run this test.", pytrace=False)
    pytest.skip(reason)


def sqlite_url(tmp_path: Path, name: str = "web.sqlite") -> str:
    return f"sqlite:///{tmp_path / name}"


class Api:
    """A TestClient that fetches and sends the CSRF token for writes."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.refresh()

    def refresh(self) -> str:
        self.token = str(self.client.get("/api/session").json()["csrf_token"])
        self.client.headers["X-CSRF-Token"] = self.token
        return self.token

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


@pytest.fixture
def app(tmp_path: Path) -> Any:
    from vitk.web import create_app

    return create_app(sqlite_url(tmp_path))


@pytest.fixture
def api(app: Any) -> Iterator[Api]:
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        yield Api(client)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 20 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
