"""Usernames ignore case; login throttling works per account and per address, and one
throttled account does not lock out the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Api, sqlite_url
from tests.web.test_single_user import assert_error_shape, field_errors, form

PASSWORD = "correct horse battery"


@pytest.fixture
def multi_app(tmp_path: Path) -> Any:
    from vitk.web import create_app

    return create_app(sqlite_url(tmp_path), multi_user=True)


def _client(app: Any) -> Api:
    return Api(TestClient(app, base_url="https://testserver"))


def _register(app: Any, name: str) -> Api:
    c = _client(app)
    r = c.post("/api/register", json={"username": name, "password": PASSWORD})
    assert r.status_code == 201, r.text
    c.refresh()
    return c


def test_usernames_ignore_case(multi_app: Any) -> None:
    a = _register(multi_app, "Alice")
    assert a.get("/api/session").json()["user"] == "alice"
    for other in ("alice", "ALICE"):
        r = _client(multi_app).post("/api/register", json={"username": other, "password": PASSWORD})
        body = assert_error_shape(r, 422)
        assert "taken" in body["error"]
    page = _client(multi_app)
    r = page.post("/register", data=form(page, username="aLiCe", password=PASSWORD))
    assert r.status_code == 422 and "taken" in field_errors(r.text)["username"]
    c = _client(multi_app)
    r = c.post("/api/login", json={"username": "ALICE", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["user"] == "alice"


def test_throttled_account_does_not_lock_out_other_accounts(multi_app: Any) -> None:
    _register(multi_app, "alice")
    _register(multi_app, "bob")
    attacker = _client(multi_app)  # every TestClient has the same client address
    bad = {"username": "Alice", "password": "wrong password"}
    codes = [attacker.post("/api/login", json=bad).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # The attacked account is throttled, whatever the case of its name …
    for name in ("alice", "ALICE"):
        r = _client(multi_app).post("/api/login", json={"username": name, "password": PASSWORD})
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # … but another account's correct password works from the same address.
    r = _client(multi_app).post("/api/login", json={"username": "bob", "password": PASSWORD})
    assert r.status_code == 200, r.text


def test_address_is_throttled_after_many_failures_over_many_accounts(multi_app: Any) -> None:
    from vitk.web.security import LoginRateLimiter

    st = multi_app.state.vitk
    st.address_limiter = LoginRateLimiter(max_failures=8)
    _register(multi_app, "bob")
    c = _client(multi_app)
    codes = [
        c.post("/api/login", json={"username": f"user{i}", "password": "x" * 10}).status_code
        for i in range(9)
    ]
    assert codes == [401] * 8 + [429]  # no single account reached 5 failures
    r = c.post("/api/login", json={"username": "bob", "password": PASSWORD})
    assert r.status_code == 429


def test_default_address_limit_is_higher_than_the_account_limit(multi_app: Any) -> None:
    st = multi_app.state.vitk
    assert st.address_limiter.max_failures > st.limiter.max_failures == 5
