"""A food-content claim vitk has no measurement for is 'cannot check', never 'agrees'."""

from __future__ import annotations

from vitk.checker import check
from vitk.checker.numbers import NumericFinding


def test_a_finding_without_a_measured_value_says_it_cannot_check() -> None:
    finding = NumericFinding(
        "food",
        "egg yolk is 'rich in' K2",
        "its food table has no measured K2 for egg yolk",
        ("VitkCuration",),
        mismatch=False,
        verdict="unsupported",
        checked=False,
    )
    sentence = finding.sentence()
    assert "cannot check" in sentence
    assert "agrees" not in sentence


def test_a_richness_claim_on_an_unmeasured_food_is_not_reported_as_agreeing() -> None:
    # Raw egg yolk (US, SR28) has K1 but no measured menaquinone in vitk's table.
    result = check("Egg yolks are rich in K2.")
    (claim,) = result.claims
    assert claim.verdict == "unsupported"
    assert "agrees" not in claim.explanation
    assert "cannot check" in claim.explanation
