"""The profile form and API report every bad field in one answer, also when age and sex are
missing (no submit-again-to-learn-the-next-error), in the browser with and without JS."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import Api, LiveServer
from tests.web.test_browser import Page, browser, live  # noqa: F401  (pytest fixtures)
from tests.web.test_single_user import field_errors, form

BAD_FIELDS = {
    "age": "",
    "sex": "",
    "weight_kg": "abc",
    "inr": "9x",
    "vitamin_d": "lots",
}


def test_profile_form_reports_every_bad_field_also_when_age_and_sex_are_missing(
    api: Api,
) -> None:
    r = api.post("/profile", data=form(api, **BAD_FIELDS))
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert set(errs) == {"age", "sex", "weight_kg", "inr", "vitamin_d"}, errs
    assert "required" in errs["age"] and "required" in errs["sex"]
    assert "'abc'" in errs["weight_kg"] and "'9x'" in errs["inr"] and "'lots'" in errs["vitamin_d"]
    assert "Please fix the 5 fields" in r.text
    assert api.get("/api/profile").json()["profile"] is None


def test_api_profile_lists_every_bad_field_with_a_missing_sex(api: Api) -> None:
    r = api.put("/api/profile", json={"age": 40, "weight_kg": "abc", "labs": {"inr": "9x"}})
    assert r.status_code == 422
    body = r.json()
    assert {e["field"] for e in body["errors"]} == {"sex", "weight_kg", "inr"}
    assert body["error"].startswith("Invalid profile field 'sex'")
    assert api.get("/api/profile").json()["profile"] is None


def test_missing_sex_does_not_invent_a_pregnancy_error_or_hide_a_real_one(api: Api) -> None:
    r = api.post("/profile", data=form(api, age="40", sex="", pregnant="on"))
    assert set(field_errors(r.text)) == {"sex"}
    r = api.post("/profile", data=form(api, age="", sex="male", pregnant="on"))
    errs = field_errors(r.text)
    assert set(errs) == {"age", "pregnant"}, errs
    assert "contradictory" in errs["pregnant"]


def test_browser_profile_shows_all_field_errors_at_once_with_and_without_js(
    browser: Any,  # noqa: F811
    live: LiveServer,  # noqa: F811
) -> None:
    for javascript in (True, False):
        p = Page(browser, live.url, javascript=javascript)
        try:
            page = p.page
            p.goto("/profile")
            page.fill("#weight_kg", "abc")
            page.fill("#inr", "9x")
            page.fill("#vitamin_d", "lots")
            page.click("#save-profile")
            p.shot(f"review-profile-errors-{'js' if javascript else 'nojs'}")
            for field in ("age", "sex", "weight_kg", "inr", "vitamin_d"):
                assert page.locator(f"#err-{field}").is_visible(), field
                assert page.get_attribute(f"#{field}", "aria-invalid") == "true", field
            assert page.input_value("#weight_kg") == "abc"  # input kept
            assert p.outside == []
        finally:
            p.close()
