"""Novotny2010: 13C-phylloquinone from kale (Br J Nutr 2010;104:858).

Abstract (7 volunteers, 6 with detectable label): 400 g kale with 30 g oil gave 156 nmol
(70.3 µg) 13C-K1; plasma 13C-K1 peaked at 6-10 h at 2.1 nmol/L (mean); bioavailability
4.7 %; compartmental plasma half-time 8.8 h and tissue half-time 215 h.

Calibration (marker ``calibration``): the 8.8 h half-time (elimination of the default K1
set) and the 215 h tissue half-time (the carboxylation model's keo). The kale Tmax and
Cmax are documented misses: the model has no food-matrix absorption, and its K1 V/F comes
from the Garber1999 tablet AUC (docs/pharmacology.md, Known gaps).
"""

import numpy as np
import pytest

from vitk.pharmacology import carboxylation, pk, regimens
from vitk.pharmacology.simulate import simulate_pk


@pytest.fixture
def novotny2010():
    """Novotny2010 abstract: dose [µg], Tmax range [h], Cmax [nmol/L], half-times [h]."""
    return {
        "dose_ug": 70.3,
        "tmax_range_h": (6.0, 10.0),
        "cmax_nmol_per_l": 2.1,
        "plasma_half_time_h": 8.8,
        "tissue_half_time_h": 215.0,
    }


@pytest.mark.calibration
def test_terminal_half_life_is_8_8_h(novotny2010):
    p = pk.PKParameters.from_set("Novotny2010")
    t = np.array([24.0, 48.0])
    c = pk.concentration_nmol_per_l(
        t, regimens.single("K1", novotny2010["dose_ug"]), p, include_baseline=False
    )[0]
    half_life = np.log(2) * (t[1] - t[0]) / np.log(c[0] / c[1])
    # After 24 h absorption (ka 0.58 /h) is over: the log-linear slope is ke. 1 % covers
    # rounding of the set's ka.
    assert half_life == pytest.approx(novotny2010["plasma_half_time_h"], rel=0.01)


@pytest.mark.calibration
def test_tissue_half_time_is_215_h(novotny2010):
    # The carboxylation model's tissue compartment uses this half-time; rounding: 0.1 %.
    assert np.log(2) / carboxylation.KEO_PER_H == pytest.approx(
        novotny2010["tissue_half_time_h"], rel=1e-3
    )


def test_kale_tmax_and_cmax_are_documented_misses(novotny2010):
    """Kale K1: observed Tmax 6-10 h, Cmax 2.1 nmol/L; as a supplement the model gives 4 h
    and 0.52 nmol/L.

    Given as a supplement (no food matrix: Tmax 4 h from Schurgers2007, V/F from the
    Garber1999 500 µg tablet AUC); the labelled kale dose gave a 4-fold higher peak per µg
    than that V/F allows. With the vegetable matrix the model gives 5.2 h (within 1.5x) and
    0.063 nmol/L (an explained miss): tests/validation/test_food_matrix.py. Pinned, not
    tolerated: a change in either shows up.
    """
    res = simulate_pk("K1", novotny2010["dose_ug"], days=2, dt_h=0.25)
    lo, _hi = novotny2010["tmax_range_h"]
    assert res.summary["tmax_h"] < lo  # model 4.0 h: too early for a food matrix
    peak_excess = res.summary["cmax_nmol_per_l"] - res.meta["baseline_nmol_per_l"]
    # Model 0.52 nmol/L, about 0.25x the observed 2.1 nmol/L.
    assert peak_excess == pytest.approx(0.52, abs=0.02)
    assert peak_excess < 0.5 * novotny2010["cmax_nmol_per_l"]
