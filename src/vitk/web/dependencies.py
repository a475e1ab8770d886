"""What every route receives: the app state, the request's user, CSRF and the session.

Routes get these through FastAPI dependencies (``Depends(user_ctx_dep)``,
``Depends(require_csrf)``) or from ``request.app.state.vitk``; they never import the
application module.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from vitk.storage.repository import Repository, User
from vitk.web.errors import HTTPProblem, LoginRequired
from vitk.web.security import LoginRateLimiter, csrf_token, hash_token, tokens_equal
from vitk.web.views import DashboardCache, SummaryCache

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "SESSION_DAYS",
    "AppState",
    "Ctx",
    "expected_csrf",
    "optional_user",
    "require_csrf",
    "state_of",
    "user_ctx",
    "user_ctx_dep",
]

SESSION_COOKIE = "vitk_session"
CSRF_COOKIE = "vitk_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SESSION_DAYS = 14
#: Failed logins from one client address within the window before it is throttled.
ADDRESS_MAX_FAILURES = 50


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
    """The app state, from the app that received the request."""
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
    """The CSRF token this client must send back (bound to its cookie and session)."""
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
