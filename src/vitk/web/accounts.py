"""Log in, register and log out (multi-user mode), shared by the pages and the API."""

from __future__ import annotations

import datetime as dt

from fastapi import Request, Response

from vitk.storage.repository import normalise_username
from vitk.web.dependencies import SESSION_COOKIE, SESSION_DAYS, AppState, state_of
from vitk.web.errors import HTTPProblem
from vitk.web.security import (
    check_password,
    hash_password,
    hash_token,
    new_token,
    validate_credentials,
)

__all__ = ["login", "logout", "register"]


def _require_multi(st: AppState) -> None:
    if not st.multi_user:
        raise HTTPProblem(404, "Accounts exist only in multi-user mode (vitk serve --multi-user).")


def _start_session(st: AppState, user_id: int, response: Response) -> None:
    token = new_token()
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=SESSION_DAYS)
    st.repo.purge_sessions()
    st.repo.create_session(user_id, hash_token(token), expires)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=st.secure_cookies,
        path="/",
    )


def _too_many(wait: int) -> HTTPProblem:
    problem = HTTPProblem(429, f"Too many failed logins; try again in {wait} s.")
    problem.headers["Retry-After"] = str(wait)
    return problem


def login(request: Request, response: Response, username: str, password: str) -> str:
    """Check the password (rate-limited) and start a session; returns the username.

    Failed logins are counted per username and, separately and more generously, per
    client address: an attack on one account throttles that account (and a flood of
    failures throttles the address), but another account's correct password still works
    from the same address, e.g. behind a reverse proxy where every client shares one.
    """
    st = state_of(request)
    _require_multi(st)
    ip = request.client.host if request.client else "?"
    user_key = f"user:{normalise_username(username)}"
    ip_key = f"ip:{ip}"
    wait = max(st.limiter.retry_after(user_key), st.address_limiter.retry_after(ip_key))
    if wait:
        raise _too_many(wait)
    found = st.repo.find_user(username)
    ok = check_password(found[1] if found else "", password)
    if found is None or not ok:
        st.limiter.failed(user_key)
        st.address_limiter.failed(ip_key)
        raise HTTPProblem(
            401,
            "Wrong username or password.",
            [{"field": "password", "msg": "Wrong username or password."}],
        )
    st.limiter.reset(user_key)
    _start_session(st, found[0].user_id, response)
    return found[0].username


def register(request: Request, response: Response, username: str, password: str) -> str:
    """Create an account and log it in; 422 with field errors if the input is bad."""
    st = state_of(request)
    _require_multi(st)
    errors = validate_credentials(username, password)
    if errors:
        first = next(iter(errors.values()))
        raise HTTPProblem(422, first, [{"field": k, "msg": v} for k, v in errors.items()])
    user = st.repo.create_user(username, hash_password(password))
    _start_session(st, user.user_id, response)
    return user.username


def logout(request: Request, response: Response) -> None:
    st = state_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        st.repo.delete_session(hash_token(token))
    response.delete_cookie(SESSION_COOKIE, path="/")
