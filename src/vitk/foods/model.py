"""Typed records for foods, their per-100 g observations and portions.

A food holds *observations*: one value of one nutrient from one source. Several
sources for the same nutrient stay separate; :func:`vitk.foods.values.shown_value`
applies the documented rule that picks the value shown and keeps the range.
A nutrient with no observation is *not measured* (``None``), never zero.

Status of an observation (``docs/food-data.md``, "Status vocabulary"):

* ``measured``: analysed (for USDA SR28, Src_Cd 1, 6, 12 or 13);
* ``imputed``: calculated or imputed from another food, a recipe or a label, not
  analysed in this food (SR28 Src_Cd 4, 5, 8, 9, 11); shown and counted, labelled;
* ``assumed_zero``: 0 that the source assumed without analysis (SR28 Src_Cd 7); counted
  as 0 but never makes the nutrient *measured* for coverage;
* ``not_detected``: analysed and below detection, value 0;
* ``range_only``: only a low–high range is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["measured", "imputed", "assumed_zero", "not_detected", "range_only"]

#: Every observation status, in the order documented.
STATUSES: tuple[Status, ...] = (
    "measured",
    "imputed",
    "assumed_zero",
    "not_detected",
    "range_only",
)


@dataclass(frozen=True)
class Observation:
    """One reported value of one nutrient in one food, per 100 g edible portion."""

    nutrient: str
    value_per_100g: float | None
    source_key: str
    status: Status = "measured"
    low_per_100g: float | None = None
    high_per_100g: float | None = None
    n_samples: int | None = None
    country: str = ""
    source_location: str = ""
    origin: str = ""
    note: str = ""
    # Lower number = preferred when the value shown is chosen (see values.py).
    priority: int = 2
    # USDA SR28 source code (Src_Cd, type of data, e.g. "4"); "" for other sources.
    usda_src_cd: str = ""

    @property
    def status_label(self) -> str:
        """Status as shown to people, e.g. ``imputed (USDA Src_Cd 4)``."""
        return status_label(self.status, self.usda_src_cd)


def status_label(status: str, usda_src_cd: str = "") -> str:
    """Human-readable status: ``imputed (USDA Src_Cd 4)``, ``assumed zero (USDA Src_Cd 7)``.

    ``measured``, ``not_detected`` and the others are returned as they are (with the
    code appended when one is given).
    """
    text = status.replace("_", " ")
    return f"{text} (USDA Src_Cd {usda_src_cd})" if usda_src_cd else text


@dataclass(frozen=True)
class Portion:
    """A household measure of a food and its weight."""

    label: str  # e.g. "1 cup", "1 slice", "3 oz"
    grams: float
    source_key: str
    origin: str = ""


@dataclass(frozen=True)
class Food:
    """A food with its observations and portions."""

    food_id: str
    name: str
    food_group: str
    source_db: Literal["curated", "usda"]
    observations: tuple[Observation, ...] = ()
    portions: tuple[Portion, ...] = ()
    synonyms: tuple[str, ...] = ()
    country: str = ""
    usda_ndb: str = ""
    typical_serving: str = ""  # label of the portion used as "a typical serving"
    note: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def observations_for(self, nutrient: str) -> list[Observation]:
        return [o for o in self.observations if o.nutrient == nutrient]
