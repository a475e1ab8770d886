"""Rule data integrity, the condition language, and one fires / does-not-fire test per rule."""

from __future__ import annotations

import re

import pytest
from tests.unit.advisor.helpers import PROFILES, prof

from vitk.advisor import advise
from vitk.advisor.rules import FACTS, GRADES, Rule, _parse, evaluate, load_rules
from vitk.errors import DataValidationError
from vitk.references import get

RULES = load_rules()
# Profiles for the rules added after the clinical review (kept here; helpers.PROFILES is shared).
CASES: dict[str, dict] = {
    **PROFILES,
    "vka_with_vitamin_e": prof(medications=["warfarin", "vitamin E 800 IU"]),
    "vitamin_e_alone": prof(medications=["vitamin E 800 IU"]),
    "bas_with_vka": prof(medications=["warfarin", "cholestyramine"]),
    "anticonvulsant_with_vka": prof(medications=["warfarin", "carbamazepine"]),
    "mineral_oil_with_vka": prof(medications=["warfarin", "liquid paraffin"]),
    "vitamin_d_level_low": prof(labs={"vitamin_d_25oh": "20 nmol/L"}),
    "postmenopausal": prof(age=58, menopause="post"),
    "perimenopausal": prof(age=49, menopause="peri"),
}
REQUIRED_CATEGORIES = {
    "vka",
    "doac",
    "antibiotic",
    "bile_acid_sequestrant",
    "orlistat",
    "liver",
    "clotting_disorder",
    "pregnancy",
    "lactation",
    "kidney",
    "calcium_ul",
    "vitamin_d_ul",
    "magnesium_ul",
}

# rule id -> (profile that makes it fire, profile that must not fire it)
RULE_CASES: dict[str, tuple[str, str]] = {
    "SAF-VKA-01": ("warfarin_uk_brand", "doac_apixaban_alone"),
    "SAF-VKA-02": ("blood_thinner_unknown", "warfarin_us_brand"),
    "SAF-VKA-03": ("vka_with_mk7", "doac_apixaban_alone"),
    "SAF-VKA-04": ("vka_inr_high", "vka_inr_in_range"),
    "SAF-VKA-05": ("vka_possible_name", "unrecognised_med"),
    "SAF-DOAC-01": ("doac_apixaban_alone", "doac_and_vka"),
    "SAF-DOAC-02": ("doac_and_vka", "doac_misspelled"),
    "SAF-HEP-01": ("heparin_user", "doac_apixaban_alone"),
    "SAF-APL-01": ("aspirin_only", "healthy_adult"),
    "SAF-ABX-01": ("antibiotic_alone", "antibiotic_with_vka"),
    "SAF-ABX-02": ("antibiotic_with_vka", "antibiotic_alone"),
    "SAF-ABX-03": ("nmtt_cephalosporin", "antibiotic_alone"),
    "SAF-BAS-01": ("bile_acid_sequestrant", "bas_with_vka"),
    "SAF-BAS-02": ("bas_with_vka", "bile_acid_sequestrant"),
    "SAF-ORL-01": ("orlistat_alone", "healthy_adult"),
    "SAF-ORL-02": ("orlistat_with_vka", "orlistat_alone"),
    "SAF-ANTICONV-01": ("anticonvulsant", "anticonvulsant_with_vka"),
    "SAF-ANTICONV-02": ("anticonvulsant_with_vka", "anticonvulsant"),
    "SAF-MINOIL-01": ("mineral_oil", "mineral_oil_with_vka"),
    "SAF-MINOIL-02": ("mineral_oil_with_vka", "mineral_oil"),
    "SAF-VITE-01": ("vka_with_vitamin_e", "vitamin_e_alone"),
    "SAF-MED-UNREC-01": ("unrecognised_med", "warfarin_misspelled"),
    "SAF-LIVER-01": ("liver_disease", "healthy_adult"),
    "SAF-CLOT-01": ("clotting_disorder", "healthy_adult"),
    "SAF-PREG-01": ("pregnant_teen", "lactating_adult"),
    "SAF-LACT-01": ("lactating_adult", "pregnant_teen"),
    "SAF-KIDNEY-01": ("ckd_stage3", "healthy_adult"),
    "SAF-KIDNEY-02": ("dialysis_patient", "ckd_stage3"),
    "SAF-MALAB-01": ("malabsorption_cf", "healthy_adult"),
    "SAF-CA-UL-01": ("calcium_over_ul", "d_and_calcium_supplements"),
    "SAF-D-UL-01": ("vitamin_d_over_ul", "d_and_calcium_supplements"),
    "SAF-MG-UL-01": ("magnesium_over_ul", "dialysis_patient"),
    "SAF-D-LEVEL-01": ("vitamin_d_level_high", "healthy_adult"),
    "SAF-D-LEVEL-02": ("vitamin_d_level_low", "vitamin_d_level_high"),
    "SAF-MK4-01": ("mk4_pharmacological", "vka_with_mk7"),
    "REL-BONE-01": ("osteoporosis", "healthy_adult"),
    "REL-VASC-01": ("cac_positive", "cvd_family_history"),
    "REL-CVD-01": ("cvd_family_history", "healthy_adult"),
    "REL-KIDNEY-01": ("dialysis_patient", "healthy_adult"),
    "REL-MALAB-01": ("malabsorption_cf", "healthy_adult"),
    "REL-DK-01": ("d_and_calcium_supplements", "healthy_adult"),
    "REL-CA-01": ("d_and_calcium_supplements", "vitamin_d_over_ul"),
    "REL-MENO-01": ("postmenopausal", "perimenopausal"),
}
# Rules whose firing needs a diary, and the always-shown facts, are tested separately below.
# SAF-VKA-06/07: tests/unit/advisor/test_vka_safety.py.
DIARY_RULES = {"REL-LOWK-01", "REL-LOWK-02", "SAF-VKA-06", "SAF-VKA-07"}
# Rules tested on facts built from hand-made medication matches (a "stopped" line):
# tests/unit/advisor/test_interacting_drugs_with_vka.py.
FACT_RULES = {"SAF-VKA-08"}


