"""Multi-user mode: accounts, argon2, cookies, CSRF, rate limits and strict isolation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Api, sqlite_url

PASSWORD = "correct horse battery"
ENTRY = {"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40 g"}
PUBLIC_API = {
    "/api/health",
    "/api/session",
    "/api/login",
    "/api/register",
    "/api/logout",
    "/api/openapi.json",
}


@pytest.fixture
def multi_app(tmp_path: Path) -> Any:
    from vitk.web import create_app

    return create_app(sqlite_url(tmp_path), multi_user=True)


def client(app: Any) -> Api:
    # Secure cookies are only sent over https.
    return Api(TestClient(app, base_url="https://testserver"))


def registered(app: Any, name: str) -> Api:
    c = client(app)
    r = c.post("/api/register", json={"username": name, "password": PASSWORD})
    assert r.status_code == 201, r.text
    c.refresh()  # the CSRF token is bound to the new session
    return c


def test_register_stores_argon2_hash_and_sets_secure_cookies(multi_app: Any) -> None:
    c = client(multi_app)
    r = c.post("/api/register", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 201
    cookie = r.headers["set-cookie"]
    assert "vitk_session=" in cookie
    for flag in ("HttpOnly", "Secure", "SameSite=lax"):
        assert flag.lower() in cookie.lower()
    found = multi_app.state.vitk.repo.find_user("alice")
    assert found is not None and found[1].startswith("$argon2id$")
    assert PASSWORD not in found[1]


def test_register_validation(multi_app: Any) -> None:
    c = client(multi_app)
    r = c.post("/api/register", json={"username": "x", "password": "short"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"username", "password"}
    assert (
        c.post("/api/register", json={"username": "local", "password": PASSWORD}).status_code == 422
    )
    registered(multi_app, "bob")
    r = client(multi_app).post("/api/register", json={"username": "bob", "password": PASSWORD})
    assert r.status_code == 422 and "taken" in r.json()["error"]
    page = client(multi_app)
    r = page.post("/register", data={"csrf_token": page.token, "username": "bob", "password": "s"})
    assert r.status_code == 422 and 'id="err-password"' in r.text


def test_login_logout_and_anonymous_access(multi_app: Any) -> None:
    registered(multi_app, "alice")
    c = client(multi_app)
    assert c.get("/api/diary").status_code == 401
    assert c.get("/dashboard", follow_redirects=False).headers["location"].startswith("/login")
    assert (
        c.post("/api/login", json={"username": "alice", "password": "wrong password"}).status_code
        == 401
    )
    assert c.post("/api/login", json={"username": "alice", "password": PASSWORD}).status_code == 200
    c.refresh()
    assert c.get("/api/session").json()["user"] == "alice"
    assert c.get("/api/diary").status_code == 200
    assert c.post("/api/logout").status_code == 200
    assert c.get("/api/diary").status_code == 401


def test_html_login_form(multi_app: Any) -> None:
    registered(multi_app, "alice")
    c = client(multi_app)
    r = c.post(
        "/login",
        data={"csrf_token": c.token, "username": "alice", "password": "nope", "next": "/diary"},
    )
    assert r.status_code == 401 and "Wrong username or password" in r.text
    r = c.post(
        "/login",
        data={
            "csrf_token": c.token,
            "username": "alice",
            "password": PASSWORD,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    for evil in ("/\\evil.example/", "https://evil.example/", "/ok\r\nSet-Cookie: x=1"):
        c.refresh()  # each login starts a new session, and the CSRF token follows it
        r = c.post(
            "/login",
            data={"csrf_token": c.token, "username": "alice", "password": PASSWORD, "next": evil},
            follow_redirects=False,
        )
        assert r.headers["location"] == "/", evil
    assert c.get("/diary").status_code == 200


def test_login_rate_limit(multi_app: Any) -> None:
    registered(multi_app, "alice")
    c = client(multi_app)
    bad = {"username": "alice", "password": "wrong password"}
    codes = [c.post("/api/login", json=bad).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    r = c.post("/api/login", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert r.json()["ok"] is False and "Too many failed logins" in r.json()["error"]


def test_csrf_token_is_bound_to_the_session(multi_app: Any) -> None:
    a = registered(multi_app, "alice")
    b = registered(multi_app, "bob")
    r = a.post("/api/diary", json=ENTRY, headers={"X-CSRF-Token": b.token})
    assert r.status_code == 403
    assert a.post("/api/diary", json=ENTRY).status_code == 201


def _routes(app: Any) -> list[tuple[str, str]]:
    from vitk.web.api import router as api_router
    from vitk.web.pages import router as page_router

    out = []
    for route in [*api_router.routes, *page_router.routes]:
        methods = getattr(route, "methods", None) or set()
        for m in sorted(methods - {"HEAD", "OPTIONS"}):
            out.append((m, route.path))
    return out


def test_anonymous_gets_401_from_every_private_api_route(multi_app: Any) -> None:
    c = client(multi_app)
    checked = 0
    for method, path in _routes(multi_app):
        if not path.startswith("/api") or path in PUBLIC_API:
            continue
        url = path.replace("{entry_id}", "1").replace("{food_id}", "natto")
        kwargs: dict[str, Any] = {}
        if method in ("POST", "PUT"):
            kwargs = (
                {"files": {"file": ("d.csv", b"", "text/csv")}}
                if path == "/api/import"
                else {"json": ENTRY if "diary" in path else {"age": 40, "sex": "female"}}
            )
        r = c.request(method, url, **kwargs)
        assert r.status_code == 401, (method, path, r.status_code, r.text)
        checked += 1
    assert checked >= 14


def test_user_a_can_never_read_or_change_user_b_data(multi_app: Any) -> None:
    a = registered(multi_app, "alice")
    b = registered(multi_app, "bob")
    assert (
        a.put(
            "/api/profile",
            json={"age": 70, "sex": "female", "medications": ["warfarin"], "name": "Alice Secret"},
        ).status_code
        == 200
    )
    secret_entry = {**ENTRY, "amount": "37.5 g"}
    eid = a.post("/api/diary", json=secret_entry).json()["entry"]["entry_id"]
    a_before = a.get("/api/export").json()
    # Every route that takes an entry id, with every method, as B.
    checked = 0
    for method, path in _routes(multi_app):
        if "{entry_id}" not in path:
            continue
        url = path.replace("{entry_id}", str(eid))
        kwargs: dict[str, Any] = {}
        if method == "PUT":
            kwargs = {"json": {**ENTRY, "item": "gouda"}}
        elif method == "POST":
            kwargs = {"data": {"csrf_token": b.token, **ENTRY, "item": "gouda"}}
        r = b.request(method, url, **kwargs)
        assert r.status_code == 404, (method, path, r.status_code)
        checked += 1
    assert checked >= 6
    # Every read B can make shows none of A's data.
    for url in (
        "/api/diary",
        "/api/diary?date=2026-11-20",
        "/api/export",
        "/api/export.csv",
        "/api/dashboard",
        "/api/dashboard?date=2026-11-20",
        "/api/profile",
        "/diary?date=2026-11-20",
        "/dashboard",
        "/data/export.json",
        "/data/export.csv",
        "/profile",
        "/report",
        "/data",
    ):
        text = b.get(url).text
        assert "Alice Secret" not in text and "37.5 g" not in text, url
    assert b.get("/api/report").status_code == 409
    # B's bulk writes touch only B.
    assert b.delete("/api/data").status_code == 200
    b.post("/data/delete", data={"csrf_token": b.token, "confirm": "DELETE"})
    b.put("/api/profile", json={"age": 30, "sex": "male"})
    b.post(
        "/api/import",
        files={
            "file": ("d.csv", b"date,kind,item,amount\n2026-11-20,food,gouda,30 g\n", "text/csv")
        },
    )
    a_after = a.get("/api/export").json()
    assert a_after["diary"] == a_before["diary"]
    assert a_after["profile"] == a_before["profile"]
    assert [e["item"] for e in b.get("/api/diary").json()["entries"]] == ["gouda"]


def test_session_cookie_of_a_deleted_session_is_useless(multi_app: Any) -> None:
    a = registered(multi_app, "alice")
    stolen = a.client.cookies.get("vitk_session")
    a.post("/api/logout")
    c = client(multi_app)
    c.client.cookies.set("vitk_session", stolen, domain="testserver")
    assert c.get("/api/diary").status_code == 401


def test_delete_account_removes_everything(multi_app: Any) -> None:
    a = registered(multi_app, "alice")
    a.put("/api/profile", json={"age": 50, "sex": "female"})
    a.post("/api/diary", json=ENTRY)
    r = a.delete("/api/data?account=true")
    assert r.json() == {"ok": True, "deleted": 2, "account_deleted": True}
    assert multi_app.state.vitk.repo.find_user("alice") is None
    assert a.get("/api/diary").status_code == 401
    c = registered(multi_app, "carol")
    r = c.post(
        "/data/delete",
        data={"csrf_token": c.token, "confirm": "DELETE", "account": "on"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/register"
    assert multi_app.state.vitk.repo.find_user("carol") is None
