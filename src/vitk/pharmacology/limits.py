"""Allowed input ranges of the simulations, with the reason for each bound.

The simulate functions (:mod:`vitk.pharmacology.simulate`) check every input against these
ranges before any model runs, so the CLI, the web form and the JSON API all give the same
one-line message. The bounds are plausibility guards, wide enough for every regimen in the
cited studies and narrow enough to stop typing errors (``1e30ug``, ``500mg`` of warfarin)
from producing confident-looking curves. Reference keys are in
``src/vitk/data/references/*.bib``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from vitk.errors import InputError

__all__ = [
    "LIMITS",
    "MAX_DAILY_DOSE_UG",
    "MAX_DAYS",
    "MAX_DOSE_UG",
    "MAX_INTERVAL_H",
    "MAX_SUBJECTS",
    "MIN_INTERVAL_H",
    "TARGET_INR_RANGE",
    "VKA_DOSE_RANGE_MG_PER_D",
    "check_days",
    "check_dose_ug",
    "check_every_h",
    "check_regimen",
    "check_subjects",
    "check_target_inr",
    "check_vka_dose_mg",
]

#: Largest single oral vitamin K dose (one intake). [µg]
#: 50 mg. The largest doses in the cited literature are 15 mg MK-4 in a PK study
#: (Uematsu1996) and 45 mg/d MK-4, the Japanese osteoporosis drug given as 15 mg capsules
#: three times a day (Inoue2009); high-dose K1 for warfarin reversal is 10 mg (Konakion
#: label, no key in the bibliography). 50 mg covers the whole 45 mg/d taken at once with a
#: margin; anything larger is almost surely a typing error (e.g. mg for µg).
MAX_DOSE_UG = 50_000.0
#: Largest total oral vitamin K in any 24 h. [µg]
#: 150 mg/d: three times the largest approved daily regimen (MK-4 45 mg/d, Inoue2009), and
#: three intakes at the 50 mg ceiling.
MAX_DAILY_DOSE_UG = 150_000.0
#: Shortest interval between regular doses. [h]
#: The most frequent regimen studied is three times a day (MK-4 45 mg/d, Inoue2009); one
#: hour is a generous floor (the PK output step is 0.25 h).
MIN_INTERVAL_H = 1.0
#: Longest simulated time and longest interval between regular doses. [d], [h]
#: 10 years: the longest cited trials ran 3 years (Knapen2013, Inoue2009); the parameter
#: sets were fitted on days to weeks, so longer runs add nothing but cost.
MAX_DAYS = 3650.0
MAX_INTERVAL_H = MAX_DAYS * 24.0
#: Largest virtual cohort. [subjects]
#: 100,000: the largest benchmarked cohort (docs/pharmacology.md); memory is further
#: capped by ``MAX_SERIES_VALUES`` in :mod:`vitk.pharmacology.simulate`. A bound, not data.
MAX_SUBJECTS = 100_000
#: Target INR of the VKA titration, exclusive bounds. [1]
#: Falkenhagen2023 fitted the INR power law over INR 2-3; 1 is no anticoagulation and
#: values of 4.5 and above are outside every therapeutic range.
TARGET_INR_RANGE = (1.0, 4.5)
#: Daily VKA maintenance dose that may be given instead of titration, by VKA. [mg/d]
#: 0 is also allowed (no anticoagulant: the control of the model checks).
#:
#: - warfarin 0.5-20 mg/d. The Falkenhagen2023 set with the Hamberg2007 variability of
#:   clearance (CV 31 %) and potency (CV 40.9 %), titrated to INR 2-3, needs 1.6-20 mg/d
#:   in 90 % of 20,000 virtual subjects (typical subject 3.7-8.9 mg/d; derived with
#:   ``titrate_vka_dose_mg``); Hamberg2007 models this genotype- and age-driven spread.
#:   Below 0.5 mg/d the model gives an INR hardly above 1.
#: - acenocoumarol 0.5-12 mg/d. The label's maintenance range is 1-8 mg/d
#:   (SinthromeSmPC2020, section 4.2); widened to the 5-95 % range of the model's own
#:   titrated doses for INR 2-3 (0.7-12 mg/d), as the set's potency is anchored on a 3 mg/d
#:   typical dose, not fitted to INR data.
VKA_DOSE_RANGE_MG_PER_D: dict[str, tuple[float, float]] = {
    "warfarin": (0.5, 20.0),
    "acenocoumarol": (0.5, 12.0),
}

#: Every bound with its unit and the keys it rests on (for documentation and tests).
LIMITS: dict[str, Any] = {
    "dose per intake [µg]": (0.0, MAX_DOSE_UG),
    "dose per 24 h [µg]": (0.0, MAX_DAILY_DOSE_UG),
    "interval [h]": (MIN_INTERVAL_H, MAX_INTERVAL_H),
    "days [d]": (0.0, MAX_DAYS),
    "subjects": (1, MAX_SUBJECTS),
    "target INR [1]": TARGET_INR_RANGE,
    "VKA dose [mg/d]": dict(VKA_DOSE_RANGE_MG_PER_D),
    "references": [
        "Uematsu1996",
        "Inoue2009",
        "Knapen2013",
        "Falkenhagen2023",
        "Hamberg2007",
        "SinthromeSmPC2020",
    ],
}


def _num(value: Any) -> tuple[float, str]:
    """``(number, text for the message)``; a value that is not a number gives NaN."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        return math.nan, repr(value)
    x = float(value)
    return x, f"{x:g}"


