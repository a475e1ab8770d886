"""INR what-if that starts from a person's own state (illustration, not dosing advice).

:func:`inr_what_if` starts from the person's measured INR, their VKA and the vitamin K
supplements they already take, then adds the supplement asked about. The model cannot know
the person's own sensitivity, so the VKA is titrated (typical subject) to the INR that,
with the current supplements at steady state, gives the measured INR; the cohort around
that subject gives the median and the 90 % prediction interval. If the person's VKA dose
is known it is reported beside the model's titrated dose (people differ), not forced.
:func:`vitk.advisor.simulation_inputs.what_if_inputs` reads these inputs from a stored
profile (the advisor knows medication names; pharmacology does not import it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from vitk.errors import InputError
from vitk.pharmacology.limits import check_target_inr
from vitk.pharmacology.regimens import Regimen, form_code, irregular, parse_every
from vitk.pharmacology.results import INRResult

__all__ = ["SETTLE_DAYS", "inr_what_if"]

#: Days on the current supplements before the new one starts (MK-7 reaches 90 % of steady
#: state in about 10 days; 28 d leaves the INR settled). [d]
SETTLE_DAYS = 28.0


def _doses(
    form: str, dose_ug: float, every: str | None, start_h: float, end_h: float
) -> list[tuple[float, str, float]]:
    if every is None:
        return [(start_h, form, dose_ug)]
    kind, value = parse_every(every)
    if kind == "per_week":
        from vitk.pharmacology.regimens import times_per_week

        week = times_per_week(form, dose_ug, per_week=int(value), days=(end_h - start_h) / 24.0)
        times = [start_h + t for t in week.times_h()]
    else:
        times = list(np.arange(start_h, end_h, value))
    return [(float(t), form, dose_ug) for t in times]


def inr_what_if(
    form: str,
    dose_ug: float,
    *,
    every: str | None = "24h",
    days: float = 28.0,
    vka: str = "warfarin",
    current_inr: float | None = None,
    vka_dose_mg: float | None = None,
    current_supplements: Sequence[tuple[str, float]] = (),
    subjects: int = 200,
    seed: int = 2026,
) -> INRResult:
    """INR after adding ``dose_ug`` of ``form`` to a person's current state.

    Parameters
    ----------
    form, dose_ug, every, days
        The supplement asked about (``every`` None: one dose). [µg, d]
    vka : str
        ``"warfarin"`` or ``"acenocoumarol"``.
    current_inr : float, optional
        The person's measured INR (default 2.0, said so in ``meta``).
    vka_dose_mg : float, optional
        The person's daily VKA dose, reported beside the model's titrated dose. [mg]
    current_supplements : sequence of (form, µg/d)
        Vitamin K supplements already taken daily; they run for :data:`SETTLE_DAYS` first.
    subjects, seed : int
        Cohort for the median and the 90 % prediction interval.

    Returns
    -------
    INRResult
        Time 0 is when the new supplement starts; ``summary`` holds medians,
        ``bands`` the 5-95 % interval; ``meta["starts_from"]`` says what it started from.

    Raises
    ------
    InputError
        An INR outside (1, 4.5), an unknown form or VKA, or a dose out of range.
    """
    from vitk.pharmacology.simulate import simulate_inr
    from vitk.pharmacology.summaries import _summaries

    inr0 = 2.0 if current_inr is None else check_target_inr(current_inr)
    code = form_code(form)
    settle_h = 24.0 * SETTLE_DAYS if current_supplements else 0.0
    end_h = settle_h + 24.0 * float(days)
    base = [
        (float(t), form_code(f), float(d))
        for f, d in current_supplements
        for t in np.arange(0.0, end_h, 24.0)
    ]
    current = irregular(base) if base else Regimen(())
    total_days = end_h / 24.0
    target = inr0
    if base:
        from scipy.optimize import brentq

        def gap(t: float) -> float:
            res = simulate_inr(current, days=SETTLE_DAYS, vka=vka, target_inr=t, dt_h=24.0)
            return float(res.series["inr"][0, -1] - inr0)

        try:
            target = float(brentq(gap, max(1.01, inr0 * 0.9), 4.49, xtol=1e-3))
        except ValueError:
            raise InputError(
                f"With the current supplements the model cannot reach INR {inr0:g} on "
                f"{vka}; allowed: an INR the model reaches (try a lower INR)."
            ) from None
    regimen = irregular(base + _doses(code, float(dose_ug), every, settle_h, end_h))
    res = simulate_inr(
        regimen,
        days=total_days,
        vka=vka,
        target_inr=target,
        subjects=subjects,
        seed=seed,
        dt_h=6.0,
    )
    keep = res.t_h >= settle_h - 1e-9
    t = res.t_h[keep] - settle_h
    series = {k: v[:, keep] for k, v in res.series.items()}
    inr = series["inr"]
    summary, band = _summaries(
        {
            "inr_baseline": inr[:, 0],
            "inr_end": inr[:, -1],
            "inr_change_pct": 100.0 * (inr[:, -1] / inr[:, 0] - 1.0),
            "vka_dose_mg": np.full(inr.shape[0], float(res.summary["vka_dose_mg"] or 0.0)),
        }
    )
    meta = {
        **res.meta,
        "form": code,
        "dose_ug": float(dose_ug),
        "every": every,
        "regimen": "one dose" if every is None else f"every {every.strip()}",
        "days": float(days),
        "starts_from": {
            "inr": inr0,
            "inr_from_profile": current_inr is not None,
            "vka": vka,
            "vka_dose_mg_given": vka_dose_mg,
            "vka_dose_mg_model": res.summary["vka_dose_mg"],
            "current_supplements": [
                {"form": f, "dose_ug_per_day": d} for f, d in current_supplements
            ],
            "settle_days": SETTLE_DAYS if base else 0.0,
        },
    }
    meta["starts_from"]["sentence"] = _starts_from_sentence(meta["starts_from"])
    query = {
        "kind": "inr",
        "forms": [code],
        "dose_ug": float(dose_ug),
        "regimen": "single" if every is None else "daily",
    }
    return replace(
        res, t_h=t, series=series, summary=summary, bands=band, meta=meta, validation_query=query
    )


def _starts_from_sentence(state: Mapping[str, Any]) -> str:
    """One sentence: the state the what-if starts from."""
    where = "your profile" if state["inr_from_profile"] else "no INR in the profile: assumed"
    supps = ", ".join(
        f"{s['form']} {s['dose_ug_per_day']:g} µg/d" for s in state["current_supplements"]
    )
    text = f"Starts from INR {state['inr']:g} ({where}) on {state['vka']}"
    text += f", with {supps} already taken" if supps else ", with no vitamin K supplement"
    model = state["vka_dose_mg_model"]
    if model is not None:
        text += f"; the typical modelled person needs {model:.1f} mg/d for that"
        if state["vka_dose_mg_given"] is not None:
            text += f" (your dose: {state['vka_dose_mg_given']:g} mg/d - people differ)"
    return text + "."