def test_every_rule_has_fire_and_no_fire_cases():
    ids = {r.id for r in RULES.rules if r.section != "facts"}
    assert ids - DIARY_RULES - FACT_RULES == set(RULE_CASES), (
        "add a fires/does-not-fire case for each new rule"
    )


@pytest.mark.parametrize(("rule_id", "case"), sorted(RULE_CASES.items()))
def test_rule_fires(rule_id, case):
    report = advise(CASES[case[0]])
    assert rule_id in report.fired_rule_ids
    if rule_id.startswith("SAF-"):
        item = next(s for s in report.safety if s.rule_id == rule_id)
        assert item.message
        assert item.citations
        assert item.reasons
    else:
        st = next(s for s in report.recommendations if s.rule_id == rule_id)
        assert st.applies
        assert st.message.startswith("Applies to you")


@pytest.mark.parametrize(("rule_id", "case"), sorted(RULE_CASES.items()))
def test_rule_does_not_fire(rule_id, case):
    report = advise(CASES[case[1]])
    assert rule_id not in report.fired_rule_ids
    assert all(s.rule_id != rule_id for s in report.safety)


def test_low_k_rule_fires_with_low_diary(low_k_diary):
    report = advise(prof(), low_k_diary)
    assert "REL-LOWK-01" in report.fired_rule_ids
    msg = next(s.message for s in report.recommendations if s.rule_id == "REL-LOWK-01")
    assert "90 µg/d" in msg  # female 45 y: US AI 90 µg


def test_low_k_for_vka_user_never_says_to_change_on_their_own(low_k_diary):
    report = advise(prof(medications=["warfarin"]), low_k_diary)
    assert "REL-LOWK-02" in report.fired_rule_ids
    assert "REL-LOWK-01" not in report.fired_rule_ids
    msg = next(s.message for s in report.recommendations if s.rule_id == "REL-LOWK-02")
    assert "do not change it on your own" in msg
    assert "anticoagulation clinic" in msg


