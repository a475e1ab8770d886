"""Profile errors name the field they belong to, and true/false is never a number."""

from __future__ import annotations

import pytest

from vitk.advisor.profile_input import profile_from_dict
from vitk.errors import InputError

BASE = {"age": 50, "sex": "female"}


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({"age": True}, "Profile field 'age' must be a number of years from 0 to 120; got True."),
        ({"weight_kg": False}, "Profile field 'weight_kg' must be a number of kg"),
        ({"labs": {"inr": True}}, "Profile field 'labs.inr' must be a number"),
        (
            {"conditions": {"cac_score": True}},
            "Profile field 'conditions.cac_score' must be a number",
        ),
    ],
)
def test_true_or_false_is_not_a_number(extra, needle):
    with pytest.raises(InputError) as info:
        profile_from_dict({**BASE, **extra})
    assert needle in str(info.value)


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"supplements": {"magnesium": "abc"}}, "supplements.magnesium"),
        ({"supplements": {"calcium": "abc"}}, "supplements.calcium"),
        ({"supplements": {"vitamin_d": "abc"}}, "supplements.vitamin_d"),
        ({"labs": {"vitamin_d_25oh": "abc"}}, "labs.vitamin_d_25oh"),
        ({"labs": {"inr_target": "abc"}}, "labs.inr_target"),
    ],
)
def test_unreadable_amount_names_its_own_field(extra, path):
    with pytest.raises(InputError) as info:
        profile_from_dict({**BASE, **extra})
    msg = str(info.value)
    assert msg.startswith(f"Profile field '{path}'"), msg
    assert "'abc'" in msg
    assert "\n" not in msg


def test_every_bad_supplement_is_counted_not_only_the_first():
    with pytest.raises(InputError) as info:
        profile_from_dict({**BASE, "supplements": {"calcium": "x", "magnesium": "y"}})
    assert "(and 1 more problem(s))" in str(info.value)


def test_blank_medication_lines_are_dropped():
    p = profile_from_dict({**BASE, "medications": ["", "  ", "warfarin"]})
    assert p.medications == ("warfarin",)


def test_valid_numbers_still_pass():
    p = profile_from_dict({**BASE, "weight_kg": 70, "labs": {"inr": 2.5, "inr_target": "2-3"}})
    assert (p.age_y, p.weight_kg, p.labs.inr) == (50.0, 70.0, 2.5)
