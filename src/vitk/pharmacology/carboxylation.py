"""Carboxylation markers: turnover (indirect-response) model of ucOC:cOC and dp-ucMGP.

For each marker R (relative to its value without supplement)::

    dCe/dt = keo (C(t) - Ce)                         extra-hepatic (tissue) vitamin K excess
    dR/dt  = kout (1 - Imax Ce / (IC50 + Ce) - R)    inhibition of undercarboxylated output

C(t) is the summed serum excess of all supplemented forms [nmol L⁻¹] from
:mod:`vitk.pharmacology.pk`, so K1 and MK-7 differ only through their PK. keo uses the
215 h tissue half-time of Novotny2010. The turnover half-lives (ucOC:cOC 3 d, dp-ucMGP
7 d) are assumptions (changes are seen within 4-12 weeks). Imax and IC50 of each marker
are fitted to Dalmeijer2012 (180 and 360 µg/d MK-7 for 12 weeks), see :data:`FIT` and
:func:`fit_dalmeijer2012`. Integrated exactly for inputs held constant over each hour
(exponential Euler), vectorised over subjects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vitk.errors import InputError
from vitk.pharmacology.pk import PKParameters, concentration_nmol_per_l
from vitk.pharmacology.regimens import Regimen
from vitk.references import cite

__all__ = ["DALMEIJER2012", "FIT", "MARKERS", "fit_dalmeijer2012", "simulate_markers_arrays"]

FloatArray = NDArray[np.float64]

MARKERS = ("ucoc", "dp_ucmgp")

#: Observed changes at 12 weeks vs baseline (placebo unchanged): Dalmeijer2012 abstract.
DALMEIJER2012: dict[str, dict[float, float]] = {
    "dp_ucmgp": {180.0: -0.31, 360.0: -0.46},
    "ucoc": {180.0: -0.60, 360.0: -0.74},
}

#: Fitted and fixed marker parameters (re-fitted in tests/validation/test_dalmeijer2012.py).
FIT: dict[str, dict[str, float]] = {
    "ucoc": {"Imax [1]": 0.9652, "IC50 [nmol/L]": 3.028, "kout [1/h]": np.log(2) / 72.0},
    "dp_ucmgp": {"Imax [1]": 0.8918, "IC50 [nmol/L]": 9.284, "kout [1/h]": np.log(2) / 168.0},
}
KEO_PER_H = float(np.log(2) / 215.0)
REFERENCES = ("Dalmeijer2012", "Novotny2010")


def simulate_markers_arrays(
    t_out_h: FloatArray,
    regimen: Regimen,
    pk: Mapping[str, PKParameters],
    *,
    marker_params: Mapping[str, Mapping[str, float]] | None = None,
    keo_per_h: float = KEO_PER_H,
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
    dt_h : float, optional
        Internal step. [h]

    Returns
    -------
    dict
        ``"ucoc"`` and ``"dp_ucmgp"`` (N, T) relative levels, ``"tissue_nmol_per_l"``.

    References
    ----------
    Dalmeijer2012 (fit), Novotny2010 (tissue half-time).
    """
    cite(*REFERENCES)
    mp = FIT if marker_params is None else marker_params
    t_out = np.asarray(t_out_h, float)
    if t_out.ndim != 1 or t_out.size == 0 or t_out[0] < 0 or np.any(np.diff(t_out) < 0):
        raise InputError("t_out_h must be non-decreasing times ≥ 0.")
    n = next(iter(pk.values())).n_subjects if pk else 1
    grid = np.arange(0.0, t_out[-1] + dt_h, dt_h)
    c = np.zeros((n, grid.size))
    for code in regimen.forms:
        if code not in pk:
            raise InputError(f"No PK parameters for form '{code}' in the regimen.")
        c += concentration_nmol_per_l(grid, regimen, pk[code], include_baseline=False)
    ce = np.zeros((n, grid.size))
    a = np.exp(-keo_per_h * dt_h)
    for i in range(1, grid.size):
        # exact for C linear over the step
        c0, c1 = c[:, i - 1], c[:, i]
        slope = (c1 - c0) / dt_h
        ce[:, i] = c1 - slope / keo_per_h + (ce[:, i - 1] - c0 + slope / keo_per_h) * a
    out: dict[str, FloatArray] = {"tissue_nmol_per_l": ce}
    for m in MARKERS:
        imax = mp[m]["Imax [1]"]
        ic50 = mp[m]["IC50 [nmol/L]"]
        b = np.exp(-mp[m]["kout [1/h]"] * dt_h)
        target = 1.0 - imax * ce / (ic50 + ce)
        r = np.ones((n, grid.size))
        for i in range(1, grid.size):
            mid = 0.5 * (target[:, i - 1] + target[:, i])
            r[:, i] = mid + (r[:, i - 1] - mid) * b
        out[m] = r
    idx = np.clip(np.searchsorted(grid, t_out - 1e-9), 0, grid.size - 1)
    return {k: v[:, idx] for k, v in out.items()}


def fit_dalmeijer2012(
    *, kout_per_h: Mapping[str, float] | None = None, keo_per_h: float = KEO_PER_H
) -> dict[str, Any]:
    """Fit Imax and IC50 of each marker to Dalmeijer2012 (MK-7, 84 days, typical subject).

    Returns
    -------
    dict
        Per marker: fitted ``"Imax [1]"``, ``"IC50 [nmol/L]"``, the ``"kout [1/h]"`` used,
        observed and predicted changes and the residuals.
    """
    from scipy.optimize import least_squares

    from vitk.pharmacology.regimens import daily

    cite("Dalmeijer2012", "Schurgers2007")
    kout = kout_per_h or {m: FIT[m]["kout [1/h]"] for m in MARKERS}
    pk = {"mk7": PKParameters.from_set("Schurgers2007")}
    t = np.array([0.0, 84.0 * 24.0])
    results: dict[str, Any] = {}
    for m in MARKERS:
        doses = sorted(DALMEIJER2012[m])
        observed = np.array([DALMEIJER2012[m][d] for d in doses])

        def predict(theta: FloatArray, m: str = m, doses: list[float] = doses) -> FloatArray:
            params = {
                m: {
                    "Imax [1]": 1.0 / (1.0 + np.exp(-theta[0])),
                    "IC50 [nmol/L]": np.exp(theta[1]),
                    "kout [1/h]": kout[m],
                },
            }
            other = next(x for x in MARKERS if x != m)
            params[other] = FIT[other]
            out = []
            for d in doses:
                r = simulate_markers_arrays(
                    t, daily("MK-7", d, days=84), pk, marker_params=params, keo_per_h=keo_per_h
                )
                out.append(r[m][0, -1] - 1.0)
            return np.array(out)

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
