"""Doses from a food and supplement diary: each logged day becomes a dose of each form.

The intake engine (:func:`vitk.intake.summarise`) matches every food row, converts its
amount to grams and multiplies by the food's measured K1, MK-4 and MK-7 per gram; a
supplement row adds its stated amount. This module takes the engine's per-day totals of
``k1_ug``, ``mk4_ug`` and ``mk7_ug`` and places them as oral doses:

- **Time of day.** Diary rows carry a date but no clock time, so every row of a day is
  taken at :data:`DEFAULT_DOSE_TIME_H` (12:00, midday), the same time each day. Linear
  PK is additive, so one dose of the day's total at 12:00 equals one dose per row at
  12:00. Real meals spread over the day shift the curve by a few hours, not its height
  after the first day.
- **Time zero** is 00:00 on the first diary date; the diary period runs to 24:00 on the
  last date.
- **Unknown is not zero.** A form that no logged food measured adds nothing on that day,
  so the simulated level of that form is a *lower bound* (or, if nothing in the diary
  measured it, *not measured*: the curve is only the baseline). Calendar days inside the
  period with no diary rows also add nothing and make every form a lower bound.
- Dihydro-K1 and MK-5 … MK-13 have no PK model here and are left out.

References
----------
The food values' source keys (per form, from the engine) are cited when
:func:`regimen_from_diary` runs, so a PK result built from a diary lists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.errors import InputError
from vitk.nutrients import FIELD, NUTRIENT_FIELD
from vitk.pharmacology.regimens import _PK_FORMS as PK_FORMS
from vitk.pharmacology.regimens import Dose, Regimen

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.diary import Diary

__all__ = ["DEFAULT_DOSE_TIME_H", "DiaryRegimen", "regimen_from_diary"]

#: Clock time at which a day's logged foods and supplements are taken (12:00). [h]
DEFAULT_DOSE_TIME_H = 12.0
#: Diary field of each PK form, in the order doses are listed.
_FORM_FIELDS = {code: NUTRIENT_FIELD[code] for code in PK_FORMS}
_LABELS = {code: FIELD[field].short_label for code, field in _FORM_FIELDS.items()}


@dataclass(frozen=True)
class DiaryRegimen:
    """A diary turned into doses, with what is known about each form.

    ``status`` maps each form code to ``"measured"``, ``"lower_bound"`` or
    ``"not_measured"`` (see the module docstring).
    """

    regimen: Regimen
    start_date: dt.date
    end_date: dt.date
    dose_time_h: float
    status: dict[str, str]
    days_without_rows: int
    source_keys: dict[str, list[str]]
    source: str = ""
    #: µg over the period by form and food matrix (supplements under ``"supplement"``).
    matrix_ug: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def days(self) -> float:
        """Length of the diary period, first to last date inclusive. [d]"""
        return float((self.end_date - self.start_date).days + 1)

    def notes(self) -> list[str]:
        """One line per caveat: lower-bound and unmeasured forms, days without rows."""
        out = []
        lower = [_LABELS[f] for f, s in self.status.items() if s == "lower_bound"]
        unknown = [_LABELS[f] for f, s in self.status.items() if s == "not_measured"]
        if lower:
            out.append(
                f"Lower bound for {', '.join(lower)}: some logged foods (or days) have no "
                "value for that form, and unknown is not zero."
            )
        if unknown:
            out.append(
                f"Not measured: {', '.join(unknown)} - no logged food or supplement has a "
                "value; the curve is the baseline only, not a measured zero."
            )
        if self.days_without_rows:
            out.append(
                f"{self.days_without_rows} day(s) in the period have no diary rows and add "
                "no doses."
            )
        veg = {_LABELS[f]: m.get("vegetable", 0.0) for f, m in self.matrix_ug.items()}
        if any(v > 0 for v in veg.values()):
            from vitk.pharmacology.matrix import matrix_factors

            f_veg = matrix_factors("vegetable")[0]
            out.append(
                "Food matrix: vitamin K eaten in vegetables counts "
                f"{f_veg:.2f} times as available as from a supplement and is absorbed more "
                "slowly (Gijsbers1996); fermented foods, oils and other foods count as a "
                "supplement (assumed)."
            )
        minutes = round(self.dose_time_h * 60.0)
        out.append(
            "Diary rows have no clock time: each day's intake is taken at "
            f"{minutes // 60:02d}:{minutes % 60:02d}."
        )
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (goes into a PK result's ``meta["diary"]``)."""
        return {
            "source": self.source,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "days": self.days,
            "dose_time_h": self.dose_time_h,
            "status_by_form": dict(self.status),
            "lower_bound_forms": [f for f, s in self.status.items() if s == "lower_bound"],
            "not_measured_forms": [f for f, s in self.status.items() if s == "not_measured"],
            "days_without_rows": self.days_without_rows,
            "source_keys": {f: list(k) for f, k in self.source_keys.items()},
            "matrix_ug": {f: dict(m) for f, m in self.matrix_ug.items()},
        }


def _day_dose(t_h: float, code: str, total_ug: float, split: dict[str, float]) -> Dose:
    """One dose of the day's total; availability and ka factor weighted by matrix.

    ``split`` holds µg by matrix from the day's foods; the rest of the total (supplements)
    counts as ``"supplement"``. The availability is the amount-weighted mean (exact for
    exposure); the absorption-rate factor is weighted by absorbed amount (an approximation
    when a day mixes matrices).
    """
    from vitk.pharmacology.matrix import matrix_factors

    parts = {m: a for m, a in split.items() if a > 0.0}
    rest = max(total_ug - sum(parts.values()), 0.0)
    if rest > 0.0:
        parts["supplement"] = parts.get("supplement", 0.0) + rest
    if not parts or set(parts) == {"supplement"}:
        return Dose(t_h, code, total_ug)
    weight = sum(parts.values())
    factors = {m: matrix_factors(m) for m in parts}
    f = sum(a * factors[m][0] for m, a in parts.items()) / weight
    absorbed = sum(a * factors[m][0] for m, a in parts.items())
    ka = sum(a * factors[m][0] * factors[m][1] for m, a in parts.items()) / absorbed
    label = next(iter(parts)) if len(parts) == 1 else "mixed"
    return Dose(t_h, code, total_ug, label, f, ka)


