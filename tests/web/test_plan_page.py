"""The Plan page and its JSON twin: the stored profile and diary, goal settings as query."""

from __future__ import annotations

from typing import Any

CONTRACT = {
    "status",
    "goal",
    "days",
    "supplement",
    "shopping_list",
    "exchange_list",
    "predicted_effect",
    "safety",
    "references",
}


def _rows(api: Any, rows: list[tuple[str, str, str]]) -> None:
    for date, item, amount in rows:
        row = {"date": date, "kind": "food", "item": item, "amount": amount}
        assert api.post("/api/diary", json=row).status_code in (200, 201)


def test_without_a_profile_the_page_asks_for_one_and_the_api_says_409(api: Any) -> None:
    page = api.get("/plan")
    assert page.status_code == 200
    assert 'href="/profile"' in page.text
    r = api.get("/api/plan")
    assert r.status_code == 409
    body = r.json()
    assert body["ok"] is False and "profile" in body["error"]


def test_page_and_json_twin_show_the_same_plan(api: Any) -> None:
    assert api.put("/api/profile", json={"age": 40, "sex": "male"})
    data = api.get("/api/plan", params={"effect": "false"}).json()
    assert data["ok"] is True
    assert set(data) >= CONTRACT
    assert len(data["days"]) == 7
    page = api.get("/plan", params={"effect": "false"}).text
    assert '<a href="/plan" aria-current="page">Plan</a>' in page
    assert "Not medical advice" in page
    assert page.index("Safety") < page.index("Shopping list")
    for row in data["shopping_list"]:
        assert row["name"] in page
    assert 'id="plan-json"' in page


def test_goal_settings_come_from_the_query(api: Any) -> None:
    assert api.put("/api/profile", json={"age": 40, "sex": "male"})
    data = api.get("/api/plan", params={"days": "3", "k2": "120", "effect": "false"}).json()
    assert len(data["days"]) == 3
    assert data["goal"]["settings"]["k2_goal_ug"] == 120.0
    page = api.get("/plan", params={"days": "3", "effect": "false"}).text
    assert 'name="days" value="3"' in page


def test_a_bad_goal_is_422_one_line_and_the_page_keeps_the_form(api: Any) -> None:
    assert api.put("/api/profile", json={"age": 40, "sex": "male"})
    r = api.get("/api/plan", params={"k2": "lots"})
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False and "goal 'k2'" in body["error"] and "'lots'" in body["error"]
    page = api.get("/plan", params={"k2": "lots"})
    assert page.status_code == 422
    assert 'id="plan-error"' in page.text and "goal &#39;k2&#39;" in page.text
    assert 'name="k2" value="lots"' in page.text


def test_an_antagonist_user_gets_the_steady_plan_with_an_exchange_list(api: Any) -> None:
    assert api.put("/api/profile", json={"age": 70, "sex": "male", "medications": ["warfarin"]})
    _rows(
        api,
        [
            ("2026-11-02", "spinach raw", "1 cup"),
            ("2026-11-02", "egg", "1 large"),
            ("2026-11-03", "broccoli boiled", "1 cup"),
            ("2026-11-04", "kale raw", "1 cup"),
        ],
    )
    data = api.get("/api/plan", params={"effect": "false"}).json()
    assert data["mode"] == "steady"
    assert data["supplement"] is None
    assert isinstance(data["exchange_list"], list)
    assert data["safety"][0]["severity"] == "critical"
    r = api.get("/api/plan", params={"supplement": "MK-7 90"})
    assert r.status_code == 422 and "anticoagulation clinic" in r.json()["error"]
