"""Benchmark (a): 100,000 subjects x 365 days of daily MK-7, daily troughs.

Vectorised analytic superposition (recurrence of the geometric sums over doses, numpy;
the closed-form (N, T) evaluation is timed too)
versus ``scipy.integrate.solve_ivp`` (LSODA) run per subject, measured on a subset and
scaled to the full cohort. Run: ``python benchmarks/bench_pk_cohort.py [N] [N_REF]``.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from vitk.pharmacology import pk, regimens, sets
from vitk.pharmacology.population import sample_pk


def cohort_troughs(n: int, days: int, seed: int, chunk: int = 25_000) -> np.ndarray:
    params = sample_pk(sets.load("Schurgers2007"), n=n, seed=seed)
    kw = params.kwargs()
    kw.pop("tlag_h")
    return pk.regular_troughs_nmol_per_l(180.0, n_doses=days, tau_h=24.0, **kw)


def cohort_troughs_closed_form(n: int, days: int, seed: int, chunk: int = 25_000) -> np.ndarray:
    params = sample_pk(sets.load("Schurgers2007"), n=n, seed=seed)
    reg = regimens.daily("MK-7", 180.0, days=days)
    t = 24.0 * np.arange(1, days + 1) - 1e-9  # just before each next dose
    out = np.empty((n, days))
    for a in range(0, n, chunk):
        out[a : a + chunk] = pk.concentration_nmol_per_l(
            t, reg, params.subset(slice(a, a + chunk)), include_baseline=False
        )
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_ref = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    days = 365
    cohort_troughs(100, days, seed=0)  # warm-up (imports, caches)
    t0 = time.perf_counter()
    troughs = cohort_troughs(n, days, seed=1)
    t_vec = time.perf_counter() - t0
    t0 = time.perf_counter()
    closed = cohort_troughs_closed_form(n, days, seed=1)
    t_closed = time.perf_counter() - t0
    agree = float(np.max(np.abs(closed - troughs)) / np.max(troughs))

    params = sample_pk(sets.load("Schurgers2007"), n=n, seed=1)
    reg = regimens.daily("MK-7", 180.0, days=days)
    t = 24.0 * np.arange(1, days + 1) - 1e-6
    t0 = time.perf_counter()
    max_err = 0.0
    for i in range(n_ref):
        ref = pk.ode_reference_nmol_per_l(
            t,
            reg,
            form="mk7",
            ka_per_h=float(params.ka_per_h[i]),
            ke_per_h=float(params.ke_per_h[i]),
            vd_l=float(params.vd_l[i]),
            bioavailability=float(params.bioavailability[i]),
            rtol=1e-6,
            atol=1e-9,
        )
        max_err = max(max_err, float(np.max(np.abs(ref - troughs[i]) / troughs[i].max())))
    t_ref = (time.perf_counter() - t0) / n_ref * n

    print(f"subjects x days           : {n} x {days} (daily MK-7 180 µg, troughs)")
    print(f"vectorised analytic       : {t_vec:.3f} s (recurrence of the geometric sums)")
    print(f"closed-form (N, T) arrays : {t_closed:.3f} s (max rel. diff {agree:.1e})")
    print(f"solve_ivp per subject     : {t_ref:.1f} s (measured on {n_ref}, scaled)")
    print(f"speed-up                  : {t_ref / t_vec:,.0f}x")
    print(f"max relative difference   : {max_err:.2e}")
    print(f"median day-365 trough     : {np.median(troughs[:, -1]):.3f} nmol/L")


if __name__ == "__main__":
    main()
