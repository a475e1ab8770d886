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

The status of the value shown follows the provenance of the observations it comes from
(the one or two in the middle of the median): ``imputed`` when one of them was imputed
(USDA SR28 Src_Cd 4, 5, 8, 9, 11) and no measured observation has the same value;
``assumed_zero`` when every winner is an SR28 assumed zero (Src_Cd 7), shown as 0 and
added as 0 but not *measured* for coverage (:attr:`ShownValue.counts_as_measured`);
``usda_src_cd`` then names the SR28 code(s).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from vitk.errors import InputError, UnitError
from vitk.foods.model import Food, Observation, Portion, status_label
from vitk.nutrients import FIELD, FIELDS, MK_LONG_OTHER, NUTRIENTS
from vitk.units import parse_amount

__all__ = [
    "HEADLINE_FORMS",
    "VALUE_MARKS_NOTE",
    "ShownValue",
    "food_row",
    "headline_value",
    "k2_per_100g",
    "k_total_per_100g",
    "mk_long_other_per_100g",
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
    # measured | imputed | assumed_zero | not_detected | range_only | partial (sums)
    status: str
    n_observations: int
    forms: tuple[str, ...] = ()  # for sums: which forms were measured (or imputed)
    # USDA SR28 Src_Cd of the value shown when it is imputed or assumed zero ("4", "4, 8").
    usda_src_cd: str = ""
    # For sums: forms whose only value is an SR28 assumed zero (added as 0, not measured).
    assumed_zero_forms: tuple[str, ...] = ()

    @property
    def status_label(self) -> str:
        """Status as shown: ``imputed (USDA Src_Cd 4)``, ``assumed zero (USDA Src_Cd 7)``."""
        return status_label(self.status, self.usda_src_cd)

    @property
    def counts_as_measured(self) -> bool:
        """False when the value rests only on SR28 assumed zeros (Src_Cd 7).

        Such a value is shown and added as 0, but coverage must not count the food as
        having that nutrient (or, for a sum, any of its forms) measured.
        """
        if self.status == "assumed_zero":
            return False
        return not (self.assumed_zero_forms and not self.forms)

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
            "status_label": self.status_label,
            "n_observations": self.n_observations,
            **({"usda_src_cd": self.usda_src_cd} if self.usda_src_cd else {}),
            **({"forms": list(self.forms)} if self.forms else {}),
            **(
                {"assumed_zero_forms": list(self.assumed_zero_forms)}
                if self.assumed_zero_forms
                else {}
            ),
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
    status, codes = _provenance(chosen)
    keys = tuple(dict.fromkeys([o.source_key for o in chosen] + [o.source_key for o in obs]))
    return ShownValue(nutrient, value, low, high, keys, status, len(obs), usda_src_cd=codes)


#: Preference among observations giving the same value: an analysed value vouches for it.
_RANK = {"measured": 0, "not_detected": 0, "imputed": 1, "assumed_zero": 2}


def _provenance(chosen: list[Observation]) -> tuple[str, str]:
    """Status of the median of ``chosen`` and the SR28 Src_Cd(s) behind it if not measured.

    ``not_detected`` or ``assumed_zero`` when every observation is; otherwise the status
    of the middle observation(s) of the median (the best-supported one when several share
    a middle value): ``imputed`` if a middle value rests only on imputed or assumed-zero
    observations, else ``measured``.
    """
    statuses = {o.status for o in chosen}
    if statuses == {"not_detected"}:
        return "not_detected", ""
    if statuses == {"assumed_zero"}:
        return "assumed_zero", _codes(chosen)
    ordered = sorted(chosen, key=lambda o: o.value_per_100g or 0.0)
    n = len(ordered)
    middle = {ordered[n // 2].value_per_100g, ordered[(n - 1) // 2].value_per_100g}
    behind: list[Observation] = []
    for v in middle:
        same = [o for o in chosen if o.value_per_100g == v]
        rank = min(_RANK.get(o.status, 0) for o in same)
        behind += [o for o in same if _RANK.get(o.status, 0) == rank]
    if all(_RANK.get(o.status, 0) == 0 for o in behind):
        return "measured", ""
    return "imputed", _codes([o for o in behind if _RANK.get(o.status, 0) > 0])


def _codes(obs: list[Observation]) -> str:
    return ", ".join(dict.fromkeys(o.usda_src_cd for o in obs if o.usda_src_cd))


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
    # that measured any of them is taken to report those the food contains. An SR28
    # assumed zero adds 0 but measures nothing, so it does not complete its group.
    known = [p for p in parts if p.counts_as_measured]
    assumed = tuple(p.nutrient for p in parts if not p.counts_as_measured)
    measured = {p.nutrient for p in known}
    groups: list[tuple[str, ...]] = [(f,) for f in forms if f not in MK_LONG_OTHER]
    if any(f in MK_LONG_OTHER for f in forms):
        groups.append(MK_LONG_OTHER)
    complete = all(measured.intersection(g) for g in groups)
    imputed = [p for p in known if p.status == "imputed"]
    if not known:
        status, codes = "assumed_zero", _joined(parts)
    elif not complete:
        status, codes = "partial", ""
    elif imputed:
        status, codes = "imputed", _joined(imputed)
    else:
        status, codes = "measured", ""
    return ShownValue(
        label,
        total,
        sum(x for x in lows if x is not None),
        sum(x for x in highs if x is not None),
        keys,
        status,
        sum(p.n_observations for p in parts),
        forms=tuple(p.nutrient for p in known),
        usda_src_cd=codes,
        assumed_zero_forms=assumed,
    )


def _joined(parts: list[ShownValue]) -> str:
    codes = (c.strip() for p in parts for c in p.usda_src_cd.split(","))
    return ", ".join(dict.fromkeys(c for c in codes if c))


def k2_per_100g(food: Food) -> ShownValue | None:
    """Sum of the menaquinones measured in ``food`` (None if none was measured).

    Forms without data are left out, so the sum is a lower bound; ``forms`` lists
    what was measured (or imputed), ``assumed_zero_forms`` the SR28 assumed zeros, which
    add 0 (status ``assumed_zero`` when they are all there is).
    """
    return _sum(food, FIELD["k2_total_ug"].nutrients, "k2_total")


def k_total_per_100g(food: Food) -> ShownValue | None:
    """K1 + dihydro-K1 + menaquinones measured in ``food`` (None if nothing measured)."""
    return _sum(food, FIELD["k_total_ug"].nutrients, "k_total")


def mk_long_other_per_100g(food: Food) -> ShownValue | None:
    """Sum of MK-5, MK-6 and MK-8 … MK-13 in ``food`` (None if none was measured).

    The same rule as the other sums: range, status (``imputed``, ``assumed_zero`` …) and
    source keys follow the forms summed; ``forms`` lists which were measured.
    """
    return _sum(food, FIELD["mk_long_other_ug"].nutrients, "mk_long_other")


#: What the marks in a table of food values mean (shown under such tables).
VALUE_MARKS_NOTE = (
    "ND = not detected. 'not measured' means no source measured that form; it is not zero. "
    "≥ = lower bound: a total with some forms not measured. (imputed) = USDA calculated "
    "or imputed value; (assumed) = USDA assumed zero, not measured."
)

#: The forms and totals shown for a food, in order, with their display labels.
#: Dihydro-K1 (measured in few foods, from hydrogenated fats) is left out of the headline
#: but counted in ``k_total``. Labels are the registry's column abbreviations.
HEADLINE_FORMS: tuple[tuple[str, str], ...] = tuple(
    (f.code, f.abbreviation) for f in FIELDS if f.kind == "vitamin_k" and f.code != "dihydro_k1"
)


def headline_value(food: Food, code: str) -> ShownValue | None:
    """The value shown for one :data:`HEADLINE_FORMS` code (a form or a total)."""
    if code == "k2_total":
        return k2_per_100g(food)
    if code == "k_total":
        return k_total_per_100g(food)
    if code == "mk_long_other":
        return mk_long_other_per_100g(food)
    return shown_value(food, code)


def food_row(food: Food) -> dict[str, Any]:
    """Per-100 g and per-serving values of the :data:`HEADLINE_FORMS`, with source keys.

    The JSON shape of ``vitk foods search/show --format json`` and ``/api/foods/{id}``:
    ``values[code]`` holds ``status``, ``per_100g_ug`` and ``per_serving_ug`` (None when
    not measured: unknown is not zero), ``source_keys`` and, for a value, its
    ``low_per_100g_ug``/``high_per_100g_ug`` range and, for a sum, the ``forms`` in it. [µg]
    """
    serving_g = portion_grams(food, food.typical_serving) if food.typical_serving else None
    values: dict[str, Any] = {}
    out: dict[str, Any] = {
        "food_id": food.food_id,
        "name": food.name,
        "source_db": food.source_db,
        "typical_serving": food.typical_serving,
        "serving_g": serving_g,
        "values": values,
    }
    for code, _ in HEADLINE_FORMS:
        sv = headline_value(food, code)
        if sv is None or sv.value_per_100g is None:
            values[code] = {
                "status": "not_measured" if sv is None else sv.status,
                "per_100g_ug": None,
                "per_serving_ug": None,
                "source_keys": [] if sv is None else list(sv.source_keys),
            }
        else:
            values[code] = {
                "status": sv.status,
                "per_100g_ug": round(sv.value_per_100g, 2),
                "per_serving_ug": None
                if serving_g is None
                else round(sv.value_per_100g * serving_g / 100, 2),
                "low_per_100g_ug": sv.low_per_100g,
                "high_per_100g_ug": sv.high_per_100g,
                "source_keys": list(sv.source_keys),
                **({"forms": list(sv.forms)} if sv.forms else {}),
            }
    return out


def _norm_label(label: str) -> str:
    return " ".join(label.lower().replace(",", " ").split())


#: Household unit spellings (lower case) → the word food portions use.
_PORTION_ALIASES: dict[str, str] = {
    "tbsp": "tbsp",
    "tbsps": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tblsp": "tbsp",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "tablespoonful": "tbsp",
    "tablespoonfuls": "tbsp",
    "tsp": "tsp",
    "tsps": "tsp",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "teaspoonful": "tsp",
    "teaspoonfuls": "tsp",
    "cups": "cup",
    "slices": "slice",
    "pieces": "piece",
    "leaves": "leaf",
    "loaves": "loaf",
    "halves": "half",
    "ounce": "oz",
    "ounces": "oz",
    "fl oz": "fl oz",
}


def _singulars(u: str) -> set[str]:
    """``u`` and its plausible singular forms (slices → slice, pinches → pinch)."""
    out = {u}
    if u.endswith("s") and not u.endswith("ss"):
        out.add(u[:-1])
        if u.endswith(("ches", "shes", "xes", "sses", "oes")):
            out.add(u[:-2])
    return out


def resolve_portion(food: Food, unit: str) -> Portion | None:
    """Find the portion of ``food`` matching a household unit such as 'slice' or 'cup'.

    Case, plurals and long forms do not matter: ``Tbsp``, ``tablespoons``, ``CUPS``
    and ``slices`` match the portions ``1 tbsp``, ``1 cup`` and ``1 slice``.
    """
    u = _norm_label(unit)
    if not u:
        return None
    aliases = _forms(u)
    best: Portion | None = None
    for p in food.portions:
        label = _norm_label(p.label)
        words = label.split()
        # label like "1 cup chopped", "1/2 cup" or "3 oz": drop the leading number
        lead = _label_amount(words[0]) if words else None
        body = " ".join(words[1:]) if lead is not None else label
        amount = lead if lead is not None else 1.0
        exact = bool(aliases & _forms(body))
        if exact or aliases & _forms(body.split(" ")[0]):
            p2 = Portion(
                label=p.label, grams=p.grams / amount, source_key=p.source_key, origin=p.origin
            )
            if best is None or exact:
                best = p2
                if exact:
                    break
    return best


def _forms(word: str) -> set[str]:
    """``word``, its singulars and what they alias (tablespoons → tbsp, leaves → leaf)."""
    out = set()
    for form in _singulars(word):
        out.add(form)
        out.add(_PORTION_ALIASES.get(form, form))
    return out


def _label_amount(word: str) -> float | None:
    """The number leading a portion label ("1", "0.5", "1/2", "½"); None if not a number."""
    try:
        value, rest = parse_amount(word)
    except UnitError:
        return None
    return value if not rest and value > 0 else None


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
    sv = headline_value(food, nutrient)
    return None if sv is None else sv.scaled(grams)
