"""Schurgers2000: food matrix and circulating vitamin K (Haemostasis 2000;30:298).

Abstract (6 healthy men): 3.5 µmol detergent-solubilised K1 peaked at 4 h; K1 from 400 g
spinach (3.5 µmol) and MK-7 from 200 g natto (3.1 µmol) peaked at 6 h; circulating MK-7
after natto was about 10 times the K1 after spinach. Doses in µg: 3.5 µmol × 450.7 g/mol =
1577 µg K1; 3.1 µmol × 649.0 g/mol = 2012 µg MK-7 (the natto K2 taken as MK-7).

Calibration: none. The K1 Tmax is a prediction (ka of the K1 set is built on the 4 h of
Schurgers2007, a different study). The tests here give the foods as supplements (no food
matrix): the natto/spinach ratio is then 1.1. With the food matrix (Gijsbers1996 factors)
the ratio is 9.1, within 1.5x: tests/validation/test_food_matrix.py.
"""

import pytest

from vitk.pharmacology.simulate import simulate_pk


@pytest.fixture
def schurgers2000():
    """Schurgers2000 abstract: doses [µg], Tmax [h], natto/spinach peak ratio [fold]."""
    return {
        "k1_ug": 1577.0,
        "mk7_ug": 2012.0,
        "k1_solubilised_tmax_h": 4.0,
        "food_tmax_h": 6.0,
        "natto_over_spinach_peak": 10.0,
    }


def test_solubilised_k1_peaks_at_4h(schurgers2000):
    res = simulate_pk("K1", schurgers2000["k1_ug"], days=2, dt_h=0.25)
    # Sampling times are not in the abstract; ±1 h as for Schurgers2007 (2-hourly sampling).
    assert res.summary["tmax_h"] == pytest.approx(schurgers2000["k1_solubilised_tmax_h"], abs=1.0)


def test_natto_mk7_tmax_within_2h_of_6h(schurgers2000):
    res = simulate_pk("MK-7", schurgers2000["mk7_ug"], days=2, dt_h=0.25)
    # The model's MK-7 Tmax is the 4 h of a supplement; a natto meal peaked at 6 h. ±2 h
    # as for the breakfast-taken dose of Sato2012 (food delays absorption; not modelled).
    assert res.summary["tmax_h"] == pytest.approx(schurgers2000["food_tmax_h"], abs=2.0)


def test_natto_over_spinach_peak_ratio_is_a_documented_miss(schurgers2000):
    """Observed about 10-fold; both doses given as supplements (no food matrix) give 1.1.

    This pins the supplement-to-supplement ratio, the model without the food matrix (K1
    bound in spinach is poorly absorbed; Garber1999 shows the same). With the matrices of
    the meal (vegetable for spinach, fermented for natto) the model gives 9.1, within 1.5x:
    tests/validation/test_food_matrix.py. Not a tolerance.
    """
    k1 = simulate_pk("K1", schurgers2000["k1_ug"], days=2, dt_h=0.25)
    mk7 = simulate_pk("MK-7", schurgers2000["mk7_ug"], days=2, dt_h=0.25)
    k1_peak = k1.summary["cmax_nmol_per_l"] - k1.meta["baseline_nmol_per_l"]
    mk7_peak = mk7.summary["cmax_nmol_per_l"] - mk7.meta["baseline_nmol_per_l"]
    ratio = mk7_peak / k1_peak
    # Model: 1.10 (equimolar-ish supplement doses). Observed ~10: missed about 9-fold.
    assert ratio == pytest.approx(1.10, abs=0.05)
    assert ratio < schurgers2000["natto_over_spinach_peak"] / 5
