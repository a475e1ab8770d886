"""Pure ASGI middleware: security headers and the CSRF cookie, and the Host check."""

from __future__ import annotations

import html
import secrets
from collections.abc import Sequence

from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vitk.checker.reading import MAX_INPUT_BYTES as MAX_ARTICLE_BYTES
from vitk.intake.diary_file import MAX_UPLOAD_BYTES
from vitk.intake.imports.common import MAX_IMPORT_BYTES as MAX_APP_EXPORT_BYTES
from vitk.web.dependencies import CSRF_COOKIE, SESSION_COOKIE
from vitk.web.errors import LoginRequired, error_body, error_item, problem_response, shown

__all__ = [
    "BODY_LIMITS",
    "DEFAULT_BODY_LIMIT",
    "LOOPBACK_HOSTS",
    "BodyLimitMiddleware",
    "BodyTooLarge",
    "HostCheckMiddleware",
    "SecurityMiddleware",
    "body_limit",
]

# Host headers keep the brackets of IPv6 literals ("[::1]:8000" -> "[::1]").
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "testserver")

_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
_SECURITY_HEADERS = (
    ("content-security-policy", _CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
)


class SecurityMiddleware:
    """Hands out the CSRF cookie and adds security headers to every response."""

    def __init__(self, app: ASGIApp, secure_cookies: bool) -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        new_cookie = None
        cookie_header = b""
        for k, v in scope.get("headers", ()):
            if k == b"cookie":
                cookie_header += v + b";"
        if (CSRF_COOKIE + "=").encode() not in cookie_header:
            new_cookie = secrets.token_urlsafe(24)
            scope.setdefault("state", {})["csrf_cookie"] = new_cookie
        secure = "; Secure" if self.secure_cookies else ""

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if new_cookie is not None:
                    headers.append(
                        "set-cookie",
                        f"{CSRF_COOKIE}={new_cookie}; HttpOnly; Path=/; SameSite=strict{secure}",
                    )
                for name, value in _SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_wrapper)


class HostCheckMiddleware:
    """Only answer requests whose ``Host`` is allowed (blocks DNS rebinding).

    Starlette's ``TrustedHostMiddleware`` decides; a refused request gets the app's JSON
    error shape under ``/api`` and a short HTML page elsewhere (400 either way).
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.allowed_hosts = list(allowed_hosts)
        self.allow_any = "*" in self.allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        passed = False

        async def through(s: Scope, r: Receive, snd: Send) -> None:
            nonlocal passed
            passed = True
            await self.app(s, r, send)

        async def drop(message: Message) -> None:  # the refusal starlette would send
            return None

        await TrustedHostMiddleware(through, self.allowed_hosts, www_redirect=False)(
            scope, receive, drop
        )
        if not passed:
            await self._refuse(scope)(scope, receive, send)

    def _refuse(self, scope: Scope) -> Response:
        host = ""
        for k, v in scope.get("headers", ()):
            if k == b"host":
                host = v.decode("latin-1")
        got = shown(host) if host else "none"
        allowed = ", ".join(dict.fromkeys(h for h in self.allowed_hosts if h != "testserver"))
        msg = f"Invalid Host header {got}; this server answers only to: {allowed}."
        if str(scope.get("path", "")).startswith("/api"):
            return JSONResponse(error_body(400, msg, [error_item(msg, "host")]), status_code=400)
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title>'
            f"</head><body><h1>Bad request</h1><p>{html.escape(msg)}</p></body></html>"
        )
        return HTMLResponse(page, status_code=400)


#: Largest request body per path (exact path, or a prefix ending in ``/``). [bytes]
#: An upload's limit is the file's plus room for the multipart framing and CSRF field.
BODY_LIMITS: tuple[tuple[str, int], ...] = (
    ("/api/import", MAX_UPLOAD_BYTES + 64 * 1024),
    ("/data/import", MAX_UPLOAD_BYTES + 64 * 1024),
    # Exports of other apps (Cronometer, MyFitnessPal), and the review of their matches.
    ("/api/import/", MAX_APP_EXPORT_BYTES + 64 * 1024),
    ("/data/import-app", MAX_APP_EXPORT_BYTES + 64 * 1024),
    ("/data/import-app/confirm", 1024 * 1024),
    # Twice the checker's article limit: a file somewhat over it still gets the checker's
    # own message, and JSON escapes can double an article's text.
    ("/api/check/file", 2 * MAX_ARTICLE_BYTES + 64 * 1024),
    ("/api/check", 2 * MAX_ARTICLE_BYTES + 64 * 1024),
    ("/check", 2 * MAX_ARTICLE_BYTES + 64 * 1024),
    ("/api/profile", 64 * 1024),
    ("/profile", 64 * 1024),
    ("/api/login", 8 * 1024),
    ("/api/register", 8 * 1024),
    ("/api/logout", 8 * 1024),
    ("/login", 8 * 1024),
    ("/register", 8 * 1024),
    ("/logout", 8 * 1024),
)
#: Every other path (a diary row, a delete, a form with a CSRF token). [bytes]
DEFAULT_BODY_LIMIT = 16 * 1024


def body_limit(path: str) -> int:
    """The largest body accepted on ``path``. [bytes]"""
    for prefix, limit in BODY_LIMITS:
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return limit
    return DEFAULT_BODY_LIMIT


def _too_large(path: str, got: str, limit: int) -> str:
    return f"Request body is {got}; at most {limit:,} bytes accepted on {path}."


class BodyTooLarge(HTTPException):
    """Raised while a chunked body is read, when it passes the path's limit (a 413)."""

    def __init__(self, path: str, limit: int) -> None:
        super().__init__(413, _too_large(path, f"over {limit:,} bytes", limit))


