"""Goal mode: every goal met each day, limits held, exclusions respected, supplements only when needed."""

from __future__ import annotations

import pytest
from tests.unit.planner.helpers import assert_goals_met, assert_limits_held, diary, person

import vitk
from vitk.errors import InputError
from vitk.planner.candidates import variety_key


def _plan(cat, who, goal=None, **kw):
    return vitk.plan(person(who), kw.pop("diary", None), goal, catalogue=cat, effect=False, **kw)


@pytest.mark.parametrize("who", ["omnivore-40", "pregnant-woman", "vegetarian-62-osteopenia"])
def test_goals_met_each_day_and_limits_held(curated, who):
    plan = _plan(curated, who).to_dict()
    assert_goals_met(plan)
    assert_limits_held(plan)


def test_k2_on_every_day_when_asked(curated):
    plan = _plan(curated, "omnivore-40", "k2_basis=day").to_dict()
    assert_goals_met(plan)
    assert_limits_held(plan)
    for day in plan["days"]:
        assert day["totals"]["mk7_ug"] + day["totals"]["mk_long_other_ug"] >= 90.0 - 1e-6


def test_no_supplement_when_food_reaches_the_goal(curated):
    plan = _plan(curated, "omnivore-40")
    assert plan.supplement is None
    assert plan.status == "optimal"


def test_vegan_soy_free_gets_a_supplement_only_because_food_cannot_reach_k2(curated):
    plan = _plan(curated, "vegan-soy-free-man")
    assert plan.status == "optimal"
    assert plan.supplement is not None and plan.supplement["form"] == "MK-7"
    # the smallest strength that closes the gap: 90 µg for a 90 µg goal and no K2 food
    assert plan.supplement["dose_ug"] == 90.0
    assert any(s["rule_id"] == "PLAN-SUPPLEMENT" for s in plan.safety)
    # The same man with soy allowed needs none (natto reaches it).
    with_soy = vitk.plan(
        {"age": 35, "sex": "male", "diet": {"pattern": "vegan"}}, catalogue=curated, effect=False
    )
    assert with_soy.supplement is None and with_soy.status == "optimal"


def test_no_supplement_allowed_gives_one_clear_message_and_the_best_plan(curated):
    plan = _plan(curated, "vegan-soy-free-man", "supplement=none")
    assert plan.status == "infeasible"
    msg = plan.message or ""
    assert "\n" not in msg
    assert msg.startswith("vegan and soy-free, no supplement: food reaches at most ")
    assert "long-chain K2" in msg and "(goal 90 µg/d on average)" in msg
    assert "; allow a supplement, or soy, or dairy and eggs." in msg
    assert plan.binding is not None
    assert plan.binding["relaxations_that_help"] == ["a supplement", "soy", "dairy and eggs"]
    assert plan.supplement is None
    out = plan.to_dict()
    assert out["binding"]["goal"] == "k2_long_ug"
    # The best plan that exists still meets the goals that can be met.
    for day in out["days"]:
        k_total = next(g for g in day["goals"] if g["field"] == "k_total_ug")
        assert k_total["met"]
    assert_limits_held(out)


def test_a_requested_supplement_is_used(curated):
    plan = _plan(curated, "omnivore-40", "supplement=K1 100")
    assert plan.supplement == {"form": "K1", "dose_ug": 100.0}
    assert all(d["added"]["k1_ug"] >= 100.0 for d in plan.days)


def test_pregnancy_plans_no_supplement_and_no_blue_cheese(full):
    plan = _plan(full, "pregnant-woman", "k2_basis=day")
    out = plan.to_dict()
    assert plan.supplement is None
    names = {i["name"].lower() for d in out["days"] for i in d["items"]}
    for word in ("blue", "stilton", "roquefort", "brie", "camembert", "munster"):
        assert not any(word in n for n in names), names
    assert out["candidates"]["excluded"].get("pregnancy_food_safety", 0) > 0
    assert any(s["rule_id"] == "PLAN-NO-SUPPLEMENT" for s in plan.safety)
    if plan.status == "infeasible":
        assert "no supplement (left to your doctor or midwife)" in (plan.message or "")


