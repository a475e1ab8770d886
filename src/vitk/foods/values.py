"""Values shown for a food: the documented rule over its observations.

Rule (also in ``docs/food-data.md``):

1. Observations with the lowest ``priority`` number win (1 = national composition
   table or fact sheet such as USDA SR28 or NIH ODS; 2 = a single literature study;
   3 = derived or secondary).
2. Among the winners, the value shown is the median of their values.
3. The range kept spans every observation's value and its reported low/high, so the
   spread between sources stays visible.

A nutrient without any observation is *not measured* (``None``), never zero. A value
reported as not detected is shown as 0 with status ``not_detected``.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from vitk.errors import InputError, UnitError
from vitk.foods.model import Food, Observation, Portion
from vitk.nutrients import K2_FORMS, MK_LONG_OTHER, NUTRIENTS

__all__ = [
    "ShownValue",
    "k2_per_100g",
    "k_total_per_100g",
    "per_serving",
    "portion_grams",
    "resolve_portion",
    "shown_value",
]


@dataclass(frozen=True)
class ShownValue:
    """The value shown for one nutrient of one food, per 100 g, with its provenance."""

    nutrient: str
    value_per_100g: float | None
    low_per_100g: float | None
    high_per_100g: float | None
    source_keys: tuple[str, ...]
    status: str  # measured | not_detected | range_only | partial
    n_observations: int
    forms: tuple[str, ...] = ()  # for sums: which forms were measured

    def scaled(self, grams: float) -> float | None:
        return None if self.value_per_100g is None else self.value_per_100g * grams / 100.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "nutrient": self.nutrient,
            "value_per_100g": self.value_per_100g,
            "low_per_100g": self.low_per_100g,
            "high_per_100g": self.high_per_100g,
            "source_keys": list(self.source_keys),
            "status": self.status,
            "n_observations": self.n_observations,
            **({"forms": list(self.forms)} if self.forms else {}),
        }


def _bounds(obs: list[Observation]) -> tuple[float | None, float | None]:
    points: list[float] = []
    for o in obs:
        for v in (o.value_per_100g, o.low_per_100g, o.high_per_100g):
            if v is not None:
                points.append(v)
    if not points:
        return None, None
    return min(points), max(points)


def shown_value(food: Food, nutrient: str) -> ShownValue | None:
    """The value shown for ``nutrient`` in ``food`` (see the module rule); None = not measured."""
    obs = food.observations_for(nutrient)
    if not obs:
        return None
    low, high = _bounds(obs)
    with_value = [o for o in obs if o.value_per_100g is not None]
    if not with_value:
        keys = tuple(dict.fromkeys(o.source_key for o in obs))
        return ShownValue(nutrient, None, low, high, keys, "range_only", len(obs))
    best = min(o.priority for o in with_value)
    chosen = [o for o in with_value if o.priority == best]
    value = float(
        statistics.median(o.value_per_100g for o in chosen if o.value_per_100g is not None)
    )
    status = "not_detected" if all(o.status == "not_detected" for o in chosen) else "measured"
    keys = tuple(dict.fromkeys([o.source_key for o in chosen] + [o.source_key for o in obs]))
    return ShownValue(nutrient, value, low, high, keys, status, len(obs))


def _sum(food: Food, forms: tuple[str, ...], label: str) -> ShownValue | None:
    parts = [
        sv
        for f in forms
        if (sv := shown_value(food, f)) is not None and sv.value_per_100g is not None
    ]
    if not parts:
        return None
    total = sum(p.value_per_100g for p in parts if p.value_per_100g is not None)
    lows = [p.low_per_100g if p.low_per_100g is not None else p.value_per_100g for p in parts]
    highs = [p.high_per_100g if p.high_per_100g is not None else p.value_per_100g for p in parts]
    keys = tuple(dict.fromkeys(k for p in parts for k in p.source_keys))
    # Partial (a lower bound) when a group of forms has no measurement. As in the intake
    # engine, the long-chain menaquinones other than MK-7 count as one group: a source
    # that measured any of them is taken to report those the food contains.
    measured = {p.nutrient for p in parts}
    groups: list[tuple[str, ...]] = [(f,) for f in forms if f not in MK_LONG_OTHER]
    if any(f in MK_LONG_OTHER for f in forms):
        groups.append(MK_LONG_OTHER)
    complete = all(measured.intersection(g) for g in groups)
    return ShownValue(
        label,
        total,
        sum(x for x in lows if x is not None),
        sum(x for x in highs if x is not None),
        keys,
        "measured" if complete else "partial",
        sum(p.n_observations for p in parts),
        forms=tuple(p.nutrient for p in parts),
    )


def k2_per_100g(food: Food) -> ShownValue | None:
    """Sum of the menaquinones measured in ``food`` (None if none was measured).

    Forms without data are left out, so the sum is a lower bound; ``forms`` lists
    what was measured.
    """
    return _sum(food, K2_FORMS, "k2_total")


def k_total_per_100g(food: Food) -> ShownValue | None:
    """K1 + dihydro-K1 + menaquinones measured in ``food`` (None if nothing measured)."""
    return _sum(food, ("k1", "dihydro_k1", *K2_FORMS), "k_total")


def _norm_label(label: str) -> str:
    return " ".join(label.lower().replace(",", " ").split())


def resolve_portion(food: Food, unit: str) -> Portion | None:
    """Find the portion of ``food`` matching a household unit such as 'slice' or 'cup'."""
    u = _norm_label(unit)
    if not u:
        return None
    singular = u[:-1] if u.endswith("s") and not u.endswith("ss") else u
    aliases = {
        u,
        singular,
        {
            "tbsp": "tbsp",
            "tablespoon": "tbsp",
            "tablespoons": "tbsp",
            "tsp": "tsp",
            "teaspoon": "tsp",
            "teaspoons": "tsp",
            "cups": "cup",
            "slices": "slice",
            "pieces": "piece",
        }.get(u, u),
    }
    best: Portion | None = None
    for p in food.portions:
        label = _norm_label(p.label)
        words = label.split()
        # label like "1 cup chopped" or "3 oz": drop the leading number
        body = " ".join(words[1:]) if words and _is_number(words[0]) else label
        amount = float(words[0]) if words and _is_number(words[0]) else 1.0
        if body in aliases or body.split(" ")[0] in aliases:
            p2 = Portion(
                label=p.label, grams=p.grams / amount, source_key=p.source_key, origin=p.origin
            )
            if best is None or body in aliases:
                best = p2
                if body in aliases:
                    break
    return best


def _is_number(text: str) -> bool:
    try:
        float(text.replace("/", ""))
    except ValueError:
        return False
    return True


def portion_grams(food: Food, label: str) -> float:
    """Weight in g of a portion label of ``food`` (exact label, or a unit like 'cup')."""
    for p in food.portions:
        if p.label == label:
            return p.grams
    p2 = resolve_portion(food, label)
    if p2 is None:
        allowed = ", ".join(p.label for p in food.portions) or "none"
        raise UnitError(f"'{label}' is not a portion of '{food.name}'; allowed: {allowed}.")
    return p2.grams


def per_serving(food: Food, nutrient: str, portion_label: str | None = None) -> float | None:
    """Amount of ``nutrient`` in one portion (the typical serving by default)."""
    label = portion_label or food.typical_serving
    if not label:
        raise InputError(f"Food '{food.name}' has no typical serving; give a portion label.")
    if nutrient not in NUTRIENTS and nutrient not in ("k2_total", "k_total"):
        raise InputError(f"Unknown nutrient '{nutrient}'.")
    grams = portion_grams(food, label)
    if nutrient == "k2_total":
        sv = k2_per_100g(food)
    elif nutrient == "k_total":
        sv = k_total_per_100g(food)
    else:
        sv = shown_value(food, nutrient)
    return None if sv is None else sv.scaled(grams)
