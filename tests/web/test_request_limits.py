"""Request limits: a body over its path's limit is refused with a 413 before it is read.

Also malformed JSON (nesting too deep, not UTF-8, numbers too long for Python) gets the
422 and the one-line message docs/web.md promises, never a 400 or a 500.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import Api, LiveServer, sqlite_url

from vitk.web.middleware import BODY_LIMITS, DEFAULT_BODY_LIMIT, body_limit

JSON = {"content-type": "application/json"}
MB_300 = 300 * 1024 * 1024


def assert_error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text[:300]
    body = r.json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and "\n" not in body["error"]
    assert body["errors"] and all("msg" in e and "field" in e for e in body["errors"])
    return dict(body)


@pytest.fixture
def multi_live(tmp_path: Path) -> Iterator[LiveServer]:
    from vitk.web import create_app

    app = create_app(sqlite_url(tmp_path), multi_user=True, secure_cookies=False)
    with LiveServer(app) as server:
        yield server


def raw_request(port: int, head: str, body: bytes = b"", wait_s: float = 10.0) -> bytes:
    """Send ``head`` (and ``body``) on a fresh connection; the reply as far as it came."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as s:
        s.sendall(head.encode("latin-1") + body)
        deadline = time.monotonic() + wait_s
        reply = b""
        while time.monotonic() < deadline and b"\r\n\r\n" not in reply:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
        try:
            s.settimeout(1.0)
            reply += s.recv(65536)
        except OSError:
            pass
        return reply


@pytest.mark.parametrize("path", ["/api/import", "/api/login", "/data/import", "/api/profile"])
def test_unauthenticated_300_mb_upload_is_refused_before_a_byte_is_read(
    multi_live: LiveServer, path: str
) -> None:
    # The body is never sent: the 413 can only come back if the server did not wait for it.
    method = "PUT" if path == "/api/profile" else "POST"
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{multi_live.port}\r\n"
        f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {MB_300}\r\n\r\n"
    )
    started = time.monotonic()
    reply = raw_request(multi_live.port, head)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert time.monotonic() - started < 5
    text = reply.decode("utf-8", "replace")
    assert f"{MB_300:,} bytes" in text and f"{body_limit(path):,}" in text


def test_every_path_has_a_limit_and_the_defaults_are_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text("utf-8")
    for path, limit in BODY_LIMITS:
        assert body_limit(path) == limit
        assert f"`{path}`" in doc and f"{limit:,}" in doc, path
    assert body_limit("/api/diary") == DEFAULT_BODY_LIMIT
    assert f"{DEFAULT_BODY_LIMIT:,}" in doc


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/diary"),
        ("put", "/api/diary/1"),
        ("put", "/api/profile"),
        ("post", "/api/login"),
        ("post", "/api/example"),
        ("delete", "/api/data"),
    ],
)
def test_content_length_over_the_limit_is_413_json(api: Api, method: str, path: str) -> None:
    body = b'{"x": "' + b"a" * body_limit(path) + b'"}'
    body_ = assert_error(api.request(method.upper(), path, content=body, headers=JSON), 413)
    assert f"{len(body):,} bytes" in body_["error"] and path in body_["error"]


def test_chunked_body_is_counted_and_refused_past_the_limit(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(1000):  # 1 MB offered, 16 KiB allowed
            yield b" " * 1024

    r = api.post("/api/diary", content=chunks(), headers=JSON)
    body = assert_error(r, 413)
    assert f"over {body_limit('/api/diary'):,} bytes" in body["error"]
    # (The test client buffers what it sends; the raw-socket test above shows the server
    # answers without waiting for the body.)
    assert api.get("/api/diary").json()["entries"] == []


def test_chunked_upload_over_the_import_limit_is_413(api: Api) -> None:
    boundary = "vitkboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="d.csv"\r\n'
        "Content-Type: text/csv\r\n\r\ndate,kind,item,amount\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:
        yield head
        for _ in range(3 * 1024):  # 3 MB of rows
            yield b"2026-11-20,food,natto,40 g\r\n" * 37

    r = api.post(
        "/api/import",
        content=chunks(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert_error(r, 413)
    assert api.get("/api/diary").json()["entries"] == []


def test_a_body_within_the_limit_still_works(api: Api) -> None:
    rows = "date,kind,item,amount\n" + "2026-11-20,food,natto,40 g\n" * 100
    r = api.post("/api/import", files={"file": ("d.csv", rows.encode(), "text/csv")})
    assert r.status_code == 201 and r.json()["added"] == 100


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b'{"age": "\xff\xfe"}', "not UTF-8 text (byte 0xff at position 9)"),
        (b'{"age": ' + b"9" * 5000 + b"}", "a number has more than 4,300 digits"),
        (b'{"age": }', "(at character 8): expecting value"),
    ],
    ids=["deep-nesting", "invalid-utf8", "5000-digits", "syntax"],
)
@pytest.mark.parametrize(("method", "path"), [("PUT", "/api/profile"), ("POST", "/api/diary")])
def test_malformed_json_is_422_with_the_documented_message(
    api: Api, body: bytes, message: str, method: str, path: str
) -> None:
    got = assert_error(api.request(method, path, content=body, headers=JSON), 422)
    assert got["error"].startswith("request body is not valid JSON") and message in got["error"]
    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text("utf-8")
    assert (message.split("(")[0].strip() or message.split(": ")[-1]) in doc


def test_login_with_a_300_mb_json_body_is_refused_by_length(api: Api) -> None:
    # Content-Length alone decides; httpx sends exactly what is declared, so build the
    # smallest body that is over the limit instead of 300 MB.
    body = json.dumps({"username": "a", "password": "x" * body_limit("/api/login")}).encode()
    assert_error(api.post("/api/login", content=body, headers=JSON), 413)


@pytest.mark.parametrize(
    ("path", "status"), [("/api/import", b"401"), ("/data/import", b"303"), ("/api/diary", b"401")]
)
def test_multi_user_write_without_a_session_is_refused_before_its_body_is_read(
    multi_live: LiveServer, path: str, status: bytes
) -> None:
    # Under the size limit, but no session cookie: refused without waiting for the body.
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{multi_live.port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {body_limit(path) - 1}\r\n\r\n"
    )
    started = time.monotonic()
    reply = raw_request(multi_live.port, head)
    assert reply.startswith(b"HTTP/1.1 " + status), reply[:200]
    assert time.monotonic() - started < 5
    if status == b"303":
        assert b"location: /login" in reply.lower()
    else:
        assert b"Log in first." in reply


def test_login_and_register_still_take_a_body_without_a_session(multi_live: LiveServer) -> None:
    import httpx

    with httpx.Client(base_url=multi_live.url) as c:
        token = c.get("/api/session").json()["csrf_token"]
        r = c.post(
            "/api/register",
            json={"username": "ann", "password": "a long enough password 1"},
            headers={"X-CSRF-Token": token},
        )
        assert r.status_code == 201, r.text
