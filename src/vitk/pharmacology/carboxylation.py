"""Carboxylation markers: liver-first turnover model of ucOC:cOC and dp-ucMGP.

For each marker R (relative to its value without supplement)::

    Cx     = max(C(t) - Ch, 0)                       serum excess left after hepatic uptake
    dCe/dt = keo (Cx - Ce)                           extra-hepatic (tissue) vitamin K excess
    dR/dt  = kout (1 - Imax Ce / (IC50 + Ce) - R)    inhibition of undercarboxylated output

C(t) is the summed serum excess of all supplemented forms [nmol L⁻¹] from
:mod:`vitk.pharmacology.pk`, so K1 and MK-7 differ only through their PK. The liver is
served first: it takes up the excess up to a capacity Ch [nmol L⁻¹] and extra-hepatic
tissues see only what lies above it (triage). Ch is calibrated on the Schurgers2004 K1
titration (ucOC fell only from 300 µg/d), see :func:`calibrate_hepatic_capacity` and the
``Schurgers2004`` parameter set. keo uses the 215 h tissue half-time of Novotny2010. The
turnover half-lives (ucOC:cOC 3 d, dp-ucMGP 7 d) are assumptions (changes are seen within
4-12 weeks). Imax and IC50 of each marker are fitted to Dalmeijer2012 (180 and 360 µg/d
MK-7 for 12 weeks) given Ch, see :data:`FIT` and :func:`fit_dalmeijer2012`. Integrated
exactly for inputs linear over each hour (exponential Euler), vectorised over subjects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from vitk.errors import InputError
from vitk.pharmacology.pk import PKParameters, concentration_nmol_per_l
from vitk.pharmacology.regimens import Regimen
from vitk.pharmacology.sets import peek
from vitk.references import cite

__all__ = [
    "DALMEIJER2012",
    "FIT",
    "HEPATIC_CAPACITY_NMOL_PER_L",
    "MARKERS",
    "calibrate_hepatic_capacity",
    "extrahepatic_excess_nmol_per_l",
    "fit_dalmeijer2012",
    "schurgers2004_marker_falls",
    "simulate_markers_arrays",
]

FloatArray = NDArray[np.float64]

MARKERS = ("ucoc", "dp_ucmgp")

_MARKER_SET = peek("Dalmeijer2012")
_CAPACITY_SET = peek("Schurgers2004")

#: Observed changes at 12 weeks vs baseline (placebo unchanged), from the
#: ``Dalmeijer2012`` parameter set.
DALMEIJER2012: dict[str, dict[float, float]] = _MARKER_SET["observed change at 84 d [1]"]

#: Hepatic-uptake capacity Ch (serum excess served to the liver first), from the
#: ``Schurgers2004`` parameter set. [nmol L⁻¹]
HEPATIC_CAPACITY_NMOL_PER_L = float(_CAPACITY_SET["hepatic capacity [nmol/L]"])

#: Fitted and fixed marker parameters, given Ch, from the ``Dalmeijer2012`` set (re-fitted
#: in tests/validation/test_dalmeijer2012.py).
FIT: dict[str, dict[str, float]] = {
    m: {
        "Imax [1]": float(p["Imax [1]"]),
        "IC50 [nmol/L]": float(p["IC50 [nmol/L]"]),
        "kout [1/h]": float(np.log(2) / p["turnover half-life [h]"]),
    }
    for m, p in _MARKER_SET["markers"].items()
}
#: Tissue equilibration rate from the Novotny2010 tissue half-time. [h⁻¹]
KEO_PER_H = float(np.log(2) / peek("Novotny2010")["tissue half-time [h]"])
REFERENCES = ("Dalmeijer2012", "Novotny2010", "Schurgers2004")
#: Schurgers2004 design: K1 steps [µg/d], 7 days each (``Schurgers2004`` set).
SCHURGERS2004_STEPS_UG: tuple[float, ...] = tuple(_CAPACITY_SET["calibration"]["K1 steps [ug/d]"])


def _check_capacity(hepatic_capacity_nmol_per_l: float) -> float:
    ch = float(hepatic_capacity_nmol_per_l)
    if not np.isfinite(ch) or ch < 0:
        raise InputError(
            f"hepatic_capacity_nmol_per_l must be a finite value ≥ 0; got {ch} nmol/L. "
            "Use 0 for no hepatic priority."
        )
    return ch


def extrahepatic_excess_nmol_per_l(
    c_nmol_per_l: ArrayLike, *, hepatic_capacity_nmol_per_l: float = HEPATIC_CAPACITY_NMOL_PER_L
) -> FloatArray:
    """Serum excess left for extra-hepatic tissues after the liver is served.

    Parameters
    ----------
    c_nmol_per_l : array-like
        Serum vitamin K excess over baseline, all forms summed. [nmol L⁻¹]
    hepatic_capacity_nmol_per_l : float, optional
        Hepatic-uptake capacity Ch; default from the ``Schurgers2004`` set. [nmol L⁻¹]

    Returns
    -------
    ndarray
        ``max(C - Ch, 0)``, same shape as the input. [nmol L⁻¹]

    Raises
    ------
    InputError
        If the capacity is negative or not finite.

    References
    ----------
    Schurgers2004 (calibration of Ch).

    Examples
    --------
    >>> extrahepatic_excess_nmol_per_l([0.5, 3.0], hepatic_capacity_nmol_per_l=1.0)
    array([0., 2.])
    """
    ch = _check_capacity(hepatic_capacity_nmol_per_l)
    cite("Schurgers2004")
    return np.maximum(np.asarray(c_nmol_per_l, dtype=np.float64) - ch, 0.0)


def _tissue(cx: FloatArray, keo_per_h: float, dt_h: float) -> FloatArray:
    """First-order tissue compartment, exact for input linear over each step."""
    ce = np.zeros_like(cx)
    a = np.exp(-keo_per_h * dt_h)
    for i in range(1, cx.shape[1]):
        c0, c1 = cx[:, i - 1], cx[:, i]
        slope = (c1 - c0) / dt_h
        ce[:, i] = c1 - slope / keo_per_h + (ce[:, i - 1] - c0 + slope / keo_per_h) * a
    return ce


def _turnover(ce: FloatArray, params: Mapping[str, float], dt_h: float) -> FloatArray:
    """Indirect-response marker level (1 = no supplement) driven by tissue excess."""
    imax = params["Imax [1]"]
    ic50 = params["IC50 [nmol/L]"]
    b = np.exp(-params["kout [1/h]"] * dt_h)
    target = 1.0 - imax * ce / (ic50 + ce)
    r = np.ones_like(ce)
    for i in range(1, ce.shape[1]):
        mid = 0.5 * (target[:, i - 1] + target[:, i])
        r[:, i] = mid + (r[:, i - 1] - mid) * b
    return r


def _serum_excess(grid: FloatArray, regimen: Regimen, pk: Mapping[str, PKParameters]) -> FloatArray:
    n = next(iter(pk.values())).n_subjects if pk else 1
    c = np.zeros((n, grid.size))
    for code in regimen.forms:
        if code not in pk:
            raise InputError(f"No PK parameters for form '{code}' in the regimen.")
        c += concentration_nmol_per_l(grid, regimen, pk[code], include_baseline=False)
    return c


def simulate_markers_arrays(
    t_out_h: FloatArray,
    regimen: Regimen,
    pk: Mapping[str, PKParameters],
    *,
    marker_params: Mapping[str, Mapping[str, float]] | None = None,
    keo_per_h: float = KEO_PER_H,
    hepatic_capacity_nmol_per_l: float = HEPATIC_CAPACITY_NMOL_PER_L,
    dt_h: float = 1.0,
) -> dict[str, FloatArray]:
    """Relative marker levels (1 = no supplement) for N subjects.

    Parameters
    ----------
    t_out_h : ndarray
        Output times since the first dose. [h]
    regimen : Regimen
        Doses (any forms with PK parameters in ``pk``).
    pk : mapping
        PK parameters by form code, N subjects each.
    marker_params : mapping, optional
        ``{"ucoc": {"Imax [1]", "IC50 [nmol/L]", "kout [1/h]"}, "dp_ucmgp": {...}}``;
        default :data:`FIT`.
    keo_per_h : float, optional
        Tissue equilibration rate. [h⁻¹]
    hepatic_capacity_nmol_per_l : float, optional
        Serum excess taken up by the liver first (Ch); 0 switches hepatic priority off.
        [nmol L⁻¹]
    dt_h : float, optional
        Internal step. [h]

    Returns
    -------
    dict
        ``"ucoc"`` and ``"dp_ucmgp"`` (N, T) relative levels, ``"tissue_nmol_per_l"``.

    Raises
    ------
    InputError
        If the times are not non-decreasing and ≥ 0, a form has no PK parameters, or the
        capacity is negative.

    Notes
    -----
    Cx = max(C - Ch, 0); dCe/dt = keo (Cx - Ce); dR/dt = kout (1 - Imax Ce/(IC50 + Ce) - R).

    References
    ----------
    Dalmeijer2012 (fit), Novotny2010 (tissue half-time), Schurgers2004 (Ch).
    """
    cite(*REFERENCES)
    ch = _check_capacity(hepatic_capacity_nmol_per_l)
    mp = FIT if marker_params is None else marker_params
    t_out = np.asarray(t_out_h, float)
    if t_out.ndim != 1 or t_out.size == 0 or t_out[0] < 0 or np.any(np.diff(t_out) < 0):
        raise InputError("t_out_h must be non-decreasing times ≥ 0.")
    grid = np.arange(0.0, t_out[-1] + dt_h, dt_h)
    cx = np.maximum(_serum_excess(grid, regimen, pk) - ch, 0.0)
    ce = _tissue(cx, keo_per_h, dt_h)
    out: dict[str, FloatArray] = {"tissue_nmol_per_l": ce}
    for m in MARKERS:
        out[m] = _turnover(ce, mp[m], dt_h)
    idx = np.clip(np.searchsorted(grid, t_out - 1e-9), 0, grid.size - 1)
    return {k: v[:, idx] for k, v in out.items()}


def _dalmeijer_tissue(ch: float, keo_per_h: float, doses: list[float]) -> FloatArray:
    """Tissue excess over 84 days of daily MK-7, one row per dose (typical subject)."""
    from vitk.pharmacology.regimens import daily

    pk = PKParameters.from_set("Schurgers2007")
    grid = np.arange(0.0, 84.0 * 24.0 + 1.0)
    rows = [_serum_excess(grid, daily("MK-7", d, days=84), {"mk7": pk})[0] for d in doses]
    return _tissue(np.maximum(np.array(rows) - ch, 0.0), keo_per_h, 1.0)


def fit_dalmeijer2012(
    *,
    kout_per_h: Mapping[str, float] | None = None,
    keo_per_h: float = KEO_PER_H,
    hepatic_capacity_nmol_per_l: float = HEPATIC_CAPACITY_NMOL_PER_L,
    markers: tuple[str, ...] = MARKERS,
) -> dict[str, Any]:
    """Fit Imax and IC50 of each marker to Dalmeijer2012 (MK-7, 84 days, typical subject).

    Parameters
    ----------
    kout_per_h : mapping, optional
        Turnover rate by marker; default from :data:`FIT`. [h⁻¹]
    keo_per_h : float, optional
        Tissue equilibration rate. [h⁻¹]
    hepatic_capacity_nmol_per_l : float, optional
        Hepatic-uptake capacity Ch held fixed during the fit. [nmol L⁻¹]
    markers : tuple of str, optional
        Markers to fit.

    Returns
    -------
    dict
        Per marker: fitted ``"Imax [1]"``, ``"IC50 [nmol/L]"``, the ``"kout [1/h]"`` used,
        observed and predicted changes and the residuals.

    References
    ----------
    Dalmeijer2012, Schurgers2007 (MK-7 PK).
    """
    from scipy.optimize import least_squares

    cite("Dalmeijer2012", "Schurgers2007")
    ch = _check_capacity(hepatic_capacity_nmol_per_l)
    kout = kout_per_h or {m: FIT[m]["kout [1/h]"] for m in MARKERS}
    results: dict[str, Any] = {}
    for m in markers:
        doses = sorted(DALMEIJER2012[m])
        observed = np.array([DALMEIJER2012[m][d] for d in doses])
        ce = _dalmeijer_tissue(ch, keo_per_h, doses)

        def predict(theta: FloatArray, m: str = m, ce: FloatArray = ce) -> FloatArray:
            params = {
                "Imax [1]": 1.0 / (1.0 + np.exp(-theta[0])),
                "IC50 [nmol/L]": np.exp(theta[1]),
                "kout [1/h]": kout[m],
            }
            return np.asarray(_turnover(ce, params, 1.0)[:, -1] - 1.0, float)

        fit = least_squares(lambda th, obs=observed: predict(th) - obs, x0=np.array([1.0, 0.5]))
        pred = predict(fit.x)
        results[m] = {
            "Imax [1]": float(1.0 / (1.0 + np.exp(-fit.x[0]))),
            "IC50 [nmol/L]": float(np.exp(fit.x[1])),
            "kout [1/h]": float(kout[m]),
            "doses [ug/d]": doses,
            "observed change": observed.tolist(),
            "predicted change": pred.tolist(),
            "residual": (pred - observed).tolist(),
        }
    return results


def schurgers2004_marker_falls(
    *,
    hepatic_capacity_nmol_per_l: float = HEPATIC_CAPACITY_NMOL_PER_L,
    marker_params: Mapping[str, Mapping[str, float]] | None = None,
    steps_ug: tuple[float, ...] = SCHURGERS2004_STEPS_UG,
) -> dict[str, FloatArray]:
    """Marker falls at the end of each 7-day K1 step of Schurgers2004 (typical subject).

    Returns
    -------
    dict
        ``"ucoc"`` and ``"dp_ucmgp"``: fractional fall (positive = lower) per step. [1]
    """
    from vitk.pharmacology.anticoagulation import escalation_regimen

    cite("Schurgers2004", "Novotny2010")
    reg = escalation_regimen("k1", steps_ug, days_per_step=7)
    t = 168.0 * np.arange(len(steps_ug) + 1, dtype=np.float64)
    out = simulate_markers_arrays(
        t,
        reg,
        {"k1": PKParameters.from_set("Novotny2010")},
        marker_params=marker_params,
        hepatic_capacity_nmol_per_l=hepatic_capacity_nmol_per_l,
    )
    return {m: np.asarray(1.0 - out[m][0, 1:], float) for m in MARKERS}


def calibrate_hepatic_capacity(
    *,
    threshold: float = 0.10,
    bracket_nmol_per_l: tuple[float, float] = (0.0, 2.5),
) -> dict[str, Any]:
    """Hepatic-uptake capacity Ch from the Schurgers2004 ucOC threshold, Dalmeijer2012 kept.

    For each trial Ch the ucOC Imax and IC50 are re-fitted to Dalmeijer2012; Ch is then
    chosen so that the mean ucOC fall at the end of the 250 and 300 µg/d K1 weeks equals
    ``threshold`` (300 µg/d significant, 250 µg/d not). Only K1 data enter the threshold.

    Returns
    -------
    dict
        ``"hepatic capacity [nmol/L]"``, the ucOC ``"fit"`` at that value and the ucOC
        ``"falls"`` per K1 step.

    Raises
    ------
    InputError
        If the threshold is not in (0, 1).
    """
    from scipy.optimize import brentq

    if not 0.0 < threshold < 1.0:
        raise InputError(f"threshold must be in (0, 1); got {threshold}.")
    cite("Schurgers2004", "Dalmeijer2012")
    i250 = SCHURGERS2004_STEPS_UG.index(250.0)
    i300 = SCHURGERS2004_STEPS_UG.index(300.0)

    def falls(ch: float) -> tuple[dict[str, Any], FloatArray]:
        fit = fit_dalmeijer2012(hepatic_capacity_nmol_per_l=ch, markers=("ucoc",))["ucoc"]
        params = {"ucoc": fit, "dp_ucmgp": FIT["dp_ucmgp"]}
        f = schurgers2004_marker_falls(hepatic_capacity_nmol_per_l=ch, marker_params=params)
        return fit, f["ucoc"]

    def gap(ch: float) -> float:
        f = falls(ch)[1]
        return float(0.5 * (f[i250] + f[i300]) - threshold)

    ch = float(brentq(gap, *bracket_nmol_per_l, xtol=1e-4))
    fit, f = falls(ch)
    return {"hepatic capacity [nmol/L]": ch, "fit": fit, "falls": f}