def test_low_k_vka_rule_does_not_fire_for_non_vka_or_high_diary(low_k_diary, high_k_diary):
    assert "REL-LOWK-02" not in advise(prof(), low_k_diary).fired_rule_ids
    assert "REL-LOWK-02" not in advise(prof(medications=["warfarin"]), high_k_diary).fired_rule_ids


def test_low_k_rule_does_not_fire_with_high_diary(high_k_diary):
    assert "REL-LOWK-01" not in advise(prof(), high_k_diary).fired_rule_ids


def test_low_k_rule_does_not_fire_without_diary_unknown_is_not_zero():
    report = advise(prof())
    trace = next(t for t in report.rule_trace if t["rule_id"] == "REL-LOWK-01")
    assert not trace["fired"]
    assert "unknown" in trace["reasons"][0]
    st = next(s for s in report.recommendations if s.rule_id == "REL-LOWK-01")
    assert st.applies is None  # "unknown", not "no"
    assert st.message.startswith("Unknown: no diary was given")


def test_low_k_rule_is_unknown_when_the_total_is_only_a_lower_bound(milk_diary):
    """Milk has no MK-7 data: "about 3 µg/d is below the AI" would be a false statement."""
    report = advise(prof(), milk_diary)
    assert "REL-LOWK-01" not in report.fired_rule_ids
    st = next(s for s in report.recommendations if s.rule_id == "REL-LOWK-01")
    assert st.applies is None
    assert "at least 3 µg/d" in st.message
    assert "some logged foods have no data" in st.message
    trace = next(t for t in report.rule_trace if t["rule_id"] == "REL-LOWK-01")
    assert any("lower bound" in r for r in trace["reasons"])
    vka = advise(prof(medications=["warfarin"]), milk_diary)
    st2 = next(s for s in vka.recommendations if s.rule_id == "REL-LOWK-02")
    assert st2.applies is None
    assert "do not change it on your own" in st2.message


def test_a_lower_bound_already_above_the_ai_decides_not_low(high_k_diary):
    report = advise(prof(), high_k_diary)
    st = next(s for s in report.recommendations if s.rule_id == "REL-LOWK-01")
    assert st.applies is False


@pytest.mark.parametrize(("fmt", "word"), [("md", "| unknown |"), ("text", "UNKNOWN")])
def test_reports_say_unknown_not_no(fmt, word):
    from vitk.advisor.render import render

    text = render(advise(prof()), fmt)
    line = next(ln for ln in text.splitlines() if "Low recorded vitamin K intake" in ln)
    assert word in line


def test_facts_always_shown():
    report = advise(prof())
    facts = [s for s in report.recommendations if s.section == "facts"]
    assert {s.rule_id for s in facts} == {r.id for r in RULES.section("facts")}
    assert all(s.applies and s.citations for s in facts)


# ------------------------------------------------------------------ data integrity
def test_required_categories_documented():
    assert set(RULES.categories) >= REQUIRED_CATEGORIES
    used = {r.category for r in RULES.section("safety")}
    assert used >= REQUIRED_CATEGORIES
    assert used <= set(RULES.categories)


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_rule_is_graded_and_cited(rule):
    assert rule.grade in GRADES
    assert rule.citations
    for key in rule.citations:
        assert get(key).key == key


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_every_evidence_number_has_a_citation_in_its_sentence(rule):
    # Placeholders are the user's own numbers; remove them before looking for digits.
    text = re.sub(r"\{[^}]*\}", "X", rule.message)
    for sentence in re.split(r"(?<=[.])\s+(?=[A-Z])", text):
        stripped = re.sub(r"\[[^\]]*\]", "", sentence)
        stripped = re.sub(r"(MK-\d+|\bK\d|\bD\d|25\(OH\)D)", "", stripped)  # names, not numbers
        if re.search(r"\d", stripped):
            assert re.search(r"\[[A-Za-z]", sentence), f"{rule.id}: uncited number in: {sentence}"


def test_vka_rule_states_the_mandatory_advice():
    msg = RULES.by_id("SAF-VKA-01").message
    assert "Do not start, stop or change" in msg
    assert "consistent" in msg
    assert "10–45 µg/d" in msg
    assert "[Theuwissen2013]" in msg


