"""The INR what-if starts from the person's own INR, VKA, dose and supplements."""

import pytest

from vitk.advisor.simulation_inputs import what_if_inputs
from vitk.errors import InputError
from vitk.pharmacology.whatif import inr_what_if

PROFILE = {
    "medications": ["warfarin 5 mg daily", "metformin"],
    "labs": {"inr": 2.6},
    "supplements": {"vitamin_k": [{"form": "MK-7", "dose_ug": 45.0}]},
}


def test_inputs_come_from_the_profile():
    state = what_if_inputs(PROFILE)
    assert state == {
        "vka": "warfarin",
        "vka_dose_mg": 5.0,
        "current_inr": 2.6,
        "current_supplements": [("MK-7", 45.0)],
    }
    assert what_if_inputs(None)["vka"] is None


def test_what_if_starts_at_the_persons_inr_with_current_supplements_and_gives_an_interval():
    state = what_if_inputs(PROFILE)
    res = inr_what_if(
        "MK-7",
        90.0,
        every="24h",
        days=21,
        vka=state["vka"],
        current_inr=state["current_inr"],
        vka_dose_mg=state["vka_dose_mg"],
        current_supplements=state["current_supplements"],
        subjects=60,
        seed=3,
    )
    # The cohort median starts within 5 % of the measured INR (titration is on the typical
    # subject; the cohort spreads around it).
    assert res.summary["inr_baseline"] == pytest.approx(2.6, rel=0.05)
    assert res.summary["inr_end"] < res.summary["inr_baseline"]  # more vitamin K: INR falls
    band = res.bands["inr_end"]
    assert band["p5"] < res.summary["inr_end"] < band["p95"]
    start = res.meta["starts_from"]
    assert start["inr_from_profile"] and start["vka_dose_mg_given"] == 5.0
    assert "MK-7 45 µg/d already taken" in start["sentence"]
    assert res.validation["observations"]


def test_without_a_profile_inr_the_default_is_said():
    res = inr_what_if("K1", 100.0, days=7, subjects=20, seed=1)
    assert res.meta["starts_from"]["inr_from_profile"] is False
    assert "assumed" in res.meta["starts_from"]["sentence"]


def test_an_inr_outside_the_model_range_is_refused_in_one_line():
    with pytest.raises(InputError, match="target INR must be above 1"):
        inr_what_if("MK-7", 90.0, current_inr=6.0, subjects=10, seed=1)
