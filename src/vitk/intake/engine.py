"""Intake engine: a diary becomes daily totals by vitamin K form and co-nutrients.

Each food row is matched to a food (fuzzy, the chosen match is reported), its amount
converted to grams (mass units directly, household measures through the food's
portions), and multiplied by the food's shown values per 100 g
(:func:`vitk.foods.values.shown_value`). A nutrient that was never measured in a
food adds nothing and is counted in *coverage*, so totals are lower bounds where
coverage is incomplete. Supplement rows add their stated amount.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vitk.errors import DiaryError, UnitError, VitkError
from vitk.foods.catalogue import Catalogue, default_catalogue
from vitk.foods.model import Food
from vitk.foods.values import k2_per_100g, portion_grams, resolve_portion, shown_value
from vitk.intake.diary import Diary, DiaryEntry, supplement_nutrient
from vitk.intake.targets import ReferenceIntakes, reference_intakes
from vitk.lifestage import LifeStage
from vitk.nutrients import MK_LONG_OTHER
from vitk.units import (
    FAST_MASS_G,
    convert,
    is_mass_unit,
    iu_to_ug_vitamin_d,
    normalise_unit,
    parse_amount,
)

__all__ = [
    "DAY_FIELDS",
    "Consistency",
    "Coverage",
    "DayTotals",
    "FoodMatch",
    "IntakeSummary",
    "summarise",
]

#: Per-day output fields, in order (JSON contract).
DAY_FIELDS: tuple[str, ...] = (
    "k1_ug",
    "dihydro_k1_ug",
    "mk4_ug",
    "mk7_ug",
    "mk_long_other_ug",
    "k2_total_ug",
    "k_total_ug",
    "calcium_mg",
    "vitamin_d_ug",
    "magnesium_mg",
)
_BASE_FIELDS = (
    "k1_ug",
    "dihydro_k1_ug",
    "mk4_ug",
    "mk7_ug",
    "mk_long_other_ug",
    "calcium_mg",
    "vitamin_d_ug",
    "magnesium_mg",
)
_NUTRIENT_FIELD = {
    "k1": "k1_ug",
    "dihydro_k1": "dihydro_k1_ug",
    "mk4": "mk4_ug",
    "mk7": "mk7_ug",
    **{code: "mk_long_other_ug" for code in MK_LONG_OTHER},
    "calcium": "calcium_mg",
    "vitamin_d": "vitamin_d_ug",
    "magnesium": "magnesium_mg",
}

#: Largest amount accepted in one diary row (beyond this it is a typo, not a meal).
MAX_FOOD_G = 5000.0
#: Largest supplement amount in one row, in the nutrient's unit. MK-4 is prescribed at
#: 45 mg/day in Japan (Inoue2009), so vitamin K forms allow up to 100 mg.
MAX_SUPPLEMENT = {
    "k1": 100_000.0,
    "mk4": 100_000.0,
    "mk7": 100_000.0,
    "vitamin_d": 2_500.0,
    "calcium": 5_000.0,
    "magnesium": 5_000.0,
}
_SUPPLEMENT_UNIT = {
    "k1": "ug",
    "mk4": "ug",
    "mk7": "ug",
    "vitamin_d": "ug",
    "calcium": "mg",
    "magnesium": "mg",
}


@dataclass
class DayTotals:
    date: dt.date
    values: dict[str, float]
    supplements: dict[str, float]
    n_entries: int

    def __getattr__(self, name: str) -> float:
        values = self.__dict__.get("values", {})
        if name in values:
            return float(values[name])
        raise AttributeError(name)

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), **{k: _r(self.values[k]) for k in DAY_FIELDS}}


@dataclass(frozen=True)
class FoodMatch:
    row: int
    query: str
    food_id: str
    food_name: str
    score: float
    grams: float
    portion: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "query": self.query,
            "food_id": self.food_id,
            "food_name": self.food_name,
            "score": round(self.score, 1),
            "grams": round(self.grams, 1),
            "portion": self.portion,
        }


@dataclass(frozen=True)
class Coverage:
    foods_logged: int
    foods_k2_measured: int
    foods_long_chain_measured: int
    foods_k2_unmeasured: tuple[str, ...]
    #: For calcium, vitamin D and magnesium: logged foods with no value (adds nothing).
    co_nutrient_unmeasured: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def k2_measured_share(self) -> float:
        return self.foods_k2_measured / self.foods_logged if self.foods_logged else 1.0

    @property
    def long_chain_measured_share(self) -> float:
        return self.foods_long_chain_measured / self.foods_logged if self.foods_logged else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "foods_logged": self.foods_logged,
            "k2_measured_share": round(self.k2_measured_share, 3),
            "long_chain_mk_measured_share": round(self.long_chain_measured_share, 3),
            "foods_k2_unmeasured": list(self.foods_k2_unmeasured),
            "co_nutrient_unmeasured": {k: list(v) for k, v in self.co_nutrient_unmeasured.items()},
            "note": "Share of distinct logged foods with any menaquinone measured; foods "
            "without data add nothing, so K2 totals are lower bounds.",
        }


@dataclass(frozen=True)
class Consistency:
    """Day-to-day consistency of total vitamin K (what anticoagulation clinics ask for)."""

    n_days: int
    mean_ug: float
    sd_ug: float
    cv_pct: float
    band_pct: float
    days_outside_band: tuple[dt.date, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_days": self.n_days,
            "mean_ug": _r(self.mean_ug),
            "sd_ug": _r(self.sd_ug),
            "cv_pct": _r(self.cv_pct),
            "band_pct": self.band_pct,
            "days_outside_band": len(self.days_outside_band),
            "dates_outside_band": [d.isoformat() for d in self.days_outside_band],
        }


@dataclass
class IntakeSummary:
    days: list[DayTotals]
    rolling_7d: list[dict[str, Any]]
    mean_daily: dict[str, float]
    coverage: Coverage
    consistency: Consistency
    matches: list[FoodMatch]
    targets: ReferenceIntakes | None = None
    comparison: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": [d.to_dict() for d in self.days],
            "rolling_7d": self.rolling_7d,
            "mean_daily": {k: _r(v) for k, v in self.mean_daily.items()},
            "coverage": self.coverage.to_dict(),
            "consistency": self.consistency.to_dict(),
            "matches": [m.to_dict() for m in self.matches],
            "targets": self.targets.to_dict() if self.targets else None,
            "comparison": self.comparison,
        }


def _r(x: float) -> float:
    return round(float(x), 2)


def _food_grams(food: Food, entry: DiaryEntry) -> tuple[float, str]:
    try:
        value, unit = parse_amount(entry.amount)
    except UnitError as exc:
        raise DiaryError(f"row {entry.row}: {exc}") from None
    if value < 0:
        raise DiaryError(f"row {entry.row}: amount must be ≥ 0; got '{entry.amount}'.")
    if not unit:
        raise DiaryError(
            f"row {entry.row}: amount '{entry.amount}' has no unit; use g, oz, or a portion "
            f"such as {', '.join(p.label for p in food.portions[:3]) or 'serving'}."
        )
    u = normalise_unit(unit)
    portion = None if u in FAST_MASS_G else resolve_portion(food, unit)
    if portion is not None:
        grams, how = value * portion.grams, f"{value:g} × {portion.label} ({portion.grams:g} g)"
    elif u.lower() in ("serving", "servings", "portion", "portions"):
        if not food.typical_serving:
            raise DiaryError(f"row {entry.row}: '{food.name}' has no typical serving; give grams.")
        grams = value * portion_grams(food, food.typical_serving)
        how = f"{value:g} × {food.typical_serving}"
    elif is_mass_unit(u):  # everyday units need no pint registry (see vitk.units)
        grams, how = convert(value, u, "g"), f"{value:g} {unit}"
    else:
        allowed = ", ".join(p.label for p in food.portions) or "none"
        raise DiaryError(
            f"row {entry.row}: unit '{unit}' is neither a mass nor a portion of "
            f"'{food.name}'; allowed: g, mg, kg, oz, lb, serving, or a portion ({allowed})."
        )
    if grams > MAX_FOOD_G:
        raise DiaryError(
            f"row {entry.row}: {entry.amount} of '{food.name}' is {grams:,.0f} g; the most one row "
            f"may hold is {MAX_FOOD_G:,.0f} g."
        )
    return grams, how


def _supplement_amount(code: str, entry: DiaryEntry) -> float:
    try:
        value, unit = parse_amount(entry.amount)
    except UnitError as exc:
        raise DiaryError(f"row {entry.row}: {exc}") from None
    if value < 0:
        raise DiaryError(f"row {entry.row}: amount must be ≥ 0; got '{entry.amount}'.")
    u = normalise_unit(unit)
    target = _SUPPLEMENT_UNIT[code]
    if u == "IU":
        if code != "vitamin_d":
            raise DiaryError(
                f"row {entry.row}: IU is only accepted for vitamin D; "
                f"got '{entry.amount}' of {entry.item}."
            )
        amount = iu_to_ug_vitamin_d(value)
    elif u and is_mass_unit(u):
        amount = convert(value, u, target)
    else:
        raise DiaryError(
            f"row {entry.row}: unknown unit '{unit or '(none)'}' in '{entry.amount}' "
            f"for {entry.item}; "
            f"allowed: mcg/µg/ug, mg, g{', IU' if code == 'vitamin_d' else ''}."
        )
    limit = MAX_SUPPLEMENT[code]
    if amount > limit:
        raise DiaryError(
            f"row {entry.row}: {entry.amount} of {entry.item} is {amount:,.0f} {target}; "
            f"the most one row may hold is {limit:,.0f} {target}."
        )
    return amount


class _FoodCache:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.by_query: dict[str, tuple[Food, float]] = {}
        self.per_g: dict[str, dict[str, float]] = {}
        self.grams: dict[tuple[str, str], tuple[float, str]] = {}
        self.supplement: dict[tuple[str, str], float] = {}

    def food_grams(self, food: Food, entry: DiaryEntry) -> tuple[float, str]:
        key = (food.food_id, entry.amount)
        if key not in self.grams:
            self.grams[key] = _food_grams(food, entry)
        return self.grams[key]

    def supplement_amount(self, code: str, entry: DiaryEntry) -> float:
        key = (code, entry.amount)
        if key not in self.supplement:
            self.supplement[key] = _supplement_amount(code, entry)
        return self.supplement[key]

    def resolve(self, entry: DiaryEntry) -> tuple[Food, float]:
        key = entry.item.lower()
        if key not in self.by_query:
            try:
                food, hit = self.catalogue.resolve(entry.item)
            except VitkError as exc:
                raise DiaryError(f"row {entry.row}: {exc}") from None
            self.by_query[key] = (food, hit.score)
        return self.by_query[key]

    def per_gram(self, food: Food) -> dict[str, float]:
        if food.food_id not in self.per_g:
            values: dict[str, float] = defaultdict(float)
            for code, fld in _NUTRIENT_FIELD.items():
                sv = shown_value(food, code)
                if sv is not None and sv.value_per_100g is not None:
                    values[fld] += sv.value_per_100g / 100.0
            self.per_g[food.food_id] = dict(values)
        return self.per_g[food.food_id]


def _finish(values: dict[str, float]) -> dict[str, float]:
    v = {k: values.get(k, 0.0) for k in _BASE_FIELDS}
    v["k2_total_ug"] = v["mk4_ug"] + v["mk7_ug"] + v["mk_long_other_ug"]
    v["k_total_ug"] = v["k1_ug"] + v["dihydro_k1_ug"] + v["k2_total_ug"]
    return {k: v[k] for k in DAY_FIELDS}


def summarise(
    diary: Diary,
    *,
    stage: LifeStage | None = None,
    catalogue: Catalogue | None = None,
    band_pct: float = 20.0,
) -> IntakeSummary:
    """Daily totals, 7-day rolling means, coverage, consistency and target comparison."""
    cat = catalogue or default_catalogue()
    cache = _FoodCache(cat)
    day_vals: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    day_supp: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    day_n: dict[dt.date, int] = defaultdict(int)
    matches: list[FoodMatch] = []
    foods_seen: dict[str, Food] = {}
    for entry in diary.entries:
        day_n[entry.date] += 1
        if entry.kind == "food":
            food, score = cache.resolve(entry)
            grams, how = cache.food_grams(food, entry)
            for fld, per_g in cache.per_gram(food).items():
                day_vals[entry.date][fld] += per_g * grams
            matches.append(
                FoodMatch(entry.row, entry.item, food.food_id, food.name, score, grams, how)
            )
            foods_seen[food.food_id] = food
        else:
            code = supplement_nutrient(entry.item, entry.row)
            amount = cache.supplement_amount(code, entry)
            fld = _NUTRIENT_FIELD[code]
            day_vals[entry.date][fld] += amount
            day_supp[entry.date][fld] += amount

    days: list[DayTotals] = []
    for date in sorted(day_n):
        supp = _finish(day_supp[date])
        days.append(DayTotals(date, _finish(day_vals[date]), supp, day_n[date]))

    mean_daily = {k: sum(d.values[k] for d in days) / len(days) for k in DAY_FIELDS}
    rolling = _rolling_7d(days)
    coverage = _coverage(list(foods_seen.values()))
    consistency = _consistency(days, band_pct)
    targets = reference_intakes(stage) if stage is not None else None
    comparison = _compare(mean_daily, days, targets) if targets else []
    return IntakeSummary(
        days, rolling, mean_daily, coverage, consistency, matches, targets, comparison
    )


def _rolling_7d(days: Sequence[DayTotals]) -> list[dict[str, Any]]:
    """Mean of the logged days among the last 7 calendar days, for each logged day."""
    out = []
    sums = dict.fromkeys(DAY_FIELDS, 0.0)
    start = 0
    for i, d in enumerate(days):  # days are sorted: a sliding window
        for k in DAY_FIELDS:
            sums[k] += d.values[k]
        while (d.date - days[start].date).days >= 7:
            for k in DAY_FIELDS:
                sums[k] -= days[start].values[k]
            start += 1
        n = i - start + 1
        out.append(
            {"date": d.date.isoformat(), "n_days": n, **{k: _r(sums[k] / n) for k in DAY_FIELDS}}
        )
    return out


def _coverage(foods: Sequence[Food]) -> Coverage:
    unmeasured = []
    k2 = 0
    long_chain = 0
    for f in foods:
        if k2_per_100g(f) is not None:
            k2 += 1
        else:
            unmeasured.append(f.name)
        if any(shown_value(f, c) is not None for c in ("mk7", *MK_LONG_OTHER)):
            long_chain += 1
    co = {
        code: tuple(sorted(f.name for f in foods if shown_value(f, code) is None))
        for code in ("calcium", "vitamin_d", "magnesium")
    }
    return Coverage(len(foods), k2, long_chain, tuple(sorted(unmeasured)), co)


def _consistency(days: Sequence[DayTotals], band_pct: float) -> Consistency:
    totals = [d.values["k_total_ug"] for d in days]
    n = len(totals)
    mean = sum(totals) / n
    sd = math.sqrt(sum((t - mean) ** 2 for t in totals) / (n - 1)) if n > 1 else 0.0
    cv = 100.0 * sd / mean if mean > 0 else 0.0
    outside = tuple(
        d.date for d in days if abs(d.values["k_total_ug"] - mean) > band_pct / 100.0 * mean
    )
    return Consistency(n, mean, sd, cv, band_pct, outside)


def _compare(
    mean: dict[str, float], days: Sequence[DayTotals], targets: ReferenceIntakes
) -> list[dict[str, Any]]:
    supp_mean = {k: sum(d.supplements[k] for d in days) / len(days) for k in DAY_FIELDS}
    rows = [
        (
            "vitamin_k_us",
            "k_total_ug",
            mean["k_total_ug"],
            "total vitamin K (K1 + dihydro-K1 + K2)",
        ),
        ("vitamin_k1_efsa", "k1_ug", mean["k1_ug"], "phylloquinone (K1) only, as EFSA defines it"),
        ("calcium", "calcium_mg", mean["calcium_mg"], "diet + supplements"),
        ("calcium_ul", "calcium_mg", mean["calcium_mg"], "diet + supplements"),
        ("vitamin_d", "vitamin_d_ug", mean["vitamin_d_ug"], "diet + supplements"),
        ("vitamin_d_ul", "vitamin_d_ug", mean["vitamin_d_ug"], "diet + supplements"),
        ("magnesium", "magnesium_mg", mean["magnesium_mg"], "diet + supplements"),
        (
            "magnesium_ul",
            "magnesium_mg",
            supp_mean["magnesium_mg"],
            "supplements only (the UL excludes food)",
        ),
    ]
    out = []
    for name, fld, intake, basis in rows:
        t = targets.targets()[name]
        pct = None if t.value in (None, 0) else 100.0 * intake / t.value  # type: ignore[operator]
        if t.value is None:
            status = "no reference value"
        elif t.kind == "UL":
            status = "above UL" if intake > t.value else "within UL"
        else:
            status = "meets" if intake >= t.value else "below"
        out.append(
            {
                "target": name,
                "field": fld,
                "basis": basis,
                "intake": _r(intake),
                "reference": t.value,
                "unit": t.unit,
                "kind": t.kind,
                "body": t.body,
                "pct_of_reference": None if pct is None else _r(pct),
                "status": status,
                "source_keys": list(t.source_keys),
                "note": t.note,
            }
        )
    return out