def _raw(**over):
    rule = {
        "id": "X-1",
        "section": "safety",
        "category": "vka",
        "severity": "info",
        "grade": "supported",
        "when": "vka",
        "message": "m [ODS-K]",
        "citations": ["ODS-K"],
    }
    rule.update(over)
    return {"categories": {"vka": "x"}, "diet_groups": {}, "rules": [rule]}


@pytest.mark.parametrize(
    ("over", "needle"),
    [
        ({"grade": "popular"}, "grade"),
        ({"category": "nope"}, "category"),
        ({"when": "no_such_fact"}, "unknown fact"),
        ({"message": "{no_such_fact}"}, "unknown fact"),
        ({"message": "x [Lurie2010]"}, "not in citations"),
        ({"citations": []}, "no citation"),
        ({"severity": "meh"}, "severity"),
    ],
)
def test_invalid_rule_data_is_rejected(over, needle):
    with pytest.raises(DataValidationError, match=needle):
        _parse(_raw(**over))


def test_unknown_citation_key_is_rejected():
    with pytest.raises(KeyError, match="NoSuchKey2099"):
        _parse(_raw(citations=["NoSuchKey2099"], message="m"))


# ------------------------------------------------------------------ condition language
def _rule(when):
    return Rule(
        id="T", section="facts", when=when, message="", grade="supported", citations=("ODS-K",)
    )


def test_comparison_with_unknown_fact_is_false_and_says_unknown():
    ev = evaluate(_rule({"gt": ["calcium_total_mg", "calcium_ul_mg"]}), {"calcium_total_mg": 3000})
    assert not ev.fired
    assert ev.unknown and ev.applies is None
    assert "unknown" in ev.reasons[0]


@pytest.mark.parametrize(
    ("when", "applies"),
    [
        ({"lt": ["k_total_ug", 90]}, None),  # at least 30: could be above 90
        ({"gt": ["k_total_ug", 20]}, True),  # at least 30 > 20: decided
        ({"gt": ["k_total_ug", 90]}, None),
        ({"lt": ["k_total_ug", 20]}, False),  # at least 30: never below 20
        ({"all": [{"lt": ["k_total_ug", 90]}, "doac"]}, False),  # false decides "all"
        ({"any": [{"lt": ["k_total_ug", 90]}, "vka"]}, True),  # true decides "any"
        ({"not": {"lt": ["k_total_ug", 90]}}, None),
    ],
)
def test_three_valued_logic_with_a_lower_bound(when, applies):
    from vitk.advisor.rules import LOWER_BOUNDS

    facts = {"k_total_ug": 30.0, "vka": True, "doac": False, LOWER_BOUNDS: {"k_total_ug"}}
    ev = evaluate(_rule(when), facts)
    assert ev.applies is applies
    assert ev.fired is (applies is True)


def test_all_any_not_and_reasons():
    facts = {"vka": True, "doac": False, "supp_k_ug": 100.0}
    assert evaluate(
        _rule({"all": ["vka", {"not": "doac"}, {"gte": ["supp_k_ug", 100]}]}), facts
    ).fired
    assert not evaluate(_rule({"any": ["doac", {"lt": ["supp_k_ug", 50]}]}), facts).fired
    ev = evaluate(_rule({"gt": ["supp_k_ug", 50]}), facts)
    assert ev.reasons == ("supp_k_ug=100 > 50",)


def test_all_facts_used_by_rules_are_documented():
    assert "vka_or_unknown" in FACTS


def test_docs_list_every_rule_and_category():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "advisor.md").read_text(encoding="utf-8")
    for rule in RULES.rules:
        assert f"`{rule.id}`" in doc, rule.id
    for cat in RULES.categories:
        assert f"`{cat}`" in doc, cat


def test_vka_user_on_orlistat_is_not_told_to_take_a_vitamin_k_multivitamin():
    """SAF-ORL-01 suggests an A/D/E/K multivitamin: never for a VKA (or unknown) user."""
    report = advise(PROFILES["orlistat_with_vka"])
    ids = {item.rule_id for item in report.safety}
    assert "SAF-ORL-02" in ids
    assert "SAF-ORL-01" not in ids
