"""Phrases such as "blood thinner" are an unnamed vitamin K antagonist, never vitamin K,
and sit correctly beside named VKAs and DOACs."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.medications import (
    VKA_UNNAMED,
    normalise_all,
    treated_as_vka,
)


def _line(text: str) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(m.generic, m.classes) for m in normalise_all([text])]


@pytest.mark.parametrize(
    "text",
    [
        "vitamin K antagonist",
        "vit K antagonist",
        "anti-vitamin K",
        "vitamin K blocker",
        "AVK",
        "VKA",
        "antivitamin K",
        "antivitamine K",
        "Vitamin-K-Antagonist",
        "my VKA tablets",
        "vitamin K antagonists",
    ],
)
def test_vka_phrases_are_an_unnamed_vka_never_vitamin_k(text):
    out = normalise_all([text])
    assert [(m.generic, m.classes) for m in out] == [(VKA_UNNAMED, ("anticoagulant_unknown",))]
    assert not any(m.is_vitamin_k for m in out)
    assert treated_as_vka(out)


@pytest.mark.parametrize("text", ["vitamin K antagonist", "AVK", "anti-vitamin K"])
def test_vka_phrase_fires_the_vka_alarm_and_no_vitamin_k_food_option(text):
    report = advise({"age": 60, "sex": "female", "medications": [text]})
    assert report.safety[0].category == "vka"
    assert report.safety[0].severity == "critical"
    assert "SAF-VKA-02" in [s.rule_id for s in report.safety]
    assert report.unrecognised_medications == []
    assert all(m["vitamin_k"] is None for m in report.medications)
    assert report.food_options["vka_note"] is not None


@pytest.mark.parametrize(
    "text",
    ["Marcumar (Vitamin-K-Antagonist)", "Marcumar Vitamin-K-Antagonist", "warfarin (VKA)"],
)
def test_named_vka_with_the_phrase_is_one_vka_and_no_vitamin_k_supplement(text):
    out = normalise_all([text])
    assert len(out) == 1
    assert out[0].classes == ("vka",)
    assert not out[0].is_vitamin_k
    report = advise({"age": 60, "sex": "female", "medications": [text]})
    ids = [s.rule_id for s in report.safety]
    assert "SAF-VKA-01" in ids
    assert "SAF-VKA-03" not in ids  # no spurious vitamin K supplement


def test_vka_phrase_beside_a_doac_keeps_both():
    # contradictory input: the safe reading keeps the unnamed VKA
    assert _line("Eliquis (vitamin K antagonist)") == [
        ("apixaban", ("doac",)),
        (VKA_UNNAMED, ("anticoagulant_unknown",)),
    ]


def test_blood_thinner_descriptor_beside_a_named_doac_is_absorbed():
    assert _line("Eliquis (blood thinner)") == [("apixaban", ("doac",))]
    report = advise({"age": 60, "sex": "female", "medications": ["Eliquis (blood thinner)"]})
    assert "vka" not in report.safety_categories


def test_vka_phrase_with_an_unknown_name_reports_the_name_back():
    out = normalise_all(["VKA zorblax"])
    assert [(m.generic, m.text) for m in out] == [(VKA_UNNAMED, "VKA"), (None, "zorblax")]
