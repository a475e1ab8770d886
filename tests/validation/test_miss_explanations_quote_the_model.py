"""Every prediction outside 1.5x says why, and the figures in that reason are the model's.

The validation block (CLI table, web page, JSON) prints, beside each missed prediction, the
check's note: what parameter value the observation would need and which independent data
contradict it. These tests recompute each figure quoted in a note from the model and the
cited observations, so a note cannot drift from the model it explains. No test here fits
anything; the quoted numbers are consequences of the sets as they are.
"""

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.stats import norm

from vitk.pharmacology import anticoagulation as ac
from vitk.pharmacology import sets
from vitk.pharmacology.validation import (
    CHECKS,
    CLOSE_FACTOR,
    RELEVANT_INR_FALL,
    _entry,
    _single,
    predict,
)

BY_ID = {c.check_id: c for c in CHECKS}
THEUWISSEN_STEPS_UG = (10.0, 20.0, 45.0)


def note(check_id: str) -> str:
    return BY_ID[check_id].note


def test_every_missed_prediction_prints_its_reason_in_the_sentence_a_reader_sees():
    missed = 0
    for check in CHECKS:
        entry = _entry(check)
        if check.role != "prediction" or entry["within_1_5x"]:
            assert "outside" not in entry["sentence"], check.check_id
            continue
        missed += 1
        assert check.note, check.check_id
        assert f"outside {CLOSE_FACTOR:g}x: {check.note}" in entry["sentence"], check.check_id
    assert missed >= 5  # Garber 50 g, Novotny peak, Theuwissen mean and shares, Knapen ...


@pytest.fixture(scope="module")
def potency_needed():
    """MK-7 hepatic potency for the Theuwissen2013 45 µg/d step to fall 40/1.5 % and 40 %."""

    def fall(p: float) -> float:
        change = ac.escalation_inr_change("MK-7", THEUWISSEN_STEPS_UG, days_per_step=14, potency=p)
        return float(change[-1])

    observed = BY_ID["theuwissen2013_inr_45"].observed / 100.0
    return {
        "within": brentq(lambda p: fall(p) - observed / CLOSE_FACTOR, 0.1, 20.0, xtol=1e-3),
        "exact": brentq(lambda p: fall(p) - observed, 0.1, 20.0, xtol=1e-3),
    }


def test_theuwissen_note_quotes_the_potency_it_would_need_and_the_threshold_it_implies(
    potency_needed,
):
    text = note("theuwissen2013_inr_45")
    stored = sets.load("Schurgers2007")["hepatic potency relative to K1 [1]"]
    assert f"{stored:.2f} of K1" in text
    assert f"within 1.5x needs {potency_needed['within']:.1f}" in text
    assert f"-40 % needs {potency_needed['exact']:.1f}" in text
    # With that potency, the MK-7 dose that matches 150 µg/d K1 (Schurgers2004's threshold)
    # after 7 days: Schurgers2007 placed it at 50 µg/d.
    k1_150 = float(ac.escalation_inr_change("K1", (150.0,), days_per_step=7)[0])
    doses = []
    for p in (potency_needed["within"], potency_needed["exact"]):
        d = brentq(
            lambda d, p=p: (
                ac.escalation_inr_change("MK-7", (d,), days_per_step=7, potency=p)[0] - k1_150
            ),
            1.0,
            200.0,
            xtol=0.05,
        )
        doses.append(d)
    assert f"threshold to {doses[0]:.0f} or {doses[1]:.0f} µg/d" in text


def test_responder_notes_quote_the_shares_at_the_potency_that_fits_the_mean(potency_needed):
    falls = ac.escalation_cohort_falls(
        "MK-7",
        THEUWISSEN_STEPS_UG,
        days_per_step=14,
        subjects=300,
        seed=2013,
        potency=potency_needed["exact"],
    )
    share = 100.0 * (falls >= RELEVANT_INR_FALL).mean(axis=0)
    assert f"gives {share[0]:.0f} %" in note("theuwissen2013_share_10")
    assert f"would be {share[1]:.0f} %" in note("theuwissen2013_share_20")
    # Even then the 10 µg/d share stays under the observed 40 %: not only the potency.
    assert share[0] < BY_ID["theuwissen2013_share_10"].observed / CLOSE_FACTOR


def test_schurgers2004_share_note_quotes_the_spread_needed_and_the_model_spread():
    falls = ac.escalation_cohort_falls(
        "K1", (50.0, 100.0, 150.0), days_per_step=7, subjects=300, seed=2004
    )[:, 2]
    mean, sd = float(falls.mean()), float(falls.std())
    observed_share = BY_ID["schurgers2004_share_150"].observed / 100.0
    sd_needed = (RELEVANT_INR_FALL - mean) / norm.ppf(1.0 - observed_share)
    text = note("schurgers2004_share_150")
    assert (
        f"SD of the fall of {100 * sd_needed:.0f} points (CV {100 * sd_needed / mean:.0f} %)"
        in text
    )
    assert f"give {100 * sd:.0f} points (CV {100 * sd / mean:.0f} %)" in text
    # The model's share is the one in the block.
    assert predict("schurgers2004_share_150") == pytest.approx(
        100.0 * float(np.mean(falls >= RELEVANT_INR_FALL))
    )


def test_novotny_note_quotes_the_per_ug_peaks():
    tablet_per_ug = float(_single("K1", 500.0, days=1.0).excess.max()) / 500.0
    check = BY_ID["novotny2010_kale_cmax"]
    kale_per_ug = check.observed / check.dose_ug
    text = note("novotny2010_kale_cmax")
    assert f"({kale_per_ug:.3f} nmol/L)" in text
    assert f"({tablet_per_ug:.4f}," in text
    assert f"is {kale_per_ug / tablet_per_ug:.0f} times" in text


def test_garber_note_quotes_the_vegetable_availability_both_meals_would_need():
    availability = sets.load("Gijsbers1996")["matrix"]["vegetable"]["F [1]"]
    m150, m50 = predict("garber1999_spinach150_auc"), predict("garber1999_spinach50_auc")
    o150, o50 = (
        BY_ID["garber1999_spinach150_auc"].observed,
        BY_ID["garber1999_spinach50_auc"].observed,
    )
    # AUC is linear in the availability: the range that puts both meals within 1.5x.
    low = availability * (o50 / CLOSE_FACTOR) / m50
    high = availability * (o150 * CLOSE_FACTOR) / m150
    assert low < high
    text = note("garber1999_spinach50_auc")
    assert f"{low:.2f}-{high:.2f}" in text
    assert f"against the {availability:.2f} Gijsbers1996 measured" in text


def test_knapen_note_quotes_the_fall_and_placebo_drift_within_reach():
    model = predict("knapen2015_mgp_3y")
    observed = BY_ID["knapen2015_mgp_3y"].observed
    needed = observed / CLOSE_FACTOR
    drift = (1.0 + model / 100.0) / (1.0 + needed / 100.0) - 1.0
    text = note("knapen2015_mgp_3y")
    assert f"within 1.5x needs {needed:.0f} %" in text
    assert f"a {100 * drift:.0f} % placebo rise" in text
    assert f"-{abs(BY_ID['dalmeijer2012_mgp_180'].observed):.0f} % against baseline" in text
