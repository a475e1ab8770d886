"""Pharmacology of vitamin K1, MK-4 and MK-7: PK, carboxylation markers and INR under VKAs.

Library entry points (each returns a typed result with ``.to_frame()`` and ``.plot()``):

- :func:`simulate_pk` - serum levels for any regimen, one subject or a virtual cohort;
- :func:`simulate_carboxylation` - ucOC:cOC and dp-ucMGP relative to no supplement;
- :func:`simulate_inr` - INR under warfarin with oral vitamin K (illustration only).

Parameter sets live in :mod:`vitk.pharmacology.sets`, one module per source. Not medical
advice.
"""

from __future__ import annotations

from vitk.pharmacology.regimens import Dose, Regimen, daily, irregular, regular, single
from vitk.pharmacology.results import CarboxylationResult, INRResult, PKResult
from vitk.pharmacology.simulate import simulate_carboxylation, simulate_inr, simulate_pk

__all__ = [
    "CarboxylationResult",
    "Dose",
    "INRResult",
    "PKResult",
    "Regimen",
    "daily",
    "irregular",
    "regular",
    "simulate_carboxylation",
    "simulate_inr",
    "simulate_pk",
    "single",
]
