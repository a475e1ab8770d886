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
from collections.abc import Mapping, Sequence
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

__all__ = [
    "AppState",
    "Ctx",
    "HTTPProblem",
    "LoginRequired",
    "create_app",
    "error_item",
    "error_lines",
]

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
#: Failed logins from one client address within the window before it is throttled.
ADDRESS_MAX_FAILURES = 50


def error_item(msg: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """One item of ``errors[]``: always ``{"field": name or None, "msg": text}``.

    ``field`` names the form or JSON field at fault (dotted for nested JSON, e.g.
    ``"labs.inr"``), or is None when the error is about the request as a whole. Request
    validation errors also keep pydantic's ``loc`` list (``["body", "date"]``).
    """
    return {"field": field, "msg": msg, **extra}


def _normalise_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        field = item.get("field")
        extra = {k: v for k, v in item.items() if k not in ("field", "msg")}
        out.append(
            error_item(str(item.get("msg", "")), None if field is None else str(field), **extra)
        )
    return out


def error_lines(exc: Exception) -> tuple[str, list[str]]:
    """One line for ``exc`` and the list of its problems (several for a bad diary file).

    A :class:`vitk.intake.diary.DiaryRowsError` lists one bad row per line; the one line
    is the first of them and says how many more there are.
    """
    problems = [str(p) for p in (getattr(exc, "problems", None) or ())]
    if not problems:
        problems = [" ".join(part.strip() for part in str(exc).splitlines() if part.strip())]
    if len(problems) == 1:
        return problems[0], problems
    more = len(problems) - 1
    line = f"{problems[0].rstrip('.')} (and {more} more bad row{'s' if more > 1 else ''})."
    return line, problems


class HTTPProblem(Exception):
    """An error with an HTTP status and optional field errors (see :func:`error_item`)."""

    def __init__(self, status: int, error: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = _normalise_items(errors or [error_item(error)])
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
    #: Failed logins per username (5 per 5 min) and, separately, per client address (more
    #: generous: behind a reverse proxy every client has the proxy's address).
    limiter: LoginRateLimiter = field(default_factory=LoginRateLimiter)
    address_limiter: LoginRateLimiter = field(
        default_factory=lambda: LoginRateLimiter(max_failures=ADDRESS_MAX_FAILURES)
    )
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

    def forget_user(self, user_id: int) -> None:
        """Drop everything cached from a user's data (after they delete it or the account).

        Dashboards are keyed by user and dropped; intake summaries are keyed by content
        (shared between users with identical rows), so that cache is emptied.
        """
        self.dashboards.purge_user(user_id)
        self.cache.clear()


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


_LOC_ROOTS = ("body", "query", "path", "header", "cookie")


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    where = ".".join(str(p) for p in loc if p not in _LOC_ROOTS)
    return where or None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _validation_item(err: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The one-line message and the ``errors[]`` item of one request validation error."""
    loc = list(err.get("loc", ()))
    msg = str(err.get("msg", "")).rstrip(".")
    if err.get("type") == "json_invalid":
        at = next((p for p in loc if isinstance(p, int)), None)
        where = f" (at character {at})" if at is not None else ""
        reason = str((err.get("ctx") or {}).get("error", "")).strip().rstrip(".")
        if reason.endswith(" at"):  # "Unterminated string starting at" (the character)
            reason = reason[:-3] + " there"
        reason = reason[:1].lower() + reason[1:]
        line = f"request body is not valid JSON{where}" + (f": {reason}." if reason else ".")
        return line, error_item(line, None, loc=[str(p) for p in loc])
    field = _field_of(loc)
    got = err.get("input")
    secret = any("password" in str(p) for p in loc)
    if (
        got is not None
        and not secret
        and not isinstance(got, Mapping | list | tuple)
        and err.get("type") != "missing"
    ):
        msg = f"{msg}; got {_shown(got)}"
    line = f"Invalid field '{field}': {msg}." if field else f"Invalid request: {msg}."
    return line, error_item(f"{msg}.", field, loc=[str(p) for p in loc])


def _install_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPProblem):  # pragma: no cover - registered for HTTPProblem
            raise exc
        return _problem_response(request, exc)

    async def on_vitk(request: Request, exc: Exception) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 422
        line, lines = error_lines(exc)
        return _problem_response(request, HTTPProblem(status, line, [error_item(x) for x in lines]))

    async def on_validation(request: Request, exc: Exception) -> Response:
        errs = exc.errors() if isinstance(exc, RequestValidationError) else []
        lines = [_validation_item(e) for e in errs]
        first = lines[0][0] if lines else "Invalid request."
        return _problem_response(request, HTTPProblem(422, first, [item for _, item in lines]))

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
        import html

        host = ""
        for k, v in scope.get("headers", ()):
            if k == b"host":
                host = v.decode("latin-1")
        shown = _shown(host) if host else "none"
        allowed = ", ".join(dict.fromkeys(h for h in self.allowed_hosts if h != "testserver"))
        msg = f"Invalid Host header {shown}; this server answers only to: {allowed}."
        if str(scope.get("path", "")).startswith("/api"):
            return JSONResponse(_error_body(400, msg, [error_item(msg, "host")]), status_code=400)
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title>'
            f"</head><body><h1>Bad request</h1><p>{html.escape(msg)}</p></body></html>"
        )
        return HTMLResponse(page, status_code=400)


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
    app.add_middleware(HostCheckMiddleware, allowed_hosts=hosts)
    app.add_middleware(SecurityMiddleware, st=st)  # outermost: refusals get the headers too
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
