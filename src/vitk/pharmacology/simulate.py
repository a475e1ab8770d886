"""Simulate a regimen: serum levels, carboxylation markers or INR, for one or N subjects.

These functions are the public entry points; they check inputs, draw the virtual cohort
(seeded), run the models in chunks of subjects (locally or on Dask) and package a typed
result that records every citation key used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from vitk.errors import InputError
from vitk.pharmacology import sets
from vitk.pharmacology.diary import DEFAULT_DOSE_TIME_H
from vitk.pharmacology.disclaimers import DISCLAIMER
from vitk.pharmacology.limits import (
    check_days,
    check_regimen,
    check_subjects,
    check_target_inr,
    check_vka_dose_mg,
)
from vitk.pharmacology.pk import (
    PKParameters,
    concentration_nmol_per_l,
)
from vitk.pharmacology.population import sample_pk
from vitk.pharmacology.regimens import Regimen, from_options
from vitk.pharmacology.results import CarboxylationResult, INRResult, PKResult
from vitk.pharmacology.summaries import (
    _pk_metrics,
    _regimen_label,
    _summaries,
    _validation_query,
    mk4_meal_fat_factor,
)
from vitk.references import citation_log, cite

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.diary import Diary

__all__ = [
    "DEFAULT_CHUNK",
    "auto_dt_h",
    "simulate_carboxylation",
    "simulate_carboxylation_diary",
    "simulate_inr",
    "simulate_inr_diary",
    "simulate_pk",
    "simulate_pk_diary",
]

FloatArray = NDArray[np.float64]
T = TypeVar("T")
#: Subjects per chunk. Local and Dask runs use the same chunks, hence identical results.
DEFAULT_CHUNK = 2000
#: Largest subjects x time-points array a simulation returns (memory guard, ~160 MB).
MAX_SERIES_VALUES = 20_000_000
#: Largest carboxylation job: subjects x simulated hours (the marker model steps hourly).
#: About 4 minutes at the ~4e6 subject-hours/s measured on 2 cores; 100,000 subjects x
#: 365 days (8.8e8) fits, 100,000 x 10 years does not. A bound on run time, not data.
MAX_CARBOXYLATION_SUBJECT_HOURS = 1_000_000_000
#: Largest subjects x hours input grid held per chunk of the INR and marker models.
MAX_GRID_VALUES = 4_000_000


def _regimen(
    form_or_regimen: str | Regimen, dose_ug: float | None, every: str | None, days: float
) -> Regimen:
    """The regimen to simulate, checked against :mod:`vitk.pharmacology.limits`."""
    from vitk.pharmacology.limits import check_dose_ug

    if isinstance(form_or_regimen, Regimen):
        regimen = form_or_regimen
    else:
        if dose_ug is None:
            raise InputError("dose_ug is required when a form is given; e.g. dose_ug=180.")
        regimen = from_options(form_or_regimen, check_dose_ug(dose_ug), every=every, days=days)
    check_regimen(regimen)
    return regimen


def _check_days(days: float) -> None:
    check_days(days)


def auto_dt_h(days: float, subjects: int) -> float:
    """Output step for full time series: 0.25 h, coarser (up to 24 h) for large cohorts.

    Keeps ``subjects x time points`` within :data:`MAX_SERIES_VALUES`. [h]
    """
    return min(24.0, max(0.25, 1.01 * float(days) * 24.0 * subjects / MAX_SERIES_VALUES))


def _cohort_pk(
    codes: Sequence[str], *, subjects: int, seed: int | None, parameter_set: str | None
) -> dict[str, PKParameters]:
    out: dict[str, PKParameters] = {}
    for k, code in enumerate(codes):
        name = parameter_set if (parameter_set and k == 0) else sets.DEFAULT_PK_SET[code]
        params = sets.load(name)
        if params.get("form") != code:
            raise InputError(
                f"Parameter set '{name}' is for {params.get('form', 'the INR or marker models')}, "
                f"not {code} PK; allowed: "
                f"{', '.join(sets.PK_SETS[code])}."
            )
        sub_seed = None if seed is None else seed + 1000 * k
        out[code] = sample_pk(params, n=subjects, seed=sub_seed)
    return out


def _run_chunks(
    func: Callable[[int, int], T], n: int, *, chunk: int, backend: str, client: Any = None
) -> list[T]:
    bounds = [(a, min(a + chunk, n)) for a in range(0, n, chunk)]
    if backend == "local":
        return [func(a, b) for a, b in bounds]
    if backend == "dask":
        from vitk.pharmacology.dask_backend import map_chunks

        return map_chunks(func, bounds, client=client)
    raise InputError(f"backend must be 'local' or 'dask'; got '{backend}'.")


def simulate_pk(
    form_or_regimen: str | Regimen,
    dose_ug: float | None = None,
    *,
    every: str | None = None,
    days: float = 4.0,
    dt_h: float = 0.25,
    subjects: int = 1,
    seed: int | None = None,
    parameter_set: str | None = None,
    meal_fat_g: float | None = None,
) -> PKResult:
    """Serum K1, MK-4 or MK-7 over a regimen.

    Parameters
    ----------
    form_or_regimen : str or Regimen
        A form (``"MK-7"``) with ``dose_ug``/``every``, or a ready :class:`Regimen`.
    dose_ug : float, optional
        Dose per intake. [µg]
    every : str, optional
        ``"24h"``, ``"3/week"`` …; None (the default) for one dose at t = 0.
    days : float, optional
        Simulated time and regimen length. [d]
    dt_h : float, optional
        Output step. [h]
    subjects, seed : int, optional
        Cohort size and random seed (typical subject when ``subjects == 1`` and no seed).
    parameter_set : str, optional
        Parameter set for the (first) form; default :data:`sets.DEFAULT_PK_SET`.
    meal_fat_g : float, optional
        Fat in the meal MK-4 is taken with (0-100 g): scales MK-4 exposure by the
        Uematsu1996 table (20 g = 1; 8.8 g 0.77; 34.9 g 2.1; no further gain above). Other
        forms are not affected (no data). [g]

    Returns
    -------
    PKResult
        Series ``<form>_nmol_per_l`` and ``<form>_ng_per_ml`` for each form dosed;
        ``summary_by_form[<form>]`` holds ``cmax_nmol_per_l`` and ``cmax_ng_per_ml`` (on
        the output grid), ``tmax_h`` (analytic peak time after a dose; None when the form
        never rises above baseline in the window, e.g. a zero dose),
        ``trough_ss_nmol_per_l``, ``accumulation_ratio`` and ``t90_ss_h`` (the last three
        for regular one-form regimens, else None). ``summary`` holds the same keys for a
        one-form regimen, and ``<form>_<key>`` (``mk7_cmax_nmol_per_l``) when the regimen
        mixes forms. [nmol L⁻¹, ng mL⁻¹, h, 1]

    Raises
    ------
    InputError
        If an input is outside its allowed range (:mod:`vitk.pharmacology.limits`: dose per
        intake 0-50,000 µg, at most 150,000 µg in 24 h, interval 1 h to 3650 d, days above
        0 and at most 3650, 1-100,000 subjects).

    References
    ----------
    Keys of the parameter sets used (in ``result.references``).
    """
    from vitk.units import nmol_to_ug

    _check_days(days)
    check_subjects(subjects)
    if not 0 < dt_h <= 24:
        raise InputError(f"dt_h must be in (0, 24] h; got {dt_h} h.")
    with citation_log() as keys:
        regimen = _regimen(form_or_regimen, dose_ug, every, days)
        if not regimen.forms:
            raise InputError("The regimen has no doses; give at least one (0 µg is allowed).")
        codes = regimen.forms
        cohort = _cohort_pk(codes, subjects=subjects, seed=seed, parameter_set=parameter_set)
        fat_factor = None if meal_fat_g is None else mk4_meal_fat_factor(meal_fat_g)
        if fat_factor is not None and "mk4" in cohort:
            from dataclasses import replace as _replace

            p4 = cohort["mk4"]
            cohort["mk4"] = _replace(p4, bioavailability=p4.bioavailability * fat_factor)
        t = np.arange(0.0, days * 24.0 + 1e-9, dt_h)
        if subjects * t.size > MAX_SERIES_VALUES:
            raise InputError(
                f"subjects x time points = {subjects} x {t.size} is too large for full time "
                f"series (limit {MAX_SERIES_VALUES:.0e}); use a larger dt_h (now {dt_h} h) "
                "or fewer subjects, or pk.regular_troughs_nmol_per_l for troughs only."
            )
        series: dict[str, FloatArray] = {}
        per_form: dict[str, dict[str, FloatArray | None]] = {}
        for code in codes:
            p = cohort[code]
            excess = concentration_nmol_per_l(t, regimen, p, include_baseline=False)
            c = excess + p.baseline_nmol_per_l
            series[f"{code}_nmol_per_l"] = c
            series[f"{code}_ng_per_ml"] = np.asarray(nmol_to_ug(c, code), float)
            per_form[code] = _pk_metrics(code, c, excess, regimen, p)
        single_form = len(codes) == 1
        summary_by_form: dict[str, dict[str, float | None]] = {}
        summary: dict[str, float | None] = {}
        band: dict[str, dict[str, float]] = {}
        for code, per in per_form.items():
            s_form, b_form = _summaries(per)
            summary_by_form[code] = s_form
            prefix = "" if single_form else f"{code}_"
            summary.update({prefix + k: v for k, v in s_form.items()})
            band.update({prefix + k: v for k, v in b_form.items()})
        main = codes[0]
        first = regimen.amounts_ug(main)
        meta: dict[str, Any] = {
            "form": main if single_form else None,
            "forms": list(codes),
            "parameter_set": cohort[main].set_name if single_form else None,
            "dose_ug": (float(first[0]) if first.size else 0.0) if single_form else None,
            "every": every,
            "regimen": _regimen_label(form_or_regimen, every),
            "days": days,
            "subjects": cohort[main].n_subjects,
            "seed": seed,
            "baseline_nmol_per_l": cohort[main].baseline_nmol_per_l if single_form else None,
            "baseline_ng_per_ml": float(nmol_to_ug(cohort[main].baseline_nmol_per_l, main))
            if single_form
            else None,
            "by_form": {
                code: {
                    "parameter_set": cohort[code].set_name,
                    "n_doses": int(regimen.times_h(code).size),
                    "total_dose_ug": float(regimen.amounts_ug(code).sum()),
                    "baseline_nmol_per_l": cohort[code].baseline_nmol_per_l,
                    "baseline_ng_per_ml": float(nmol_to_ug(cohort[code].baseline_nmol_per_l, code)),
                }
                for code in codes
            },
        }
        if fat_factor is not None:
            meta.update(_meal_fat_meta(float(meal_fat_g or 0.0), fat_factor, "mk4" in codes))
    return PKResult(
        "pk",
        t,
        series,
        summary,
        list(keys),
        meta,
        band,
        summary_by_form,
        _validation_query("pk", regimen, form_or_regimen),
    )


def _meal_fat_meta(meal_fat_g: float, factor: float, has_mk4: bool) -> dict[str, Any]:
    """What the meal fat did, for ``meta`` (given only when ``meal_fat_g`` was)."""
    if has_mk4:
        note = (
            f"MK-4 taken with a meal of {meal_fat_g:g} g fat: exposure x{factor:.2f} of a "
            "20 g-fat meal (Uematsu1996, 15 mg doses)."
        )
    else:
        note = (
            f"Meal fat ({meal_fat_g:g} g) changes only MK-4 in this model (Uematsu1996); "
            "no data for K1 or MK-7, so this regimen is unchanged."
        )
    return {
        "meal_fat_g": meal_fat_g,
        "mk4_meal_fat_factor": factor if has_mk4 else None,
        "notes": [note],
    }


def simulate_pk_diary(
    diary_or_path: Diary | str | Path,
    *,
    catalogue: Catalogue | None = None,
    days: float | None = None,
    dt_h: float | None = None,
    subjects: int = 1,
    seed: int | None = None,
    dose_time_h: float = DEFAULT_DOSE_TIME_H,
) -> PKResult:
    """Serum K1, MK-4 and MK-7 over a food and supplement diary.

    Each logged date is a dose of each form (the day's total from the intake engine) at
    ``dose_time_h``; see :mod:`vitk.pharmacology.diary` for the rules.

    Parameters
    ----------
    diary_or_path : Diary, str or Path
        A diary or the path of a CSV, YAML or JSON diary.
    catalogue : Catalogue, optional
        Foods to match rows against (default: the curated catalogue).
    days : float, optional
        Simulated time from 00:00 of the first date; default the diary period (first to
        last date inclusive). [d]
    dt_h : float, optional
        Output step; default :func:`auto_dt_h` (0.25 h unless the cohort is large). [h]
    subjects, seed : int, optional
        As in :func:`simulate_pk`.
    dose_time_h : float, optional
        Clock time of each day's intake. [h]

    Returns
    -------
    PKResult
        As :func:`simulate_pk` for a mixed-form regimen (``summary_by_form``, prefixed
        ``summary`` keys); ``meta["diary"]`` says which forms are lower bounds or not
        measured, and ``meta["notes"]`` says it in words.

    Raises
    ------
    DiaryError
        A row that cannot be read (one line, with its row number).
    InputError
        A day's total or the period outside the limits of :func:`simulate_pk`.

    References
    ----------
    The food values' source keys and the PK sets' keys (in ``result.references``).
    """
    from dataclasses import replace

    from vitk.pharmacology.diary import regimen_from_diary

    with citation_log() as keys:
        doses = regimen_from_diary(diary_or_path, catalogue, dose_time_h=dose_time_h)
        n_days = doses.days if days is None else check_days(days)
        check_subjects(subjects)
        step = auto_dt_h(n_days, subjects) if dt_h is None else dt_h
        res = simulate_pk(doses.regimen, days=n_days, dt_h=step, subjects=subjects, seed=seed)
        for key in res.references:
            cite(key)
    meta = {
        **res.meta,
        "regimen": "diary",
        "diary": doses.to_dict(),
        "notes": doses.notes(),
    }
    return replace(res, references=list(keys), meta=meta)


def simulate_carboxylation(
    form_or_regimen: str | Regimen,
    dose_ug: float | None = None,
    *,
    every: str | None = None,
    days: float = 84.0,
    subjects: int = 1,
    seed: int | None = None,
) -> CarboxylationResult:
    """Relative ucOC:cOC and dp-ucMGP over a regimen (1 = no supplement).

    Parameters
    ----------
    form_or_regimen : str or Regimen
        A form (``"MK-7"``) with ``dose_ug``/``every``, or a ready :class:`Regimen`.
    dose_ug : float, optional
        Dose per intake. [µg]
    every : str or None, optional
        ``"24h"``, ``"3/week"`` …; None (the default) for one dose at t = 0, the rule of
        all simulate functions and of the CLI without ``--every``.
    days : float, optional
        Simulated time and regimen length. [d]

    Returns
    -------
    CarboxylationResult
        Series ``ucoc`` and ``dp_ucmgp`` (relative); summary ``ucoc_change_pct`` and
        ``dp_ucmgp_change_pct`` at the end, relative to no supplement. [%]

    Raises
    ------
    InputError
        If an input is outside its allowed range (:mod:`vitk.pharmacology.limits`: dose per
        intake 0-50,000 µg, at most 150,000 µg in 24 h, interval 1 h to 3650 d, days above
        0 and at most 3650, 1-100,000 subjects).

    References
    ----------
    Dalmeijer2012 (fit), Novotny2010, and the PK sets' keys.
    """
    from vitk.pharmacology.carboxylation import simulate_markers_arrays

    _check_days(days)
    check_subjects(subjects)
    if subjects * days * 24.0 > MAX_CARBOXYLATION_SUBJECT_HOURS:
        raise InputError(
            f"{subjects:,} subjects x {days:g} days is too large for the carboxylation model "
            f"({subjects * days * 24.0:.3g} subject-hours; the limit is "
            f"{MAX_CARBOXYLATION_SUBJECT_HOURS:.0e}); use fewer subjects or fewer days."
        )
    with citation_log() as keys:
        regimen = _regimen(form_or_regimen, dose_ug, every, days)
        cohort = _cohort_pk(regimen.forms, subjects=subjects, seed=seed, parameter_set=None)
        t = np.arange(0.0, days * 24.0 + 1e-9, 24.0)
        hours = int(days * 24.0) + 2
        step = max(1, min(DEFAULT_CHUNK, MAX_GRID_VALUES // hours))
        parts = [
            simulate_markers_arrays(
                t, regimen, {k: v.subset(slice(a, a + step)) for k, v in cohort.items()}
            )
            for a in range(0, subjects, step)
        ]
        out = {k: np.concatenate([p[k] for p in parts], axis=0) for k in ("ucoc", "dp_ucmgp")}
        series = {"ucoc": out["ucoc"], "dp_ucmgp": out["dp_ucmgp"]}
        summary, band = _summaries(
            {
                "ucoc_change_pct": 100.0 * (out["ucoc"][:, -1] - 1.0),
                "dp_ucmgp_change_pct": 100.0 * (out["dp_ucmgp"][:, -1] - 1.0),
            }
        )
        meta = {
            "forms": list(regimen.forms),
            "every": every,
            "regimen": _regimen_label(form_or_regimen, every),
            "days": days,
            "subjects": subjects,
            "seed": seed,
        }
    return CarboxylationResult(
        "carboxylation",
        t,
        series,
        summary,
        list(keys),
        meta,
        band,
        validation_query=_validation_query("carboxylation", regimen, form_or_regimen),
    )


def _inr_chunk(
    a: int,
    b: int,
    *,
    t_out: FloatArray,
    regimen: Regimen,
    cohort: dict[str, PKParameters],
    vka: Any,
    vka_dose_mg: float | None,
    target_inr: float,
) -> dict[str, FloatArray]:
    from vitk.pharmacology.anticoagulation import simulate_inr_arrays

    idx = slice(a, b)
    return simulate_inr_arrays(
        t_out,
        regimen,
        {k: v.subset(idx) for k, v in cohort.items()},
        vka.subset(idx),
        vka_dose_mg=vka_dose_mg,
        target_inr=target_inr,
    )


def simulate_inr(
    form_or_regimen: str | Regimen | None,
    dose_ug: float | None = None,
    *,
    every: str | None = None,
    days: float = 42.0,
    vka: str = "warfarin",
    vka_dose_mg: float | None = None,
    target_inr: float = 2.0,
    subjects: int = 1,
    seed: int | None = None,
    dt_h: float = 6.0,
    backend: str = "local",
    chunk: int = DEFAULT_CHUNK,
    client: Any = None,
    progress: Callable[[int], None] | None = None,
) -> INRResult:
    """INR under a vitamin K antagonist with oral vitamin K (illustration, not dosing advice).

    Parameters
    ----------
    form_or_regimen : str, Regimen or None
        Vitamin K form with ``dose_ug``/``every``, a regimen, or None for VKA alone.
    every : str or None, optional
        ``"24h"``, ``"3/week"`` …; None (the default) for one dose at t = 0, the rule of
        all simulate functions and of the CLI without ``--every``.
    vka : str, optional
        ``"warfarin"`` (Falkenhagen2023) or ``"acenocoumarol"`` (SinthromeSmPC2020).
    vka_dose_mg : float, optional
        Daily VKA dose; by default titrated per subject to ``target_inr``. [mg]
    target_inr : float, optional
        INR without supplement that the titration aims at. [1]
    backend : str, optional
        ``"local"`` or ``"dask"`` (chunks of ``chunk`` subjects; same results). Chunks
        shrink for long simulations to bound memory. The batched solver controls the error
        of a whole chunk, so a subject's result can differ from a solo run within rtol.

    Returns
    -------
    INRResult
        Series ``inr``, ``ii``, ``vii``, ``ix``, ``x``; summary ``inr_baseline``,
        ``inr_end``, ``inr_change_pct``, ``vka_dose_mg`` (medians over subjects).

    Raises
    ------
    InputError
        If an input is outside its allowed range (:mod:`vitk.pharmacology.limits`: dose per
        intake 0-50,000 µg, at most 150,000 µg in 24 h, interval 1 h to 3650 d, days above
        0 and at most 3650, 1-100,000 subjects; target INR in (1, 4.5); a given VKA dose 0 or
        warfarin 0.5-20, acenocoumarol 0.5-12 mg/d).

    References
    ----------
    Falkenhagen2023, Wajima2009, Hamberg2007, Schurgers2004 (calibration) and PK sets.
    """
    from vitk.pharmacology.anticoagulation import VKAParameters

    _check_days(days)
    from vitk.pharmacology.anticoagulation import vka_set

    set_name = vka_set(vka)
    check_subjects(subjects)
    check_target_inr(target_inr)
    if vka_dose_mg is not None:
        vka_dose_mg = check_vka_dose_mg(vka, vka_dose_mg)
    if not 0 < dt_h <= 24:
        raise InputError(f"dt_h must be in (0, 24] h; got {dt_h} h.")
    if chunk < 1:
        raise InputError(f"chunk must be ≥ 1; got {chunk}.")
    with citation_log() as keys:
        if form_or_regimen is None:
            regimen = Regimen(())
        else:
            regimen = _regimen(form_or_regimen, dose_ug, every, days)
        cohort = _cohort_pk(regimen.forms, subjects=subjects, seed=seed, parameter_set=None)
        vka_params = VKAParameters.from_set(
            set_name, n=subjects, seed=None if seed is None else seed + 7919
        )
        t = np.arange(0.0, days * 24.0 + 1e-9, dt_h)
        if subjects * t.size > MAX_SERIES_VALUES:
            raise InputError(
                f"subjects x time points = {subjects} x {t.size} is too large (limit "
                f"{MAX_SERIES_VALUES:.0e}); use a larger dt_h (now {dt_h} h) or fewer subjects."
            )
        hours = int((days + 14.0) * 24.0) + 2
        chunk = max(1, min(chunk, MAX_GRID_VALUES // hours))
        done = [0]

        def run(a: int, b: int) -> dict[str, FloatArray]:
            out = _inr_chunk(
                a,
                b,
                t_out=t,
                regimen=regimen,
                cohort=cohort,
                vka=vka_params,
                vka_dose_mg=vka_dose_mg,
                target_inr=target_inr,
            )
            done[0] += b - a
            if progress is not None:
                progress(b - a)
            return out

        parts = _run_chunks(run, subjects, chunk=chunk, backend=backend, client=client)
        names = ("inr", "ii", "vii", "ix", "x")
        series = {k: np.concatenate([p[k] for p in parts], axis=0) for k in names}
        dose = np.concatenate([p["vka_dose_mg"] for p in parts])
        inr = series["inr"]
        summary, band = _summaries(
            {
                "inr_baseline": inr[:, 0],
                "inr_end": inr[:, -1],
                "inr_change_pct": 100.0 * (inr[:, -1] / inr[:, 0] - 1.0),
                "vka_dose_mg": dose,
            }
        )
        meta = {
            "vka": vka,
            "forms": list(regimen.forms),
            "every": every,
            "regimen": _regimen_label(form_or_regimen, every),
            "days": days,
            "subjects": subjects,
            "seed": seed,
            "target_inr": target_inr,
            "note": DISCLAIMER,  # vitk.pharmacology.disclaimers
        }
    return INRResult(
        "inr",
        t,
        series,
        summary,
        list(keys),
        meta,
        band,
        validation_query=_validation_query("inr", regimen, form_or_regimen),
    )


def _diary_run(
    diary_or_path: Diary | str | Path,
    catalogue: Catalogue | None,
    days: float | None,
    dose_time_h: float,
    run: Callable[[Regimen, float], T],
) -> T:
    """Doses from a diary, one simulation over them, the diary's notes and keys in meta."""
    from dataclasses import replace

    from vitk.pharmacology.diary import regimen_from_diary

    with citation_log() as keys:
        doses = regimen_from_diary(diary_or_path, catalogue, dose_time_h=dose_time_h)
        n_days = doses.days if days is None else check_days(days)
        res: Any = run(doses.regimen, n_days)
        for key in res.references:
            cite(key)
    meta = {**res.meta, "regimen": "diary", "diary": doses.to_dict(), "notes": doses.notes()}
    out: T = replace(res, references=list(keys), meta=meta)
    return out


def simulate_carboxylation_diary(
    diary_or_path: Diary | str | Path,
    *,
    catalogue: Catalogue | None = None,
    days: float | None = None,
    subjects: int = 1,
    seed: int | None = None,
    dose_time_h: float = DEFAULT_DOSE_TIME_H,
) -> CarboxylationResult:
    """ucOC:cOC and dp-ucMGP over a food and supplement diary (food matrix applied).

    Doses as in :func:`simulate_pk_diary`; markers as in :func:`simulate_carboxylation`.
    ``meta["diary"]`` and ``meta["notes"]`` say which forms are lower bounds.
    """
    return _diary_run(
        diary_or_path,
        catalogue,
        days,
        dose_time_h,
        lambda reg, n_days: simulate_carboxylation(reg, days=n_days, subjects=subjects, seed=seed),
    )


def simulate_inr_diary(
    diary_or_path: Diary | str | Path,
    *,
    catalogue: Catalogue | None = None,
    days: float | None = None,
    vka: str = "warfarin",
    vka_dose_mg: float | None = None,
    target_inr: float = 2.0,
    subjects: int = 1,
    seed: int | None = None,
    dt_h: float = 6.0,
    dose_time_h: float = DEFAULT_DOSE_TIME_H,
) -> INRResult:
    """INR under a VKA over a food and supplement diary (illustration, not dosing advice).

    Doses as in :func:`simulate_pk_diary` (food matrix applied); the INR model as in
    :func:`simulate_inr`, titrated to ``target_inr`` on the VKA alone before the diary.
    """
    return _diary_run(
        diary_or_path,
        catalogue,
        days,
        dose_time_h,
        lambda reg, n_days: simulate_inr(
            reg,
            days=n_days,
            vka=vka,
            vka_dose_mg=vka_dose_mg,
            target_inr=target_inr,
            subjects=subjects,
            seed=seed,
            dt_h=min(dt_h, 24.0 * n_days / 2.0),
        ),
    )