def check_dose_ug(dose_ug: Any, *, what: str = "Dose") -> float:
    """Check one dose per intake: finite, 0 to :data:`MAX_DOSE_UG`. [µg]

    Zero is allowed: it is the no-supplement control (placebo arms, model invariants).

    Raises
    ------
    InputError
        If the dose is not a finite number in range.
    """
    x, got = _num(dose_ug)
    if not math.isfinite(x) or not 0.0 <= x <= MAX_DOSE_UG:
        raise InputError(
            f"{what} per intake must be from 0 to {MAX_DOSE_UG:,.0f} µg "
            f"({MAX_DOSE_UG / 1000:g} mg); got {got} µg."
        )
    return x


def check_days(days: Any) -> float:
    """Check the simulated time: above 0, at most :data:`MAX_DAYS`. [d]"""
    x, got = _num(days)
    if not math.isfinite(x) or not 0.0 < x <= MAX_DAYS:
        raise InputError(f"days must be above 0 and at most {MAX_DAYS:g}; got {got}.")
    return x


def check_every_h(every_h: Any, *, text: str | None = None) -> float:
    """Check a dosing interval: :data:`MIN_INTERVAL_H` to :data:`MAX_INTERVAL_H`. [h]"""
    x, got = _num(every_h)
    if not math.isfinite(x) or not MIN_INTERVAL_H <= x <= MAX_INTERVAL_H:
        got = f"'{text}'" if text is not None else f"{got} h"
        raise InputError(
            f"every must be from {MIN_INTERVAL_H:g} h to {MAX_DAYS:g} d "
            f"({MAX_INTERVAL_H:g} h); got {got}."
        )
    return x


def check_subjects(subjects: Any) -> int:
    """Check the cohort size: a whole number from 1 to :data:`MAX_SUBJECTS`."""
    if isinstance(subjects, bool) or not isinstance(subjects, int | np.integer):
        raise InputError(
            f"subjects must be a whole number from 1 to {MAX_SUBJECTS:,}; got {subjects!r}."
        )
    if not 1 <= subjects <= MAX_SUBJECTS:
        raise InputError(
            f"subjects must be a whole number from 1 to {MAX_SUBJECTS:,}; got {subjects}."
        )
    return int(subjects)


def check_target_inr(target_inr: Any) -> float:
    """Check the titration target: strictly between 1 and 4.5. [1]"""
    lo, hi = TARGET_INR_RANGE
    x, got = _num(target_inr)
    if not math.isfinite(x) or not lo < x < hi:
        raise InputError(f"target INR must be above {lo:g} and below {hi:g}; got {got}.")
    return x


def check_vka_dose_mg(vka: str, dose_mg: Any) -> float:
    """Check a given daily VKA dose: 0 (no VKA) or within the drug's range. [mg/d]

    Raises
    ------
    InputError
        If the dose is not finite, negative or outside :data:`VKA_DOSE_RANGE_MG_PER_D`.
    """
    key = vka.strip().lower()
    lo, hi = VKA_DOSE_RANGE_MG_PER_D.get(key, VKA_DOSE_RANGE_MG_PER_D["warfarin"])
    x, got = _num(dose_mg)
    if not math.isfinite(x) or not (x == 0.0 or lo <= x <= hi):
        raise InputError(
            f"{key} dose must be 0 (no anticoagulant) or from {lo:g} to {hi:g} mg a day; "
            f"got {got} mg."
        )
    return x


def check_regimen(regimen: Any) -> None:
    """Check every dose of a regimen and the most taken in any 24 h.

    ``regimen`` is a :class:`vitk.pharmacology.regimens.Regimen`.

    Raises
    ------
    InputError
        If a dose is out of range or more than :data:`MAX_DAILY_DOSE_UG` fall in 24 h.
    """
    if not regimen.doses:
        return
    for d in regimen.doses:
        check_dose_ug(d.dose_ug)
    t = regimen.times_h()
    a = regimen.amounts_ug()
    order = np.argsort(t, kind="stable")
    t, a = t[order], a[order]
    csum = np.concatenate([[0.0], np.cumsum(a)])
    end = np.searchsorted(t, t + 24.0, side="left")
    window = csum[end] - csum[: t.size]
    worst = float(window.max())
    if worst > MAX_DAILY_DOSE_UG * (1 + 1e-12):
        raise InputError(
            f"The regimen gives up to {worst:,.0f} µg in 24 h; the most allowed is "
            f"{MAX_DAILY_DOSE_UG:,.0f} µg ({MAX_DAILY_DOSE_UG / 1000:g} mg) a day. "
            "Use a longer interval or a smaller dose."
        )
