"""Pharmacology of vitamin K1, MK-4 and MK-7: PK, carboxylation markers and INR under VKAs.

Library entry points (each returns a typed result with ``.to_frame()`` and ``.plot()``):

- :func:`simulate_pk` - serum levels for any regimen, one subject or a virtual cohort;
- :func:`simulate_pk_diary` - serum levels over a food and supplement diary
  (:func:`regimen_from_diary` gives the doses);
- :func:`simulate_carboxylation` - ucOC:cOC and dp-ucMGP relative to no supplement;
- :func:`simulate_inr` - INR under warfarin with oral vitamin K (illustration only);
- :func:`simulate_carboxylation_diary`, :func:`simulate_inr_diary` - the same over a diary.

Every result carries a ``validation`` block: the nearest published observations beside
the model's prediction and their ratio (:mod:`vitk.pharmacology.validation`).

Parameter sets live in :mod:`vitk.pharmacology.sets`, one module per source. Not medical
advice.
"""

from __future__ import annotations

from vitk.pharmacology.diary import DiaryRegimen, regimen_from_diary
from vitk.pharmacology.regimens import Dose, Regimen, daily, irregular, regular, single
from vitk.pharmacology.results import CarboxylationResult, INRResult, PKResult
from vitk.pharmacology.simulate import (
    simulate_carboxylation,
    simulate_carboxylation_diary,
    simulate_inr,
    simulate_inr_diary,
    simulate_pk,
    simulate_pk_diary,
)

__all__ = [
    "CarboxylationResult",
    "DiaryRegimen",
    "Dose",
    "INRResult",
    "PKResult",
    "Regimen",
    "daily",
    "irregular",
    "regimen_from_diary",
    "regular",
    "simulate_carboxylation",
    "simulate_carboxylation_diary",
    "simulate_inr",
    "simulate_inr_diary",
    "simulate_pk",
    "simulate_pk_diary",
    "single",
]
