"""Findings of the clinical review: vitamin E and interacting drugs with a VKA, the food
list by condition, 25(OH)D status and testing, grades and citations, and wording."""

from __future__ import annotations

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.engine import build_facts, vitamin_d_testing
from vitk.advisor.medications import MedicationMatch
from vitk.advisor.render import render
from vitk.advisor.rules import evaluate, load_rules
from vitk.intake.targets import reference_intakes
from vitk.lifestage import life_stage

RULES = load_rules()


def _safety(report, rule_id):
    return next(s for s in report.safety if s.rule_id == rule_id)


def _facts(meds, **profile):
    from vitk.advisor.profile import profile_from_dict

    p = profile_from_dict(prof(**profile))
    stage = life_stage(p.age_y, p.sex, p.pregnant, p.lactating)
    return build_facts(p, meds, reference_intakes(stage))


WARFARIN = MedicationMatch(text="warfarin", generic="warfarin", classes=("vka",))


# ------------------------------------------------------------------ 1. vitamin E with a VKA
def test_vitamin_e_rule_fires_on_facts_for_a_vka_user_and_shows_the_dose():
    vit_e = MedicationMatch(
        text="vitamin E 800 IU",
        generic="vitamin E",
        classes=("vitamin_e",),
        supplement_dose=800.0,
        supplement_unit="IU",
    )
    rule = RULES.by_id("SAF-VITE-01")
    facts = _facts([WARFARIN, vit_e])
    assert evaluate(rule, facts).fired
    msg = rule.render(facts)
    assert "'vitamin E 800 IU', read as 800 IU a day" in msg
    assert "tell your anticoagulation clinic" in msg
    assert "Do not stop, start or change it on your own" in msg
    assert not evaluate(rule, _facts([vit_e])).fired  # no VKA: no rule
    assert not evaluate(rule, _facts([WARFARIN])).fired  # no vitamin E: no rule


def test_vitamin_e_rule_cites_the_secondary_monographs_only():
    rule = RULES.by_id("SAF-VITE-01")
    assert set(rule.citations) == {"StLukesK", "MedAlgoK"}  # evidence.md 3.1
    assert rule.grade == "mixed or limited"
    assert rule.severity == "critical"


def test_vitamin_e_end_to_end():
    """Needs the medication parser to give vitamin E its class (vitamin_e)."""
    report = advise(prof(medications=["warfarin", "vitamin E 800 IU"]))
    assert "800" in _safety(report, "SAF-VITE-01").message


# ------------------------------------------------------------------ 2. interacting drugs + VKA
@pytest.mark.parametrize(
    ("drug", "vka_rule", "info_rule"),
    [
        ("cholestyramine", "SAF-BAS-02", "SAF-BAS-01"),
        ("carbamazepine", "SAF-ANTICONV-02", "SAF-ANTICONV-01"),
        ("phenytoin", "SAF-ANTICONV-02", "SAF-ANTICONV-01"),
        ("liquid paraffin", "SAF-MINOIL-02", "SAF-MINOIL-01"),
    ],
)
def test_interacting_drug_with_a_vka_tells_the_clinic(drug, vka_rule, info_rule):
    report = advise(prof(medications=["warfarin", drug]))
    ids = {s.rule_id for s in report.safety}
    assert vka_rule in ids
    assert info_rule not in ids  # the info-level version is for non-VKA users only
    item = _safety(report, vka_rule)
    assert "anticoagulation clinic needs to know when this starts or stops" in item.message
    assert "INR" in item.message
    assert item.unverified  # no source for the drug–VKA effect itself in evidence.md
    assert item.grade == "mixed or limited"
    alone = advise(prof(medications=[drug]))
    assert {s.rule_id for s in alone.safety} >= {info_rule}
    assert vka_rule not in {s.rule_id for s in alone.safety}


def test_unnamed_blood_thinner_gets_the_vka_variant():
    ids = {s.rule_id for s in advise(prof(medications=["blood thinner", "Questran"])).safety}
    assert "SAF-BAS-02" in ids
    assert "SAF-BAS-01" not in ids


# ------------------------------------------------------------------ 3. clotting disorder
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


# ------------------------------------------------------------------ 4. food list by condition
_AVOID = ("blue", "danablu", "stilton", "roquefort", "munster", "brie", "camembert")


def test_pregnancy_leaves_out_soft_mould_ripened_and_blue_cheeses():
    from vitk.advisor.food_options import _food_candidates
    from vitk.advisor.profile import profile_from_dict
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


# ------------------------------------------------------------------ 5. vitamin D status
@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_unverified_150_nmol_detail_is_marked(fmt):
    out = render(advise(prof(labs={"vitamin_d_25oh": "70 ng/mL"})), fmt)
    assert "150 nmol/L (60 ng/mL)†" in out
    assert "could not be verified" in out


