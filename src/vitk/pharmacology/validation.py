"""Published observations beside the model's predictions: the ``validation`` block.

Every simulation result carries a ``validation`` block (:func:`validation_block`): the
published observations nearest to what was asked (same model, same form, closest dose and
regimen), the model's prediction for each (typical subject, or a seeded cohort for
responder shares, run on the study's own design) and the ratio model / observed. Where
nothing near was measured the block says so. :data:`CHECKS` is the catalogue; the
validation tests (``tests/validation``) check the same predictions with their tolerances.

Each check says whether its observation was used to build the model (``"calibration"``)
or not (``"prediction"``); only predictions say how far to trust the model.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

__all__ = ["CHECKS", "Check", "predict", "validation_block"]

#: A prediction counts as close when model / observed is within this factor (issue 10).
CLOSE_FACTOR = 1.5
#: Observations further than this factor in dose (or of another regimen) are not "near".
NEAR_DOSE_FACTOR = 10.0


@dataclass(frozen=True)
class Check:
    """One published observation and how to predict it with the model."""

    check_id: str
    study: str
    kind: str  # "pk", "carboxylation" or "inr"
    form: str  # "k1", "mk4", "mk7"
    dose_ug: float
    regimen: str  # "single" or "daily"
    what: str
    observed: float
    unit: str
    role: str  # "prediction" or "calibration"
    relation: str = "="  # "=", "≤" (upper bound) or "≥" (lower bound)
    note: str = ""


class _Curve:
    """Serum excess of one form after a regimen, typical subject of the default set."""

    def __init__(self, regimen: Any, code: str, days: float, dt_h: float) -> None:
        from vitk.pharmacology.pk import PKParameters, concentration_nmol_per_l, tmax_h
        from vitk.pharmacology.sets import DEFAULT_PK_SET

        p = PKParameters.from_set(DEFAULT_PK_SET[code])
        self.code = code
        self.t_h = np.arange(0.0, days * 24.0 + 1e-9, dt_h)
        self.excess = concentration_nmol_per_l(self.t_h, regimen, p, include_baseline=False)[0]
        ka_factor = float(regimen.matrix_factors(code)[1][0])
        self.tmax_h = float(
            tmax_h(ka_per_h=p.ka_per_h[0] * ka_factor, ke_per_h=p.ke_per_h[0], tlag_h=p.tlag_h)
        )

    def ng_per_ml(self) -> Any:
        from vitk.units import nmol_to_ug

        return np.asarray(nmol_to_ug(self.excess, self.code), float)

    def auc(self, t_end_h: float, *, ng: bool = False) -> float:
        m = self.t_h <= t_end_h + 1e-9
        y = self.ng_per_ml() if ng else self.excess
        return float(np.trapezoid(y[m], self.t_h[m]))


def _single(form: str, dose_ug: float, matrix: str = "supplement", days: float = 4.0) -> _Curve:
    from vitk.pharmacology.regimens import form_code, single

    return _Curve(single(form, dose_ug, matrix=matrix), form_code(form), days, 0.05)


def _daily(form: str, dose_ug: float, days: float) -> _Curve:
    from vitk.pharmacology.regimens import daily, form_code

    return _Curve(daily(form, dose_ug, days=days), form_code(form), days, 0.5)


def _garber_auc(dose_ug: float, matrix: str) -> float:
    return _single("K1", dose_ug, matrix, days=1.0).auc(9.0)


def _natto_over_spinach() -> float:
    k1 = _single("K1", 1577.0, "vegetable", days=2.0)
    mk7 = _single("MK-7", 2012.0, "fermented", days=2.0)
    return float(mk7.excess.max() / k1.excess.max())


def _uematsu_auc() -> float:
    return _single("MK-4", 15000.0, days=1.0).auc(24.0, ng=True)


def _markers(dose_ug: float, days: float, marker: str) -> float:
    from vitk.pharmacology.carboxylation import simulate_markers_arrays
    from vitk.pharmacology.pk import PKParameters
    from vitk.pharmacology.regimens import daily
    from vitk.pharmacology.sets import DEFAULT_PK_SET

    out = simulate_markers_arrays(
        np.array([0.0, days * 24.0]),
        daily("MK-7", dose_ug, days=days),
        {"mk7": PKParameters.from_set(DEFAULT_PK_SET["mk7"])},
    )
    return 100.0 * float(out[marker][0, -1] - 1.0)


def _ss_ratio_mk7_k1() -> float:
    nmol = 220.0  # 0.22 µmol/d of each form (Schurgers2007 as summarised)
    mk7 = _daily("MK-7", nmol * 0.649, 60.0)
    k1 = _daily("K1", nmol * 0.4507, 60.0)
    last = mk7.t_h >= 59.0 * 24.0
    return float(mk7.excess[last].mean() / k1.excess[last].mean())


def _sato_mk4_7d() -> float:
    return float(_daily("MK-4", 60.0, 7.0).ng_per_ml()[-1])


def _escalation_marker(form: str, steps: tuple[float, ...], marker: str) -> float:
    from vitk.pharmacology.anticoagulation import escalation_regimen
    from vitk.pharmacology.carboxylation import simulate_markers_arrays
    from vitk.pharmacology.pk import PKParameters
    from vitk.pharmacology.regimens import form_code
    from vitk.pharmacology.sets import DEFAULT_PK_SET

    code = form_code(form)
    reg = escalation_regimen(code, steps, days_per_step=7)
    t = np.array([0.0, 168.0 * len(steps)])
    out = simulate_markers_arrays(t, reg, {code: PKParameters.from_set(DEFAULT_PK_SET[code])})
    return 100.0 * float(out[marker][0, -1] - 1.0)


def _schurgers2004_inr_150() -> float:
    from vitk.pharmacology.anticoagulation import escalation_inr_change

    return 100.0 * float(escalation_inr_change("K1", (50.0, 100.0, 150.0), days_per_step=7)[2])


def _theuwissen_inr() -> float:
    from vitk.pharmacology.anticoagulation import escalation_inr_change

    return 100.0 * float(escalation_inr_change("MK-7", (10.0, 20.0, 45.0), days_per_step=14)[2])


@lru_cache(maxsize=1)
def _responders() -> dict[str, float]:
    """Shares with a clinically relevant INR fall (see :data:`RELEVANT_INR_FALL`)."""
    from vitk.pharmacology.anticoagulation import escalation_cohort_falls

    k1 = escalation_cohort_falls(
        "K1", (50.0, 100.0, 150.0), days_per_step=7, subjects=300, seed=2004
    )
    mk7 = escalation_cohort_falls(
        "MK-7", (10.0, 20.0, 45.0), days_per_step=14, subjects=300, seed=2013
    )

    def share(falls: Any) -> float:
        return 100.0 * float(np.mean(falls >= RELEVANT_INR_FALL))

    return {
        "k1_150": share(k1[:, 2]),
        "mk7_10": share(mk7[:, 0]),
        "mk7_20": share(mk7[:, 1]),
    }


#: An individual INR fall counted as "clinically relevant" for responder shares:
#: 20 % (0.4 INR units at INR 2.0). Assumption, not fitted to any share: about twice the
#: within-subject INR SD of 0.2-0.3 assumed in the Schurgers2004 calibration, so that a
#: single subject's change stands out from their own day-to-day noise.
RELEVANT_INR_FALL = 0.20

_PREDICT: dict[str, Callable[[], float]] = {
    "garber1999_tablet_auc": lambda: _garber_auc(500.0, "supplement"),
    "garber1999_spinach150_auc": lambda: _garber_auc(495.0, "vegetable"),
    "garber1999_spinach50_auc": lambda: _garber_auc(165.0, "vegetable"),
    "schurgers2000_natto_spinach": _natto_over_spinach,
    "novotny2010_kale_cmax": lambda: float(_single("K1", 70.3, "vegetable").excess.max()),
    "novotny2010_kale_tmax": lambda: _single("K1", 70.3, "vegetable").tmax_h,
    "schurgers2007_k1_tmax": lambda: _single("K1", 1000.0).tmax_h,
    "schurgers2007_mk7_tmax": lambda: _single("MK-7", 1000.0).tmax_h,
    "sato2012_mk7_tmax": lambda: _single("MK-7", 420.0).tmax_h,
    "sato2012_mk4_cmax": lambda: float(_single("MK-4", 420.0).ng_per_ml().max()),
    "uematsu1996_auc": _uematsu_auc,
    "dalmeijer2012_mgp_180": lambda: _markers(180.0, 84.0, "dp_ucmgp"),
    "dalmeijer2012_mgp_360": lambda: _markers(360.0, 84.0, "dp_ucmgp"),
    "dalmeijer2012_ucoc_180": lambda: _markers(180.0, 84.0, "ucoc"),
    "dalmeijer2012_ucoc_360": lambda: _markers(360.0, 84.0, "ucoc"),
    "knapen2015_mgp_3y": lambda: _markers(180.0, 3 * 365.0, "dp_ucmgp"),
    "knapen2013_ucoc_3y": lambda: _markers(180.0, 3 * 365.0, "ucoc"),
    "theuwissen2013_inr_45": _theuwissen_inr,
    "schurgers2007_ss_ratio": _ss_ratio_mk7_k1,
    "sato2012_mk4_7d": _sato_mk4_7d,
    "schurgers2004_ucoc_300": lambda: _escalation_marker(
        "K1", (50.0, 100.0, 150.0, 200.0, 250.0, 300.0), "ucoc"
    ),
    "nakamura2014_ucoc_600": lambda: _escalation_marker("MK-4", (300.0, 600.0), "ucoc"),
    "schurgers2004_inr_150": _schurgers2004_inr_150,
    "theuwissen2013_share_10": lambda: _responders()["mk7_10"],
    "theuwissen2013_share_20": lambda: _responders()["mk7_20"],
    "schurgers2004_share_150": lambda: _responders()["k1_150"],
}

_C = Check
#: Published observations the model can reproduce, with the role each plays.
CHECKS: tuple[Check, ...] = (
    _C("garber1999_tablet_auc", "Garber1999", "pk", "k1", 500, "single",
       "K1 500 µg tablet: serum K1 AUC 0-9 h", 27.55, "nmol·h/L", "calibration",
       note="V/F of the K1 set comes from this AUC"),
    _C("garber1999_spinach150_auc", "Garber1999", "pk", "k1", 495, "single",
       "K1 495 µg as 150 g raw spinach: AUC 0-9 h", 4.79, "nmol·h/L", "prediction",
       note="vegetable factor from Gijsbers1996"),
    _C("garber1999_spinach50_auc", "Garber1999", "pk", "k1", 165, "single",
       "K1 165 µg as 50 g raw spinach: AUC 0-9 h", 2.49, "nmol·h/L", "prediction",
       note="Garber1999's own spinach AUCs rise 1.9-fold for a 3-fold dose; one linear model "
       "meets both meals within 1.5x only with a vegetable availability of 0.20-0.29, against "
       "the 0.13 Gijsbers1996 measured"),
    _C("schurgers2000_natto_spinach", "Schurgers2000", "pk", "mk7", 2012, "single",
       "natto MK-7 peak over spinach K1 peak (200 g natto, 400 g spinach)", 10.0, "fold",
       "prediction"),
    _C("novotny2010_kale_cmax", "Novotny2010", "pk", "k1", 70.3, "single",
       "K1 70 µg in 400 g kale with oil: peak of labelled K1", 2.1, "nmol/L", "prediction",
       note="per µg the kale label's peak (0.030 nmol/L) is 4 times this model's tablet peak "
       "(0.0074, from the Garber1999 tablet AUC); no matrix availability at or below 1 lets a "
       "vegetable beat a tablet, so one linear model cannot fit both studies"),
    _C("novotny2010_kale_tmax", "Novotny2010", "pk", "k1", 70.3, "single",
       "K1 70 µg in kale: time of peak (6-10 h observed)", 6.0, "h", "prediction",
       relation="≥"),
    _C("schurgers2007_k1_tmax", "Schurgers2007", "pk", "k1", 1000, "single",
       "K1 1 mg supplement: time of peak", 4.0, "h", "calibration"),
    _C("schurgers2007_mk7_tmax", "Schurgers2007", "pk", "mk7", 1000, "single",
       "MK-7 1 mg supplement: time of peak", 4.0, "h", "calibration"),
    _C("sato2012_mk7_tmax", "Sato2012", "pk", "mk7", 420, "single",
       "MK-7 420 µg with breakfast: time of peak", 6.0, "h", "prediction"),
    _C("sato2012_mk4_cmax", "Sato2012", "pk", "mk4", 420, "single",
       "MK-4 420 µg: serum MK-4 not detected (below about 0.1 ng/mL)", 0.1, "ng/mL",
       "calibration", relation="≤"),
    _C("uematsu1996_auc", "Uematsu1996", "pk", "mk4", 15000, "single",
       "MK-4 15 mg with a 20 g-fat breakfast: AUC 0-24 h", 485.0, "ng·h/mL", "calibration"),
    _C("schurgers2007_ss_ratio", "Schurgers2007", "pk", "mk7", 143, "daily",
       "MK-7 over K1 in serum on equimolar daily intake (0.22 µmol/d)", 7.5, "fold",
       "calibration", note="MK-7's V/F is set from this 7-8-fold ratio"),
    _C("sato2012_mk4_7d", "Sato2012", "pk", "mk4", 60, "daily",
       "MK-4 60 µg/d for 7 days: rise in serum MK-4 (0.00 ± 0.77 observed)", 0.77, "ng/mL",
       "prediction", relation="≤"),
    _C("schurgers2004_ucoc_300", "Schurgers2004", "carboxylation", "k1", 300, "daily",
       "K1 rising weekly to 300 µg/d: ucOC:cOC change (first significant fall)", -10.0, "%",
       "calibration", relation="≤",
       note="10 % stands for 'significant' (assumption); the hepatic capacity is set on it"),
    _C("nakamura2014_ucoc_600", "Nakamura2014", "carboxylation", "mk4", 600, "daily",
       "MK-4 300 then 600 µg/d, a week each: ucOC change (first significant fall)", -10.0, "%",
       "prediction", relation="≤",
       note="10 % stands for 'significant' (assumption); the model drives markers by serum "
       "MK-4, which nutritional doses hardly raise, so it misses MK-4 acting in tissues"),
    _C("schurgers2004_inr_150", "Schurgers2004", "inr", "k1", 150, "daily",
       "K1 rising weekly to 150 µg/d on acenocoumarol: INR change (first significant fall)",
       -10.0, "%", "calibration", relation="≤",
       note="the hepatic sensitivity is set so that 150 µg/d crosses the assumed 10 %"),
    _C("dalmeijer2012_mgp_180", "Dalmeijer2012", "carboxylation", "mk7", 180, "daily",
       "MK-7 180 µg/d for 12 weeks: dp-ucMGP change", -31.0, "%", "calibration"),
    _C("dalmeijer2012_mgp_360", "Dalmeijer2012", "carboxylation", "mk7", 360, "daily",
       "MK-7 360 µg/d for 12 weeks: dp-ucMGP change", -46.0, "%", "calibration"),
    _C("dalmeijer2012_ucoc_180", "Dalmeijer2012", "carboxylation", "mk7", 180, "daily",
       "MK-7 180 µg/d for 12 weeks: ucOC:cOC change", -60.0, "%", "calibration"),
    _C("dalmeijer2012_ucoc_360", "Dalmeijer2012", "carboxylation", "mk7", 360, "daily",
       "MK-7 360 µg/d for 12 weeks: ucOC:cOC change", -74.0, "%", "calibration"),
    _C("knapen2015_mgp_3y", "Knapen2015", "carboxylation", "mk7", 180, "daily",
       "MK-7 180 µg/d for 3 years: dp-ucMGP vs placebo", -50.0, "%", "prediction",
       note="the model is at steady state by 12 weeks (fitted to Dalmeijer2012's -31 % against "
       "baseline); within 1.5x needs -33 %, a 3 % placebo rise over 3 years or a slow pool, "
       "and the same trial's ucOC fell 51 % at 3 years (Knapen2013), no deeper than "
       "Dalmeijer2012's -60 % at 12 weeks"),
    _C("knapen2013_ucoc_3y", "Knapen2013", "carboxylation", "mk7", 180, "daily",
       "MK-7 180 µg/d for 3 years: ucOC change (more than 50 % down)", -50.0, "%",
       "prediction", relation="≤"),
    _C("theuwissen2013_inr_45", "Theuwissen2013", "inr", "mk7", 45, "daily",
       "MK-7 45 µg/d on acenocoumarol (after 10 and 20 µg/d steps): INR change", -40.0, "%",
       "prediction",
       note="MK-7's hepatic potency (0.68 of K1) comes from the Schurgers2007 and "
       "Schurgers2004 threshold doses; within 1.5x needs 1.6 and -40 % needs 3.2, which would "
       "move Schurgers2007's 50 µg/d threshold to 21 or 11 µg/d"),
    _C("theuwissen2013_share_10", "Theuwissen2013", "inr", "mk7", 10, "daily",
       "MK-7 10 µg/d on acenocoumarol: share with a clinically relevant INR fall", 40.0, "%",
       "prediction", relation="≥",
       note="the same low MK-7 potency as the 45 µg/d fall; 'clinically relevant' was two "
       "haematologists' judgement, here an INR fall of 20 % or more, at which even the "
       "potency that gives -40 % (3.2) gives 13 %"),
    _C("theuwissen2013_share_20", "Theuwissen2013", "inr", "mk7", 20, "daily",
       "MK-7 20 µg/d on acenocoumarol: share with a clinically relevant INR fall", 60.0, "%",
       "prediction", relation="≥",
       note="the same low MK-7 potency as the 45 µg/d fall; with the potency that gives "
       "-40 % (3.2) the share would be 82 %"),
    _C("schurgers2004_share_150", "Schurgers2004", "inr", "k1", 150, "daily",
       "K1 150 µg/d for 7 days on acenocoumarol: share with a clinically relevant INR change",
       25.0, "%", "prediction",
       note="25 % above a 20 % fall needs a between-subject SD of the fall of 11 points "
       "(CV 91 %); the published spreads (PK CV 28-37 %, hepatic sensitivity CV 18 %, VKA "
       "clearance and potency CV 31 % and 41 %) give 4 points (CV 35 %)"),
)  # fmt: skip


@cache
def predict(check_id: str) -> float:
    """The model's value for one check (typical subject or seeded cohort), cached."""
    return float(_PREDICT[check_id]())


