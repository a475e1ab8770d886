"""Steady mode (vitamin K antagonist): never a supplement, every day in the band, an exchange list."""

from __future__ import annotations

import pytest
from tests.unit.planner.helpers import assert_limits_held, diary, person

import vitk
from vitk.errors import InputError

WARFARIN = person("warfarin-user")
DIARY = diary("warfarin-14-days")


@pytest.fixture(scope="module")
def steady(full):
    return vitk.plan(WARFARIN, DIARY, catalogue=full, effect=False)


def test_never_a_supplement_and_every_day_in_the_band(steady):
    out = steady.to_dict()
    assert out["mode"] == "steady"
    assert out["supplement"] is None
    assert out["status"] == "optimal"
    band = next(t for t in out["goal"]["targets"] if t["kind"] == "band")
    # the band is ± 20 % of the diary's mean total vitamin K (the intake engine's figure)
    summary = vitk.summarise(vitk.read_diary(DIARY))
    mean = summary.consistency.mean_ug
    assert band["amount"] == pytest.approx(mean, abs=0.01)
    assert band["low"] == pytest.approx(0.8 * mean, abs=0.1)
    assert band["high"] == pytest.approx(1.2 * mean, abs=0.1)
    for day in out["days"]:
        assert band["low"] - 1e-6 <= day["totals"]["k_total_ug"] <= band["high"] + 1e-6, day
        assert day["added"]["mk7_ug"] == pytest.approx(
            sum(i["values"]["mk7_ug"] or 0.0 for i in day["items"]), abs=0.05
        )
    assert_limits_held(out)


def test_no_food_with_50_ug_mk7_a_serving_and_k1_always_measured(steady):
    for day in steady.days:
        for item in day["items"]:
            per_serving = (item["values"]["mk7_ug"] or 0.0) / item["servings"]
            assert per_serving < 50.0, item["name"]
            assert item["values"]["k1_ug"] is not None, item["name"]


def test_safety_comes_first_and_names_the_clinic(steady):
    first = steady.safety[0]
    assert first["severity"] == "critical"
    assert any(s["rule_id"] == "PLAN-STEADY" for s in steady.safety)
    text = vitk.planner.render(steady, "text")
    assert text.index("SAFETY") < text.index("GOALS") < text.index("PLAN")
    assert "anticoagulation clinic" in text


def test_exchange_list_swaps_keep_vitamin_k_within_the_band(steady):
    ex = steady.exchange_list
    assert ex, "an antagonist user's plan has an exchange list"
    planned = {i["food_id"] for d in steady.days for i in d["items"]}
    assert {e["food_id"] for e in ex} == planned
    for entry in ex:
        for swap in entry["swaps"]:
            assert abs(swap["k_total_ug"] - entry["k_total_ug"]) <= 0.2 * entry["k_total_ug"] + 0.1
            assert swap["food_id"] != entry["food_id"]
            assert swap["source_keys"]


def test_a_requested_supplement_is_refused(full):
    with pytest.raises(InputError, match="anticoagulation clinic"):
        vitk.plan(WARFARIN, DIARY, "supplement=MK-7 90", catalogue=full, effect=False)


def test_without_diary_or_target_the_plan_asks_for_one(full):
    with pytest.raises(InputError, match="target="):
        vitk.plan(WARFARIN, None, catalogue=full, effect=False)


def test_an_agreed_target_replaces_the_diary(full):
    plan = vitk.plan(WARFARIN, None, "target=150, band=10", catalogue=full, effect=False)
    for day in plan.days:
        assert 135.0 - 1e-6 <= day["totals"]["k_total_ug"] <= 165.0 + 1e-6
    assert plan.supplement is None


def test_an_unnamed_blood_thinner_is_planned_as_an_antagonist(full):
    plan = vitk.plan(
        {"age": 60, "sex": "female", "medications": ["blood thinner"]},
        None,
        "target=120",
        catalogue=full,
        effect=False,
    )
    assert plan.mode == "steady" and plan.supplement is None


def test_a_doac_user_gets_an_ordinary_plan(full):
    plan = vitk.plan(
        {"age": 60, "sex": "female", "medications": ["apixaban 5 mg"]}, catalogue=full, effect=False
    )
    assert plan.mode == "goal"


def test_predicted_inr_change_is_close_to_zero_with_an_interval(full):
    plan = vitk.plan(WARFARIN, DIARY, catalogue=full, effect=True)
    inr = plan.predicted_effect["inr"]
    assert inr is not None
    assert inr["change_p5"] <= inr["change"] <= inr["change_p95"]
    # Each day within ± 20 % of the diary's mean: the model's INR moves by little.
    assert abs(inr["change"]) < 0.15
    assert inr["validation"]["observations"]
    assert "not dosing advice" in plan.predicted_effect["disclaimer"]
