"""Other vitamins and minerals are recognised (never vitamin K), their doses read, and
combination supplement lines give each part its own dose."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.medications import (
    normalise,
    normalise_all,
    supplement_dose,
)


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
