"""Typed records for foods, their per-100 g observations and portions.

A food holds *observations*: one value of one nutrient from one source. Several
sources for the same nutrient stay separate; :func:`vitk.foods.values.shown_value`
applies the documented rule that picks the value shown and keeps the range.
A nutrient with no observation is *not measured* (``None``), never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["measured", "not_detected", "range_only"]


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
