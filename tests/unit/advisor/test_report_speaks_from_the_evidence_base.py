"""The advisor's relevance and fact statements come from the claim checker's evidence base,
so a report and a checked article cannot disagree; the clinical corrections are in the report."""

from __future__ import annotations

import re

import pytest
from tests.unit.advisor.helpers import prof

import vitk
from vitk.advisor import advise
from vitk.advisor.render import render
from vitk.advisor.rules import load_rules
from vitk.errors import InputError
from vitk.evidence import load_evidence, model_values

RULES = load_rules()
BASE = load_evidence()
FROM_BASE = [r for r in RULES.rules if r.assertion_ids]
USED_IDS = sorted({aid for r in FROM_BASE for aid in r.assertion_ids})


def test_every_relevance_and_fact_rule_names_assertions_that_resolve():
    for rule in RULES.rules:
        if rule.section in ("relevance", "facts"):
            assert rule.assertion_ids, rule.id
        for aid in rule.assertion_ids:
            BASE.get(aid)  # KeyError if the id is not in the base


@pytest.mark.parametrize("rule", FROM_BASE, ids=lambda r: r.id)
def test_rule_text_citations_and_grade_are_the_assertions(rule):
    found = [BASE.get(aid) for aid in rule.assertion_ids]
    for a in found:
        assert a.evidence_text in rule.message
        assert set(a.citations) <= set(rule.citations)
        assert not a.unverified or rule.unverified
    if rule.section != "safety":
        assert rule.grade == found[0].verdict


@pytest.mark.parametrize("aid", USED_IDS)
def test_checker_grades_each_report_assertion_with_the_same_verdict(aid):
    """The canonical statement, checked as an article, matches its own assertion."""
    a = BASE.get(aid)
    claims = vitk.check(a.statement).claims
    assert [(c.assertion_id, c.verdict) for c in claims] == [(a.id, a.verdict)]


def test_a_checked_report_statement_is_never_graded_against_it():
    """Every fact statement of a report, checked as text, gets no verdict opposite to its grade."""
    report = advise(prof())
    opposite = {"supported": {"contradicted"}, "contradicted": {"supported"}}
    for st in report.recommendations:
        if st.section != "facts":
            continue
        for claim in vitk.check(st.message).health_claims:
            a = BASE.get(claim.assertion_id) if claim.assertion_id else None
            if a is not None and a.id in RULES.by_id(st.rule_id).assertion_ids:
                assert claim.verdict not in opposite.get(a.verdict, set()), (st.rule_id, claim)


def _statement(report, rule_id):
    return next(s for s in report.recommendations if s.rule_id == rule_id)


def test_accumulation_ratio_comes_from_the_pk_model_not_the_7_to_8_fold_comparison():
    msg = _statement(advise(prof()), "FACT-FORMS-01").message
    ratio = model_values()["mk7_accumulation_ratio"]
    assert 4.0 < ratio < 5.5  # 1 / (1 − exp(−ke·24 h)) for a half-life near 3 days
    assert f"about {ratio:.1f}-fold" in msg
    assert "7–8-fold higher serum levels than K1" in msg
    assert "builds up 7–8-fold with daily intake" not in msg


def test_bone_facts_give_clinical_fractures_and_the_cockayne_caution():
    st = _statement(advise(prof()), "FACT-BONE-01")
    assert "OR 0.72, 0.55–0.95" in st.message
    assert "OR 0.76, 0.58–1.01" in st.message
    assert "low risk of bias" in st.message
    assert {"Mott2019", "Cockayne2006", "Torgerson2018"} <= set(st.citations)
    assert "doubtful integrity" in st.message


def test_every_report_shows_one_carboxylase_cohorts_magnesium_dose_and_quality():
    for profile in (prof(), prof(age=30, sex="male"), prof(medications=["warfarin"])):
        report = advise(profile)
        text = {s.rule_id: s.message for s in report.recommendations}
        assert "same gamma-glutamyl carboxylase" in text["FACT-FORMS-02"]
        assert "Schurgers2004" in _statement(report, "FACT-FORMS-02").citations
        cohorts = text["FACT-COHORTS-01"]
        assert "Rotterdam" in cohorts and "Prospect-EPIC" in cohorts
        assert "cannot show" in cohorts  # the limits travel with the finding
        assert "magnesium" in text["FACT-MG-01"].lower()
        assert "90–200 µg/d" in text["FACT-DOSES-01"]
        assert _statement(report, "FACT-DOSES-01").title.startswith("Which form")
        assert "Third-party testing" in text["FACT-QUALITY-01"]
        assert "cis" in text["FACT-QUALITY-01"] and "all-trans" in text["FACT-QUALITY-01"]


def test_vka_warning_says_the_studies_were_in_healthy_volunteers_on_acenocoumarol():
    item = next(
        s for s in advise(prof(medications=["warfarin"])).safety if s.rule_id == "SAF-VKA-01"
    )
    assert "healthy volunteers given acenocoumarol" in item.message
    assert "In studies of people on a VKA" not in item.message


def test_haemophilia_sentence_cites_the_haemophilia_guideline():
    item = next(
        s
        for s in advise(prof(conditions={"clotting_disorder": True})).safety
        if s.rule_id == "SAF-CLOT-01"
    )
    sentence = next(x for x in re.split(r"(?<=\.) ", item.message) if "aemophilia" in x)
    assert "[Srivastava2020]" in sentence
    assert "Marles2017" not in sentence


def test_liver_warning_separates_correctable_deficiency_from_failing_synthesis():
    item = next(
        s
        for s in advise(prof(conditions={"liver_disease": True})).safety
        if s.rule_id == "SAF-LIVER-01"
    )
    assert "cholestasis" in item.message and "can be corrected" in item.message
    assert "failing factor synthesis" in item.message and "not fixed" in item.message


def test_calcium_met_from_supplements_alone_carries_the_gap_and_upper_limit_caveat():
    report = advise(prof(age=60, supplements={"calcium_mg": 1200}))
    ca = next(c for c in report.co_nutrients if c["nutrient"] == "calcium")
    assert "from supplements alone" in ca["status"]
    assert "gap left by the diet" in ca["caveat"]
    assert "upper limit" in ca["caveat"]
    assert {"IOM2011", "ODS-Ca"} <= set(ca["source_keys"])
    for fmt in ("md", "text", "html"):
        assert "gap left by the diet" in render(report, fmt)
    no_supp = next(c for c in advise(prof(age=60)).co_nutrients if c["nutrient"] == "calcium")
    assert no_supp["caveat"] == ""


def test_menopause_status_decides_whether_the_bone_trials_speak_to_you():
    post = _statement(advise(prof(age=58, menopause="post")), "REL-MENO-01")
    assert post.applies is True
    assert "244 healthy postmenopausal women" in post.message
    unknown = _statement(advise(prof(age=58)), "REL-MENO-01")
    assert unknown.applies is None  # not given: unknown, never assumed
    assert unknown.message.startswith("Unknown: menopause status not given")
    man = _statement(advise(prof(age=58, sex="male")), "REL-MENO-01")
    assert man.applies is False
    assert advise(prof(age=50, menopause="postmenopausal")).recommendations  # long form accepted


def test_menopause_for_a_man_is_a_one_line_error():
    with pytest.raises(InputError, match="sex is male and menopause is 'post'"):
        advise(prof(sex="male", menopause="post"))


def test_report_json_names_the_assertions():
    data = advise(prof()).to_dict()
    facts = {s["rule_id"]: s for s in data["recommendations"]}
    assert facts["FACT-MG-01"]["assertion_ids"] == ["MG-STATEMENT"]
