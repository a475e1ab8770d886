"""One comparison of intake against a reference, shared by the intake summary and advisor."""

from __future__ import annotations

import pytest

from vitk.advisor.sections import _co_status
from vitk.intake.comparison import (
    LOWER_BOUND,
    MEASURED,
    NOT_MEASURED,
    NOT_RECORDED,
    compare_intake,
)


@pytest.mark.parametrize(
    ("intake", "status", "outcome"),
    [
        (1200.0, MEASURED, "meets"),
        (1200.0, LOWER_BOUND, "meets"),  # a floor above the target settles it
        (800.0, MEASURED, "below"),
        (800.0, LOWER_BOUND, "undetermined"),  # the missing foods could make up the rest
        (0.0, NOT_MEASURED, "unknown"),
        (None, None, "unknown"),
    ],
)
def test_target_outcome_follows_what_is_known(
    intake: float | None, status: str | None, outcome: str
) -> None:
    cmp = compare_intake(intake, status, 1000.0, is_ul=False)
    assert cmp.outcome == outcome
    assert cmp.settled == (outcome in ("meets", "below"))


@pytest.mark.parametrize(
    ("intake", "status", "outcome"),
    [
        (2600.0, MEASURED, "above"),
        (2600.0, LOWER_BOUND, "above"),
        (2000.0, MEASURED, "within"),
        (2000.0, LOWER_BOUND, "undetermined"),
    ],
)
def test_ul_outcome_follows_what_is_known(intake: float, status: str, outcome: str) -> None:
    assert compare_intake(intake, status, 2500.0, is_ul=True).outcome == outcome


def test_supplements_alone_can_settle_an_unknown_diet() -> None:
    meets = compare_intake(None, None, 15.0, is_ul=False, supplements=20.0)
    assert (meets.outcome, meets.from_supplements_alone) == ("meets", True)
    assert meets.intake_status == NOT_RECORDED
    above = compare_intake(0.0, NOT_MEASURED, 100.0, is_ul=True, supplements=125.0)
    assert (above.outcome, above.from_supplements_alone) == ("above", True)
    short = compare_intake(None, None, 15.0, is_ul=False, supplements=10.0)
    assert short.outcome == "unknown"


def test_percent_only_where_intake_and_reference_are_known() -> None:
    assert compare_intake(50.0, MEASURED, 200.0, is_ul=False).pct_of_reference == 25.0
    assert compare_intake(50.0, NOT_MEASURED, 200.0, is_ul=False).pct_of_reference is None
    assert compare_intake(50.0, MEASURED, None, is_ul=False).outcome == "no_reference"
    assert compare_intake(50.0, MEASURED, 0.0, is_ul=False).pct_of_reference is None


def test_advisor_wording_rests_on_the_same_outcomes() -> None:
    def status(total: float | None, st: str | None, supp: float = 0.0) -> str:
        return _co_status(
            supp=supp,
            total=total,
            total_status=st,
            target=1000.0,
            kind="RDA",
            ul=2500.0,
            ul_supplements_only=False,
        )

    assert status(1200.0, MEASURED) == "meets RDA"
    assert status(800.0, MEASURED) == "below RDA"
    assert status(800.0, LOWER_BOUND).startswith("at least 800: ")
    assert status(3000.0, LOWER_BOUND) == "above UL (at least this much; some foods have no data)"
    assert status(None, None, supp=3000.0) == (
        "above UL from supplements alone (diet not recorded)"
    )
    assert status(None, None, supp=1000.0) == (
        "meets the RDA from supplements alone (diet not recorded)"
    )
    assert status(0.0, NOT_MEASURED) == (
        "not measured in the logged foods: cannot compare with the RDA"
    )
    # No reference for the life stage is said as such, never as "meets".
    no_ref = _co_status(
        supp=0.0,
        total=500.0,
        total_status=MEASURED,
        target=None,
        kind="RDA",
        ul=None,
        ul_supplements_only=False,
    )
    assert no_ref == "no RDA set for this life stage: cannot compare"
