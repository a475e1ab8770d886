"""The server enforces the lengths the profile form declares, with one-line 422 errors."""

from __future__ import annotations

import pytest
from tests.web.conftest import Api

from vitk.advisor import profile_form

BASE = {"age": 50, "sex": "female"}


def test_long_name_and_too_many_medication_lines_are_422_in_the_api(api: Api) -> None:
    # A 1 MB name is over the body limit (413 before reading, test_request_limits.py);
    # within the limit, the server checks each field's declared length.
    big = api.put("/api/profile", json={**BASE, "name": "x" * 1_000_000})
    assert big.status_code == 413
    profile = {**BASE, "name": "x" * 20_000, "medications": ["a"] * 5000}
    r = api.put("/api/profile", json=profile)
    assert r.status_code == 422, r.text
    body = r.json()
    by_field = {e["field"]: e["msg"] for e in body["errors"]}
    assert "20,000 characters" in by_field["name"] and "at most 100" in by_field["name"]
    assert "5,000 lines" in by_field["medications"]
    assert f"at most {profile_form.MAX_LINES['medications']}" in by_field["medications"]
    assert "\n" not in body["error"] and len(body["error"]) < 200
    assert api.get("/api/profile").json()["profile"] is None  # nothing stored


def test_one_long_medication_line_names_the_line(api: Api) -> None:
    r = api.put("/api/profile", json={**BASE, "medications": ["warfarin", "y" * 5000]})
    assert r.status_code == 422
    msg = {e["field"]: e["msg"] for e in r.json()["errors"]}["medications"]
    assert msg.startswith("Line 2 is 5,000 characters long") and len(msg) < 150


def test_profile_form_shows_length_errors_at_the_field(api: Api) -> None:
    token = api.refresh()
    r = api.post(
        "/profile",
        data={
            "csrf_token": token,
            "name": "n" * 500,
            "age": "50",
            "sex": "female",
            "medications": "\n".join(f"med {i}" for i in range(21)),
        },
    )
    assert r.status_code == 422
    assert 'id="err-name"' in r.text and "at most 100" in r.text
    assert "21 lines given; at most 20" in r.text
    assert "n" * 500 not in r.text.replace('value="' + "n" * 500, "")  # not echoed in the message


@pytest.mark.parametrize("field", sorted(profile_form.MAX_CHARS))
def test_every_declared_limit_is_checked(field: str) -> None:
    text = "1" * (profile_form.MAX_CHARS[field] + 1)
    form = {"age": "50", "sex": "female", field: text}
    errs = profile_form.profile_errors(profile_form.profile_from_form(form))
    assert field in errs and "at most" in errs[field], errs