def test_low_vitamin_d_gets_discuss_with_your_doctor():
    report = advise(prof(labs={"vitamin_d_25oh": "10 ng/mL"}))
    item = _safety(report, "SAF-D-LEVEL-02")
    assert "Discuss the result with your doctor" in item.message
    assert set(item.citations) == {"IOM2011", "ODS-D"}
    assert "SAF-D-LEVEL-02" not in advise(prof(labs={"vitamin_d_25oh": "35 nmol/L"})).fired_rule_ids


@pytest.mark.parametrize(
    "conditions",
    [
        {"fat_malabsorption": ["coeliac"]},
        {"chronic_kidney_disease": True},
        {"liver_disease": True},
        {"osteoporosis": True},
    ],
)
def test_testing_line_dropped_for_at_risk_groups(conditions):
    for labs in ({}, {"vitamin_d_25oh": "40 nmol/L"}):
        report = advise(prof(conditions=conditions, labs=labs))
        for fmt in ("md", "text", "html"):
            out = render(report, fmt)
            assert "not advised" not in out, fmt
            assert "a 25(OH)D test is reasonable" in out, fmt


def test_testing_line_kept_without_a_reason():
    for labs in ({}, {"vitamin_d_25oh": "40 nmol/L"}):
        out = render(advise(prof(labs=labs)), "md")
        assert "Routine 25(OH)D testing is not advised" in out
    assert vitamin_d_testing({})["at_risk"] == []


@pytest.mark.parametrize("unit", ["µg/L", "ug/L", "mcg/L"])
def test_25ohd_in_micrograms_per_litre(unit):
    report = advise(prof(labs={"vitamin_d_25oh": f"15 {unit}"}))
    vd = report.vitamin_d_status
    assert vd is not None
    assert vd["ng_per_ml"] == 15.0
    assert vd["band"] == "possibly_inadequate"


def test_25ohd_unknown_unit_lists_micrograms_per_litre():
    from vitk.errors import VitkError

    with pytest.raises(VitkError, match="allowed: nmol/L, ng/mL, µg/L"):
        advise(prof(labs={"vitamin_d_25oh": "20 mg/L"}))


# ------------------------------------------------------------------ 6. grades and citations
def test_grades_and_citations_follow_evidence_md():
    assert RULES.by_id("SAF-ABX-02").citations == ("StLukesK",)  # ODS-K is † for this row
    for rid in ("SAF-ORL-01", "SAF-BAS-01"):
        r = RULES.by_id(rid)
        assert r.unverified and r.grade == "mixed or limited", rid
    msg = RULES.by_id("REL-VASC-01").message
    assert "vitamin K supplements (K1 or K2)" in msg
    assert "Trials show K2" not in msg


# ------------------------------------------------------------------ 7. wording
@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_values_not_set_say_not_set(fmt):
    out = render(advise({"age": 0.3, "sex": "female"}), fmt)
    efsa = next(ln for ln in out.splitlines() if "EFSA AI" in ln)
    assert "not set" in efsa
    assert "not recorded µg/d" not in efsa
    assert "EFSA set no AI for this life stage" in out
    assert "US FNB set no UL for this life stage" in out


def test_pregnant_over_50_is_told_no_pregnancy_value_is_published():
    report = advise({"age": 52, "sex": "female", "pregnant": True})
    mg = next(c for c in report.co_nutrients if c["nutrient"] == "magnesium")
    assert mg["target"] == 320.0
    assert "no pregnancy-specific value is published for age 52" in mg["stage_note"]
    assert "no pregnancy-specific value is published" in render(report, "md")


# ------------------------------------------------------------------ 8. stopped VKA
def test_stopped_vka_note_fires_on_facts():
    stopped = MedicationMatch(
        text="warfarin stopped 2023", generic="warfarin", classes=("vka",), stopped=True
    )
    rule = RULES.by_id("SAF-VKA-08")
    facts = _facts([stopped])
    assert facts["vka_or_unknown"]  # still treated as a VKA: the safe direction
    assert evaluate(rule, facts).fired
    msg = rule.render(facts)
    assert "'warfarin stopped 2023'" in msg
    assert "confirm with your prescriber or anticoagulation clinic" in msg
    assert not evaluate(rule, _facts([WARFARIN])).fired


def test_stopped_vka_end_to_end():
    """Needs the medication parser to set ``stopped`` on "warfarin stopped 2023"."""
    report = advise(prof(medications=["apixaban; warfarin stopped 2023"]))
    ids = {s.rule_id for s in report.safety}
    assert {"SAF-VKA-01", "SAF-VKA-08"} <= ids
    assert "SAF-VKA-08" not in {s.rule_id for s in advise(prof(medications=["warfarin"])).safety}
