"""Invariants every PK parameter set must satisfy (hypothesis-driven)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vitk.pharmacology import pk, regimens, sets

SETS = ["Novotny2010", "Jones2007", "Sato2012", "Uematsu1996", "Schurgers2007"]
FORM = {"k1": "K1", "mk4": "MK-4", "mk7": "MK-7"}
doses = st.floats(min_value=0.0, max_value=5000.0, allow_nan=False)
times = st.lists(st.floats(min_value=0.0, max_value=400.0), min_size=1, max_size=6)
cfg = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _regimen(form, schedule):
    return regimens.irregular([(t, form, d) for t, d in schedule])


@pytest.mark.parametrize("name", SETS)
@cfg
@given(schedule=st.lists(st.tuples(st.floats(0, 300), doses), min_size=1, max_size=6))
def test_never_negative_and_zero_dose_keeps_baseline(name, schedule):
    p = pk.PKParameters.from_set(name)
    form = FORM[p.form]
    t = np.linspace(0, 400, 401)
    c = pk.concentration_nmol_per_l(t, _regimen(form, schedule), p)
    assert np.all(c >= p.baseline_nmol_per_l)
    zero = pk.concentration_nmol_per_l(t, _regimen(form, [(s, 0.0) for s, _ in schedule]), p)
    np.testing.assert_array_equal(zero, p.baseline_nmol_per_l)


@pytest.mark.parametrize("name", SETS)
@cfg
@given(dose=st.floats(1.0, 5000.0), factor=st.floats(0.1, 10.0), t=times)
def test_linear_in_dose(name, dose, factor, t):
    p = pk.PKParameters.from_set(name)
    form = FORM[p.form]
    c1 = pk.concentration_nmol_per_l(t, regimens.single(form, dose), p, include_baseline=False)
    c2 = pk.concentration_nmol_per_l(
        t, regimens.single(form, dose * factor), p, include_baseline=False
    )
    # Linear in the absorbed dose: sets with dose-dependent absorption (MK-4, Uematsu1996)
    # absorb a fraction f(D) of each dose; for the others f = 1.
    f_ratio = float(p.absorbed_fraction(dose * factor) / p.absorbed_fraction(dose))
    np.testing.assert_allclose(c2, factor * f_ratio * c1, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("name", SETS)
@cfg
@given(dose=st.floats(1.0, 5000.0), t=times)
def test_mass_balance(name, dose, t):
    s = sets.load(name)
    kw = {
        "form": s["form"],
        "ka_per_h": s["ka [1/h]"],
        "ke_per_h": s["ke [1/h]"],
        "vd_l": s["V/F [L]"],
        "bioavailability": s["F [1]"],
        "tlag_h": s["tlag [h]"],
    }
    a = pk.amounts_single_dose(np.array(t), dose, **kw)
    total = sum(a.values())
    dose_nmol = dose / {"k1": 450.707, "mk4": 444.659, "mk7": 649.016}[s["form"]] * 1000
    np.testing.assert_allclose(total, dose_nmol, rtol=1e-9)
    # Eliminated amount equals ke * V * AUC, computed independently by quadrature.
    grid = np.linspace(0, max(t), 20001)
    c = pk.one_compartment_oral(grid, dose, **kw)
    eliminated = s["ke [1/h]"] * s["V/F [L]"] * np.trapezoid(c, grid)
    final = pk.amounts_single_dose(np.array([max(t)]), dose, **kw)["eliminated_nmol"][0]
    assert eliminated == pytest.approx(final, rel=1e-3, abs=1e-6 * dose_nmol)


@pytest.mark.parametrize("name", SETS)
@settings(max_examples=8, deadline=None)
@given(
    schedule=st.lists(st.tuples(st.floats(0, 100), st.floats(1.0, 1000.0)), min_size=1, max_size=3)
)
def test_analytic_equals_ode(name, schedule):
    p = pk.PKParameters.from_set(name)
    form = FORM[p.form]
    reg = _regimen(form, schedule)
    t = np.linspace(0, 150, 151)
    analytic = pk.concentration_nmol_per_l(t, reg, p, include_baseline=False)[0]
    kw = {k: (float(v[0]) if isinstance(v, np.ndarray) else v) for k, v in p.kwargs().items()}
    # The ODE integrates the linear kinetics of the absorbed amounts.
    absorbed = _regimen(form, [(s, d * float(p.absorbed_fraction(d))) for s, d in schedule])
    # Solver tolerance scaled to the curve (tiny MK-4 doses give curves of ~1e-17 nmol/L).
    atol = 1e-10 * min(1.0, float(analytic.max()) + 1e-300)
    ode = pk.ode_reference_nmol_per_l(t, absorbed, atol=atol, **kw)
    np.testing.assert_allclose(ode, analytic, rtol=1e-5, atol=1e-7 * analytic.max())


@pytest.mark.parametrize("name", SETS)
def test_repeated_dosing_reaches_the_analytic_accumulation_ratio(name):
    p = pk.PKParameters.from_set(name)
    form = FORM[p.form]
    tau = 24.0
    after = tau - 0.5  # late in the interval, after absorption is over
    t_first = np.array([after])
    n = int(np.ceil(12 * np.log(2) / (p.ke_per_h[0] * tau))) + 5  # ≥ 12 half-lives
    t_ss = np.array([(n - 1) * tau + after])
    single = pk.concentration_nmol_per_l(
        t_first, regimens.single(form, 100.0), p, include_baseline=False
    )[0, 0]
    ss = pk.concentration_nmol_per_l(
        t_ss, regimens.regular(form, 100.0, every_h=tau, days=n), p, include_baseline=False
    )[0, 0]
    r = float(pk.accumulation_ratio(ke_per_h=p.ke_per_h[0], tau_h=tau))
    # R applies to the elimination phase; the absorption term adds < 1e-3 after 23.5 h.
    assert ss / single == pytest.approx(r, rel=2e-3)
