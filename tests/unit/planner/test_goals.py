"""Goal settings: defaults come from planner.yaml with a source, user changes are checked."""

from __future__ import annotations

import pytest

from vitk.errors import InputError
from vitk.planner.goals import (
    DOCUMENTED_KEYS,
    GOAL_KEYS,
    default_goal,
    defaults_table,
    parse_goal,
    supplement_options,
)
from vitk.references import get


def test_every_default_names_a_source_that_resolves_or_says_vitk_choice():
    for row in defaults_table():
        assert row["source"] == "vitk choice" or get(row["source"]).key == row["source"], row
        assert row["note"], row["name"]
        for key in row["citations"]:
            assert get(key).key == key


def test_defaults_match_the_issue():
    g = default_goal()
    assert g.k2_goal_ug == 90.0
    assert g.energy_share == pytest.approx(0.15)
    assert g.energy_budget_kcal == pytest.approx(300.0)
    assert g.vka_band_pct == 20.0
    assert g.supplement == "auto"
    assert g.days == 7


def test_supplement_strengths_are_the_common_ones():
    got = {(o.form, o.dose_ug) for o in supplement_options()}
    assert got == {
        ("MK-7", 45.0),
        ("MK-7", 90.0),
        ("MK-7", 100.0),
        ("MK-7", 180.0),
        ("MK-7", 200.0),
        ("K1", 100.0),
    }


def test_goal_text_list_and_mapping_give_the_same_goal():
    a = parse_goal("k2=120, supplement=none, max-days=2")
    b = parse_goal(["k2=120", "supplement=none", "max_days=2"])
    c = parse_goal({"K2": 120, "supplement": "none", "max_days": 2})
    assert a == b == c
    assert a.k2_goal_ug == 120.0 and a.supplement == "none" and a.max_days_per_week == 2


def test_requested_supplement_is_normalised():
    g = parse_goal("supplement=mk7 90 ug")
    assert g.supplement == "MK-7 90"
    assert g.requested_supplement is not None
    assert (g.requested_supplement.form, g.requested_supplement.dose_ug) == ("MK-7", 90.0)


def test_days_limit_scales_with_the_days_planned():
    assert parse_goal("days=7, max_days=3").days_limit == 3
    assert parse_goal("days=14, max_days=3").days_limit == 6
    assert parse_goal("days=2, max_days=3").days_limit == 1


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        ("colour=blue", ["Unknown goal key 'colour'", "k2"]),
        ("k2=-5", ["goal 'k2'", "from 0 to 1000", "'-5'"]),
        ("days=1.5", ["goal 'days'", "whole number"]),
        ("supplement=MK-7 1000", ["goal 'supplement'", "'MK-7 45'", "'MK-7 1000'"]),
        ("k2_basis=month", ["goal 'k2_basis'", "'day' or 'week'"]),
        ("k2", ["KEY=VALUE", "'k2'"]),
    ],
)
def test_bad_goal_is_one_line_naming_the_value_and_what_is_allowed(goal, words):
    with pytest.raises(InputError) as err:
        parse_goal(goal)
    msg = str(err.value)
    assert "\n" not in msg
    for w in words:
        assert w in msg


def test_documented_keys_are_goal_keys():
    assert set(DOCUMENTED_KEYS) <= set(GOAL_KEYS)
