"""Food matrix (Gijsbers1996 factors) predicts Garber1999, Schurgers2000 and Novotny2010.

No factor is fitted to these studies: the vegetable factor (1/7.5) and slower absorption
(1/1.5) are Gijsbers1996's spinach-with-butter vs solubilised K1; the fermented-food factor
is an assumption (1). Tolerance: a factor of 1.5 either way (issue 10's target), stated per
test; the misses that cannot reach it are pinned with the data that explain them.
"""

import pytest

from vitk.pharmacology.validation import CHECKS, CLOSE_FACTOR, predict

OBSERVED = {c.check_id: c.observed for c in CHECKS}


def test_garber1999_spinach_150g_auc_within_1_5x():
    # Observed 4.79 ± 1.11 nmol h/L (n = 3); 1.5x is the target and about the
    # spread of a 3-subject mean (SD/mean 23 %, ±2 SE ≈ ±27 %).
    ratio = predict("garber1999_spinach150_auc") / OBSERVED["garber1999_spinach150_auc"]
    assert 1 / CLOSE_FACTOR <= ratio <= CLOSE_FACTOR


def test_garber1999_spinach_50g_is_an_explained_miss():
    """Garber1999's own data are not dose-proportional: 3x the spinach gave 1.9x the AUC
    (4.79 vs 2.49). A linear model meets both meals within 1.5x only with a vegetable
    availability of 0.20-0.29, against Gijsbers1996's measured 0.13, so this is pinned
    (model 1.09 vs 2.49, ratio 0.44; the range is re-derived in
    test_miss_explanations_quote_the_model.py).
    """
    observed_ratio = OBSERVED["garber1999_spinach150_auc"] / OBSERVED["garber1999_spinach50_auc"]
    assert observed_ratio == pytest.approx(1.92, abs=0.01)
    model = predict("garber1999_spinach50_auc")
    model_150 = predict("garber1999_spinach150_auc")
    assert model_150 / model == pytest.approx(3.0, rel=1e-3)  # linear PK: 3x dose, 3x AUC
    assert model / OBSERVED["garber1999_spinach50_auc"] == pytest.approx(0.44, abs=0.02)


def test_schurgers2000_natto_over_spinach_peak_within_1_5x():
    # Observed "about 10 times" (6 men). Before the food matrix the model gave 1.1.
    ratio = predict("schurgers2000_natto_spinach") / OBSERVED["schurgers2000_natto_spinach"]
    assert 1 / CLOSE_FACTOR <= ratio <= CLOSE_FACTOR


def test_novotny2010_kale_peak_time_within_1_5x_of_6_to_10_h():
    # Observed 6-10 h; the vegetable's slower absorption (Gijsbers1996) moves the model
    # from 4.0 h to 5.2 h, within 1.5x of the range's lower end.
    tmax = predict("novotny2010_kale_tmax")
    assert 6.0 / CLOSE_FACTOR <= tmax <= 10.0 * CLOSE_FACTOR
    assert tmax > 5.0


def test_novotny2010_kale_peak_is_an_explained_miss():
    """Observed 2.1 nmol/L of labelled K1 after 70 µg in kale; model 0.06 nmol/L.

    Per µg, the kale label's peak (2.1/70 = 0.030 nmol/L per µg) is 4 times the model's
    tablet peak fitted on Garber1999 (0.0074 per µg) - a vegetable beating a tablet that
    no matrix factor below 1 can give. Novotny2010's own 4.7 % absorption and 2.1 nmol/L
    imply a volume of ~3.5 L (plasma) for the label, Garber1999's tablet AUC ~220 L/F. The
    two studies cannot both be matched by one linear model; the set follows Garber1999.
    """
    from vitk.pharmacology.regimens import single
    from vitk.pharmacology.simulate import simulate_pk

    tablet = simulate_pk(single("K1", 500.0), days=2, dt_h=0.05)
    per_ug_tablet = (tablet.summary["cmax_nmol_per_l"] - 1.0) / 500.0
    per_ug_kale = OBSERVED["novotny2010_kale_cmax"] / 70.3
    assert per_ug_kale / per_ug_tablet > 4.0
    assert predict("novotny2010_kale_cmax") == pytest.approx(0.063, abs=0.005)
