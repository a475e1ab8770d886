"""Web profile form errors are plain words, never pydantic's wording."""

from __future__ import annotations

import pytest

from vitk.advisor import profile_form


@pytest.mark.parametrize(
    ("extra", "field", "needle"),
    [
        ({"conditions": {"osteoporosis": "maybe"}}, "conditions", "Must be true or false"),
        ({"medications": [5]}, "medications", "Must be text"),
        ({"labs": "high"}, "labs", "Must be a group of fields"),
        ({"sex": "male", "pregnant": True}, "pregnant", "contradictory"),
    ],
)
def test_profile_errors_are_plain(extra, field, needle):
    errs = profile_form.profile_errors({"age": 40, "sex": "female", **extra})
    assert field in errs, errs
    assert needle in errs[field]
    for msg in errs.values():
        assert "Input should" not in msg
        assert "type=" not in msg


# Each message sits at its own field (form field name, or the dotted key the form lacks).
@pytest.mark.parametrize(
    ("extra", "field", "needle"),
    [
        ({"supplements": {"calcium": "xyz"}}, "calcium", "calcium dose"),
        ({"supplements": {"magnesium": "abc"}}, "magnesium", "magnesium dose"),
        ({"supplements": {"vitamin_d": {"dose": "1000 IU"}}}, "vitamin_d", "vitamin D dose"),
        ({"supplements": {"vitamin_k": ["MK-9 5 ug"]}}, "vitamin_k", "vitamin K form"),
        ({"labs": {"vitamin_d_25oh": "lots"}}, "vitamin_d_25oh", "25(OH)D"),
        ({"labs": {"vitamin_d_25oh": {"dose": 5}}}, "vitamin_d_25oh", "25(OH)D"),
        ({"labs": {"inr_target": "high"}}, "inr_target", "inr_target"),
        ({"labs": {"inr": "x"}}, "inr", "Must be a number"),
        ({"diet": {"dislikes": 5}}, "diet.dislikes", "Must be a list"),
        ({"diet": {"pattern": "carnivore"}}, "diet_pattern", "Must be one of"),
        ({"conditions": {"cac_score": "lots"}}, "conditions.cac_score", "Must be a number"),
        ({"conditions": {"osteoporosis": "maybe"}}, "conditions", "true or false"),
        ({"age": True}, "age", "Must be a number; got True"),
        ({"weight_kg": False}, "weight_kg", "Must be a number"),
        ({"labs": {"inr": True}}, "inr", "Must be a number"),
        ({"conditions": {"cac_score": True}}, "conditions.cac_score", "Must be a number"),
    ],
)
def test_each_error_sits_at_its_own_field(extra, field, needle):
    errs = profile_form.profile_errors({"age": 50, "sex": "female", **extra})
    assert list(errs) == [field], errs
    assert needle in errs[field]


def test_several_bad_fields_are_each_reported_at_their_own_field():
    errs = profile_form.profile_errors(
        {
            "age": 50,
            "sex": "female",
            "supplements": {"calcium": "xyz", "magnesium": "abc", "vitamin_d": "1000 IU"},
            "labs": {"vitamin_d_25oh": "lots", "inr": 2.5, "inr_target": "2-3"},
            "diet": {"dislikes": 5},
        }
    )
    assert set(errs) == {"calcium", "magnesium", "vitamin_d_25oh", "diet.dislikes"}
    assert "'xyz'" in errs["calcium"] and "'abc'" in errs["magnesium"]


def test_form_post_shows_the_calcium_error_at_calcium(api):
    form = {"csrf_token": api.token, "age": "50", "sex": "female", "calcium": "xyz"}
    resp = api.post("/profile", data=form)
    assert resp.status_code == 422
    page = resp.text
    assert 'id="err-calcium"' in page
    assert 'id="err-vitamin_k"' not in page
    calcium_input = page[page.index('id="calcium"') :].split(">", 1)[0]
    assert 'aria-invalid="true"' in calcium_input


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"labs": {"vitamin_d_25oh": "lots"}}, "vitamin_d_25oh"),
        ({"diet": {"dislikes": 5}}, "diet.dislikes"),
        ({"conditions": {"cac_score": "lots"}}, "conditions.cac_score"),
        ({"supplements": {"vitamin_d": {"dose": "1000 IU"}}}, "vitamin_d"),
    ],
)
def test_api_profile_errors_name_their_own_field(api, extra, field):
    resp = api.put("/api/profile", json={"age": 50, "sex": "female", **extra})
    assert resp.status_code == 422
    body = resp.json()
    assert field in str(body)
    assert f"'{field}'" in str(body)  # the one-line message names the field


def test_api_rejects_true_as_an_age_and_stores_nothing(api):
    resp = api.put("/api/profile", json={"age": True, "sex": "female"})
    assert resp.status_code == 422
    assert "Must be a number" in str(resp.json())
    assert api.get("/api/profile").json()["profile"] is None
