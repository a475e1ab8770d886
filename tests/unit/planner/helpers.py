"""The planner's test people and diaries, and checks every plan must pass (from its JSON)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from vitk.planner.candidates import variety_key

PLANNER_DATA = Path(__file__).resolve().parents[2] / "data" / "planner"


def person(name: str) -> Path:
    """A profile file of tests/data/planner (``omnivore-40`` → its YAML)."""
    return PLANNER_DATA / f"{name}.yaml"


def diary(name: str) -> Path:
    """A diary file of tests/data/planner."""
    return PLANNER_DATA / f"{name}.csv"


def assert_limits_held(plan: dict[str, Any]) -> None:
    """Servings a day, days a kind of food, energy budget and upper limits."""
    s = plan["goal"]["settings"]
    kinds: Counter[str] = Counter()
    for day in plan["days"]:
        seen = set()
        for item in day["items"]:
            assert 1 <= item["servings"] <= s["max_servings_per_day"], item
            seen.add(variety_key(item["name"]))
        kinds.update(seen)
        assert day["energy_kcal"] <= plan["goal"]["energy_budget_kcal"] + 1e-6, day
        grams = sum(i["grams"] for i in day["items"])
        assert grams <= s["max_grams_per_day"] + 0.05, day
        for g in day["goals"]:
            if g["kind"] == "at_most":
                assert g["met"], (day["day"], g)
    assert all(n <= plan["goal"]["days_limit"] for n in kinds.values()), kinds


def assert_goals_met(plan: dict[str, Any]) -> None:
    """Every hard goal met on every day (a weekly goal on average)."""
    assert plan["status"] == "optimal", plan["message"]
    for day in plan["days"]:
        for g in day["goals"]:
            if g["hard"]:
                assert g["met"], (day["day"], g)
    # Recomputed from the totals, not only the flags: each day-basis goal, and weekly means.
    days = plan["days"]
    for t in plan["goal"]["targets"]:
        if t["kind"] != "at_least" or not t["hard"]:
            continue
        name = t["field"]

        def amount(day: dict[str, Any], name: str = name) -> float:
            tot = day["totals"]
            return tot["mk7_ug"] + tot["mk_long_other_ug"] if name == "k2_long_ug" else tot[name]

        if t["basis"] == "week":
            assert sum(amount(d) for d in days) / len(days) >= t["amount"] - 1e-6, t
        else:
            assert all(amount(d) >= t["amount"] - 1e-6 for d in days), t
