"""Exchange list for a steady-intake plan: foods that stand in for each other.

For a person on a vitamin K antagonist the plan keeps each day's total vitamin K steady.
When a planned food is not at hand, a swap should bring about the same total vitamin K:
for each planned food that carries vitamin K, the list gives foods that fit the person and,
in a whole number of their own servings, come within ± the plan's band of the planned
serving's total vitamin K (K1 and the measured menaquinones).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vitk.planner.candidates import Candidate

__all__ = ["FREE_SWAP_UG", "MAX_SWAPS", "exchange_list"]

#: Below this much total vitamin K per serving a planned food can be swapped for any food
#: of similar kind without changing the day's vitamin K much. [µg]
FREE_SWAP_UG = 5.0
#: Swaps listed per planned food.
MAX_SWAPS = 5


def _kind(c: Candidate) -> str:
    """Leafy greens swap with leafy greens first; other foods with their matrix and family."""
    return "leafy green" if c.leafy_green else f"{c.matrix}/{c.family}"


def exchange_list(
    planned: Sequence[Candidate],
    fitting: Sequence[Candidate],
    *,
    tolerance_pct: float,
    max_servings: int,
    max_energy_kcal: float = float("inf"),
) -> list[dict[str, Any]]:
    """For each planned food, the swaps at about the same total vitamin K.

    Parameters
    ----------
    planned : sequence of Candidate
        Foods in the plan (each once).
    fitting : sequence of Candidate
        Every food that fits the person (the swaps are chosen from these).
    tolerance_pct : float
        A swap's total vitamin K is within ± this share of the planned serving's. [%]
    max_servings : int
        Servings of a swap food, at most.
    max_energy_kcal : float
        A swap brings at most this much energy (the plan's daily energy budget). [kcal]

    Returns
    -------
    list of dict
        ``food_id``, ``name``, ``portion``, ``k_total_ug`` and ``swaps`` (``food_id``,
        ``name``, ``servings``, ``portion``, ``grams``, ``k_total_ug``, ``source_keys``),
        foods of the same kind first (leafy greens with leafy greens; others by food matrix
        and diet family), then the closest in vitamin K.
    """
    out: list[dict[str, Any]] = []
    for c in planned:
        k = c.value("k_total_ug")
        entry: dict[str, Any] = {
            "food_id": c.food_id,
            "name": c.name,
            "portion": c.portion,
            "k_total_ug": round(k, 1),
            "source_keys": list(c.keys_for("k_total_ug")),
            "swaps": [],
        }
        if k < FREE_SWAP_UG:
            entry["note"] = (
                f"Under {FREE_SWAP_UG:g} µg of vitamin K a serving: a similar food with little "
                "vitamin K can take its place."
            )
            out.append(entry)
            continue
        options = []
        for o in fitting:
            if o.food_id == c.food_id or not o.measured("k1_ug"):
                continue
            per = o.value("k_total_ug")
            if per <= 0:
                continue
            for n in range(1, max_servings + 1):
                diff = abs(n * per - k) / k
                if diff <= tolerance_pct / 100.0 and n * o.energy_kcal <= max_energy_kcal:
                    options.append((_kind(o) != _kind(c), diff, n, o))
                    break
        options.sort(key=lambda t: (t[0], t[1], t[3].name))
        entry["swaps"] = [
            {
                "food_id": o.food_id,
                "name": o.name,
                "servings": n,
                "portion": o.portion,
                "grams": round(n * o.grams, 1),
                "k_total_ug": round(n * o.value("k_total_ug"), 1),
                "source_keys": list(o.keys_for("k_total_ug")),
            }
            for _, _, n, o in options[:MAX_SWAPS]
        ]
        out.append(entry)
    return out
