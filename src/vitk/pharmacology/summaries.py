"""Per-subject metrics and summaries of simulation results (medians and 5-95 % bands).

Helpers of :mod:`vitk.pharmacology.simulate`: PK metrics per form, cohort summaries, the
regimen label, what the validation block looks near, and MK-4's meal-fat factor.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from vitk.errors import InputError
from vitk.pharmacology import sets
from vitk.pharmacology.pk import (
    PKParameters,
    accumulation_ratio,
    steady_state_trough_nmol_per_l,
    t90_steady_state_h,
    tmax_h,
)
from vitk.pharmacology.population import summarise
from vitk.pharmacology.regimens import Regimen

__all__ = ["mk4_meal_fat_factor"]

FloatArray = NDArray[np.float64]


def _summaries(
    per_subject: dict[str, FloatArray | None],
) -> tuple[dict[str, float | None], dict[str, dict[str, float]]]:
    summary: dict[str, float | None] = {}
    band: dict[str, dict[str, float]] = {}
    for key, values in per_subject.items():
        if values is None or not np.any(np.isfinite(values)):
            summary[key] = None  # e.g. no Tmax when a form never rises above baseline
            continue
        s = summarise(values)
        summary[key] = s["median"]
        if np.size(values) > 1:
            band[key] = s
    return summary, band


def _regimen_label(form_or_regimen: object, every: str | None) -> str:
    """How the regimen was given: ``"one dose"``, ``"every 24h"`` or ``"explicit doses"``."""
    if form_or_regimen is None:
        return "no supplement"
    if isinstance(form_or_regimen, Regimen):
        return "explicit doses"
    return "one dose" if every is None else f"every {every.strip()}"


def mk4_meal_fat_factor(meal_fat_g: float) -> float:
    """MK-4 exposure relative to a 20 g-fat meal, from the Uematsu1996 table. [1]

    Linear between the measured meals (8.8, 20.0, 34.9, 53.8 g fat), flat outside them.

    Raises
    ------
    InputError
        If the fat is not a number from 0 to 100 g.
    """
    import math

    if (
        not isinstance(meal_fat_g, int | float)
        or not math.isfinite(meal_fat_g)
        or not (0.0 <= float(meal_fat_g) <= 100.0)
    ):
        raise InputError(f"meal_fat_g must be from 0 to 100 g; got {meal_fat_g!r}.")
    table = sets.load("Uematsu1996")["relative F by meal fat [1]"]
    fats = sorted(float(k) for k in table)
    return float(np.interp(float(meal_fat_g), fats, [table[f] for f in fats]))


def _validation_query(kind: str, regimen: Regimen, form_or_regimen: object) -> dict[str, Any]:
    """What :func:`vitk.pharmacology.validation.validation_block` should look near."""
    forms = list(regimen.forms)
    amounts = regimen.amounts_ug()
    one_amount = forms and len(forms) == 1 and amounts.size and np.all(amounts == amounts[0])
    repeated = regimen.times_h().size > len(forms)
    return {
        "kind": kind,
        "forms": forms,
        "dose_ug": float(amounts[0]) if one_amount else None,
        "regimen": "daily" if repeated or form_or_regimen is None else "single",
    }


def _pk_metrics(
    code: str, c: FloatArray, excess: FloatArray, regimen: Regimen, p: PKParameters
) -> dict[str, FloatArray | None]:
    """Per-subject PK metrics of one form (see :func:`simulate_pk`, Returns)."""
    from vitk.units import nmol_to_ug

    # Tmax as in single-dose studies: analytic peak time after a dose (independent of the
    # output step); undefined (NaN, JSON null) when the form never rises above baseline
    # in the window: zero doses, or doses only after the window ends.
    ka_factors = set(regimen.matrix_factors(code)[1].tolist())
    ka_factor = ka_factors.pop() if len(ka_factors) == 1 else 1.0
    tmax = np.asarray(
        tmax_h(ka_per_h=p.ka_per_h * ka_factor, ke_per_h=p.ke_per_h, tlag_h=p.tlag_h), float
    )
    tmax = np.where((excess > 0.0).any(axis=1), np.broadcast_to(tmax, (p.n_subjects,)), np.nan)
    per: dict[str, FloatArray | None] = {
        "cmax_nmol_per_l": c.max(axis=1),
        "cmax_ng_per_ml": np.asarray(nmol_to_ug(c.max(axis=1), code), float),
        "tmax_h": tmax,
        "trough_ss_nmol_per_l": None,
        "accumulation_ratio": None,
        "t90_ss_h": None,
    }
    if regimen.tau_h is not None and regimen.forms == (code,):
        dose = float(regimen.amounts_ug(code)[0])
        dose = dose * float(p.absorbed_fraction(dose))
        per["trough_ss_nmol_per_l"] = p.baseline_nmol_per_l + steady_state_trough_nmol_per_l(
            dose, tau_h=regimen.tau_h, **p.kwargs()
        )
        per["accumulation_ratio"] = accumulation_ratio(ke_per_h=p.ke_per_h, tau_h=regimen.tau_h)
        per["t90_ss_h"] = t90_steady_state_h(ke_per_h=p.ke_per_h)
    return per
