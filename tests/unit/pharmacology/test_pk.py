import numpy as np
import pytest

from vitk.errors import InputError, ModelError
from vitk.pharmacology import pk, regimens
from vitk.pharmacology.simulate import simulate_pk

MK7 = {"form": "mk7", "ka_per_h": 1.2116, "ke_per_h": 0.009902, "vd_l": 233.6}


def test_scalar_and_array_inputs_give_matching_shapes():
    scalar = pk.one_compartment_oral(4.0, 100.0, **MK7)
    array = pk.one_compartment_oral(np.array([4.0, 8.0]), 100.0, **MK7)
    assert np.ndim(scalar) == 0
    assert array.shape == (2,)
    assert array[0] == pytest.approx(float(scalar))


def test_peak_time_matches_the_tmax_formula():
    t = np.linspace(0, 24, 24001)
    c = pk.one_compartment_oral(t, 100.0, **MK7)
    assert t[np.argmax(c)] == pytest.approx(
        float(pk.tmax_h(ka_per_h=1.2116, ke_per_h=0.009902)), abs=1e-3
    )


def test_ka_equal_ke_is_finite():
    c = pk.one_compartment_oral(
        np.array([1.0, 5.0]), 100.0, form="k1", ka_per_h=0.1, ke_per_h=0.1, vd_l=100.0
    )
    expected = (
        100.0
        / 450.707
        * 1000
        / 100.0
        * 0.1
        * np.array([1.0, 5.0])
        * np.exp(-0.1 * np.array([1.0, 5.0]))
    )
    np.testing.assert_allclose(c, expected, rtol=1e-5)


@pytest.mark.parametrize("bad", [{"ka_per_h": 0.0}, {"ke_per_h": -1.0}, {"vd_l": np.nan}])
def test_bad_parameters_raise_model_error(bad):
    with pytest.raises(ModelError):
        pk.one_compartment_oral(1.0, 100.0, **{**MK7, **bad})


def test_closed_form_equals_dose_by_dose_superposition_with_lag():
    p = pk.PKParameters.from_set("Jones2007", n=3)
    t = np.arange(0.0, 24 * 10, 0.5)
    regular = regimens.daily("K1", 150.0, days=7)
    listed = regimens.irregular([(24.0 * i, "K1", 150.0) for i in range(7)])
    np.testing.assert_allclose(
        pk.concentration_nmol_per_l(t, regular, p),
        pk.concentration_nmol_per_l(t, listed, p),
        atol=1e-12,
    )


def test_steady_state_trough_matches_long_simulation():
    p = pk.PKParameters.from_set("Schurgers2007")
    reg = regimens.daily("MK-7", 180.0, days=120)
    c = pk.concentration_nmol_per_l(np.array([119 * 24.0 - 1e-9]), reg, p, include_baseline=False)
    trough = pk.steady_state_trough_nmol_per_l(180.0, tau_h=24.0, **p.kwargs())
    assert c[0, 0] == pytest.approx(float(trough[0]), rel=1e-4)


def test_accumulation_ratio_and_t90():
    r = pk.accumulation_ratio(ke_per_h=np.log(2) / 70.0, tau_h=24.0)
    assert float(r) == pytest.approx(1.0 / (1.0 - 0.5 ** (24.0 / 70.0)))
    assert float(pk.t90_steady_state_h(ke_per_h=np.log(2) / 70.0)) == pytest.approx(
        70.0 * np.log(10) / np.log(2)
    )


def test_simulate_pk_reports_both_units_and_references():
    res = simulate_pk("MK-7", 180.0, every="24h", days=28)
    c_nm = res.series["mk7_nmol_per_l"]
    c_ng = res.series["mk7_ng_per_ml"]
    np.testing.assert_allclose(c_ng, c_nm * 649.016 / 1000.0)
    assert {"Schurgers2007", "PubChem"} <= set(res.references)
    assert set(res.summary) >= {
        "cmax_nmol_per_l",
        "tmax_h",
        "trough_ss_nmol_per_l",
        "accumulation_ratio",
        "t90_ss_h",
    }


def test_irregular_regimen_has_no_steady_state_metrics():
    res = simulate_pk(regimens.irregular([(0, "K1", 100), (30, "K1", 50)]), days=3)
    assert res.summary["trough_ss_nmol_per_l"] is None
    assert res.summary["cmax_nmol_per_l"] > 1.0


def test_simulate_pk_rejects_wrong_set_and_missing_dose():
    with pytest.raises(InputError):
        simulate_pk("MK-7", 100.0, parameter_set="Novotny2010")
    with pytest.raises(InputError):
        simulate_pk("MK-7")
    with pytest.raises(InputError):
        simulate_pk("MK-7", 100.0, days=0)


def test_trough_recurrence_equals_closed_form_for_a_cohort():
    from vitk.pharmacology import sets
    from vitk.pharmacology.population import sample_pk

    p = sample_pk(sets.load("Schurgers2007"), n=50, seed=9)
    kw = p.kwargs()
    kw.pop("tlag_h")
    fast = pk.regular_troughs_nmol_per_l(180.0, n_doses=60, tau_h=24.0, **kw)
    t = 24.0 * np.arange(1, 61) - 1e-9
    closed = pk.concentration_nmol_per_l(
        t, regimens.daily("MK-7", 180.0, days=60), p, include_baseline=False
    )
    np.testing.assert_allclose(fast, closed, rtol=1e-8)


def test_large_cohorts_are_chunked_for_markers():
    from vitk.pharmacology import simulate as sim

    res = sim.simulate_carboxylation("MK-7", 180.0, every="24h", days=14, subjects=2100, seed=1)
    assert res.series["ucoc"].shape == (2100, 15)
    first = sim.simulate_carboxylation("MK-7", 180.0, every="24h", days=14, subjects=1, seed=None)
    assert res.summary["ucoc_change_pct"] == pytest.approx(
        first.summary["ucoc_change_pct"], rel=0.3
    )
