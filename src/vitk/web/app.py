"""The FastAPI application: state, security, error shape and the two routers.

``create_app(db_url=None, multi_user=False)`` opens (and migrates) the database, then
serves the HTML pages (:mod:`vitk.web.pages`) and their JSON twins under ``/api``
(:mod:`vitk.web.api`). Every error reaches the client as one JSON shape
``{"ok": false, "error": "...", "errors": [...], "status": 4xx}`` (an HTML page for
browser routes); a traceback is never sent.
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vitk.errors import VitkError
from vitk.storage.repository import NotFoundError, Repository, User
from vitk.web.security import LoginRateLimiter, csrf_token, hash_token, tokens_equal
from vitk.web.views import DashboardCache, SummaryCache

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue

__all__ = ["AppState", "Ctx", "HTTPProblem", "LoginRequired", "create_app"]

log = logging.getLogger("vitk.web")

HERE = Path(__file__).parent
SESSION_COOKIE = "vitk_session"
CSRF_COOKIE = "vitk_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SESSION_DAYS = 14
# Host headers keep the brackets of IPv6 literals ("[::1]:8000" -> "[::1]").
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "testserver")
_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class HTTPProblem(Exception):
    """An error with an HTTP status and optional field errors."""

    def __init__(self, status: int, error: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = errors or [{"msg": error}]
        self.headers: dict[str, str] = {}


class LoginRequired(HTTPProblem):
    def __init__(self) -> None:
        super().__init__(401, "Log in first.")


@dataclass
class AppState:
    """Everything the routes share: storage, catalogue, caches and secrets."""

    repo: Repository
    db_url: str
    multi_user: bool
    secure_cookies: bool
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    cache: SummaryCache = field(default_factory=SummaryCache)
    dashboards: DashboardCache = field(default_factory=DashboardCache)
    limiter: LoginRateLimiter = field(default_factory=LoginRateLimiter)
    _catalogue: Catalogue | None = None
    _local: User | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            with self._lock:
                if self._catalogue is None:
                    from vitk.foods.catalogue import default_catalogue

                    self._catalogue = default_catalogue(self.db_url)
        return self._catalogue

    def local_user(self) -> User:
        if self._local is None:
            self._local = self.repo.local_user()
        return self._local


@dataclass(frozen=True)
class Ctx:
    """The app state and the user a request acts for."""

    state: AppState
    user: User


def state_of(request: Request) -> AppState:
    st: AppState = request.app.state.vitk
    return st


def optional_user(request: Request) -> User | None:
    """The request's user: the local user, or the session's user in multi-user mode."""
    st = state_of(request)
    if not st.multi_user:
        return st.local_user()
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return st.repo.session_user(hash_token(token))


def user_ctx(request: Request) -> Ctx:
    """Dependency: the request's user or 401 (a redirect to /login for pages)."""
    user = optional_user(request)
    if user is None:
        raise LoginRequired()
    return Ctx(state_of(request), user)


async def user_ctx_dep(request: Request) -> Ctx:
    """Async dependency form of :func:`user_ctx` (no thread hop in single-user mode)."""
    st = state_of(request)
    if not st.multi_user and st._local is not None:
        return Ctx(st, st._local)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(user_ctx, request)


def expected_csrf(request: Request) -> str:
    st = state_of(request)
    client = getattr(request.state, "csrf_cookie", None) or request.cookies.get(CSRF_COOKIE, "")
    return csrf_token(st.secret, client, request.cookies.get(SESSION_COOKIE, ""))


