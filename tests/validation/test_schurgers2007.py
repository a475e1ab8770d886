"""Schurgers2007: K1 vs MK-7 supplements in healthy volunteers (Blood 2007;109:3279).

Numbers are from the abstract (peak at 4 h for both forms; 7- to 8-fold higher MK-7 during
prolonged intake; >= 50 µg/d MK-7 may interfere with oral anticoagulation) and, for the
1 mg single dose and >= 4-day persistence, from secondary summaries of the paper.

Calibration (marker ``calibration``): Tmax 4 h (ka of both sets) and the 7-8-fold MK-7/K1
ratio (the MK-7 set). Predictions: MK-7 still measurable at 96 h, 50 µg/d MK-7 above the
K1-derived INR threshold, the peak ratio after 1 mg (which the model misses by 17 %).
"""

import numpy as np
import pytest

from vitk.pharmacology import pk, regimens
from vitk.pharmacology.anticoagulation import CALIBRATION, escalation_inr_change
from vitk.pharmacology.simulate import simulate_pk
from vitk.units import MOLAR_MASS_G_PER_MOL


@pytest.fixture
def schurgers2007():
    """Schurgers2007, abstract: Tmax 4 h (K1, MK-7); MK-7/K1 7-8-fold on prolonged intake.

    Secondary (kinon.eu summary): 1 mg single doses; MK-7 still measurable after 4 days.
    Units: h, fold.
    """
    return {
        "tmax_h": 4.0,
        "ratio_range": (7.0, 8.0),
        "single_dose_ug": 1000.0,
        "mk7_detectable_h": 96.0,
        "interfering_mk7_ug_per_d": 50.0,
    }


@pytest.mark.calibration
@pytest.mark.parametrize("form", ["K1", "MK-7"])
def test_tmax_about_4_h(schurgers2007, form):
    res = simulate_pk(form, schurgers2007["single_dose_ug"], days=4, dt_h=0.25)
    # Sampling in the study was 2-hourly around the peak (0, 2, 4, 6, 8 h): ±1 h.
    assert res.summary["tmax_h"] == pytest.approx(schurgers2007["tmax_h"], abs=1.0)


@pytest.mark.calibration
def test_mk7_accumulates_7_to_8_fold_over_k1_on_equimolar_daily_intake(schurgers2007):
    # Time-averaged excess over day 42 (end of the 6-week phase), equimolar 0.22 µmol/d.
    t = np.linspace(41 * 24, 42 * 24, 97)
    means = {}
    for form, code in (("K1", "k1"), ("MK-7", "mk7")):
        dose_ug = 0.22 * MOLAR_MASS_G_PER_MOL[code]  # 0.22 µmol [µg]
        p = pk.PKParameters.from_set({"k1": "Novotny2010", "mk7": "Schurgers2007"}[code])
        c = pk.concentration_nmol_per_l(
            t, regimens.daily(form, dose_ug, days=42), p, include_baseline=False
        )
        means[code] = np.trapezoid(c[0], t) / 24.0
    lo, hi = schurgers2007["ratio_range"]
    # The abstract gives the range 7-8; the MK-7 set is built on its middle, so this also
    # checks that day 42 is close enough to steady state (t90 ~ 9.7 d).
    assert lo <= means["mk7"] / means["k1"] <= hi


def test_mk7_still_detectable_96_h_after_1_mg_while_k1_is_back_near_baseline(schurgers2007):
    mk7 = simulate_pk("MK-7", 1000.0, days=4)
    k1 = simulate_pk("K1", 1000.0, days=4)
    mk7_excess_ng = mk7.series["mk7_ng_per_ml"][0, -1] - mk7.meta["baseline_ng_per_ml"]
    k1_excess = k1.series["k1_nmol_per_l"][0] - k1.meta["baseline_nmol_per_l"]
    # Detection limit ~0.1 ng/mL assumed (HPLC-fluorescence; not read in the paper).
    assert mk7_excess_ng > 0.1
    # "K1 back to baseline within several hours": < 5 % of its peak by 48 h.
    assert k1_excess[np.searchsorted(k1.t_h, 48.0)] < 0.05 * k1_excess.max()


def test_mk7_50ug_per_day_prediction_is_above_the_k1_significance_threshold(schurgers2007):
    """Prediction, not a fit: the INR model is calibrated on K1 only (Schurgers2004)."""
    change = escalation_inr_change(
        "MK-7", (schurgers2007["interfering_mk7_ug_per_d"],), days_per_step=14
    )
    # "Clinically relevant" is not quantified in the abstract; we compare with the same
    # 10 % threshold that defines a significant K1 effect in the calibration.
    assert -change[0] > CALIBRATION["significance threshold [fraction of INR]"]


def test_mk7_to_k1_peak_ratio_after_the_same_1mg_dose(schurgers2007):
    """Secondary summary (kinon.eu) of Schurgers2007: MK-7 peak about 1.5-fold the K1 peak.

    The model misses this: it gives 1.24, 17 % below 1.5. The figure is from a web
    summary, not the paper (no spread, mass or molar units not stated), so it is not a
    target to tune to; the test asserts what that source supports and pins the gap so a
    model change that moves it is noticed (docs/pharmacology.md reports it).
    """
    mk7 = simulate_pk("MK-7", schurgers2007["single_dose_ug"], days=2)
    k1 = simulate_pk("K1", schurgers2007["single_dose_ug"], days=2)
    mk7_peak = mk7.summary["cmax_ng_per_ml"] - mk7.meta["baseline_ng_per_ml"]
    k1_peak = k1.summary["cmax_ng_per_ml"] - k1.meta["baseline_ng_per_ml"]
    ratio = mk7_peak / k1_peak
    # Not used in any fit (the sets use Tmax, AUC and the 7-8-fold ratio). What the
    # secondary source supports: after the same 1 mg, MK-7 peaks higher than K1 ...
    assert ratio > 1.0
    # ... and the model is 17 % low against its "about 1.5" (mass units assumed).
    assert ratio / 1.5 - 1.0 == pytest.approx(-0.17, abs=0.02)