#: Paths that take a body from someone not logged in (multi-user mode).
OPEN_PATHS = frozenset(
    {"/api/login", "/api/register", "/api/logout", "/login", "/register", "/logout"}
)
_WRITES = ("POST", "PUT", "PATCH", "DELETE")


class BodyLimitMiddleware:
    """Refuse a body over its path's limit (:func:`body_limit`) before reading it: 413.

    A ``Content-Length`` over the limit is refused at once, before any route, session or
    CSRF check runs, so nothing of the body is read. A body without a length (chunked) is
    counted as it arrives and refused as soon as it passes the limit. In multi-user mode a
    write without a session cookie, other than to log in or register, is refused (401, a
    redirect to the login page for pages) before its body is read, whatever its size.
    """

    def __init__(self, app: ASGIApp, multi_user: bool = False) -> None:
        self.app = app
        self.multi_user = multi_user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = body_limit(path)
        length = None
        cookies = b""
        for k, v in scope.get("headers", ()):
            if k == b"content-length":
                length = v.decode("latin-1").strip()
            elif k == b"cookie":
                cookies += v + b";"
        if length is not None:
            size = int(length) if length.isdigit() else None
            if size is None or size > limit:
                got = f"{size:,} bytes" if size is not None else f"of length {shown(length)}"
                status = 413 if size is not None else 400
                await self._refuse(scope, status, _too_large(path, got, limit))(
                    scope, receive, send
                )
                return
        if (
            self.multi_user
            and scope.get("method") in _WRITES
            and path not in OPEN_PATHS
            and (SESSION_COOKIE + "=").encode() not in cookies
        ):
            from starlette.requests import Request

            await problem_response(Request(scope), LoginRequired())(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(path, limit)
            return message

        await self.app(scope, counted, send)

    @staticmethod
    def _refuse(scope: Scope, status: int, msg: str) -> Response:
        if str(scope.get("path", "")).startswith("/api"):
            return JSONResponse(error_body(status, msg, [error_item(msg)]), status_code=status)
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too large</title>'
            f"</head><body><h1>Too large</h1><p>{html.escape(msg)}</p></body></html>"
        )
        return HTMLResponse(page, status_code=status, headers={"connection": "close"})
