"""Inter-individual variability: seeded log-normal draws and 5-50-95 % summaries.

Cohorts also carry parameter uncertainty: a set's typical half-life is drawn from its
``"half-life range [h]"`` per subject (:func:`sample_pk`), so a cohort's 5-95 % band is a
prediction interval from both sources.

Each parameter with a coefficient of variation CV in a set's ``"iiv [CV]"`` is drawn as
``theta_i = theta * exp(eta_i)``, ``eta_i ~ N(0, omega²)``, ``omega² = ln(1 + CV²)``, so
that the median equals the typical value. Draws use ``numpy.random.default_rng(seed)``
in a fixed key order, so a seed gives the same cohort on any backend.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from vitk.errors import InputError
from vitk.pharmacology.pk import PKParameters, dose_response

__all__ = ["bands", "sample_lognormal", "sample_pk", "summarise"]

FloatArray = NDArray[np.float64]


def _check_n(n: int) -> None:
    if not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"subjects must be an integer ≥ 1; got {n}.")


def sample_lognormal(
    typical: dict[str, float], cv: dict[str, float], *, n: int, seed: int | None
) -> dict[str, FloatArray]:
    """Draw ``n`` subjects' values of each typical parameter (log-normal IIV).

    Parameters without a CV stay at their typical value. With ``n == 1`` and
    ``seed is None`` every value is typical (the "typical subject").
    """
    _check_n(n)
    out = {k: np.full(n, float(v)) for k, v in typical.items()}
    if n == 1 and seed is None:
        return out
    if seed is not None and seed < 0:
        raise InputError(f"seed must be a whole number ≥ 0; got {seed}.")
    rng = np.random.default_rng(seed)
    for key in sorted(cv):
        if key not in typical:
            continue
        c = float(cv[key])
        if c < 0:
            raise InputError(f"CV of '{key}' must be ≥ 0; got {c}.")
        omega = np.sqrt(np.log1p(c * c))
        out[key] = float(typical[key]) * np.exp(rng.normal(0.0, omega, n))
    return out


def _half_life_uncertainty(
    params: dict[str, Any], draws: dict[str, FloatArray], *, n: int, seed: int | None
) -> None:
    """Parameter uncertainty: each subject's typical half-life drawn from the set's range.

    Where a set gives a ``"half-life range [h]"`` (MK-7 68-72 h, MK-4 0.5-3 h, K1
    Jones2007 1.5-3 h: the sources disagree or are secondary), the typical half-life is
    drawn log-uniformly from it, per subject, on a separate random stream (so the IIV draws
    are unchanged). Apparent clearance is kept (V/F scales with 1/ke), because the sets'
    clearances come from measured exposure (AUC), not from the half-life.
    """
    lo, hi = params.get("half-life range [h]", (0.0, 0.0))
    if not (0.0 < lo < hi):
        return
    rng = np.random.default_rng(None if seed is None else seed + 104_729)
    t_half = np.exp(rng.uniform(np.log(lo), np.log(hi), n))
    factor = (np.log(2.0) / t_half) / float(params["ke [1/h]"])
    draws["ke [1/h]"] = draws["ke [1/h]"] * factor
    draws["V/F [L]"] = draws["V/F [L]"] / factor


def sample_pk(params: dict[str, Any], *, n: int, seed: int | None) -> PKParameters:
    """A virtual cohort of ``n`` subjects for a PK parameter set (dict from ``sets.load``)."""
    keys = ("ka [1/h]", "ke [1/h]", "V/F [L]", "F [1]")
    d50, hill = dose_response(params)
    draws = sample_lognormal(
        {k: params[k] for k in keys}, params.get("iiv [CV]", {}), n=n, seed=seed
    )
    if not (n == 1 and seed is None):
        _half_life_uncertainty(params, draws, n=n, seed=seed)
    return PKParameters(
        form=params["form"],
        ka_per_h=draws["ka [1/h]"],
        ke_per_h=draws["ke [1/h]"],
        vd_l=draws["V/F [L]"],
        bioavailability=draws["F [1]"],
        tlag_h=float(params["tlag [h]"]),
        baseline_nmol_per_l=float(params["baseline [nmol/L]"]),
        set_name=str(params["name"]),
        references=tuple(params["references"]),
        dose50_ug=d50,
        hill=hill,
    )


def summarise(values: ArrayLike) -> dict[str, float]:
    """Median and 5-95 % band of per-subject values (NaNs ignored)."""
    v = np.asarray(values, float).reshape(-1)
    p5, p50, p95 = np.nanpercentile(v, [5.0, 50.0, 95.0])
    return {"median": float(p50), "p5": float(p5), "p95": float(p95)}


def bands(series: ArrayLike) -> dict[str, FloatArray]:
    """Median and 5-95 % band over subjects (axis 0) of an (N, T) array."""
    s = np.asarray(series, float)
    p5, p50, p95 = np.percentile(s, [5.0, 50.0, 95.0], axis=0)
    return {"median": p50, "p5": p5, "p95": p95}
