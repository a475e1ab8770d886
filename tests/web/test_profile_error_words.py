"""Web profile form errors are plain words, never pydantic's wording."""

from __future__ import annotations

import pytest

from vitk.web import views


@pytest.mark.parametrize(
    ("extra", "field", "needle"),
    [
        ({"conditions": {"osteoporosis": "maybe"}}, "conditions", "Must be true or false"),
        ({"medications": [5]}, "medications", "Must be text"),
        ({"labs": "high"}, "inr", "Must be a group of fields"),
        ({"sex": "male", "pregnant": True}, "pregnant", "contradictory"),
    ],
)
def test_profile_errors_are_plain(extra, field, needle):
    errs = views.profile_errors({"age": 40, "sex": "female", **extra})
    assert field in errs, errs
    assert needle in errs[field]
    for msg in errs.values():
        assert "Input should" not in msg
        assert "type=" not in msg
