"""The food list follows the person's condition: steady-intake framing for a clotting
disorder without an anticoagulant, pregnancy cheeses left out, a kidney caveat, and no
list for a baby under one."""

from __future__ import annotations

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.render import render
from vitk.advisor.rules import load_rules

RULES = load_rules()


def test_clotting_disorder_without_anticoagulant_gets_the_steady_intake_framing():
    report = advise(prof(conditions={"clotting_disorder": True}))
    fo = report.food_options
    assert "for keeping intake steady, not a suggestion to eat more" in fo["title"]
    assert "list no anticoagulant" in fo["vka_note"]
    assert all("natto" not in o["name"].lower() for o in fo["options"])
    assert any("natto" in o["name"].lower() for o in fo["flagged_high_k2"])
    assert "Marles2017" in fo["note_citations"]


def test_clotting_disorder_with_a_doac_keeps_ordinary_food_options():
    report = advise(prof(conditions={"clotting_disorder": True}, medications=["apixaban"]))
    assert report.food_options["title"] == "Food options"
    assert report.food_options["vka_note"] is None


def test_no_clotting_disorder_keeps_ordinary_food_options():
    assert advise(prof()).food_options["title"] == "Food options"


_AVOID = ("blue", "danablu", "stilton", "roquefort", "munster", "brie", "camembert")


def test_pregnancy_leaves_out_soft_mould_ripened_and_blue_cheeses():
    from vitk.advisor.food_options import _food_candidates
    from vitk.advisor.profile_input import profile_from_dict
    from vitk.foods.catalogue import default_catalogue

    foods = default_catalogue().curated_foods()
    preg = profile_from_dict(prof(age=30, pregnant=True))
    cands, excluded = _food_candidates(preg, foods, RULES)
    names = " ".join(o.name.lower() for o in cands)
    assert not any(w in names for w in _AVOID), names
    assert excluded["pregnancy_food_safety"] >= 4  # Blue cheese, Danablue, Stilton, Roquefort …
    assert "gouda" in names  # hard cheeses stay
    not_preg, _ = _food_candidates(profile_from_dict(prof(age=30)), foods, RULES)
    assert any("roquefort" in o.name.lower() for o in not_preg)
    note = advise(prof(age=30, pregnant=True)).food_options["note"]
    assert "blue-veined cheeses" in note


def test_kidney_disease_food_caveat():
    note = advise(prof(conditions={"chronic_kidney_disease": True})).food_options["note"]
    assert "renal dietitian's potassium and phosphorus limits come first" in note
    assert "renal dietitian" not in advise(prof()).food_options["note"]


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_baby_under_one_gets_no_food_or_supplement_list(fmt):
    report = advise({"age": 0.5, "sex": "male"})
    fo = report.food_options
    assert fo["options"] == [] and fo["flagged_high_k2"] == []
    assert "paediatrician" in fo["note"]
    assert "vitamin K1 at birth" in fo["note"] and "ODS-K" in fo["note_citations"]
    assert report.facts() == []
    out = render(report, fmt)
    assert "paediatrician" in out
    assert "No food with measured K2" not in out
    assert "FACT-DOSES-01" not in out.split("Evidence")[0].split("EVIDENCE")[0]


def test_one_year_old_gets_the_lists():
    report = advise({"age": 1, "sex": "male"})
    assert report.food_options["options"]
    assert report.facts()
