"""Garber1999: phylloquinone from a 500 µg tablet vs spinach (J Nutr 1999;129:1201).

Abstract: AUC0-9h 27.55 ± 10.08 nmol h/L after 500 µg K1 tablet (n = 8).

Calibration (marker ``calibration``): the AUC0-9h, from which V/F of both K1 sets was
derived. Prediction: the cohort's spread (the inter-individual variability is assumed,
not fitted to this study).
"""

import numpy as np
import pytest

from vitk.pharmacology import pk, regimens


@pytest.fixture
def garber1999():
    """Garber1999 abstract: dose [µg], AUC0-9h mean and SD [nmol h/L]."""
    return {"dose_ug": 500.0, "auc_0_9": 27.55, "sd": 10.08}


@pytest.mark.calibration
@pytest.mark.parametrize("name", ["Novotny2010", "Jones2007"])
def test_k1_auc_0_9h(garber1999, name):
    p = pk.PKParameters.from_set(name)
    t = np.linspace(0, 9, 901)
    c = pk.concentration_nmol_per_l(
        t, regimens.single("K1", garber1999["dose_ug"]), p, include_baseline=False
    )
    auc = np.trapezoid(c[0], t)
    # V/F of both sets was derived from this AUC; 2 % covers the trapezoid rule and
    # rounding of the set's values.
    assert auc == pytest.approx(garber1999["auc_0_9"], rel=0.02)


def test_cohort_spread_is_comparable_to_observed_sd(garber1999):
    from vitk.pharmacology import sets
    from vitk.pharmacology.population import sample_pk

    p = sample_pk(sets.load("Novotny2010"), n=2000, seed=1999)
    t = np.linspace(0, 9, 181)
    c = pk.concentration_nmol_per_l(t, regimens.single("K1", 500.0), p, include_baseline=False)
    auc = np.trapezoid(c, t, axis=1)
    cv = auc.std() / auc.mean()
    # Observed CV 37 % (10.08/27.55, n = 8); the assumed 30 % IIV on ka, ke and V/F should
    # give the same order: accept 20-60 % (an 8-subject SD is itself uncertain by ~±30 %).
    assert 0.2 < cv < 0.6


def test_spinach_auc_is_a_documented_miss():
    """Garber1999 abstract: AUC0-9h 4.79 ± 1.11 nmol h/L after 150 g raw spinach (495 µg
    K1, n = 3) and 2.49 ± 1.11 after 50 g (165 µg, pro rata; n not given).

    Given as a tablet (no food matrix) the same µg give 27.3 and 9.1 nmol h/L, 5.7x and
    3.7x too high: pinned here. With the vegetable matrix (Gijsbers1996) the model gives
    3.28 and 1.09: tests/validation/test_food_matrix.py.
    """
    p = pk.PKParameters.from_set("Novotny2010")
    t = np.linspace(0, 9, 901)
    for dose_ug, observed, model in ((495.0, 4.79, 27.3), (165.0, 2.49, 9.09)):
        c = pk.concentration_nmol_per_l(
            t, regimens.single("K1", dose_ug), p, include_baseline=False
        )
        auc = np.trapezoid(c[0], t)
        assert auc == pytest.approx(model, rel=0.01)
        assert auc > 3 * observed