def test_dislikes_and_diet_pattern_are_respected(curated):
    plan = vitk.plan(
        {"age": 50, "sex": "female", "diet": {"pattern": "vegetarian", "dislikes": ["natto"]}},
        catalogue=curated,
        effect=False,
    ).to_dict()
    foods = {i["food_id"] for d in plan["days"] for i in d["items"]}
    assert foods
    assert not any("natto" in f for f in foods)
    from vitk.planner.candidates import candidate_pool

    family = {c.food_id: c.family for c in candidate_pool(curated)}
    assert {family[f] for f in foods} <= {"plant", "dairy", "eggs"}


def test_kidney_disease_limits_leafy_greens(full):
    plan = vitk.plan(
        {"age": 66, "sex": "male", "conditions": {"chronic_kidney_disease": True}},
        catalogue=full,
        effect=False,
    )
    from vitk.planner.candidates import candidate_pool

    leafy = {c.food_id for c in candidate_pool(full) if c.leafy_green}
    for day in plan.days:
        assert sum(i["servings"] for i in day["items"] if i["food_id"] in leafy) <= 1
    assert any(s["rule_id"] == "PLAN-KIDNEY" for s in plan.safety)


def test_with_a_diary_the_plan_adds_to_the_usual_intake(full):
    plan = _plan(full, "vegetarian-62-osteopenia", diary=diary("vegetarian-7-days"))
    out = plan.to_dict()
    usual = out["usual"]["mean_daily"]
    assert out["usual"]["diary_days"] == 7
    for day in out["days"]:
        for f in ("k1_ug", "calcium_mg", "vitamin_d_ug"):
            assert day["totals"][f] == pytest.approx(usual[f] + day["added"][f], abs=0.02)
    calcium = [t for t in out["goal"]["targets"] if t["field"] == "calcium_mg"]
    assert {(t["kind"], t["hard"]) for t in calcium} == {("at_least", False), ("at_most", True)}
    # the profile's vitamin D supplement is not counted twice: the diary logs vitamin D3
    assert any("vitamin d" in n.lower() for n in out["notes"])
    assert_limits_held(out)


def test_days_and_variety(curated):
    plan = _plan(curated, "omnivore-40", "days=14").to_dict()
    assert [d["day"] for d in plan["days"]] == list(range(1, 15))
    assert plan["goal"]["days_limit"] == 6
    kinds = {variety_key(i["name"]) for d in plan["days"] for i in d["items"]}
    assert len(kinds) >= 3
    assert_limits_held(plan)


def test_shopping_list_adds_up_the_days(curated):
    plan = _plan(curated, "omnivore-40").to_dict()
    for row in plan["shopping_list"]:
        items = [i for d in plan["days"] for i in d["items"] if i["food_id"] == row["food_id"]]
        assert row["servings"] == sum(i["servings"] for i in items)
        assert row["grams"] == pytest.approx(sum(i["grams"] for i in items), abs=0.05)
        assert row["days"] == [
            d["day"]
            for d in plan["days"]
            if any(i["food_id"] == row["food_id"] for i in d["items"])
        ]


def test_every_food_value_in_the_plan_carries_its_source_key(curated):
    plan = _plan(curated, "omnivore-40").to_dict()
    keys = {r["key"] for r in plan["references"]}
    for day in plan["days"]:
        for item in day["items"]:
            for f, value in item["values"].items():
                if value:
                    assert item["source_keys"].get(f), (item["name"], f)
                    assert set(item["source_keys"][f]) <= keys


def test_a_baby_gets_no_plan(curated):
    with pytest.raises(InputError, match="paediatrician"):
        vitk.plan({"age": 0.5, "sex": "female"}, catalogue=curated, effect=False)
