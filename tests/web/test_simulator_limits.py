"""Simulator limits and disclaimers on the web: JSON API and HTML form, same messages."""

from __future__ import annotations

from typing import Any

import pytest

from vitk.pharmacology.results import INR_DISCLAIMER, MODEL_DISCLAIMER
from vitk.web import views


def error_of(resp: Any) -> str:
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert body["ok"] is False and body["status"] == 422 and isinstance(body["errors"], list)
    assert "\n" not in body["error"] and "Traceback" not in body["error"]
    return str(body["error"])


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("dose_ug=1e30", "MK-7 dose per intake must be from 0 to 50,000 µg (50 mg); got 1e+30 µg."),
        ("dose_ug=-1", "MK-7 dose per intake must be from 0 to 50,000 µg"),
        ("dose_ug=nan", "got nan µg"),
        ("dose_ug=inf", "got inf µg"),
        ("days=0", "days must be from 0.25 to 365 in the web simulator; got 0."),
        ("days=nan", "days must be from 0.25 to 365"),
        ("days=1000", "days must be from 0.25 to 365"),
        ("every=0h", "every must be from 1 h to 3650 d"),
        ("dose_ug=40000&every=6h", "160,000 µg in 24 h"),
    ],
)
def test_api_rejects_out_of_range_input_with_the_library_message(api, query, text):
    assert text in error_of(api.get(f"/api/simulate?forms=MK-7&{query}"))


def test_html_form_shows_the_same_message(api):
    r = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=1e30&every=24h&days=14")
    assert r.status_code == 422 and 'id="sim-error"' in r.text
    assert "MK-7 dose per intake must be from 0 to 50,000 µg (50 mg); got 1e+30 µg." in r.text
    r = api.get("/simulator?run=true&forms=K1&dose_K1=100&every=0h&days=14")
    assert r.status_code == 422 and "every must be from 1 h to 3650 d" in r.text


def test_json_results_carry_disclaimers(api):
    j = api.get("/api/simulate?forms=MK-7&forms=K1&dose_ug=180&dose_ug=1000&days=3&inr=true")
    data = j.json()
    assert j.status_code == 200 and data["ok"] is True
    assert data["disclaimer"] == MODEL_DISCLAIMER
    for form in ("MK-7", "K1"):
        assert data["pk"][form]["disclaimer"] == MODEL_DISCLAIMER
        assert {"summary", "time_series", "references"} <= set(data["pk"][form])
    assert data["inr"]["disclaimer"] == INR_DISCLAIMER
    assert {"summary", "time_series", "references"} <= set(data["inr"])


def test_html_page_shows_disclaimers(api):
    r = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=180&every=24h&days=3&inr=true")
    assert r.status_code == 200
    assert r.text.count(MODEL_DISCLAIMER) >= 2  # header and under the MK-7 curve
    assert 'id="inr-disclaimer"' in r.text
    assert "Illustration, not dosing advice: never change warfarin" in r.text


def test_view_constants_match_the_library():
    assert views.SIM_DISCLAIMER == MODEL_DISCLAIMER
    assert views.SIM_INR_DISCLAIMER == INR_DISCLAIMER


def test_api_empty_every_is_one_dose_for_the_curve_and_the_inr_what_if(api):
    one = api.get("/api/simulate?forms=MK-7&dose_ug=180&every=&days=14&inr=true").json()
    daily = api.get("/api/simulate?forms=MK-7&dose_ug=180&every=24h&days=14&inr=true").json()
    assert one["ok"] and daily["ok"]
    assert one["every"] is None
    assert one["pk"]["MK-7"]["meta"]["regimen"] == one["inr"]["meta"]["regimen"] == "one dose"
    assert one["inr"]["meta"]["every"] is None
    # A single 180 µg dose: about -2 %; daily dosing: about -44 % (same model).
    assert one["inr"]["summary"]["inr_change_pct"] == pytest.approx(-2.0, abs=1.5)
    assert daily["inr"]["summary"]["inr_change_pct"] < -30
    assert daily["inr"]["meta"]["regimen"] == "every 24h"


def test_html_inr_what_if_uses_the_curve_regimen(api):
    r = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=180&every=&days=14&inr=true")
    assert r.status_code == 200
    assert "180.0 µg per intake, one dose: serum level" in r.text
    assert "MK-7, one dose, as the curve above" in r.text
    assert "(-2%)" in r.text or "(-1%)" in r.text or "(-3%)" in r.text


def test_page_and_json_show_how_far_to_trust_the_model_and_the_interval(api):
    r = api.get("/simulator?run=true&forms=MK-7&dose_MK-7=45&every=24h&days=7&inr=true")
    assert r.status_code == 200
    assert "How far to trust this" in r.text
    assert "Theuwissen2013" in r.text  # the nearest INR observation, with the model beside
    assert "90 % of them end between" in r.text
    assert 'id="inr-start"' in r.text and "Starts from INR" in r.text
    data = api.get("/api/simulate?forms=MK-7&dose_ug=45&every=24h&days=7&inr=true").json()
    assert data["pk"]["MK-7"]["validation"]["observations"]
    assert data["inr"]["validation"]["observations"]
    assert set(data["inr"]["bands"]["inr_end"]) == {"median", "p5", "p95"}
