"""Invariants of the PD models driven by the PK (carboxylation markers, INR)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vitk.pharmacology import regimens
from vitk.pharmacology.carboxylation import simulate_markers_arrays
from vitk.pharmacology.pk import PKParameters
from vitk.pharmacology.simulate import simulate_inr

forms = st.sampled_from(["K1", "MK-4", "MK-7"])
schedules = st.lists(st.tuples(st.floats(0, 400), st.floats(0, 2000)), min_size=1, max_size=5)
SETS = {"k1": "Novotny2010", "mk4": "Sato2012", "mk7": "Schurgers2007"}


@settings(max_examples=15, deadline=None)
@given(form=forms, schedule=schedules)
def test_markers_stay_in_0_1_and_zero_dose_keeps_baseline(form, schedule):
    reg = regimens.irregular([(t, form, d) for t, d in schedule])
    code = reg.forms[0]
    pk = {code: PKParameters.from_set(SETS[code])}
    t = np.arange(0.0, 600.0, 24.0)
    out = simulate_markers_arrays(t, reg, pk)
    for m in ("ucoc", "dp_ucmgp"):
        assert np.all(out[m] > 0.0)
        assert np.all(out[m] <= 1.0 + 1e-12)
    zero = regimens.irregular([(t_, form, 0.0) for t_, _ in schedule])
    base = simulate_markers_arrays(t, zero, pk)
    np.testing.assert_array_equal(base["ucoc"], 1.0)


@settings(max_examples=10, deadline=None)
@given(
    form=forms,
    schedule=schedules,
    capacities=st.lists(st.floats(0.0, 20.0), min_size=2, max_size=2, unique=True),
)
def test_more_hepatic_capacity_never_lowers_markers_further(form, schedule, capacities):
    """Liver first: raising the hepatic-uptake capacity can only shrink marker changes."""
    reg = regimens.irregular([(t, form, d) for t, d in schedule])
    code = reg.forms[0]
    pk = {code: PKParameters.from_set(SETS[code])}
    t = np.arange(0.0, 600.0, 24.0)
    lo, hi = sorted(capacities)
    a = simulate_markers_arrays(t, reg, pk, hepatic_capacity_nmol_per_l=lo)
    b = simulate_markers_arrays(t, reg, pk, hepatic_capacity_nmol_per_l=hi)
    for m in ("ucoc", "dp_ucmgp"):
        # Exact arithmetic is monotone; allow float rounding only.
        assert np.all(b[m] >= a[m] - 1e-12)
    assert np.all(b["tissue_nmol_per_l"] <= a["tissue_nmol_per_l"] + 1e-12)


@settings(max_examples=5, deadline=None)
@given(form=forms, dose=st.floats(1.0, 1000.0))
def test_inr_zero_dose_equals_no_supplement_and_supplement_never_raises_inr(form, dose):
    none = simulate_inr(None, days=10, dt_h=12.0)
    zero = simulate_inr(form, 0.0, every="24h", days=10, dt_h=12.0)
    some = simulate_inr(form, dose, every="24h", days=10, dt_h=12.0)
    np.testing.assert_allclose(zero.series["inr"], none.series["inr"], rtol=1e-9)
    # Adaptive RK45 (rtol 1e-6) takes different steps for different inputs and its global
    # error accumulates over the run (measured up to ~1e-5): allow 1e-4.
    assert np.all(some.series["inr"] <= none.series["inr"] * (1 + 1e-4))
    for f in ("ii", "vii", "ix", "x"):
        assert np.all(some.series[f] > 0)


def test_inr_never_below_baseline_with_large_vitamin_k():
    """Factor activity cannot exceed normal: even 10 mg/d K1 under warfarin keeps INR >= INR0."""
    import numpy as np

    from vitk.pharmacology.anticoagulation import inr_from_factors

    inr = inr_from_factors(
        np.array([1.5, 1.0, 0.5]),
        np.array([1.2, 1.0, 0.5]),
        np.array([1.1, 1.0, 0.5]),
        inr0=1.0,
        gamma=-1.0,
    )
    assert inr[0] == 1.0
    assert inr[1] == 1.0
    assert inr[2] > 1.0
