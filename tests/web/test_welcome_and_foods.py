"""A first visit gets a welcome with an example to explore; Foods shows every form."""

from __future__ import annotations

import re

from tests.web.conftest import Api


def test_first_visit_profile_page_says_what_vitk_is_and_offers_the_example(api: Api) -> None:
    page = api.get("/profile").text
    assert 'id="welcome"' in page and "vitamin K by form" in page
    assert 'action="/welcome/example"' in page
    assert api.get("/welcome").status_code == 200


def test_loading_the_example_fills_profile_diary_and_dashboard(api: Api) -> None:
    from vitk.examples import example_diary_rows, example_profile

    assert api.get("/api/welcome").json()["example_available"] is True
    r = api.post("/api/example")
    assert r.status_code == 201
    assert r.json()["added"] == len(example_diary_rows()) > 0
    assert api.get("/api/profile").json()["profile"] == example_profile()
    dash = api.get("/api/dashboard").json()
    assert dash["has_entries"] and dash["has_profile"] and dash["anticoagulated"]
    # The welcome leaves the profile page once there is data.
    assert 'id="welcome"' not in api.get("/profile").text


def test_example_never_mixes_with_stored_data(api: Api) -> None:
    api.post(
        "/api/diary", json={"date": "2026-11-20", "kind": "food", "item": "natto", "amount": "40 g"}
    )
    r = api.post("/api/example")
    assert r.status_code == 409 and r.json()["ok"] is False
    assert len(api.get("/api/diary").json()["entries"]) == 1
    assert api.get("/api/profile").json()["profile"] is None
    token = api.refresh()
    page = api.post("/welcome/example", data={"csrf_token": token}, follow_redirects=False)
    assert page.status_code == 409


def test_example_needs_the_csrf_token(api: Api) -> None:
    del api.client.headers["X-CSRF-Token"]
    assert api.post("/api/example").status_code == 403
    assert api.get("/api/profile").json()["profile"] is None


def test_foods_is_in_the_navigation_and_has_no_cli_hints(api: Api) -> None:
    page = api.get("/foods?q=gouda").text
    assert re.search(r'<nav>.*href="/foods".*</nav>', page, flags=re.S)
    assert "vitk " not in page.replace("vitk</a>", "").replace("· vitk", "")
    assert "<code>" not in page


def test_food_page_shows_every_form_with_its_source(api: Api) -> None:
    from vitk.nutrients import NUTRIENTS

    search = api.get("/foods?q=natto").text
    link = re.findall(r'href="(/foods/[^"]+)"', search)[0]
    page = api.get(link).text
    food_id = link.rsplit("/", 1)[1]
    detail = api.get(f"/api/foods/{food_id}/detail").json()["food"]
    assert detail["food_id"] == food_id
    for code, v in detail["nutrients"].items():
        assert f'data-nutrient="{code}"' in page
        for key in v.get("source_keys") or ():
            assert key in page
    # Every form the registry knows appears, measured or not.
    assert set(detail["nutrients"]) == set(NUTRIENTS)
    assert all(f'data-nutrient="{code}"' in page for code in NUTRIENTS)
    assert "not measured" in page or all(
        v["status"] != "not_measured" for v in detail["nutrients"].values()
    )
    for ref in detail["references"]:
        assert ref.split("]")[0].lstrip("[") in page  # full citations listed


def test_food_page_takes_a_name_and_unknown_food_is_404(api: Api) -> None:
    r = api.get("/api/foods/gouda/detail")
    assert r.status_code == 200 and r.json()["matched"] is not None
    missing = api.get("/api/foods/xqzzyq-nothing/detail")
    assert missing.status_code == 404 and missing.json()["ok"] is False
    assert api.get("/foods/xqzzyq-nothing").status_code == 404
