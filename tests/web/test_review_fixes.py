"""Fixes from the web review: dates at the calendar's ends, food-value sources, CSV
formula injection, one error item shape, the Host check's JSON, case-insensitive
usernames and login throttling per account and per address."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Api, sqlite_url
from tests.web.test_single_user import add, assert_error_shape, field_errors, form

PASSWORD = "correct horse battery"


# -- 2. dates at the ends of the calendar ---------------------------------------------------
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "9999-12-30", "0001-01-02"])
def test_day_view_at_the_ends_of_the_calendar_is_not_a_server_error(api: Api, day: str) -> None:
    add(api, "natto", "40 g")
    r = api.get(f"/diary?date={day}")
    assert r.status_code == 200
    assert f'<strong id="day">{day}</strong>' in r.text
    links = re.findall(r'href="/diary\?date=([^"]+)" rel="(prev|next)"', r.text)
    # Only the links that exist on the calendar are shown.
    expected = {
        "9999-12-31": [("9999-12-30", "prev")],
        "0001-01-01": [("0001-01-02", "next")],
        "9999-12-30": [("9999-12-29", "prev"), ("9999-12-31", "next")],
        "0001-01-02": [("0001-01-01", "prev"), ("0001-01-03", "next")],
    }[day]
    assert links == expected


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "99999-01-01", "2026-02-30", "x"])
def test_no_date_query_parameter_gives_a_server_error(api: Api, day: str) -> None:
    add(api, "natto", "40 g")
    for url in ("/diary", "/dashboard", "/api/dashboard", "/api/diary"):
        r = api.get(f"{url}?date={day}")
        assert r.status_code in (200, 422), (url, day, r.status_code)
        if url.startswith("/api") and r.status_code == 422:
            assert_error_shape(r, 422)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_add_form_shows_the_date_range_error_at_the_date_field(api: Api, day: str) -> None:
    r = api.post("/diary", data=form(api, date=day, kind="food", item="natto", amount="40 g"))
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert set(errs) == {"date"} and day in errs["date"] and "\n" not in errs["date"]
    assert 'id="date" name="date" type="date" value="' + day + '"' in r.text
    body = assert_error_shape(
        add(api, "natto", "40 g", date=day), 422
    )  # the JSON twin says the same
    assert day in body["error"]
    assert api.get("/api/diary").json()["entries"] == []


# -- 1. deleting data drops what the caches derived from it ---------------------------------
def test_deleting_data_purges_the_caches(api: Api) -> None:
    st = api.client.app.state.vitk
    uid = st.local_user().user_id
    add(api, "natto", "85 g")
    assert api.get("/api/dashboard?date=2026-11-20").json()["day"]["mk7_ug"] > 800
    api.get("/dashboard?date=2026-11-20")
    assert any(k[1] == uid for k in st.dashboards._data) and len(st.cache) > 0
    r = api.post("/data/delete", data=form(api, confirm="DELETE"), follow_redirects=False)
    assert r.status_code == 303
    assert not any(k[1] == uid for k in st.dashboards._data) and len(st.cache) == 0
    add(api, "natto", "85 g")
    api.get("/api/dashboard")
    assert api.delete("/api/data").status_code == 200
    assert not any(k[1] == uid for k in st.dashboards._data) and len(st.cache) == 0
    assert api.get("/api/dashboard?date=2026-11-20").json()["has_entries"] is False


# -- 3. food search numbers carry their sources ---------------------------------------------
def test_food_search_gives_source_keys_and_lower_bounds(api: Api) -> None:
    from vitk.references import get

    hits = api.get("/api/foods/search?q=gouda").json()["hits"]
    gouda = next(h for h in hits if h["food_id"] == "gouda-aged-nl")
    assert gouda["k2_ug_per_100g"] == pytest.approx(72.9)
    assert gouda["source_keys"] == ["Vermeer2018"] and gouda["k2_status"] == "measured"
    assert gouda["k2_lower_bound"] is False
    natto = next(h for h in api.get("/api/foods/search?q=natto").json()["hits"])
    assert natto["k2_status"] == "partial" and natto["k2_lower_bound"] is True
    for q in ("gouda", "natto", "kale", "chicken", "egg"):
        for h in api.get(f"/api/foods/search?q={q}&limit=20").json()["hits"]:
            if h["k2_ug_per_100g"] is None:
                assert h["source_keys"] == [] and h["k2_status"] is None
            else:
                assert h["source_keys"], h
                for key in h["source_keys"]:
                    get(key)  # resolves to a full citation (KeyError otherwise)
    page = api.get("/foods?q=gouda").text
    row = re.search(r'<tr data-food="gouda-aged-nl">(.*?)</tr>', page)
    assert row is not None and "72.9" in row.group(1) and "Vermeer2018" in row.group(1)
    row = re.search(r'<tr data-food="natto">(.*?)</tr>', api.get("/foods?q=natto").text)
    assert row is not None and "≥</abbr>1000.0" in row.group(1)
    assert "Tsukamoto2000" in row.group(1)


def test_typeahead_label_shows_sources_and_lower_bound() -> None:
    from tests.web.conftest import REPO

    js = (REPO / "src/vitk/web/static/typeahead.js").read_text()
    assert "hit.source_keys" in js and "hit.k2_lower_bound" in js


# -- 5. CSV formula injection ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=natto", "'=natto"),
        ("+natto", "'+natto"),
        ("-natto", "'-natto"),
        ("@natto", "'@natto"),
        ("\tnatto", "'\tnatto"),
        ("\rnatto", "'\rnatto"),
        ("natto", "natto"),
        ("natto =1+1", "natto =1+1"),
        ("'=natto", "'=natto"),
    ],
)
def test_csv_cell_escapes_formulas(cell: str, shown: str) -> None:
    from vitk.web.views import csv_cell

    assert csv_cell(cell) == shown


def test_csv_export_escapes_formulas_and_imports_back_unchanged(api: Api) -> None:
    data = (
        b"date,kind,item,amount\n"
        b"2026-11-22,food,=natto,40 g\n"
        b"2026-11-22,food,@natto,30 g\n"
        b"2026-11-22,food,+natto,20 g\n"
        b"2026-11-22,food,natto,10 g\n"
    )
    r = api.post("/api/import", files={"file": ("d.csv", data, "text/csv")})
    assert r.status_code == 201, r.text
    exported = api.get("/api/export.csv").text
    rows = list(csv.reader(io.StringIO(exported)))
    assert [r[2] for r in rows[1:]] == ["'=natto", "'@natto", "'+natto", "natto"]
    for line in exported.splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), line
    assert api.get("/data/export.csv").text == exported
    # Importing the export gives the same diary again.
    before = [(e["item"], e["amount"]) for e in api.get("/api/diary").json()["entries"]]
    api.delete("/api/data")
    r = api.post("/api/import", files={"file": ("d.csv", exported.encode(), "text/csv")})
    assert r.status_code == 201, r.text
    after = [(e["item"], e["amount"]) for e in api.get("/api/diary").json()["entries"]]
    assert after == before


def test_import_with_several_bad_rows_is_one_line_and_lists_each(api: Api) -> None:
    data = (
        b"date,kind,item,amount\n2026-11-01,food,natto,40 g\n2999-01-01,food,natto,40 g\n"
        b"3000-01-01,food,natto,4 g\n"
    )
    body = assert_error_shape(api.post("/api/import", files={"file": ("d.csv", data)}), 422)
    assert "2999-01-01" in body["error"] and "1 more bad row" in body["error"]
    assert [e["msg"][:6] for e in body["errors"]] == ["row 2:", "row 3:"]
    r = api.post("/data/import", data=form(api), files={"file": ("d.csv", data)})
    assert r.status_code == 422 and 'id="data-problems"' in r.text
    assert api.get("/api/diary").json()["entries"] == []


# -- 6. one error shape ----------------------------------------------------------------------
def _items_have_one_shape(body: dict[str, Any]) -> None:
    for item in body["errors"]:
        assert {"field", "msg"} <= set(item), item
        assert item["field"] is None or isinstance(item["field"], str)
        assert isinstance(item["msg"], str) and item["msg"] and "\n" not in item["msg"]


def test_every_error_item_has_field_and_msg(api: Api) -> None:
    cases = [
        (api.post("/api/diary", json={"date": "x", "kind": "food"}), 422),  # validation
        (api.put("/api/profile", json={"age": "abc", "sex": "female"}), 422),  # field errors
        (add(api, "xqzzyq", "40 g"), 422),  # library error
        (api.get("/api/diary/424242"), 404),  # not found
        (api.get("/api/report"), 409),  # HTTPProblem
        (api.get("/api/nope"), 404),  # routing
        (api.post("/api/diary", json={}, headers={"X-CSRF-Token": "bad"}), 403),
    ]
    for resp, status in cases:
        _items_have_one_shape(assert_error_shape(resp, status))
    body = cases[0][0].json()
    assert {e["field"] for e in body["errors"]} >= {"date", "item", "amount"}
    assert all("loc" in e for e in body["errors"])  # kept for older clients
    assert body["errors"][0]["loc"][0] == "body"
    assert cases[1][0].json()["errors"][0]["field"] == "age"
    assert cases[2][0].json()["errors"][0]["field"] is None


def test_truncated_json_body_says_so(api: Api) -> None:
    text = '{"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40'
    r = api.post("/api/diary", content=text, headers={"content-type": "application/json"})
    body = assert_error_shape(r, 422)
    m = re.match(r"request body is not valid JSON \(at character (\d+)\): (.+)\.$", body["error"])
    assert m is not None, body["error"]
    assert (
        text.index('"40') == int(m.group(1)) and m.group(2) == "unterminated string starting there"
    )
    r = api.post("/api/diary", content="{", headers={"content-type": "application/json"})
    assert assert_error_shape(r, 422)["error"].startswith(
        "request body is not valid JSON (at character 1)"
    )
    assert "Invalid field" not in body["error"]
    assert body["errors"][0]["field"] is None
    _items_have_one_shape(body)


def test_bad_host_header_gets_the_json_error_shape_on_api(api: Api) -> None:
    r = api.get("/api/health", headers={"host": "evil.example"})
    body = assert_error_shape(r, 400)
    assert "evil.example" in body["error"] and "127.0.0.1" in body["error"]
    _items_have_one_shape(body)
    page = api.get("/diary", headers={"host": "evil.example"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "evil.example" in page.text and "<script" not in page.text
    evil = api.get("/api/health", headers={"host": "<script>x</script>"})
    assert (
        evil.status_code == 400
        and "<script>" not in api.get("/diary", headers={"host": "<script>x</script>"}).text
    )
    assert api.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200


# -- 4. accounts: case-insensitive usernames, throttling per account and per address ---------
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
