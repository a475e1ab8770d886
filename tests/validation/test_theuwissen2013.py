"""Theuwissen2013: MK-7 10, 20, 45 µg/d under acenocoumarol (J Thromb Haemost 2013;11:1085).

Abstract: 15 healthy volunteers at INR ~2.0; 2 weeks per step; 45 µg/d lowered the
group-mean INR by about 40 %; ucOC and dp-ucMGP were not affected. The INR model is
calibrated on K1 only and MK-7's hepatic potency (0.68 of K1) on the Schurgers2007 and
Schurgers2004 threshold doses, so MK-7 here is a prediction. It under-predicts the 45 µg/d
fall (-14 % vs -40 %; the two MK-7 studies disagree about 4.7-fold, docs/pharmacology.md);
these tests record that honestly with wide, stated bounds instead of a fit. The
extra-hepatic markers are also predicted, not fitted (liver-first hepatic-uptake capacity
from Schurgers2004, potencies from Dalmeijer2012).

Calibration: none (no ``calibration`` marker here); every check is a prediction.
"""

import numpy as np
import pytest

from vitk.pharmacology import anticoagulation as ac
from vitk.pharmacology.carboxylation import simulate_markers_arrays
from vitk.pharmacology.pk import PKParameters


@pytest.fixture
def theuwissen2013():
    """Theuwissen2013 abstract: doses [µg/d], 14 days each; INR change at 45 µg/d [fraction]."""
    return {
        "steps_ug": (10.0, 20.0, 45.0),
        "days_per_step": 14,
        "inr_change_45": -0.40,
        "not_affected": 0.10,  # our reading of "not affected" [fraction], see test
    }


def test_predicted_inr_falls_with_each_step(theuwissen2013):
    change = ac.escalation_inr_change(
        "MK-7", theuwissen2013["steps_ug"], days_per_step=theuwissen2013["days_per_step"]
    )
    assert np.all(np.diff(change) < 0)
    assert change[0] < 0


def test_predicted_45ug_fall_is_same_direction_but_within_factor_3(theuwissen2013):
    change = ac.escalation_inr_change(
        "MK-7", theuwissen2013["steps_ug"], days_per_step=theuwissen2013["days_per_step"]
    )
    observed = theuwissen2013["inr_change_45"]
    # Tolerance: a factor of 3 either way. The abstract gives "about 40 %" for 15 subjects
    # on acenocoumarol and the model has no Theuwissen2013 data in it; the known
    # under-prediction (0.35x, the MK-7 potency from Schurgers2007) is reported in
    # docs/pharmacology.md and in every INR result's validation block.
    assert observed / 3 > change[-1] > observed * 3


def test_extrahepatic_markers_not_affected_while_inr_falls(theuwissen2013):
    """Theuwissen2013: ucOC and dp-ucMGP "not affected" at 10-45 µg/d MK-7.

    A prediction: the hepatic-uptake capacity is calibrated on K1 (Schurgers2004) and the
    marker potencies on 180/360 µg/d MK-7 (Dalmeijer2012); no Theuwissen2013 number is used.
    """
    steps = theuwissen2013["steps_ug"]
    days = theuwissen2013["days_per_step"]
    pk = {"mk7": PKParameters.from_set("Schurgers2007")}
    reg = ac.escalation_regimen("mk7", steps, days_per_step=days)
    t = 24.0 * days * np.arange(len(steps) + 1, dtype=float)
    markers = simulate_markers_arrays(t, reg, pk)
    inr = ac.escalation_inr_change("MK-7", steps, days_per_step=days)
    for m in ("ucoc", "dp_ucmgp"):
        change = markers[m][0, 1:] - 1.0
        # "Not affected": |change| below 10 % (assay CV order, the threshold used for
        # significance in Schurgers2004) at the end of every step.
        assert np.all(np.abs(change) < theuwissen2013["not_affected"])
        # Liver first: at every step the marker moves less than INR.
        assert np.all(np.abs(change) < np.abs(inr))


def test_share_of_clinically_relevant_falls_rises_with_dose():
    """Theuwissen2013: >= 40 % (10 µg/d) and >= 60 % (20 µg/d) had a clinically relevant fall.

    "Clinically relevant" was expert judgement. We translate it with K1 data only:
    Schurgers2004 found it in 25 % of subjects at 150 µg/d K1, so the threshold is the
    75th percentile of the K1 cohort's falls at the end of that week. The model predicts
    far fewer MK-7 responders at 10-20 µg/d than observed (see docs/pharmacology.md); this
    test checks only what the model must get right: the share rises with dose, and with
    K1 the threshold separates 150 µg/d from 100 µg/d, which "did not interfere
    significantly" (Schurgers2004).
    """
    k1 = ac.escalation_cohort_falls(
        "K1", (50.0, 100.0, 150.0), days_per_step=7, subjects=300, seed=2004
    )
    threshold = np.percentile(k1[:, 2], 75)
    k1_share = (k1 >= threshold).mean(axis=0)  # 25 % at 150 µg/d by construction
    # 100 µg/d K1 did not interfere significantly: fewer than half as many relevant
    # responders as at 150 µg/d, and fewer still at 50 µg/d (model: 0 %, 4.7 %, 25 %).
    assert k1_share[0] <= k1_share[1] < 0.5 * k1_share[2]
    mk7 = ac.escalation_cohort_falls(
        "MK-7", (10.0, 20.0, 45.0), days_per_step=14, subjects=300, seed=2013
    )
    share = (mk7 >= threshold).mean(axis=0)
    assert share[0] <= share[1] < share[2]
    assert share[2] > 0.25  # at 45 µg/d more subjects respond than with 150 µg/d K1


def test_responder_shares_at_10_and_20ug_are_under_predicted():
    """Theuwissen2013 abstract: >= 40 % (10 µg/d) and >= 60 % (20 µg/d) of 15 subjects had
    a clinically relevant INR fall. Same K1-derived threshold as above (300 subjects).

    The model gives 0 % and 1 %: a documented miss (docs/pharmacology.md, The four misses),
    the same under-prediction of MK-7's hepatic effect as the 45 µg/d INR fall. Pinned, not
    tolerated: the model values within 5 percentage points, and far below the observed.
    """
    k1 = ac.escalation_cohort_falls(
        "K1", (50.0, 100.0, 150.0), days_per_step=7, subjects=300, seed=2004
    )
    threshold = np.percentile(k1[:, 2], 75)
    mk7 = ac.escalation_cohort_falls(
        "MK-7", (10.0, 20.0, 45.0), days_per_step=14, subjects=300, seed=2013
    )
    share = (mk7 >= threshold).mean(axis=0)
    observed_at_least = (0.40, 0.60)
    assert share[0] == pytest.approx(0.0, abs=0.05)
    assert share[1] == pytest.approx(0.04, abs=0.05)
    assert share[0] < observed_at_least[0] / 4
    assert share[1] < observed_at_least[1] / 4
