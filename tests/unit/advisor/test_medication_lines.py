"""Free-text medication lines: brands by country, doses, frequencies and combined entries."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.medications import normalise, normalise_all


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Waran", "warfarin"),  # Sweden
        ("Waran 2,5 mg", "warfarin"),
        ("Aldocumar 5 mg", "warfarin"),  # Spain
        ("Coumadin", "warfarin"),  # US, Canada, Italy
        ("Marevan", "warfarin"),  # UK, Norway, Denmark, Finland, Australia
        ("Jantoven", "warfarin"),  # US
        ("warfarin sodico", "warfarin"),
        ("Sinthrome", "acenocoumarol"),  # UK
        ("Sintrom", "acenocoumarol"),
        ("Marcumar", "phenprocoumon"),  # Germany
        ("Marcoumar", "phenprocoumon"),
        ("Falithrom", "phenprocoumon"),
        ("Previscan", "fluindione"),  # France
        ("Pradax", "dabigatran"),  # Canada
        ("Prazaxa 110 mg", "dabigatran"),  # Japan
        ("Lixiana", "edoxaban"),
        ("Savaysa", "edoxaban"),
    ],
)
def test_brand_names_across_countries(text, generic):
    assert normalise(text).generic == generic


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        # doses, forms and frequency words are removed
        ("Eliquis 5mg", "apixaban"),
        ("apixaban, 5 mg twice daily", "apixaban"),
        ("apixaban 2,5 mg x2/day", "apixaban"),
        ("Xarelto 20 mg once a day with the evening meal", "rivaroxaban"),
        ("Xarelto q12h", "rivaroxaban"),
        ("Pradaxa 150mg bid", "dabigatran"),
        ("warfarin 2.5mg/day", "warfarin"),
        ("Eliquis 5 mg every 12 hours", "apixaban"),
        # the same drug named twice on one line is one medication
        ("rivaroxaban/Xarelto", "rivaroxaban"),
        ("warfarin (Coumadin)", "warfarin"),
        ("Eliquis (apixaban) 5 mg twice daily", "apixaban"),
        ("Sintrom 4 mg (acenocoumarol)", "acenocoumarol"),
        ("dabigatran 150 mg / Pradaxa", "dabigatran"),
        ("warfarin and Waran", "warfarin"),
        ("[Waran]", "warfarin"),
        # a generic name inside a hyphenated product name (Canada)
        ("Apo-Warfarin 5 mg", "warfarin"),
        # combination antibiotics written with a slash stay one drug
        ("trimethoprim/sulfamethoxazole", "trimethoprim-sulfamethoxazole"),
        ("amoxicillin/clavulanate", "amoxicillin-clavulanate"),
    ],
)
def test_one_line_one_medication(text, generic):
    out = normalise_all([text])
    assert [m.generic for m in out] == [generic]
    assert out[0].text == text  # reported as the user typed it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eliquis / Xarelto", [("Eliquis", "apixaban"), ("Xarelto", "rivaroxaban")]),
        ("warfarin + aspirin 75 mg", [("warfarin", "warfarin"), ("aspirin 75 mg", "aspirin")]),
        ("zzqx/warfarin", [("zzqx", None), ("warfarin", "warfarin")]),
        ("rivaroxaban/Xarelto/zzqx", [("rivaroxaban", "rivaroxaban"), ("zzqx", None)]),
        ("warfarin (for AF)", [("warfarin", "warfarin"), ("for AF", None)]),
        ("Eliquis (zorblax)", [("Eliquis", "apixaban"), ("zorblax", None)]),
        (
            "warfarin 3 mg, zorblax 2,5 mg",
            [("warfarin 3 mg", "warfarin"), ("zorblax 2.5 mg", None)],
        ),
    ],
)
def test_combined_lines_split_and_unknown_pieces_are_reported(text, expected):
    assert [(m.text, m.generic) for m in normalise_all([text])] == expected


@pytest.mark.parametrize("text", ["zorblax/quux", "<b>pill</b>", "5 mg"])
def test_a_line_with_nothing_known_is_reported_back_whole(text):
    out = normalise_all([text])
    assert [(m.text, m.generic) for m in out] == [(text, None)]


def test_rivaroxaban_slash_brand_gives_the_doac_note_and_no_vka_alarm():
    report = advise({"age": 67, "sex": "male", "medications": ["rivaroxaban/Xarelto"]})
    assert [m["generic"] for m in report.medications] == ["rivaroxaban"]
    assert report.unrecognised_medications == []
    assert "vka" not in report.safety_categories
    doac = [s for s in report.safety if s.category == "doac"]
    assert len(doac) == 1
    assert doac[0].rule_id == "SAF-DOAC-01"
    assert "does not counteract" in doac[0].message
    assert "rivaroxaban" in doac[0].message
    assert report.food_options["vka_note"] is None
    assert all(s.severity != "critical" for s in report.safety)


@pytest.mark.parametrize(
    "line", ["Waran", "warfarin (Coumadin)", "Aldocumar 1 mg", "zzqx/warfarin", "Marcumar 3mg"]
)
def test_vka_lines_raise_the_vka_alarm(line):
    report = advise({"age": 67, "sex": "female", "medications": [line]})
    assert report.safety[0].category == "vka"
    assert report.safety[0].severity == "critical"


def test_unknown_piece_of_a_combined_line_is_in_the_report():
    report = advise({"age": 67, "sex": "female", "medications": ["apixaban/zorblax 5 mg"]})
    assert [m["text"] for m in report.unrecognised_medications] == ["zorblax 5 mg"]
    assert "unrecognised_medication" in report.safety_categories
    assert "doac" in report.safety_categories
    assert "vka" not in report.safety_categories
