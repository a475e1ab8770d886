"""How far an intake summary goes: coverage of the logged foods, consistency of the days.

*Coverage* counts the distinct logged foods with any menaquinone, MK-7 or a longer
chain, and each co-nutrient measured: a food without a value adds nothing, so those
totals are lower bounds. *Consistency* is what anticoagulation clinics ask for: the
day-to-day mean, SD and CV of total vitamin K and the days outside a band around the
person's own mean. The sentences about both are in :mod:`vitk.intake.render`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vitk.errors import InputError
from vitk.foods.values import k2_per_100g, shown_value
from vitk.nutrients import FIELDS, MK_LONG_OTHER

if TYPE_CHECKING:
    import datetime as dt

    from vitk.foods.model import Food
    from vitk.intake.engine import DayTotals

__all__ = [
    "NO_FOODS_NOTE",
    "Consistency",
    "Coverage",
    "check_band_pct",
    "consistency_of",
    "food_coverage",
]

#: Calcium, vitamin D and magnesium: the co-nutrients coverage reports on.
_CO_NUTRIENT_CODES = tuple(f.code for f in FIELDS if f.kind != "vitamin_k")


def _r(x: float) -> float:
    return round(float(x), 2)


#: What coverage says when the diary has supplements only.
NO_FOODS_NOTE = "No foods logged: totals come from supplements only."


@dataclass(frozen=True)
class Coverage:
    foods_logged: int
    foods_k2_measured: int
    foods_long_chain_measured: int
    foods_k2_unmeasured: tuple[str, ...]
    #: For calcium, vitamin D and magnesium: logged foods with no value (adds nothing).
    co_nutrient_unmeasured: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def k2_measured_share(self) -> float | None:
        """Share of logged foods with any menaquinone measured; None if no food was logged."""
        return self.foods_k2_measured / self.foods_logged if self.foods_logged else None

    @property
    def long_chain_measured_share(self) -> float | None:
        """Share with MK-7 or a longer chain measured; None if no food was logged."""
        return self.foods_long_chain_measured / self.foods_logged if self.foods_logged else None

    def to_dict(self) -> dict[str, Any]:
        k2, long_chain = self.k2_measured_share, self.long_chain_measured_share
        return {
            "foods_logged": self.foods_logged,
            "k2_measured_share": None if k2 is None else round(k2, 3),
            "long_chain_mk_measured_share": None if long_chain is None else round(long_chain, 3),
            "foods_k2_unmeasured": list(self.foods_k2_unmeasured),
            "co_nutrient_unmeasured": {k: list(v) for k, v in self.co_nutrient_unmeasured.items()},
            "note": NO_FOODS_NOTE
            if not self.foods_logged
            else "Share of distinct logged foods with any menaquinone measured; foods "
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


def check_band_pct(value: object, name: str = "band_pct") -> float:
    """``value`` as a consistency band in percent: a finite number above 0 and at most 100.

    Raises
    ------
    InputError
        One line naming ``name``, the value received and what is allowed.
    """
    try:
        band = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        band = math.nan
    if isinstance(value, bool) or not 0.0 < band <= 100.0:  # nan fails every comparison
        raise InputError(
            f"{name} must be a number above 0 and at most 100 (percent); got '{value}'."
        )
    return band


def food_coverage(foods: Sequence[Food]) -> Coverage:
    """How many of the distinct logged ``foods`` have K2, long chains and co-nutrients measured."""
    unmeasured = []
    k2 = 0
    long_chain = 0
    for f in foods:
        if (sv := k2_per_100g(f)) is not None and sv.counts_as_measured:
            k2 += 1
        else:
            unmeasured.append(f.name)
        if any(
            (sv := shown_value(f, c)) is not None and sv.counts_as_measured
            for c in ("mk7", *MK_LONG_OTHER)
        ):
            long_chain += 1
    co = {
        code: tuple(
            sorted(
                f.name
                for f in foods
                if (sv := shown_value(f, code)) is None or not sv.counts_as_measured
            )
        )
        for code in _CO_NUTRIENT_CODES
    }
    return Coverage(len(foods), k2, long_chain, tuple(sorted(unmeasured)), co)


def consistency_of(days: Sequence[DayTotals], band_pct: float) -> Consistency:
    """Mean, SD, CV and the days outside ±``band_pct`` % of the mean of total vitamin K."""
    totals = [d.values["k_total_ug"] for d in days]
    n = len(totals)
    mean = sum(totals) / n
    sd = math.sqrt(sum((t - mean) ** 2 for t in totals) / (n - 1)) if n > 1 else 0.0
    cv = 100.0 * sd / mean if mean > 0 else 0.0
    outside = tuple(
        d.date for d in days if abs(d.values["k_total_ug"] - mean) > band_pct / 100.0 * mean
    )
    return Consistency(n, mean, sd, cv, band_pct, outside)
