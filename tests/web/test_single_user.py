"""Single-user app through the in-process client: pages, JSON twins, errors, CSRF."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.web.conftest import Api

WARFARIN_PROFILE = {
    "age": 67,
    "sex": "male",
    "medications": ["warfarin 5 mg"],
    "supplements": {"vitamin_d": "1000 IU"},
}


def field_errors(html: str) -> dict[str, str]:
    import html as h

    return {
        k: h.unescape(v)
        for k, v in re.findall(r'class="field-error" id="err-([^"]+)">([^<]+)', html)
    }


def form(api: Api, **fields: str) -> dict[str, str]:
    return {"csrf_token": api.token, **fields}


def add(api: Api, item: str, amount: str, date: str = "2026-11-20", kind: str = "food") -> Any:
    return api.post("/api/diary", json={"date": date, "kind": kind, "item": item, "amount": amount})


def assert_error_shape(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert "\n" not in body["error"] and "Traceback" not in body["error"]
    assert isinstance(body["errors"], list) and body["errors"]
    return body


def test_home_sends_new_user_to_profile(api: Api) -> None:
    r = api.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/profile"


def test_profile_form_shows_errors_at_the_field_and_keeps_input(api: Api) -> None:
    r = api.post(
        "/profile",
        data=form(api, age="abc", sex="female", vitamin_d="1000", medications="warfarin"),
    )
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert set(errs) == {"age", "vitamin_d"}
    assert errs["age"] == "Must be a number; got 'abc'."
    assert "needs a unit" in errs["vitamin_d"]
    assert 'value="abc"' in r.text and "warfarin</textarea>" in r.text
    assert api.get("/api/profile").json()["profile"] is None


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"age": "", "sex": "female"}, "age", "required"),
        ({"age": "40", "sex": ""}, "sex", "required"),
        ({"age": "40", "sex": "male", "pregnant": "on"}, "pregnant", "contradictory"),
        ({"age": "40", "sex": "female", "vitamin_k": "MK-9 100 ug"}, "vitamin_k", "MK-9"),
        ({"age": "40", "sex": "female", "calcium": "500 parsecs"}, "calcium", "parsecs"),
        ({"age": "40", "sex": "female", "inr_target": "3-2"}, "inr_target", "low < high"),
        ({"age": "200", "sex": "female"}, "age", "120"),
    ],
)
def test_profile_field_messages(
    api: Api, fields: dict[str, str], field: str, fragment: str
) -> None:
    r = api.post("/profile", data=form(api, **fields))
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert field in errs, errs
    assert fragment in errs[field]


def test_profile_round_trip_form_and_json(api: Api) -> None:
    r = api.post(
        "/profile",
        data=form(
            api,
            name="Ann",
            age="62",
            sex="female",
            medications="warfarin 5 mg\natorvastatin",
            vitamin_k="MK-7 90 ug",
            vitamin_d="1000 IU",
            inr="2.5",
            inr_target="2.0-3.0",
            osteopenia="on",
            diet_pattern="vegetarian",
            dairy_free="on",
        ),
        follow_redirects=False,
    )
    assert r.status_code == 303
    stored = api.get("/api/profile").json()["profile"]
    assert stored["medications"] == ["warfarin 5 mg", "atorvastatin"]
    assert stored["supplements"] == {"vitamin_k": ["MK-7 90 ug"], "vitamin_d": "1000 IU"}
    assert stored["conditions"] == {"osteopenia": True}
    assert stored["diet"] == {"pattern": "vegetarian", "dairy_free": True}
    page = api.get("/profile").text
    assert 'value="62"' in page and "MK-7 90 ug" in page
    assert re.search(r'id="osteopenia" checked', page)


def test_profile_api_put_validates(api: Api) -> None:
    body = assert_error_shape(api.put("/api/profile", json={"age": -3, "sex": "female"}), 422)
    assert body["errors"][0]["field"] == "age"
    assert api.put("/api/profile", json=WARFARIN_PROFILE).json()["ok"] is True
    assert api.get("/api/profile").json()["profile"] == WARFARIN_PROFILE
    # A bad update keeps the stored profile.
    assert_error_shape(api.put("/api/profile", json={"age": 40, "sex": "x"}), 422)
    assert api.get("/api/profile").json()["profile"] == WARFARIN_PROFILE


def test_diary_form_add_edit_delete_without_javascript(api: Api) -> None:
    r = api.post(
        "/diary",
        data=form(api, date="2026-11-20", kind="food", item="natto", amount="40 g"),
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"].startswith("/diary?date=2026-11-20&added=Natto")
    day = api.get("/diary?date=2026-11-20").text
    assert "Natto (fermented soybeans), 40 g" in day
    (entry_id,) = re.findall(r'data-entry="(\d+)"', day)
    r = api.post(
        f"/diary/{entry_id}/edit",
        data=form(api, date="2026-11-21", kind="food", item="gouda", amount="1 oz"),
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert api.get(f"/api/diary/{entry_id}").json()["entry"] == {
        "entry_id": int(entry_id),
        "date": "2026-11-21",
        "kind": "food",
        "item": "gouda",
        "amount": "1 oz",
    }
    bad = api.post(
        f"/diary/{entry_id}/edit",
        data=form(api, date="2026-11-21", kind="food", item="gouda", amount="3 parsecs"),
    )
    assert bad.status_code == 422 and "parsecs" in field_errors(bad.text)["amount"]
    assert api.get(f"/api/diary/{entry_id}").json()["entry"]["amount"] == "1 oz"
    r = api.post(f"/diary/{entry_id}/delete", data=form(api), follow_redirects=False)
    assert r.status_code == 303
    assert api.get("/api/diary").json()["entries"] == []


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"item": "natto", "amount": "40 parsecs"}, "amount", "parsecs"),
        ({"item": "natto", "amount": "40"}, "amount", "no unit"),
        ({"item": "natto", "amount": "9 kg"}, "amount", "most one row"),
        ({"item": "MK-9", "amount": "90 ug", "kind": "supplement"}, "item", "unknown supplement"),
        ({"item": "natto", "amount": "40 g", "date": "2026-02-30"}, "date", "YYYY-MM-DD"),
    ],
)
def test_diary_form_errors_at_the_field(
    api: Api, fields: dict[str, str], field: str, fragment: str
) -> None:
    data = {"date": "2026-11-20", "kind": "food", **fields}
    r = api.post("/diary", data=form(api, **data))
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert field in errs and fragment in errs[field], errs
    assert api.get("/api/diary").json()["entries"] == []


def test_diary_api_crud_and_error_shape(api: Api) -> None:
    r = add(api, "natto", "40 g")
    assert r.status_code == 201
    body = r.json()
    assert body["match"]["food_name"].startswith("Natto")
    eid = body["entry"]["entry_id"]
    assert add(api, "MK-7", "90 mcg", kind="supplement").status_code == 201
    assert len(api.get("/api/diary?date=2026-11-20").json()["entries"]) == 2
    assert (
        api.put(
            f"/api/diary/{eid}",
            json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "1 cup"},
        ).status_code
        == 200
    )
    assert_error_shape(
        api.put(
            f"/api/diary/{eid}",
            json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "-1 g"},
        ),
        422,
    )
    assert api.get(f"/api/diary/{eid}").json()["entry"]["amount"] == "1 cup"
    assert_error_shape(add(api, "xqzzy", "40 g"), 422)
    assert_error_shape(api.post("/api/diary", json={"date": "x"}), 422)
    assert_error_shape(
        api.post("/api/diary", content=b"{not json", headers={"content-type": "application/json"}),
        422,
    )
    assert_error_shape(api.get("/api/diary/999999"), 404)
    assert_error_shape(api.delete("/api/diary/999999"), 404)
    assert api.delete(f"/api/diary/{eid}").json() == {"ok": True, "deleted": eid}
    assert len(api.get("/api/diary").json()["entries"]) == 1


def test_food_search_json_and_no_js_page(api: Api) -> None:
    hits = api.get("/api/foods/search?q=nato").json()["hits"]
    assert hits[0]["name"].startswith("Natto")
    assert hits[0]["k2_ug_per_100g"] > 100
    assert api.get("/api/foods/search?q=").json()["hits"] == []
    assert "Natto" in api.get("/foods?q=natto").text
    food = api.get(f"/api/foods/{hits[0]['food_id']}").json()["food"]
    assert food["food_id"] == hits[0]["food_id"]
    assert_error_shape(api.get("/api/foods/no-such-food"), 404)


def test_dashboard_shows_k2_by_form_with_targets(api: Api) -> None:
    api.put("/api/profile", json={"age": 40, "sex": "female"})
    add(api, "natto", "40 g")
    add(api, "gouda", "30 g")
    add(api, "broccoli boiled", "1/2 cup", date="2026-11-21")
    d = api.get("/api/dashboard?date=2026-11-20").json()
    assert d["ok"] and d["date"] == "2026-11-20"
    assert d["day"]["mk7_ug"] > 100 and d["day"]["k2_total_ug"] >= d["day"]["mk7_ug"]
    assert d["targets"]["vitamin_k_us"]["value"] == 90.0
    assert d["rolling_7d"]["n_days"] == 1
    assert d["anticoagulated"] is False and d["consistency"]["n_days"] == 2
    latest = api.get("/api/dashboard").json()
    assert latest["date"] == "2026-11-21" and latest["rolling_7d"]["n_days"] == 2
    assert latest["coverage_warning"] and "lower bounds" in latest["coverage_warning"]
    page = api.get("/dashboard?date=2026-11-20").text
    assert 'id="chart-day"' in page and "<svg" in page
    assert 'id="coverage-warning"' in page
    assert 'id="chart-consistency"' not in page  # only for anticoagulated users
    k2_cell = r'data-form="k2_total_ug"><th scope="row">K2 total</th><td>'
    row = re.search(k2_cell + r'(?:<span title="lower bound">≥</span>)?([\d.]+)', page)
    assert row and float(row.group(1)) == pytest.approx(d["day"]["k2_total_ug"], abs=0.05)


def test_dashboard_consistency_band_for_vka_users(api: Api) -> None:
    api.put("/api/profile", json=WARFARIN_PROFILE)
    add(api, "natto", "40 g")
    add(api, "spinach raw", "1 cup", date="2026-11-21")
    d = api.get("/api/dashboard").json()
    assert d["anticoagulated"] is True
    c = d["consistency"]
    assert c["band_low_ug"] < c["mean_ug"] < c["band_high_ug"]
    assert [s["date"] for s in c["series"]] == ["2026-11-20", "2026-11-21"]
    assert 'id="chart-consistency"' in api.get("/dashboard").text


def test_empty_dashboard_and_report_without_profile(api: Api) -> None:
    d = api.get("/api/dashboard").json()
    assert d["has_entries"] is False and d["day"]["k_total_ug"] == 0
    assert "No diary entries yet" in api.get("/dashboard").text
    assert_error_shape(api.get("/api/report"), 409)
    assert "fill it in" in api.get("/report").text


def test_report_warns_vka_users_and_is_printable(api: Api) -> None:
    api.put("/api/profile", json=WARFARIN_PROFILE)
    add(api, "natto", "40 g")
    rep = api.get("/api/report").json()["report"]
    assert "vka" in {s["category"] for s in rep["safety"]}
    assert "Not medical advice" in rep["disclaimer"]
    page = api.get("/report").text
    assert 'data-category="vka"' in page and "warfarin" in page
    printable = api.get("/report/print")
    assert (
        printable.status_code == 200 and "<html" in printable.text and "warfarin" in printable.text
    )


def test_simulator_page_and_json(api: Api) -> None:
    page = api.get("/simulator")
    assert page.status_code == 200 and "not medical advice" in page.text
    assert "illustration, not dosing advice" in page.text
    r = api.get(
        "/simulator?run=true&forms=MK-7&forms=K1&dose_MK-7=180&dose_K1=1000&every=24h&days=14"
        "&inr=true"
    )
    assert r.status_code == 200
    assert r.text.count("<svg") == 3
    assert "K1, 1000.0 µg per intake" in r.text and "MK-7, 180.0 µg per intake" in r.text
    assert 'id="inr-disclaimer"' in r.text
    j = api.get("/api/simulate?forms=MK-7&dose_ug=180&every=24h&days=14").json()
    assert j["pk"]["MK-7"]["summary"]["cmax_nmol_per_l"] > 0
    assert j["inr"] is None and j["disclaimer"].endswith("not medical advice.")
    assert j["pk"]["MK-7"]["disclaimer"].endswith("not medical advice.")
    j = api.get("/api/simulate?forms=K1&dose_ug=100&days=7&inr=true").json()
    assert j["inr"]["disclaimer"].startswith("Illustration, not dosing advice")
    assert "anticoagulation clinic" in j["inr"]["disclaimer"]
    j = api.get("/api/simulate?forms=MK-7&forms=K1&dose_ug=90&dose_ug=1000&days=7").json()
    assert j["dose_ug"] == {"MK-7": 90.0, "K1": 1000.0}
    big = api.get("/api/simulate?forms=K1&dose_ug=1000&days=7").json()["pk"]["K1"]["summary"]
    small = api.get("/api/simulate?forms=K1&dose_ug=100&days=7").json()["pk"]["K1"]["summary"]
    assert big["cmax_nmol_per_l"] > 4 * small["cmax_nmol_per_l"]  # (K1 has a baseline)
    assert_error_shape(
        api.get("/api/simulate?forms=MK-7&forms=K1&dose_ug=1&dose_ug=2&dose_ug=3"), 422
    )
    none = api.get("/simulator?run=true&days=14")
    assert none.status_code == 422 and "Choose at least one form" in none.text
    bad = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=abc&days=14")
    assert bad.status_code == 422 and 'id="sim-error"' in bad.text
    bad = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=100&every=fortnightly&days=14")
    assert bad.status_code == 422 and "fortnightly" in bad.text
    assert_error_shape(api.get("/api/simulate?forms=MK-9"), 422)
    assert_error_shape(api.get("/api/simulate?days=1000"), 422)
    assert_error_shape(api.get("/api/simulate?every=sometimes"), 422)


def test_export_import_delete(api: Api) -> None:
    api.put("/api/profile", json=WARFARIN_PROFILE)
    add(api, "natto", "40 g")
    add(api, "MK-7", "90 mcg", kind="supplement")
    exported = api.get("/api/export").json()
    assert exported["profile"] == WARFARIN_PROFILE and len(exported["diary"]) == 2
    assert api.get("/data/export.json").json()["diary"] == exported["diary"]
    csv_text = api.get("/api/export.csv").text
    assert csv_text.splitlines()[0] == "date,kind,item,amount"
    assert api.get("/data/export.csv").text == csv_text
    # Import the export again: all rows added.
    r = api.post("/api/import", files={"file": ("d.csv", csv_text.encode(), "text/csv")})
    assert r.status_code == 201 and r.json()["added"] == 2
    # One bad row: nothing imported, one-line error.
    bad = csv_text + "2026-11-22,food,xqzzy,40 g\n"
    body = assert_error_shape(
        api.post("/api/import", files={"file": ("d.csv", bad.encode(), "text/csv")}), 422
    )
    assert "xqzzy" in body["error"]
    assert_error_shape(
        api.post("/api/import", files={"file": ("d.csv", b"a,b\n1,2\n", "text/csv")}), 422
    )
    assert len(api.get("/api/diary").json()["entries"]) == 4
    # The HTML form does the same.
    r = api.post(
        "/data/import", data=form(api), files={"file": ("d.csv", bad.encode(), "text/csv")}
    )
    assert r.status_code == 422 and "Nothing imported" in r.text
    r = api.post(
        "/data/import",
        data=form(api),
        files={"file": ("d.csv", csv_text.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert len(api.get("/api/diary").json()["entries"]) == 6
    # Delete needs confirmation.
    assert api.post("/data/delete", data=form(api, confirm="yes")).status_code == 422
    assert len(api.get("/api/diary").json()["entries"]) == 6
    r = api.post("/data/delete", data=form(api, confirm="DELETE"), follow_redirects=False)
    assert r.status_code == 303
    assert api.get("/api/export").json()["diary"] == []
    assert api.get("/api/profile").json()["profile"] is None
    api.put("/api/profile", json=WARFARIN_PROFILE)
    assert_error_shape(api.delete("/api/data?account=true"), 422)
    assert api.delete("/api/data").json() == {"ok": True, "deleted": 1, "account_deleted": False}


def test_every_page_has_a_json_twin(api: Api) -> None:
    api.put("/api/profile", json=WARFARIN_PROFILE)
    add(api, "natto", "40 g")
    twins = {
        "/profile": "/api/profile",
        "/diary?date=2026-11-20": "/api/diary?date=2026-11-20",
        "/dashboard": "/api/dashboard",
        "/report": "/api/report",
        "/simulator?run=true&forms=MK-7": "/api/simulate",
        "/data": "/api/export",
        "/foods?q=natto": "/api/foods/search?q=natto",
    }
    for page, twin in twins.items():
        p, j = api.get(page), api.get(twin)
        assert p.status_code == 200 and p.headers["content-type"].startswith("text/html"), page
        assert j.status_code == 200 and j.json()["ok"] is True, twin
    schema = api.get("/api/openapi.json").json()
    for twin in twins.values():
        assert twin.split("?")[0] in schema["paths"]


def test_writes_need_the_csrf_token(api: Api) -> None:
    del api.client.headers["X-CSRF-Token"]
    assert_error_shape(add(api, "natto", "40 g"), 403)
    assert_error_shape(
        add(api, "natto", "40 g")
        if False
        else api.post(
            "/api/diary",
            json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "4 g"},
            headers={"X-CSRF-Token": "0" * 64},
        ),
        403,
    )
    r = api.post(
        "/diary", data={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40 g"}
    )
    assert r.status_code == 403 and "CSRF" in r.text
    assert api.delete("/api/data").status_code == 403
    assert api.get("/api/diary").json()["entries"] == []


def test_cross_origin_writes_are_refused(api: Api) -> None:
    r = add_with(api, {"Origin": "http://evil.example"})
    assert_error_shape(r, 403)
    assert add_with(api, {"Origin": "http://testserver"}).status_code == 201


def add_with(api: Api, headers: dict[str, str]) -> Any:
    return api.post(
        "/api/diary",
        headers=headers,
        json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "4 g"},
    )


def test_single_user_mode_only_answers_loopback_host_names(api: Api) -> None:
    r = api.get("/api/health", headers={"host": "attacker.example"})
    assert r.status_code == 400
    assert api.get("/api/health", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert api.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
    assert api.get("/api/health", headers={"host": "[::1]:8000"}).status_code == 200
    assert api.get("/api/health", headers={"host": "[::2]:8000"}).status_code == 400


def test_security_headers_and_no_outside_resources(api: Api) -> None:
    r = api.get("/dashboard")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    for page in ("/profile", "/diary", "/dashboard", "/simulator", "/data", "/report"):
        html = api.get(page).text
        urls = re.findall(r'(?:src|href|action)="([^"]+)"', html)
        assert all(u.startswith(("/", "#")) for u in urls), (page, urls)


def test_unknown_routes_and_methods_use_the_error_shape(api: Api) -> None:
    assert_error_shape(api.get("/api/nope"), 404)
    assert_error_shape(api.patch("/api/diary"), 405)
    r = api.get("/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert api.get("/login", follow_redirects=False).status_code == 303
    assert_error_shape(api.post("/api/login", json={"username": "a", "password": "b"}), 404)


def test_csrf_tokens_survive_a_restart(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient
    from tests.web.conftest import sqlite_url

    from vitk.web import create_app

    url = sqlite_url(tmp_path, "restart.sqlite")
    first = Api(TestClient(create_app(url)))
    second = TestClient(create_app(url), cookies=dict(first.client.cookies))
    r = second.post(
        "/api/diary",
        headers={"X-CSRF-Token": first.token},
        json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "4 g"},
    )
    assert r.status_code == 201