async def require_csrf(request: Request) -> None:
    """Dependency for every state-changing route: same-origin and a valid CSRF token."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1] != host:
            raise HTTPProblem(403, f"Cross-origin request from '{origin}' refused.")
    sent = request.headers.get(CSRF_HEADER, "")
    ctype = request.headers.get("content-type", "")
    if not sent and ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    if not request.cookies.get(CSRF_COOKIE) or not sent:
        raise HTTPProblem(
            403, "Missing CSRF token; reload the page (API: GET /api/session, send X-CSRF-Token)."
        )
    if not tokens_equal(sent, expected_csrf(request)):
        raise HTTPProblem(403, "Invalid CSRF token; reload the page and try again.")


def _error_body(status: int, error: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ok": False, "error": error, "errors": errors, "status": status}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def _problem_response(request: Request, problem: HTTPProblem) -> Response:
    if isinstance(problem, LoginRequired) and _wants_html(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    resp: Response
    if _wants_html(request):
        from vitk.web.pages import render_error

        resp = render_error(request, problem.status, problem.error)
    else:
        resp = JSONResponse(
            _error_body(problem.status, problem.error, problem.errors), status_code=problem.status
        )
    for k, v in problem.headers.items():
        resp.headers[k] = v
    return resp


def _one_line(loc: tuple[Any, ...] | list[Any], msg: str) -> str:
    where = ".".join(str(p) for p in loc if p not in ("body", "query", "path"))
    return f"Invalid field '{where}': {msg}." if where else f"Invalid request: {msg}."


def _install_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPProblem):  # pragma: no cover - registered for HTTPProblem
            raise exc
        return _problem_response(request, exc)

    async def on_vitk(request: Request, exc: Exception) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 422
        return _problem_response(request, HTTPProblem(status, str(exc)))

    async def on_validation(request: Request, exc: Exception) -> Response:
        errs = exc.errors() if isinstance(exc, RequestValidationError) else []
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in errs
        ]
        first = (
            _one_line(errs[0].get("loc", ()), str(errs[0].get("msg", "")))
            if errs
            else ("Invalid request.")
        )
        return _problem_response(request, HTTPProblem(422, first, errors))

    async def on_http(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, StarletteHTTPException):  # pragma: no cover
            raise exc
        messages = {404: "Not found.", 405: "Method not allowed."}
        detail = exc.detail if isinstance(exc.detail, str) else None
        msg = messages.get(exc.status_code) or detail or "Request failed."
        problem = HTTPProblem(exc.status_code, msg)
        problem.headers = dict(exc.headers or {})
        return _problem_response(request, problem)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = HTTPProblem(500, "Internal error; the request was not completed.")
        return _problem_response(request, problem)

    app.add_exception_handler(HTTPProblem, on_problem)
    app.add_exception_handler(VitkError, on_vitk)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)


_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)


class SecurityMiddleware:
    """Pure ASGI middleware: hands out the CSRF cookie and adds security headers."""

    def __init__(self, app: ASGIApp, st: AppState) -> None:
        self.app = app
        self.st = st

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
        secure = "; Secure" if self.st.secure_cookies else ""

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


_SECURITY_HEADERS = (
    ("content-security-policy", _CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
)


def create_app(
    db_url: str | None = None,
    multi_user: bool = False,
    *,
    secure_cookies: bool | None = None,
    allowed_hosts: list[str] | None = None,
    migrate: bool = True,
) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    db_url : str, optional
        SQLAlchemy URL; default ``$VITK_DATABASE_URL`` or SQLite in the user's data folder.
    multi_user : bool, optional
        Accounts with login; otherwise one local user and no login (localhost only).
    secure_cookies : bool, optional
        Mark cookies ``Secure`` (HTTPS only). Default: on in multi-user mode.
    allowed_hosts : list of str, optional
        Accepted ``Host`` headers; default loopback names in single-user mode (which
        blocks DNS rebinding) and any host in multi-user mode.
    migrate : bool, optional
        Apply the database migrations first.
    """
    from vitk.storage.db import get_engine, upgrade

    engine = get_engine(db_url)
    if migrate:
        upgrade(engine)
    url = engine.url.render_as_string(hide_password=False)
    repo = Repository(engine)
    # Kept in the database: tokens stay valid across restarts and between processes.
    secret = bytes.fromhex(repo.setting("csrf_secret", secrets.token_hex(32)))
    st = AppState(
        repo=repo,
        db_url=url,
        multi_user=multi_user,
        secure_cookies=multi_user if secure_cookies is None else secure_cookies,
        secret=secret,
    )
    app = FastAPI(
        title="vitk",
        summary="Vitamin K by form: diary, dashboard, report and simulator (local-first).",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads assets from a CDN; the schema is enough.
        redoc_url=None,
    )
    app.state.vitk = st
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    hosts = allowed_hosts or (["*"] if multi_user else list(LOOPBACK_HOSTS))
    app.add_middleware(SecurityMiddleware, st=st)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    _install_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from vitk.web.api import router as api_router
    from vitk.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vitk")
    except PackageNotFoundError:  # pragma: no cover
        return "0"


def html_response(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)
