"""Clinical review 2 of the medication normaliser: VKA phrases, other vitamins, heparins,
antibiotics, combination supplement lines and stopped drugs."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.medications import (
    POSSIBLE_ANTIBIOTIC,
    POSSIBLE_ANTICOAGULANT,
    VKA_UNNAMED,
    current_medications,
    normalise,
    normalise_all,
    supplement_dose,
    treated_as_vka,
)


def _line(text: str) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(m.generic, m.classes) for m in normalise_all([text])]


# ---------------------------------------------------------------- 1. VKA phrases
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


# ---------------------------------------------------------------- 2. other vitamins
@pytest.mark.parametrize(
    ("text", "generic", "cls"),
    [
        ("vitamin D", "vitamin D", "vitamin_d"),
        ("vitamin D3", "vitamin D", "vitamin_d"),
        ("cholecalciferol", "vitamin D", "vitamin_d"),
        ("colecalciferol 800 IU", "vitamin D", "vitamin_d"),
        ("ergocalciferol", "vitamin D", "vitamin_d"),
        ("vitamin C", "vitamin C", "other_supplement"),
        ("vitamin A", "vitamin A", "other_supplement"),
        ("vitamin B1", "vitamin B1", "other_supplement"),
        ("vitamin B6", "vitamin B6", "other_supplement"),
        ("vitamin B12", "vitamin B12", "other_supplement"),
        ("folic acid 5 mg", "folic acid", "other_supplement"),
        ("iron", "iron", "other_supplement"),
        ("zinc", "zinc", "other_supplement"),
        ("fish oil 1000 mg", "omega-3 fatty acids", "other_supplement"),
        ("omega-3", "omega-3 fatty acids", "other_supplement"),
        ("vitamin E", "vitamin E", "vitamin_e"),
        ("alpha-tocopherol", "vitamin E", "vitamin_e"),
        ("calcium carbonate", "calcium", "calcium"),
        ("calcium citrate 500 mg", "calcium", "calcium"),
        ("magnesium oxide", "magnesium", "magnesium"),
        ("magnesium glycinate 200mg", "magnesium", "magnesium"),
        ("multivitamin", "multivitamin", "multivitamin"),
    ],
)
def test_other_vitamins_and_minerals_are_recognised_and_never_vitamin_k(text, generic, cls):
    out = normalise_all([text])
    assert [(m.generic, m.classes) for m in out] == [(generic, (cls,))]
    assert not out[0].is_vitamin_k


@pytest.mark.parametrize(
    "text", ["vitamn D", "vitamin D4", "vitamin B3", "vitamin F", "vitamin H", "vit. Q"]
)
def test_no_fuzzy_match_across_vitamin_letters(text):
    m = normalise(text)
    assert not m.is_vitamin_k
    if m.recognised:  # only the same letter may be matched
        assert m.generic is not None
        assert m.generic.lower().split()[1][0] == text.lower().replace(".", "").split()[1][0]


@pytest.mark.parametrize(
    ("text", "cls", "dose", "unit"),
    [
        ("vitamin E 800 IU", "vitamin_e", 800.0, "IU"),
        ("vitamin E 268 mg", "vitamin_e", 268.0, "mg"),
        ("vitamin D 50000 IU weekly", "vitamin_d", 50000 / 40 / 7, "µg"),
        ("vitamin D3 25 µg", "vitamin_d", 25.0, "µg"),
        ("vitamin D3 1000 IU twice daily", "vitamin_d", 50.0, "µg"),
        ("calcium carbonate 1.2 g", "calcium", 1200.0, "mg"),
        ("calcium 600 mg twice daily", "calcium", 1200.0, "mg"),
        ("magnesium citrate 300mg", "magnesium", 300.0, "mg"),
    ],
)
def test_supplement_doses_are_read(text, cls, dose, unit):
    out = normalise_all([text])
    assert len(out) == 1
    assert cls in out[0].classes
    assert out[0].supplement_dose == pytest.approx(dose, abs=0.001)
    assert out[0].supplement_unit == unit
    assert out[0].to_dict()["supplement"] == {
        "nutrient": cls,
        "dose": out[0].supplement_dose,
        "unit": unit,
    }


@pytest.mark.parametrize(
    "text", ["vitamin D", "vitamin D 1000 IU as needed", "vitamin D 1000 IU or 2000 IU"]
)
def test_a_missing_or_unclear_supplement_dose_is_unknown_not_zero(text):
    (m,) = normalise_all([text])
    assert m.supplement_dose is None
    assert m.supplement_unit == "µg"


def test_supplement_dose_of_a_class_without_doses_is_none():
    assert supplement_dose("multivitamin 1 tablet", "multivitamin") == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vitamin D3 2000 IU with K2 100mcg",
            [("vitamin_d", None, 50.0), ("vitamin_k", "K2", 100.0)],
        ),
        (
            "Vitamin K2 (MK-7) 90 mcg + D3 25 µg",
            [("vitamin_k", "MK-7", 90.0), ("vitamin_d", None, 25.0)],
        ),
        ("calcium + vitamin D", [("calcium", None, None), ("vitamin_d", None, None)]),
        (
            "calcium 500 mg and vitamin D 400 IU",
            [("calcium", None, 500.0), ("vitamin_d", None, 10.0)],
        ),
        ("K2 (MK-7) 90 mcg", [("vitamin_k", "MK-7", 90.0)]),
        ("Menaquinone-7 100mcg", [("vitamin_k", "MK-7", 100.0)]),
        ("menaquinone-4", [("vitamin_k", "MK-4", None)]),
        ("MK7", [("vitamin_k", "MK-7", None)]),
        ("MK 7 200 mcg", [("vitamin_k", "MK-7", 200.0)]),
    ],
)
def test_combination_lines_give_each_part_its_own_dose(text, expected):
    got = []
    for m in normalise_all([text]):
        cls = "vitamin_k" if m.is_vitamin_k else m.supplement_class
        dose = m.k_dose_ug if m.is_vitamin_k else m.supplement_dose
        got.append((cls, m.k_form, dose))
    assert got == expected


def test_menaquinone_7_is_the_mk7_entry_not_unspecified_k2():
    assert normalise_all(["Menaquinone-7 100mcg"])[0].generic == "menaquinone-7 (MK-7)"


def test_unknown_part_of_a_supplement_line_is_reported():
    out = normalise_all(["vitamin D3 1000 IU + calcium 500 mg + zorblax"])
    assert [m.generic for m in out] == ["vitamin D", "calcium", None]
    assert out[-1].text == "zorblax"


def test_vitamin_d_line_gives_no_vitamin_k_for_a_vka_user():
    report = advise({"age": 60, "sex": "female", "medications": ["warfarin", "vitamin D 1000 IU"]})
    assert "SAF-VKA-03" not in [s.rule_id for s in report.safety]  # not a K supplement


# ---------------------------------------------------------------- 3. heparins
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


# ---------------------------------------------------------------- 4. antibiotics
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


# ---------------------------------------------------------------- 5. stopped drugs
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("previously on warfarin, now apixaban", [("warfarin", True), ("apixaban", False)]),
        ("apixaban; warfarin stopped 2023", [("apixaban", False), ("warfarin", True)]),
        ("Eliquis (apixaban) - stopped", [("apixaban", True)]),
        ("was on Sintrom", [("acenocoumarol", True)]),
        ("discontinued cipro", [("ciprofloxacin", True)]),
        ("formerly Marevan 3 mg", [("warfarin", True)]),
        ("no longer taking aspirin", [("aspirin", True)]),
        ("warfarin stopped, restarted 2024", [("warfarin", False)]),
        ("warfarin", [("warfarin", False)]),
        ("warfarin 5 mg daily", [("warfarin", False)]),
    ],
)
def test_stopped_drugs_are_flagged_and_kept(text, expected):
    out = normalise_all([text])
    assert [(m.generic, m.stopped) for m in out] == expected
    assert all(m.to_dict()["stopped"] is m.stopped for m in out)


def test_a_stopped_vka_keeps_its_class_and_current_medications_leaves_it_out():
    out = normalise_all(["apixaban; warfarin stopped 2023"])
    assert treated_as_vka(out)  # the safe direction: classes are kept
    assert [m.generic for m in current_medications(out)] == ["apixaban"]
    assert not treated_as_vka(current_medications(out))
