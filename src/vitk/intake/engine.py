"""Intake engine: a diary becomes daily totals by vitamin K form and co-nutrients.

Each food row is matched to a food (fuzzy, the chosen match is reported), its amount
converted to grams (mass units directly, household measures through the food's
portions), and multiplied by the food's shown values per 100 g
(:func:`vitk.foods.values.shown_value`). A nutrient that was never measured in a
food adds nothing and is counted in *coverage*, so totals are lower bounds where
coverage is incomplete. Supplement rows add their stated amount.

Unknown is not zero: per day (and for the 7-day and whole-diary means) each field is
marked *not measured* when no logged source has a value for it (the number, 0, means
nothing) and *lower bound* when some logged foods have a value and others do not.
A supplement counts as measured for its own form; a day with no food logged has an
unknown diet (its forms are not measured, or lower bounds where a supplement supplied
them). ``mk_long_other_ug`` counts as
measured in a food when at least one of MK-5, MK-6, MK-8 … MK-13 was measured in it;
``k2_total_ug`` and ``k_total_ug`` are not measured when none of their forms is and a
lower bound when any of their forms is not measured or a lower bound.

In the JSON form (``to_dict``) a not-measured number is ``null``; measured numbers and
lower bounds stay numbers. ``to_dict(unknown_as_zero=True)`` keeps the old numeric form
(0 where not measured, read together with the ``not_measured`` lists) for callers that
draw or add the numbers. Internally (:attr:`DayTotals.values`, ``mean_daily``) every
field is a number and a not-measured one is 0.

Upper limits: besides the diary's mean, each comparison with a UL lists the days above
it (``days_above_ul``, ``dates_above_ul``), since one day of a high-dose supplement
can exceed a UL that the mean hides.

Unknown foods do not stop a diary: a food row that matches no food adds nothing, its
day counts every field as lacking (a lower bound where anything else measured it, else
not measured), and it is listed in :attr:`IntakeSummary.unknown_foods` with ranked
suggestions that share a word or a close spelling (:mod:`vitk.intake.suggest`).
``summarise(..., strict=True)`` refuses such rows instead, like any other bad row.

Bad rows (an amount, unit or supplement that cannot be read; an unknown food under
``strict``) are all collected, in row order, into one
:class:`~vitk.intake.diary.DiaryRowsError`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from vitk.errors import DiaryError, UnknownFoodError, VitkError
from vitk.foods.catalogue import Catalogue, default_catalogue
from vitk.foods.model import Food
from vitk.foods.values import shown_value
from vitk.intake.comparison import (
    LOWER_BOUND,
    MEASURED,
    NOT_MEASURED,
    comparison_rows,
)
from vitk.intake.diary import Diary, DiaryEntry, rows_error, supplement_reading
from vitk.intake.quality import (
    NO_FOODS_NOTE,
    Consistency,
    Coverage,
    check_band_pct,
    consistency_of,
    food_coverage,
)
from vitk.intake.quantities import (
    MAX_FOOD_G,
    MAX_SUPPLEMENT,
    food_grams,
    supplement_amount,
)
from vitk.intake.suggest import UnknownFood, suggest_foods
from vitk.intake.targets import ReferenceIntakes, reference_intakes
from vitk.lifestage import LifeStage
from vitk.nutrients import BASE_FIELDS, FIELDS, NUTRIENT_FIELD, TOTALS

__all__ = [
    "DAY_FIELDS",
    "LOWER_BOUND",
    "MAX_FOOD_G",
    "MAX_SUPPLEMENT",
    "MEASURED",
    "NOT_MEASURED",
    "NO_FOODS_NOTE",
    "Consistency",
    "Coverage",
    "DayTotals",
    "FoodMatch",
    "IntakeSummary",
    "UnknownFood",
    "check_band_pct",
    "measurement_marks",
    "summarise",
]

#: Per-day output fields, in order (JSON contract; see :data:`vitk.nutrients.FIELDS`).
DAY_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
_BASE_FIELDS = BASE_FIELDS
_NUTRIENT_FIELD = NUTRIENT_FIELD

#: Totals made of other fields: a total is not measured when all of its parts are not
#: measured, and a lower bound when any part is not measured or a lower bound.
_DERIVED: dict[str, tuple[str, ...]] = TOTALS
_ALL_BASE = frozenset(_BASE_FIELDS)
#: Bit of each base field: the engine tracks measured/lacking fields as bit masks.
_BIT = {f: 1 << i for i, f in enumerate(_BASE_FIELDS)}
_ALL_MASK = (1 << len(_BASE_FIELDS)) - 1


def measurement_marks(
    measured: AbstractSet[str], lacking: AbstractSet[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """Fields that are not measured, and fields that are lower bounds.

    Parameters
    ----------
    measured : set of str
        Base fields (``k1_ug`` … ``magnesium_mg``) that at least one logged source
        measured (a food with a value, or a supplement of that form).
    lacking : set of str
        Base fields that at least one logged food has no value for.

    Returns
    -------
    (frozenset, frozenset)
        ``(not_measured, lower_bound)``, both over :data:`DAY_FIELDS` (derived totals
        included). A field in neither set is exact: every logged source measured it.
    """
    return _marks(_mask(measured), _mask(lacking))


def _mask(fields: Iterable[str]) -> int:
    m = 0
    for f in fields:
        m |= _BIT.get(f, 0)
    return m


@lru_cache(maxsize=4096)
def _marks(measured: int, lacking: int) -> tuple[frozenset[str], frozenset[str]]:
    """:func:`measurement_marks` on bit masks (cached: a diary has few distinct pairs)."""
    nm = {f for f, b in _BIT.items() if lacking & b and not measured & b}
    lb = {f for f, b in _BIT.items() if lacking & b and measured & b}
    for total, parts in _DERIVED.items():
        n_nm = sum(p in nm for p in parts)
        if n_nm == len(parts):
            nm.add(total)
        elif n_nm or any(p in lb for p in parts):
            lb.add(total)
    return frozenset(nm), frozenset(lb)


@lru_cache(maxsize=1024)
def _ordered_t(fields: frozenset[str]) -> tuple[str, ...]:
    return tuple(f for f in DAY_FIELDS if f in fields)


def _ordered(fields: AbstractSet[str]) -> list[str]:
    return list(_ordered_t(frozenset(fields)))


def _status(field: str, nm: AbstractSet[str], lb: AbstractSet[str]) -> str:
    return NOT_MEASURED if field in nm else LOWER_BOUND if field in lb else MEASURED


@dataclass
class DayTotals:
    date: dt.date
    values: dict[str, float]
    supplements: dict[str, float]
    n_entries: int
    #: Fields no logged source measured that day (the value, 0, means nothing).
    not_measured: frozenset[str] = frozenset()
    #: Fields some of that day's logged foods had no value for (the value is a minimum).
    lower_bound: frozenset[str] = frozenset()
    #: Ids of the foods logged that day (for :meth:`IntakeSummary.source_keys`).
    food_ids: frozenset[str] = frozenset()
    #: Rows of that day whose food is unknown (they add nothing: the day is a lower bound).
    unknown_rows: tuple[int, ...] = ()

    def __getattr__(self, name: str) -> float:
        values = self.__dict__.get("values", {})
        if name in values:
            return float(values[name])
        raise AttributeError(name)

    def status(self, field: str) -> str:
        """``measured``, ``lower_bound`` or ``not_measured`` for one field of this day."""
        return _status(field, self.not_measured, self.lower_bound)

    def to_dict(self, *, unknown_as_zero: bool = False) -> dict[str, Any]:
        """JSON form: a not-measured field is ``None`` (0 with ``unknown_as_zero``)."""
        nm = frozenset() if unknown_as_zero else self.not_measured
        return {
            "date": self.date.isoformat(),
            **{k: None if k in nm else _r(self.values[k]) for k in DAY_FIELDS},
            "not_measured": _ordered(self.not_measured),
            "lower_bound": _ordered(self.lower_bound),
        }


@dataclass(frozen=True)
class FoodMatch:
    row: int
    query: str
    food_id: str
    food_name: str
    score: float
    grams: float
    portion: str

    @property
    def exact(self) -> bool:
        """The item is a food id or equals a name/synonym; False for a fuzzy match."""
        return self.score >= 100.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "query": self.query,
            "food_id": self.food_id,
            "food_name": self.food_name,
            "score": round(self.score, 1),
            "exact": self.exact,
            "grams": round(self.grams, 1),
            "portion": self.portion,
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
    #: Base fields measured by a logged food (not counting supplements), whole diary.
    food_measured: frozenset[str] = frozenset()
    #: Base fields that at least one logged food has no value for, whole diary.
    lacking: frozenset[str] = frozenset()
    #: Base fields a logged supplement supplied, whole diary.
    supplemented: frozenset[str] = frozenset()
    #: Per food id and field, the source keys of the value used.
    food_keys: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: Food rows that matched no food, with suggestions (their days are lower bounds).
    unknown_foods: list[UnknownFood] = field(default_factory=list)
    #: Rows read other than literally: ``{"row", "item", "reading"}`` (a bare count in the
    #: food's natural unit, an amount taken from the item, "K2" read as MK-7 …).
    readings: list[dict[str, Any]] = field(default_factory=list)

    def marks(self, *, supplements: bool = True) -> tuple[frozenset[str], frozenset[str]]:
        """``(not_measured, lower_bound)`` of the whole-diary means.

        With ``supplements=False``, of the diet part alone (foods only).
        """
        measured = self.food_measured | self.supplemented if supplements else self.food_measured
        return measurement_marks(measured, self.lacking)

    def source_keys(self, days: Sequence[DayTotals] | None = None) -> dict[str, list[str]]:
        """Per field, the source keys of the food values behind it (all days by default).

        Supplements add their logged amount and carry no source key.
        """
        ids: set[str] = set()
        for d in self.days if days is None else days:
            ids |= d.food_ids
        keys: dict[str, dict[str, None]] = {f: {} for f in DAY_FIELDS}
        for fid in sorted(ids):
            for fld, ks in self.food_keys.get(fid, {}).items():
                keys[fld].update(dict.fromkeys(ks))
        for total, parts in _DERIVED.items():
            for p in parts:
                keys[total].update(keys[p])
        return {f: sorted(k) for f, k in keys.items()}

    def to_dict(self, *, unknown_as_zero: bool = False) -> dict[str, Any]:
        """JSON form. Unknown is not zero: a number no logged source measured is ``None``
        (in ``days``, ``rolling_7d``, ``mean_daily`` and each comparison's ``intake``).

        With ``unknown_as_zero=True`` such numbers are 0 instead (the
        ``not_measured`` lists still say which), for callers that plot or add them.
        """
        nm, lb = self.marks()
        z = unknown_as_zero
        return {
            "days": [d.to_dict(unknown_as_zero=z) for d in self.days],
            "rolling_7d": [
                {k: None if not z and k in r["not_measured"] else v for k, v in r.items()}
                for r in self.rolling_7d
            ],
            "mean_daily": {
                k: None if not z and k in nm else _r(v) for k, v in self.mean_daily.items()
            },
            "mean_daily_not_measured": _ordered(nm),
            "mean_daily_lower_bound": _ordered(lb),
            "source_keys": self.source_keys(),
            "coverage": self.coverage.to_dict(),
            "consistency": self.consistency.to_dict(),
            "matches": [m.to_dict() for m in self.matches],
            "unknown_foods": [u.to_dict() for u in self.unknown_foods],
            "readings": [dict(r) for r in self.readings],
            "targets": self.targets.to_dict() if self.targets else None,
            "comparison": [
                {**c, "intake": None} if not z and c["intake_status"] == NOT_MEASURED else dict(c)
                for c in self.comparison
            ],
        }


def _r(x: float) -> float:
    return round(float(x), 2)


def _row_message(entry: DiaryEntry, exc: Exception) -> str:
    """``exc`` as one line that starts with the entry's row number."""
    msg = " ".join(str(exc).split())
    return msg if msg.startswith(f"row {entry.row}:") else f"row {entry.row}: {msg}"


class _Unknown(Exception):
    """A food row that matches no food (handled by :func:`summarise`)."""


def _unknown_message(entry: DiaryEntry, suggestions: Sequence[Any]) -> str:
    hint = (
        " Did you mean: " + ", ".join(repr(s.name) for s in suggestions[:3]) + "?"
        if suggestions
        else " Look it up in the food list (vitk foods search, or the Foods page)."
    )
    return (
        f"row {entry.row}: Unknown food '{entry.item}': no food name contains each of its "
        f"words.{hint}"
    )


class _FoodCache:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.by_query: dict[str, tuple[Food, float]] = {}
        self.per_g: dict[str, dict[str, float]] = {}
        #: Per food id: base fields without a value, and each field's source keys.
        self.lacking: dict[str, int] = {}
        self.keys: dict[str, dict[str, tuple[str, ...]]] = {}
        self.grams: dict[tuple[str, str], tuple[float, str]] = {}
        self.supplement: dict[tuple[str, str], float] = {}
        self.unknown: set[str] = set()

    def food_grams(self, food: Food, entry: DiaryEntry) -> tuple[float, str]:
        key = (food.food_id, entry.amount)
        if key not in self.grams:
            self.grams[key] = food_grams(food, entry)
        return self.grams[key]

    def supplement_amount(self, code: str, entry: DiaryEntry) -> float:
        key = (code, entry.amount)
        if key not in self.supplement:
            self.supplement[key] = supplement_amount(code, entry)
        return self.supplement[key]

    def resolve(self, entry: DiaryEntry) -> tuple[Food, float]:
        key = entry.item.lower()
        if key in self.unknown:
            raise _Unknown(entry.item)
        if key not in self.by_query:
            try:
                food, hit = self.catalogue.resolve(entry.item)
            except UnknownFoodError:
                self.unknown.add(key)
                raise _Unknown(entry.item) from None
            except VitkError as exc:
                raise DiaryError(f"row {entry.row}: {exc}") from None
            # Score 100 means an exact name/synonym (or id) match; fuzzy matches stay below,
            # so FoodMatch.exact and every report can tell them apart.
            self.by_query[key] = (food, 100.0 if hit.exact else min(hit.score, 99.0))
        return self.by_query[key]

    def per_gram(self, food: Food) -> dict[str, float]:
        """Values per gram of the fields measured in ``food`` (unmeasured fields absent)."""
        if food.food_id not in self.per_g:
            values: dict[str, float] = defaultdict(float)
            keys: dict[str, dict[str, None]] = defaultdict(dict)
            for code, fld in _NUTRIENT_FIELD.items():
                sv = shown_value(food, code)
                # An assumed zero (USDA Src_Cd 7) adds nothing and is not a measurement:
                # the field stays "lacking", so the day shows n.m. or a lower bound.
                if sv is not None and sv.value_per_100g is not None and sv.counts_as_measured:
                    values[fld] += sv.value_per_100g / 100.0
                    keys[fld].update(dict.fromkeys(sv.source_keys))
            self.per_g[food.food_id] = dict(values)
            self.lacking[food.food_id] = _mask(_ALL_BASE.difference(values))
            self.keys[food.food_id] = {f: tuple(k) for f, k in keys.items()}
        return self.per_g[food.food_id]


def _fields(mask: int) -> frozenset[str]:
    return frozenset(f for f, b in _BIT.items() if mask & b)


def _finish(values: dict[str, float]) -> dict[str, float]:
    v = {k: values.get(k, 0.0) for k in _BASE_FIELDS}
    for total, parts in _DERIVED.items():
        v[total] = sum(v[p] for p in parts)
    return {k: v[k] for k in DAY_FIELDS}


def summarise(
    diary: Diary,
    *,
    stage: LifeStage | None = None,
    catalogue: Catalogue | None = None,
    band_pct: float = 20.0,
    strict: bool = False,
) -> IntakeSummary:
    """Daily totals, 7-day rolling means, coverage, consistency and target comparison.

    Parameters
    ----------
    diary : Diary
        Food and supplement rows (see :func:`vitk.intake.read_diary`).
    stage : LifeStage, optional
        Life stage for the reference intakes; without it no comparison is made.
    catalogue : Catalogue, optional
        Foods to match against; by default the curated catalogue (plus USDA if imported).
    band_pct : float
        Consistency band: ± this share of the person's own mean, above 0 and at most
        100. [%]
    strict : bool
        Refuse food rows that match no food (as any other bad row). By default they add
        nothing, are listed in ``unknown_foods`` with suggestions, and their days are
        lower bounds.

    Raises
    ------
    DiaryError
        Rows that cannot be read: every one of them, one line each with its row number,
        in row order (:class:`~vitk.intake.diary.DiaryRowsError`).
    InputError
        ``band_pct`` not a number in (0, 100].
    """
    band_pct = check_band_pct(band_pct)
    cat = catalogue or default_catalogue()
    cache = _FoodCache(cat)
    day_vals: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    day_supp: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    day_measured: dict[dt.date, int] = defaultdict(int)  # bit masks, see _BIT
    day_lacking: dict[dt.date, int] = defaultdict(int)
    day_foods: dict[dt.date, set[str]] = defaultdict(set)
    day_n: dict[dt.date, int] = defaultdict(int)
    matches: list[FoodMatch] = []
    foods_seen: dict[str, Food] = {}
    problems: list[str] = []
    unknown: list[UnknownFood] = []
    day_unknown: dict[dt.date, list[int]] = defaultdict(list)
    suggestions: dict[str, tuple[Any, ...]] = {}
    readings: list[dict[str, Any]] = []
    for entry in diary.entries:
        date = entry.date
        day_n[date] += 1
        if entry.reading:
            readings.append({"row": entry.row, "item": entry.item, "reading": entry.reading})
        if entry.kind == "food":
            try:
                food, score = cache.resolve(entry)
                grams, how = cache.food_grams(food, entry)
            except _Unknown:
                key = entry.item.lower()
                if key not in suggestions:
                    suggestions[key] = tuple(suggest_foods(cat, entry.item))
                if strict:
                    problems.append(_unknown_message(entry, suggestions[key]))
                    continue
                unknown.append(
                    UnknownFood(entry.row, date, entry.item, entry.amount, suggestions[key])
                )
                day_unknown[date].append(entry.row)
                day_lacking[date] = _ALL_MASK  # anything could be in it: a lower bound
                continue
            except VitkError as exc:
                problems.append(_row_message(entry, exc))
                continue
            if "a count read as" in how:
                readings.append({"row": entry.row, "item": entry.item, "reading": how})
            per_gram = cache.per_gram(food)
            vals = day_vals[date]
            for fld, per_g in per_gram.items():
                vals[fld] += per_g * grams
            day_foods[date].add(food.food_id)
            lacks = cache.lacking[food.food_id]
            day_lacking[date] |= lacks
            day_measured[date] |= _ALL_MASK & ~lacks
            matches.append(
                FoodMatch(entry.row, entry.item, food.food_id, food.name, score, grams, how)
            )
            foods_seen[food.food_id] = food
        else:
            try:
                code, reading = supplement_reading(entry.item, entry.row)
                amount = cache.supplement_amount(code, entry)
            except VitkError as exc:
                problems.append(_row_message(entry, exc))
                continue
            if reading:
                readings.append({"row": entry.row, "item": entry.item, "reading": reading})
            fld = _NUTRIENT_FIELD[code]
            day_vals[date][fld] += amount
            day_supp[date][fld] += amount
            day_measured[date] |= _BIT[fld]
    if problems:
        raise rows_error(problems)

    days: list[DayTotals] = []
    supplemented: set[str] = set()
    lacking = food_measured = 0
    for date in sorted(day_n):
        if not day_foods[date]:  # no food logged: that day's diet is unknown, not zero
            day_lacking[date] = _ALL_MASK
        supp = _finish(day_supp[date])
        nm, lb = _marks(day_measured[date], day_lacking[date])
        days.append(
            DayTotals(
                date,
                _finish(day_vals[date]),
                supp,
                day_n[date],
                nm,
                lb,
                frozenset(day_foods[date]),
                tuple(day_unknown.get(date, ())),
            )
        )
        supplemented.update(day_supp[date])
        lacking |= day_lacking[date]
    for fid in foods_seen:
        food_measured |= _ALL_MASK & ~cache.lacking[fid]

    mean_daily = {k: sum(d.values[k] for d in days) / len(days) for k in DAY_FIELDS}
    rolling = _rolling_7d(days, day_measured, day_lacking)
    coverage = food_coverage(list(foods_seen.values()))
    consistency = consistency_of(days, band_pct)
    targets = reference_intakes(stage) if stage is not None else None
    mean_nm, mean_lb = _marks(food_measured | _mask(supplemented), lacking)
    comparison = comparison_rows(mean_daily, days, targets, mean_nm, mean_lb) if targets else []
    return IntakeSummary(
        days,
        rolling,
        mean_daily,
        coverage,
        consistency,
        matches,
        targets,
        comparison,
        _fields(food_measured),
        _fields(lacking),
        frozenset(supplemented),
        {fid: cache.keys[fid] for fid in foods_seen},
        unknown,
        sorted(readings, key=lambda r: int(r["row"])),
    )


def _rolling_7d(
    days: Sequence[DayTotals],
    measured: Mapping[dt.date, int],
    lacking: Mapping[dt.date, int],
) -> list[dict[str, Any]]:
    """Mean of the logged days among the last 7 calendar days, for each logged day.

    A field of the mean is not measured when no source in the window measured it, and a
    lower bound when some food in the window lacked it and some source measured it.
    """
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
        m = lack = 0
        for w in days[start : i + 1]:
            m |= measured.get(w.date, 0)
            lack |= lacking.get(w.date, 0)
        nm, lb = _marks(m, lack)
        out.append(
            {
                "date": d.date.isoformat(),
                "n_days": n,
                **{k: _r(sums[k] / n) for k in DAY_FIELDS},
                "not_measured": list(_ordered_t(nm)),
                "lower_bound": list(_ordered_t(lb)),
            }
        )
    return out
