"""Vitamin E and other interacting drugs with a vitamin K antagonist send the person to
their clinic; an unnamed blood thinner gets the VKA variant; a stopped VKA is noted."""

from __future__ import annotations

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.engine import build_facts
from vitk.advisor.medications import MedicationMatch
from vitk.advisor.rules import evaluate, load_rules
from vitk.intake.targets import reference_intakes
from vitk.lifestage import life_stage

RULES = load_rules()


def _safety(report, rule_id):
    return next(s for s in report.safety if s.rule_id == rule_id)


def _facts(meds, **profile):
    from vitk.advisor.profile_input import profile_from_dict

    p = profile_from_dict(prof(**profile))
    stage = life_stage(p.age_y, p.sex, p.pregnant, p.lactating)
    return build_facts(p, meds, reference_intakes(stage))


WARFARIN = MedicationMatch(text="warfarin", generic="warfarin", classes=("vka",))


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