def _ratio(model: float, observed: float) -> float | None:
    if not (math.isfinite(model) and math.isfinite(observed)) or observed == 0:
        return None
    return model / observed


def _entry(check: Check) -> dict[str, Any]:
    from vitk.references import cite

    cite(check.study)
    model = predict(check.check_id)
    ratio = _ratio(model, check.observed)
    if check.relation == "=":
        close = ratio is not None and 1.0 / CLOSE_FACTOR <= ratio <= CLOSE_FACTOR
    elif check.relation == "≤":
        close = (
            model <= check.observed * CLOSE_FACTOR
            if check.observed > 0
            else (model <= check.observed / CLOSE_FACTOR)
        )
    else:
        close = (
            model >= check.observed / CLOSE_FACTOR
            if check.observed > 0
            else (model >= check.observed * CLOSE_FACTOR)
        )
    return {
        "study": check.study,
        "what": check.what,
        "observed": check.observed,
        "relation": check.relation,
        "unit": check.unit,
        "model": round(model, 4) if math.isfinite(model) else None,
        "ratio": None if ratio is None else round(ratio, 3),
        "within_1_5x": bool(close),
        "role": check.role,
        "note": check.note,
        "sentence": _sentence(check, model, ratio, close=bool(close)),
    }


def _fmt(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 100 else f"{x:,.0f}"


def _sentence(check: Check, model: float, ratio: float | None, *, close: bool) -> str:
    """One line a reader sees (CLI table, web page): observed, model, ratio; for a
    prediction outside the close factor, that it misses and why (the check's note)."""
    rel = "" if check.relation == "=" else f"{check.relation} "
    obs = f"observed {rel}{_fmt(check.observed)} {check.unit} ({check.study})"
    mod = f"this model {_fmt(model)} {check.unit}" if math.isfinite(model) else "no value"
    extra = f", ratio {ratio:.2f}" if ratio is not None and check.relation == "=" else ""
    used = " - the model was fitted to this" if check.role == "calibration" else ""
    miss = ""
    if check.role == "prediction" and not close:
        why = f": {check.note}" if check.note else ""
        miss = f" - outside {CLOSE_FACTOR:g}x{why}"
    return f"{check.what}: {obs}, {mod}{extra}{used}{miss}."


def _distance(check: Check, forms: list[str], dose_ug: float | None, regimen: str) -> float:
    if check.form not in forms:
        return math.inf
    d = 0.0 if dose_ug is None or dose_ug <= 0 else abs(math.log(dose_ug / check.dose_ug))
    return d + (0.0 if check.regimen == regimen else 1.0)


def validation_block(
    kind: str,
    forms: list[str],
    *,
    dose_ug: float | None,
    regimen: str,
    limit: int = 3,
) -> dict[str, Any]:
    """The published observations nearest to a simulation, with the model beside each.

    Parameters
    ----------
    kind : str
        ``"pk"``, ``"carboxylation"`` or ``"inr"``.
    forms : list of str
        Form codes simulated.
    dose_ug : float or None
        Dose per intake (None for a diary or mixed regimen). [µg]
    regimen : str
        ``"single"`` or ``"daily"`` (anything repeated counts as daily).
    limit : int, optional
        Most observations returned.

    Returns
    -------
    dict
        ``near`` (bool), ``note`` (one sentence), ``observations`` (list: study, what,
        observed, unit, model, ratio, within_1_5x, role, note, sentence) and
        ``close_factor``.
    """
    scored = sorted(
        ((_distance(c, forms, dose_ug, regimen), i, c) for i, c in enumerate(CHECKS)
         if c.kind == kind),
        key=lambda x: (x[0], x[1]),
    )  # fmt: skip
    scored = [s for s in scored if math.isfinite(s[0])]
    near_limit = math.log(NEAR_DOSE_FACTOR)
    near = [c for d, _, c in scored if d <= near_limit][:limit]
    if near:
        preds = [c for c in near if c.role == "prediction"]
        missed = [c for c in preds if not _entry(c)["within_1_5x"]]
        note = f"Nearest published observations ({len(near)}); " + (
            f"{len(missed)} of {len(preds)} predictions miss by more than "
            f"{CLOSE_FACTOR:g}x - read the curve with that in mind."
            if missed
            else (
                f"the {len(preds)} prediction(s) are within {CLOSE_FACTOR:g}x."
                if preds
                else "all were used to fit the model, so they do not test it."
            )
        )
        chosen = near
    else:
        note = (
            "Nothing near this was measured (no published observation of this form within "
            f"{NEAR_DOSE_FACTOR:g}x of this dose and regimen); "
            + ("the closest one is shown." if scored else "the model is untested here.")
        )
        chosen = [scored[0][2]] if scored else []
    return {
        "near": bool(near),
        "note": note,
        "close_factor": CLOSE_FACTOR,
        "observations": [_entry(c) for c in chosen],
    }
