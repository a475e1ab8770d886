"""The FastAPI application, assembled: state, middleware, error handlers and routers.

``create_app(db_url=None, multi_user=False)`` opens (and migrates) the database, then
serves the HTML pages (:mod:`vitk.web.pages`) and their JSON twins under ``/api``
(:mod:`vitk.web.api`), the Plan and Check pages with their twins (:mod:`vitk.web.plan`,
:mod:`vitk.web.check`). The parts
live in their own modules: the error shape and its handlers in :mod:`vitk.web.errors`,
what routes receive (state, user, CSRF, session) in :mod:`vitk.web.dependencies`, and the
ASGI middleware in :mod:`vitk.web.middleware`.
Nothing imports this module except the entry points (``vitk serve``, ``vitk.web``).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from vitk.storage.repository import Repository
from vitk.web.api import router as api_router
from vitk.web.check import api_router as check_api_router
from vitk.web.check import page_router as check_page_router
from vitk.web.dependencies import AppState
from vitk.web.diary_imports import router as diary_imports_router
from vitk.web.errors import install_handlers
from vitk.web.explore import api_router as explore_api_router
from vitk.web.explore import page_router as explore_page_router
from vitk.web.middleware import (
    LOOPBACK_HOSTS,
    BodyLimitMiddleware,
    HostCheckMiddleware,
    SecurityMiddleware,
)
from vitk.web.pages import router as page_router
from vitk.web.plan import api_router as plan_api_router
from vitk.web.plan import page_router as plan_page_router
from vitk.web.templating import render_error

__all__ = ["LOOPBACK_HOSTS", "create_app"]

HERE = Path(__file__).parent


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
    # Inside the Host check: refused hosts first.
    app.add_middleware(BodyLimitMiddleware, multi_user=multi_user)
    app.add_middleware(HostCheckMiddleware, allowed_hosts=hosts)
    # Outermost: refusals get the headers too.
    app.add_middleware(SecurityMiddleware, secure_cookies=st.secure_cookies)
    install_handlers(app, html_error=render_error)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_router)
    app.include_router(explore_api_router)
    app.include_router(plan_api_router)
    app.include_router(check_api_router)
    app.include_router(page_router)
    app.include_router(explore_page_router)
    app.include_router(plan_page_router)
    app.include_router(check_page_router)
    app.include_router(diary_imports_router)

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
