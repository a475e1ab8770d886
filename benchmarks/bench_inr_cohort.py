"""Benchmark (b): the INR model, 10,000 subjects x 60 days of warfarin + 45 µg/d MK-7.

Batched RK45 with one vectorised right-hand side (chunks of 2,000 subjects) versus LSODA
per subject, measured on a subset and scaled.
Run: ``python benchmarks/bench_inr_cohort.py [N] [N_REF]``.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from vitk.pharmacology import anticoagulation as ac
from vitk.pharmacology import regimens, sets
from vitk.pharmacology.population import sample_pk
from vitk.pharmacology.simulate import simulate_inr


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n_ref = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    days = 60
    seed = 1
    simulate_inr("MK-7", 45.0, every="24h", days=5, subjects=10, seed=0)  # warm-up
    t0 = time.perf_counter()
    res = simulate_inr("MK-7", 45.0, every="24h", days=days, subjects=n, seed=seed)
    t_vec = time.perf_counter() - t0

    cohort = sample_pk(sets.load("Schurgers2007"), n=n, seed=seed)
    vka = ac.VKAParameters.from_set(n=n, seed=seed + 7919)
    reg = regimens.daily("MK-7", 45.0, days=days)
    t0 = time.perf_counter()
    max_err = 0.0
    for i in range(n_ref):
        one = ac.simulate_inr_arrays(
            res.t_h,
            reg,
            {"mk7": cohort.subset(slice(i, i + 1))},
            vka.subset(slice(i, i + 1)),
            method="LSODA",
        )
        max_err = max(max_err, float(np.max(np.abs(one["inr"][0] / res.series["inr"][i] - 1))))
    t_ref = (time.perf_counter() - t0) / n_ref * n

    print(f"subjects x days           : {n} x {days} (warfarin titrated to INR 2, MK-7 45 µg/d)")
    print(f"batched vectorised RK45   : {t_vec:.2f} s")
    print(f"LSODA per subject         : {t_ref:.1f} s (measured on {n_ref}, scaled)")
    print(f"speed-up                  : {t_ref / t_vec:,.1f}x")
    print(f"max relative INR diff     : {max_err:.2e}")
    b = res.bands["inr_change_pct"]
    print(
        f"INR change day {days}       : median {b['median']:.1f} % (5-95 %: "
        f"{b['p5']:.1f} to {b['p95']:.1f} %)"
    )


if __name__ == "__main__":
    main()
