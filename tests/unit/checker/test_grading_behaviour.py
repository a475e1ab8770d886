"""How the checker grades single sentences: matching, negation, numbers, flags, output."""

from __future__ import annotations

import json

import pytest

import vitk
from vitk.checker import NOT_A_CLAIM, check
from vitk.checker.render import render
from vitk.errors import InputError


def one(text: str):
    claims = [c for c in check(text).claims if c.is_claim]
    assert len(claims) == 1, [(c.text, c.verdict) for c in check(text).claims]
    return claims[0]


def test_vitk_check_is_the_public_entry_point() -> None:
    assert vitk.check is check


def test_offsets_point_into_the_checked_text() -> None:
    text = "Title\n\nVitamin K2 reverses arterial calcification. Natto is the richest source of K2."
    result = check(text)
    for c in result.claims:
        assert result.text[c.start : c.end] == c.text


def test_a_claim_that_matches_nothing_is_unsupported_with_no_evidence_found() -> None:
    c = one("Vitamin K2 cures baldness in men within a month.")
    assert c.verdict == "unsupported"
    assert c.assertion_id is None
    assert "No evidence found" in c.explanation


def test_headings_questions_and_stories_are_not_health_claims() -> None:
    result = check(
        "Why K2 matters for your bones\n"
        "Is vitamin K2 the missing link?\n"
        "When I started taking K2 my knees stopped hurting.\n"
    )
    assert [c.verdict for c in result.claims] == [NOT_A_CLAIM] * 3


def test_negating_an_unsupported_claim_does_not_make_it_supported_by_default() -> None:
    assert one("K2 reverses arterial calcification.").verdict == "unsupported"
    # the assertion says what its negation is worth: here, "does not reverse" is supported
    assert one("K2 does not reverse arterial calcification.").verdict == "supported"


def test_a_denial_of_evidence_for_an_unsupported_claim_is_supported() -> None:
    c = one("There is no evidence that vitamin K2 strengthens tooth enamel.")
    assert c.assertion_id == "DENT-ENAMEL"
    assert c.verdict == "supported"


def test_blood_thinner_claims_explain_the_vka_doac_split() -> None:
    c = one("Vitamin K2 is completely safe with blood thinners.")
    assert c.verdict == "contradicted"
    assert "warfarin" in c.explanation and "apixaban" in c.explanation


def test_doac_brand_names_from_the_medication_rules_are_recognised() -> None:
    c = one("Vitamin K does not interact with Xarelto.")
    assert c.assertion_id == "INT-DOAC-NONE"
    assert c.verdict == "supported"


def test_a_food_content_far_from_the_food_table_is_a_numeric_mismatch() -> None:
    c = one("Natto contains about 10,000 mcg of MK-7 per 100 g.")
    assert "numeric_mismatch" in c.flags
    assert c.verdict == "contradicted"  # more than a factor 2 outside the table's range
    assert "775" in c.explanation  # vitk's value, with its source
    assert "Tsukamoto2000" in c.citations


def test_a_food_content_within_the_table_range_passes() -> None:
    c = one("Natto contains about 900 µg of MK-7 per 100 g.")
    assert "numeric_mismatch" not in c.flags
    assert c.verdict == "supported"


def test_seven_to_eight_fold_accumulation_without_k1_is_flagged_against_the_pk_model() -> None:
    c = one("MK-7 accumulates 7 to 8-fold in the blood with daily intake.")
    assert "numeric_mismatch" in c.flags
    assert c.verdict == "mixed or limited"
    assert "4.7" in c.explanation
    c2 = one("With daily intake MK-7 reaches 7 to 8-fold higher blood levels than K1.")
    assert "numeric_mismatch" not in c2.flags
    assert c2.verdict == "supported"


def test_a_half_life_outside_the_pk_parameter_sets_is_flagged() -> None:
    c = one("MK-7 has a half-life of only 6 hours.")
    assert "numeric_mismatch" in c.flags
    assert "68–72 h" in c.explanation


def test_a_wrong_vitamin_k_adequate_intake_is_flagged() -> None:
    c = one("The adequate intake of vitamin K for adults is 500 mcg a day.")
    assert "numeric_mismatch" in c.flags


def test_rich_in_is_judged_by_the_daily_value_threshold_per_serving() -> None:
    assert one("Natto is rich in vitamin K2.").verdict == "supported"
    kale = one("Raw kale is rich in vitamin K1.")
    assert kale.verdict == "supported"


def test_a_sentence_may_hold_two_claims_with_their_own_offsets() -> None:
    text = "You cannot overdose on K2, and it is safe in pregnancy."
    claims = [c for c in check(text).claims if c.is_claim]
    assert [c.verdict for c in claims] == ["supported", "unsupported"]
    assert claims[1].text == "it is safe in pregnancy."


def test_promotion_is_flagged_and_unsupported() -> None:
    c = one("Order our K2 Max formula today and save 30%!")
    assert "promotional" in c.flags
    assert c.verdict == "unsupported"


def test_medical_advice_outside_vitamin_k_is_off_topic() -> None:
    c = one("You should get a full thyroid panel and hormone testing every six months.")
    assert "off_topic" in c.flags
    assert c.verdict == "unsupported"


def test_hedging_is_flagged_but_does_not_change_the_verdict() -> None:
    plain = one("K2 strengthens tooth enamel.")
    hedged = one("K2 may strengthen tooth enamel.")
    assert "hedged" in hedged.flags and "hedged" not in plain.flags
    assert hedged.verdict == plain.verdict == "unsupported"


def test_json_has_exactly_the_contract_keys() -> None:
    data = json.loads(render(check("K2 reverses arterial calcification."), "json"))
    assert set(data) == {"source", "claims", "summary", "references"}
    assert set(data["claims"][0]) == {
        "text",
        "start",
        "end",
        "verdict",
        "flags",
        "assertion_id",
        "explanation",
        "citations",
        "confidence",
    }
    assert data["summary"]["by_verdict"]["unsupported"] == 1
    keys = {r["key"] for r in data["references"]}
    assert set(data["claims"][0]["citations"]) <= keys


def test_html_highlights_claims_and_escapes_the_article() -> None:
    html = render(check("K2 reverses calcification <b>now</b>."), "html")
    assert 'class="claim v-unsupported" tabindex="0"' in html
    assert 'role="note"' in html
    assert "<b>now</b>" not in html and "&lt;b&gt;now&lt;/b&gt;" in html


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_carry_verdicts_and_the_disclaimer(fmt: str) -> None:
    out = render(check("K2 reverses arterial calcification."), fmt)
    assert "unsupported" in out.lower() and "Not medical advice" in out


def test_empty_text_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="no text to check"):
        check("   \n ")


def test_html_scripts_never_reach_the_checked_text() -> None:
    html = (
        "<html><head><script>var k2 = 'K2 cures cancer';</script></head><body><article>"
        "<p>Vitamin K2 reverses arterial calcification in weeks.</p>"
        "<script>alert('K2 prevents heart attacks')</script></article></body></html>"
    )
    result = check(html)
    assert "cures cancer" not in result.text and "alert" not in result.text
    assert [c.assertion_id for c in result.health_claims] == ["CV-REVERSES-CALCIFICATION"]
