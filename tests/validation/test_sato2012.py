"""Sato2012: MK-4 vs MK-7 bioavailability in healthy women (Nutr J 2012;11:93).

Abstract and results text: after a single 420 µg dose, serum MK-7 peaked at 6 h and was
still detected at 48 h; MK-4 was not detected at any time 0-72 h. After 60 µg/d for 7 days
MK-4 did not rise (change 0.00 ± 0.77 ng/mL) while MK-7 increased in all subjects.

Calibration (marker ``calibration``): MK-4 below detection after 420 µg (the MK-4 set's F
was bounded with it). Predictions: MK-7 at 48 h, MK-7 Tmax, the 7-day 60 µg/d contrast.
"""

import pytest

from vitk.pharmacology import sets
from vitk.pharmacology.simulate import simulate_pk
from vitk.units import MOLAR_MASS_G_PER_MOL


@pytest.fixture
def sato2012():
    """Sato2012 abstract/results: doses [µg], times [h]; detection limit [ng/mL] assumed."""
    return {
        "dose_ug": 420.0,
        "mk7_detected_h": 48.0,
        "mk7_tmax_h": 6.0,
        "detection_limit_ng_per_ml": sets.load("Sato2012")["detection limit [ng/mL]"],
    }


@pytest.mark.calibration
def test_mk4_after_420ug_stays_below_detection(sato2012):
    res = simulate_pk("MK-4", sato2012["dose_ug"], days=3)
    # The MK-4 set was bounded with this observation, so this is a consistency check that
    # guards the set (F is an upper bound), not an independent prediction.
    assert res.summary["cmax_ng_per_ml"] < sato2012["detection_limit_ng_per_ml"]


def test_mk7_after_420ug_detectable_at_48h(sato2012):
    res = simulate_pk("MK-7", sato2012["dose_ug"], days=3)
    at48 = res.series["mk7_ng_per_ml"][0][res.t_h.searchsorted(sato2012["mk7_detected_h"])]
    # Not used in any fit: the MK-7 half-life (68-72 h) alone implies > 60 % of peak at 48 h.
    assert at48 > 5 * sato2012["detection_limit_ng_per_ml"]


def test_mk7_tmax_with_breakfast(sato2012):
    res = simulate_pk("MK-7", sato2012["dose_ug"], days=2)
    # Our MK-7 set uses the 4 h supplement Tmax (Schurgers2007); Sato's 6 h with a
    # standardised breakfast and 2-h sampling allows ±2 h.
    assert res.summary["tmax_h"] == pytest.approx(sato2012["mk7_tmax_h"], abs=2.0)


def test_seven_days_of_60ug_raise_mk7_but_not_mk4(sato2012):
    mk4 = simulate_pk("MK-4", 60.0, every="24h", days=7)
    mk7 = simulate_pk("MK-7", 60.0, every="24h", days=7)
    # MK-4 change 0.00 ± 0.77 ng/mL: stays below the detection limit.
    assert mk4.summary["cmax_ng_per_ml"] < sato2012["detection_limit_ng_per_ml"]
    # MK-7 increased in all subjects: even the 5th percentile of a cohort rises clearly.
    cohort = simulate_pk("MK-7", 60.0, every="24h", days=7, subjects=200, seed=2012)
    # nmol/L to ng/mL through the MK-7 molar mass [g/mol].
    p5_ng_per_ml = cohort.bands["cmax_nmol_per_l"]["p5"] * MOLAR_MASS_G_PER_MOL["mk7"] / 1000.0
    assert p5_ng_per_ml > sato2012["detection_limit_ng_per_ml"]
    assert mk7.summary["cmax_ng_per_ml"] > mk4.summary["cmax_ng_per_ml"]
