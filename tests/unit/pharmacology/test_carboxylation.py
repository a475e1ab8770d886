"""Unit tests of the liver-first carboxylation marker model."""

import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import carboxylation as cx
from vitk.pharmacology import regimens, sets
from vitk.pharmacology.pk import PKParameters
from vitk.references import citation_log, get

MK7 = {"mk7": PKParameters.from_set("Schurgers2007")}


def test_extrahepatic_excess_scalar_and_array():
    assert cx.extrahepatic_excess_nmol_per_l(3.0, hepatic_capacity_nmol_per_l=1.0) == 2.0
    x = np.array([[0.0, 0.5, 1.0], [1.5, 2.0, 10.0]])
    out = cx.extrahepatic_excess_nmol_per_l(x, hepatic_capacity_nmol_per_l=1.0)
    assert out.shape == x.shape
    np.testing.assert_allclose(out, [[0, 0, 0], [0.5, 1.0, 9.0]])
    # Zero capacity: extra-hepatic tissues see the whole excess.
    np.testing.assert_array_equal(
        cx.extrahepatic_excess_nmol_per_l(x, hepatic_capacity_nmol_per_l=0.0), x
    )


@pytest.mark.parametrize("bad", [-0.1, np.nan, np.inf])
def test_bad_capacity_is_rejected(bad):
    with pytest.raises(InputError, match="hepatic_capacity_nmol_per_l"):
        cx.extrahepatic_excess_nmol_per_l(1.0, hepatic_capacity_nmol_per_l=bad)
    with pytest.raises(InputError, match="hepatic_capacity_nmol_per_l"):
        cx.simulate_markers_arrays(
            np.array([0.0, 24.0]),
            regimens.daily("MK-7", 180.0, days=1),
            MK7,
            hepatic_capacity_nmol_per_l=bad,
        )


def test_default_capacity_comes_from_the_schurgers2004_set():
    p = sets.load("Schurgers2004")
    assert p["hepatic capacity [nmol/L]"] == cx.HEPATIC_CAPACITY_NMOL_PER_L
    for key in p["references"]:
        assert get(key).key == key
    assert p["population"]
    assert p["source"]


def test_simulation_cites_the_capacity_source():
    with citation_log() as keys:
        cx.simulate_markers_arrays(
            np.array([0.0, 24.0]), regimens.daily("MK-7", 180.0, days=1), MK7
        )
    assert {"Schurgers2004", "Dalmeijer2012", "Novotny2010"} <= set(keys)


def test_capacity_above_the_peak_leaves_markers_at_baseline():
    t = np.arange(0.0, 24.0 * 28 + 1, 24.0)
    reg = regimens.daily("MK-7", 180.0, days=28)
    out = cx.simulate_markers_arrays(t, reg, MK7, hepatic_capacity_nmol_per_l=1e3)
    np.testing.assert_array_equal(out["ucoc"], 1.0)
    np.testing.assert_array_equal(out["tissue_nmol_per_l"], 0.0)


def test_more_hepatic_capacity_means_smaller_marker_changes():
    t = np.arange(0.0, 24.0 * 28 + 1, 24.0)
    reg = regimens.daily("MK-7", 90.0, days=28)
    levels = [
        cx.simulate_markers_arrays(t, reg, MK7, hepatic_capacity_nmol_per_l=ch)["ucoc"][0, -1]
        for ch in (0.0, 0.5, 1.0, 2.0)
    ]
    assert np.all(np.diff(levels) > 0)


def test_tissue_and_turnover_are_exact_for_constant_input():
    # Private helpers: the step formulas must equal the analytic solutions.
    t = np.arange(0.0, 500.0)
    keo = cx.KEO_PER_H
    cx_in = np.full((1, t.size), 2.0)
    ce = cx._tissue(cx_in, keo, 1.0)
    np.testing.assert_allclose(ce[0], 2.0 * (1 - np.exp(-keo * t)), rtol=1e-12, atol=1e-14)
    params = {"Imax [1]": 0.8, "IC50 [nmol/L]": 1.0, "kout [1/h]": 0.01}
    r = cx._turnover(np.full((1, t.size), 1.0), params, 1.0)
    np.testing.assert_allclose(r[0], 0.6 + 0.4 * np.exp(-0.01 * t), rtol=1e-12)


def test_cohort_shape_and_input_errors():
    pk = {"mk7": PKParameters.from_set("Schurgers2007", n=3)}
    t = np.array([0.0, 24.0, 48.0])
    out = cx.simulate_markers_arrays(t, regimens.daily("MK-7", 180.0, days=2), pk)
    assert out["ucoc"].shape == (3, 3)
    assert out["dp_ucmgp"].shape == (3, 3)
    with pytest.raises(InputError, match="t_out_h"):
        cx.simulate_markers_arrays(np.array([24.0, 0.0]), regimens.daily("MK-7", 1, days=1), pk)
    with pytest.raises(InputError, match="No PK parameters"):
        cx.simulate_markers_arrays(t, regimens.daily("K1", 100.0, days=1), pk)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1])
def test_calibration_threshold_must_be_a_fraction(bad):
    with pytest.raises(InputError, match="threshold"):
        cx.calibrate_hepatic_capacity(threshold=bad)
