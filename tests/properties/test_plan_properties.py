"""Planner properties: leaving foods out never helps.

Adding a dislike removes foods from the plan's choices, so the best plan can only reach its
goals as well as before, or less. Goal attainment: for each hard goal, the share reached
(capped at 1), averaged over the days and goals. The model here holds every curated food
(no relevance pre-filter), so the foods with the dislike are a subset of those without.
Tolerance 0.02: HiGHS stops within 1 % of the optimal objective.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vitk
from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods

CATALOGUE = Catalogue(load_curated_foods())
#: Words of curated food names (a dislike matches a name or synonym containing it).
WORDS = [
    "natto",
    "cheese",
    "gouda",
    "kefir",
    "egg",
    "blue",
    "spinach",
    "kale",
    "milk",
    "collards",
    "turnip",
    "broccoli",
    "edam",
    "munster",
    "chicken",
    "beef",
    "yogurt",
]
GOAL = "days=3, k2_basis=day, supplement=none, k2=60, max_days=7"


def attainment(plan: dict[str, Any]) -> float:
    shares = []
    for t in plan["goal"]["targets"]:
        if t["kind"] != "at_least" or not t["hard"]:
            continue
        for day in plan["days"]:
            tot = day["totals"]
            got = (
                tot["mk7_ug"] + tot["mk_long_other_ug"]
                if t["field"] == "k2_long_ug"
                else tot[t["field"]]
            )
            shares.append(min(got / t["amount"], 1.0))
    return sum(shares) / len(shares)


def _plan(pattern: str, dislikes: list[str]) -> dict[str, Any]:
    profile = {"age": 45, "sex": "female", "diet": {"pattern": pattern, "dislikes": dislikes}}
    return vitk.plan(
        profile,
        None,
        GOAL,
        catalogue=CATALOGUE,
        effect=False,
        candidates_per_goal=200,
        explain=False,
    ).to_dict()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pattern=st.sampled_from(["vegan", "vegetarian", "omnivore"]),
    before=st.lists(st.sampled_from(WORDS), max_size=2, unique=True),
    extra=st.sampled_from(WORDS),
)
def test_adding_a_dislike_never_raises_goal_attainment(pattern, before, extra):
    base = attainment(_plan(pattern, before))
    more = attainment(_plan(pattern, [*before, extra]))
    assert more <= base + 0.02, (base, more)


def test_attainment_drops_when_the_only_k2_foods_are_disliked():
    base = attainment(_plan("vegan", []))
    assert base == 1.0  # natto reaches 60 µg/d of K2 on each of 3 days
    assert attainment(_plan("vegan", ["natto"])) < 0.8
