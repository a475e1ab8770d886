"""General promotion cues and negation scope, on sentences written for these tests (none
taken from the labelled articles)."""

from __future__ import annotations

import pytest

from vitk.checker import check
from vitk.checker.cues import is_negated_advice, is_product_heading, is_promotional
from vitk.checker.text import normalise


def graded(text: str):
    claims = [c for c in check(text).claims if c.verdict != "not a health claim" or c.flags]
    assert len(claims) == 1, [(c.text, c.verdict, c.flags) for c in check(text).claims]
    return claims[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Enter code SUMMER20 at checkout for a smoother morning routine.",
        "The discount code link is in my bio, go grab it.",
        "This post contains affiliate links to the K2 I take.",
        "Our nutritionists offer a one-hour vitamin review for families.",
        "We ship worldwide within three working days.",
        "Register now for our six-week bone strength course.",
        "Join our vitamin club and save on every delivery.",
        "Each serving gives you 90 mcg of MK-7.",
        "Ask at the counter about our calcium and K2 range.",
        "Book online today and the first fitting is on us.",
    ],
)
def test_selling_and_booking_signals_are_promotional(sentence: str) -> None:
    assert is_promotional(normalise(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Researchers in Maastricht followed 244 women for three years.",
        "The hospital offers every newborn an injection of vitamin K1.",
        "We offer all babies a dose of vitamin K at birth.",
        "Vitamin K is fat-soluble, so I take my drops with breakfast.",
        "A spokesperson for the regulator said the review would be published in May.",
        "Prices of vegetables rose sharply last year, the statistics office said.",
    ],
)
def test_neutral_news_and_care_sentences_are_not_promotional(sentence: str) -> None:
    assert not is_promotional(normalise(sentence))


@pytest.mark.parametrize(
    ("heading", "product"),
    [
        ("BoneGuard Daily", True),
        ("Vitality K2 + D3 Softgels", True),
        ("Pure MK-7 Drops", True),
        ("Calcium Plus®", True),
        ("What the trials found", False),
        ("Vitamin K and your bones", False),
        ("Does vitamin K2 help bones?", False),
    ],
)
def test_product_name_headings(heading: str, product: bool) -> None:
    assert is_product_heading(heading) is product


def test_a_product_name_heading_is_flagged_and_unsupported() -> None:
    result = check("# NattoMax K2 Capsules\n\nVitamin K is a fat-soluble vitamin.\n")
    heading = next(c for c in result.claims if "NattoMax" in c.text)
    assert "promotional" in heading.flags
    assert heading.verdict == "unsupported"
    body = next(c for c in result.claims if "fat-soluble" in c.text)
    assert "promotional" not in body.flags


def test_a_pharmacy_service_offer_is_promotional() -> None:
    c = graded("Our pharmacists run a free bone health consultation every Tuesday.")
    assert "promotional" in c.flags
    assert c.verdict == "unsupported"


@pytest.mark.parametrize(
    "sentence",
    [
        "Never take a K2 supplement if you use warfarin unless your clinic agrees.",
        "If you are on warfarin, don't start vitamin K2 capsules without asking your anticoagulation clinic.",
        "Avoid taking vitamin K2 while you are on warfarin, unless your clinic has adjusted your dose.",
    ],
)
def test_cautionary_advice_about_warfarin_is_supported_not_contradicted(sentence: str) -> None:
    assert is_negated_advice(normalise(sentence))
    c = graded(sentence)
    assert c.verdict == "supported", (c.assertion_id, c.explanation)


def test_a_statement_of_safety_is_still_contradicted_and_its_denial_supported() -> None:
    assert graded("Vitamin K2 is safe to take with warfarin.").verdict == "contradicted"
    assert graded("Vitamin K2 is not safe to take with warfarin.").verdict == "supported"


def test_advice_not_to_avoid_foods_keeps_the_assertion_direction() -> None:
    # "Never eat greens on warfarin" is the (contradicted) advice to avoid vitamin K foods;
    # the negation is the instruction itself, so it must not flip to supported.
    c = graded("If you take warfarin, never eat leafy greens or other vitamin K foods.")
    assert is_negated_advice(normalise(c.text))
    assert c.verdict == "contradicted", (c.assertion_id, c.explanation)


def test_a_denial_about_doacs_is_graded_on_the_doac_assertion() -> None:
    c = graded("Vitamin K does not interfere with edoxaban.")
    assert c.verdict == "supported"
    assert c.assertion_id is not None and c.assertion_id.startswith("INT-DOAC")
