"""Intake sentences come from vitk.intake.render, computed from the summary's own numbers."""

from __future__ import annotations

import pytest
from tests.unit.foods.fakes import ALL

from vitk.foods.catalogue import Catalogue
from vitk.intake import Diary, render, summarise
from vitk.lifestage import life_stage

CAT = Catalogue(ALL)


def _summary(*rows: tuple[str, str, str, str], **kw: object) -> dict:
    diary = Diary.from_rows(
        [dict(zip(("date", "kind", "item", "amount"), r, strict=True)) for r in rows]
    )
    return summarise(diary, catalogue=CAT, **kw).to_dict()


def test_marks_show_unknown_as_nm_and_lower_bound_with_sign() -> None:
    assert render.marked_number(0.0, "not_measured") == "n.m."
    assert render.marked_number(None, "measured") == "n.m."
    assert render.marked_number(12.345, "lower_bound", nd=2) == "≥12.35"
    assert render.marked_number(12.345, "measured", nd=0) == "12"
    marks = {"not_measured": ["mk4_ug"], "lower_bound": ["k_total_ug"]}
    assert render.cell(0.0, "mk4_ug", marks) == render.NOT_MEASURED_MARK
    assert render.cell(90.0, "k_total_ug", marks).startswith(render.LOWER_BOUND_MARK)
    assert render.cell(5.0, "k1_ug", marks) == "5.0"
    assert "unknown, not zero" in render.MARKS_LEGEND


def test_coverage_sentence_names_foods_without_k2_and_lower_bound_co_nutrients() -> None:
    data = _summary(
        ("2026-01-01", "food", "natto", "40 g"),
        ("2026-01-01", "food", "spinach", "1 cup"),
    )
    cov = data["coverage"]
    lines = render.coverage_sentences(cov)
    # The share printed is the summary's own share (one of two foods has K2 measured).
    assert cov["k2_measured_share"] == pytest.approx(0.5)
    assert lines[0].startswith(f"Coverage: 50% of {cov['foods_logged']} logged foods")
    assert any(line == "K2 not measured in: Spinach, raw (test)" for line in lines)
    # Natto has no calcium value: the calcium total is said to be a lower bound.
    assert any(line.startswith("No calcium value for 2 logged food(s)") for line in lines)


def test_coverage_warning_only_when_some_food_lacks_k2() -> None:
    partial = _summary(
        ("2026-01-01", "food", "natto", "40 g"), ("2026-01-01", "food", "spinach", "1 cup")
    )["coverage"]
    warning = render.coverage_warning(partial)
    assert warning is not None
    assert "only 50% of the foods you logged (1 without data: Spinach, raw (test))" in warning
    full = _summary(("2026-01-01", "food", "natto", "40 g"))["coverage"]
    assert render.coverage_warning(full) is None
    supplements_only = _summary(("2026-01-01", "supplement", "MK-7", "180 mcg"))["coverage"]
    assert render.coverage_warning(supplements_only) == supplements_only["note"]
    assert render.coverage_sentences(supplements_only) == [supplements_only["note"]]


def test_consistency_sentence_counts_days_in_words() -> None:
    one = _summary(("2026-01-01", "food", "natto", "40 g"))["consistency"]
    assert " over 1 day: " in render.consistency_sentence(one)
    two = _summary(
        ("2026-01-01", "food", "natto", "40 g"), ("2026-01-02", "food", "spinach", "1 cup")
    )["consistency"]
    text = render.consistency_sentence(two)
    assert " over 2 days: " in text
    assert f"mean {two['mean_ug']:.0f} µg" in text and f"CV {two['cv_pct']:.0f} %" in text
    low, high = render.consistency_band_ug(two)
    assert low == pytest.approx(two["mean_ug"] * 0.8, abs=0.01)
    assert high == pytest.approx(two["mean_ug"] * 1.2, abs=0.01)


def test_upper_limit_exceeded_names_the_days() -> None:
    data = _summary(
        ("2026-01-01", "supplement", "calcium", "3 g"),
        ("2026-01-02", "supplement", "calcium", "100 mg"),
        stage=life_stage(40, "female"),
    )
    n_days = data["consistency"]["n_days"]
    lines = render.above_ul_sentences(data["comparison"], n_days)
    assert len(lines) == 1
    assert "above the UL of" in lines[0] and lines[0].endswith("1 of 2 days: 2026-01-01")
    assert lines[0].startswith("calcium_ul: above the UL of 2500 mg")
    rows = {r["target"]: r for r in data["comparison"]}
    assert render.days_above_ul_cell(rows["calcium_ul"], n_days) == "1 of 2"
    assert render.days_above_ul_cell(rows["calcium"], n_days) == ""  # a target, not a UL
    assert render.reference_cell(rows["calcium_ul"]).startswith("2500 mg (")
    assert render.reference_cell({"reference": None}) == "—"


def test_fuzzy_matches_and_synonyms_are_reported_once_per_food() -> None:
    data = _summary(
        ("2026-01-01", "food", "fermented soybeans", "40 g"),
        ("2026-01-02", "food", "fermented soybeans", "20 g"),
        ("2026-01-02", "food", "natto", "20 g"),
    )
    lines = render.match_sentences(data["matches"])
    assert lines == [
        "Matched 'fermented soybeans' → natto (test) [natto-test] (synonym; rows 1, 2)"
    ]


def test_sources_sentence_lists_each_key_once() -> None:
    keys = {"k1_ug": ["USDA-SR28"], "mk7_ug": ["ODS-K", "USDA-SR28"], "mk4_ug": []}
    assert render.sources_sentence(keys) == "Food values from: ODS-K, USDA-SR28."
    assert render.sources_sentence(keys, hint="see KEY").endswith("USDA-SR28 (see KEY).")
    assert render.sources_sentence({"k1_ug": []}) is None


def test_disclaimer_names_vka_and_clinic() -> None:
    assert render.DISCLAIMER.startswith("Not medical advice.")
    assert "vitamin K antagonist" in render.DISCLAIMER and "clinic" in render.DISCLAIMER
