"""Heparins are heparins (not a possible VKA); antibiotics and NMTT cephalosporins are
recognised, antibiotic-like unknown names get a note."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.medications import (
    POSSIBLE_ANTIBIOTIC,
    POSSIBLE_ANTICOAGULANT,
    normalise,
    normalise_all,
    treated_as_vka,
)


def _line(text: str) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(m.generic, m.classes) for m in normalise_all([text])]


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("nadroparin", "nadroparin"),
        ("bemiparin", "bemiparin"),
        ("certoparin", "certoparin"),
        ("parnaparin", "parnaparin"),
        ("reviparin", "reviparin"),
        ("Fraxiparine", "nadroparin"),
        ("Fraxiparin 0,4 ml", "nadroparin"),
        ("Fraxodi", "nadroparin"),
        ("Hibor", "bemiparin"),
        ("Zibor", "bemiparin"),
        ("Clivarin", "reviparin"),
        ("nadroparine", "nadroparin"),
        ("heparin calcium 5000 units", "heparin"),
        ("LMWH", "low-molecular-weight heparin (name not given)"),
        ("low molecular weight heparin", "low-molecular-weight heparin (name not given)"),
    ],
)
def test_heparins_are_heparins_and_not_a_possible_vka(text, generic):
    out = normalise_all([text])
    assert [(m.generic, m.classes) for m in out] == [(generic, ("heparin",))]
    assert not treated_as_vka(out)
    report = advise({"age": 60, "sex": "female", "medications": [text]})
    assert "vka" not in report.safety_categories
    assert report.unrecognised_medications == []


def test_lmwh_descriptor_beside_a_named_heparin_is_one_medication():
    assert _line("Clexane (LMWH)") == [("enoxaparin", ("heparin",))]


@pytest.mark.parametrize(
    "name",
    [
        "cefazolin",
        "cefixime",
        "cefuroxime",
        "ceftriaxone",
        "gentamicin",
        "linezolid",
        "fosfomycin",
        "nitrofurantoin",
        "clindamycin",
        "metronidazole",
        "trimethoprim",
        "co-trimoxazole",
        "levofloxacin",
        "moxifloxacin",
        "azithromycin",
        "clarithromycin",
        "erythromycin",
        "doxycycline",
        "minocycline",
        "vancomycin",
        "rifampicin",
        "rifampin",
        "tobramycin",
        "piperacillin/tazobactam",
        "meropenem",
    ],
)
def test_antibiotics_are_recognised(name):
    m = normalise(name)
    assert m.recognised
    assert "antibiotic" in m.classes


@pytest.mark.parametrize(
    "name", ["latamoxef", "moxalactam", "cefoperazone", "cefamandole", "cefotetan", "cefmenoxime"]
)
def test_nmtt_cephalosporins(name):
    m = normalise(name)
    assert {"antibiotic", "cephalosporin_nmtt"} <= set(m.classes)
    assert m.unverified  # the NMTT list is † in evidence.md


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("cefditoren", "cefditoren"),
        ("zorbacillin 500 mg", "zorbacillin"),
        ("quuxmycin", "quuxmycin"),
        ("delafloxacin", "delafloxacin"),
        ("omadacycline", "omadacycline"),
        ("faropenem", "faropenem"),
    ],
)
def test_unknown_antibiotic_like_names_are_unrecognised_with_a_note(name, stem):
    out = normalise_all([name])
    assert len(out) == 1
    m = out[0]
    assert not m.recognised
    assert POSSIBLE_ANTIBIOTIC in m.classes
    assert POSSIBLE_ANTICOAGULANT not in m.classes
    assert any(stem in n for n in m.notes)
    assert m.to_dict()["notes"] == list(m.notes)
    report = advise({"age": 60, "sex": "female", "medications": [name]})
    assert [u["text"] for u in report.unrecognised_medications] == [name]


def test_plain_unknown_names_get_no_antibiotic_note():
    m = normalise("zorblax")
    assert m.classes == ()
    assert m.notes == ()