def _food_by_matrix(
    diary: Diary, summary: Any, catalogue: Catalogue | None
) -> dict[tuple[dt.date, str], dict[str, float]]:
    """Per (date, form): µg from the day's foods, split by food matrix.

    Each matched food row's grams times its measured value per gram (as the intake engine
    counts it), grouped by :func:`vitk.pharmacology.matrix.matrix_of_food_group`.
    """
    from collections import defaultdict

    from vitk.foods.catalogue import default_catalogue
    from vitk.foods.values import shown_value
    from vitk.pharmacology.matrix import matrix_of_food_group

    cat = catalogue or default_catalogue()
    date_of_row = {e.row: e.date for e in diary.entries}
    out: dict[tuple[dt.date, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    foods: dict[str, Any] = {}
    for match in summary.matches:
        if match.food_id not in foods:
            foods[match.food_id] = cat.get(match.food_id)
        food = foods[match.food_id]
        matrix = matrix_of_food_group(food.food_group)
        for code in _FORM_FIELDS:
            sv = shown_value(food, code)
            if sv is None or sv.value_per_100g is None or not sv.counts_as_measured:
                continue
            out[(date_of_row[match.row], code)][matrix] += sv.value_per_100g / 100.0 * match.grams
    return out


def regimen_from_diary(
    diary_or_path: Diary | str | Path,
    catalogue: Catalogue | None = None,
    *,
    dose_time_h: float = DEFAULT_DOSE_TIME_H,
) -> DiaryRegimen:
    """Doses of K1, MK-4 and MK-7 from a diary's foods and supplements.

    Parameters
    ----------
    diary_or_path : Diary, str or Path
        A diary (:func:`vitk.intake.read_diary`) or the path of a CSV, YAML or JSON diary.
    catalogue : Catalogue, optional
        Foods to match rows against; by default the curated catalogue (as ``vitk intake``).
    dose_time_h : float, optional
        Clock time of each day's intake, 0 to below 24. [h]

    Returns
    -------
    DiaryRegimen
        ``regimen`` with one dose per form on every logged date (0 µg where nothing was
        logged or measured) at ``dose_time_h``, times from 00:00 of the first date. [h, µg]

    Raises
    ------
    DiaryError
        A row that cannot be read (one line, with its row number).
    InputError
        ``dose_time_h`` outside [0, 24).

    References
    ----------
    The source keys of the food values used (cited).
    """
    import math

    from vitk.intake import read_diary, summarise
    from vitk.intake.diary import Diary as DiaryType
    from vitk.intake.engine import LOWER_BOUND, MEASURED, NOT_MEASURED
    from vitk.references import cite

    if not (isinstance(dose_time_h, int | float) and math.isfinite(dose_time_h)) or not (
        0.0 <= dose_time_h < 24.0
    ):
        raise InputError(f"dose_time_h must be from 0 to below 24 h; got {dose_time_h!r}.")
    diary = diary_or_path if isinstance(diary_or_path, DiaryType) else read_diary(diary_or_path)
    summary = summarise(diary, catalogue=catalogue)
    start = summary.days[0].date
    end = summary.days[-1].date
    by_matrix = _food_by_matrix(diary, summary, catalogue)
    doses: list[Dose] = []
    for day in summary.days:
        t_h = 24.0 * (day.date - start).days + float(dose_time_h)
        for code, fld in _FORM_FIELDS.items():
            total = float(day.values[fld])
            doses.append(_day_dose(t_h, code, total, by_matrix.get((day.date, code), {})))
    not_measured, lower_bound = summary.marks()
    gaps = (end - start).days + 1 - len(summary.days)
    status: dict[str, str] = {}
    for code, fld in _FORM_FIELDS.items():
        if fld in not_measured:
            status[code] = NOT_MEASURED
        elif fld in lower_bound or gaps:
            status[code] = LOWER_BOUND
        else:
            status[code] = MEASURED
    all_keys = summary.source_keys()
    keys = {code: list(all_keys.get(fld, [])) for code, fld in _FORM_FIELDS.items()}
    for code in _FORM_FIELDS:
        cite(*keys[code])
    return DiaryRegimen(
        regimen=Regimen(tuple(doses)),
        start_date=start,
        end_date=end,
        dose_time_h=float(dose_time_h),
        status=status,
        days_without_rows=gaps,
        source_keys=keys,
        source=diary.source,
        matrix_ug=_matrix_totals(by_matrix, summary),
    )


def _matrix_totals(
    by_matrix: dict[tuple[dt.date, str], dict[str, float]], summary: Any
) -> dict[str, dict[str, float]]:
    """µg over the period by form and matrix; supplements from the engine's day totals."""
    out: dict[str, dict[str, float]] = {code: {} for code in _FORM_FIELDS}
    for (_date, code), split in by_matrix.items():
        for matrix, amount in split.items():
            out[code][matrix] = round(out[code].get(matrix, 0.0) + amount, 3)
    for day in summary.days:
        for code, fld in _FORM_FIELDS.items():
            amount = float(day.supplements.get(fld, 0.0))
            if amount:
                out[code]["supplement"] = round(out[code].get("supplement", 0.0) + amount, 3)
    return out
