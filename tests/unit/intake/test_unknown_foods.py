"""Unknown foods do not stop a diary: totals still come, the day is a lower bound, and the
row is listed with suggestions that share a word or a close spelling."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from tests.unit.foods.fakes import ALL

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods
from vitk.foods.search import tokens
from vitk.intake import Diary, summarise
from vitk.intake.suggest import suggest_foods

CAT = Catalogue(ALL)
SR28_NAMES = Path(__file__).resolve().parents[2] / "data" / "sr28-food-names.txt.gz"


def diary(*rows):
    return Diary.from_rows(
        [dict(zip(("date", "kind", "item", "amount"), r, strict=True)) for r in rows]
    )


@pytest.fixture(scope="module")
def with_sr28_names() -> Catalogue:
    """Curated foods plus every SR28 food name (as after an import): suggestions need names only."""
    names = []
    with gzip.open(SR28_NAMES, "rt", encoding="latin-1") as fh:
        for line in fh:
            f = line.rstrip("\n").split("^")
            names.append(("usda:" + f[0].strip("~"), f[2].strip("~"), f[1].strip("~")))
    return Catalogue(load_curated_foods(), names, None)


def test_unknown_food_still_gives_totals_and_marks_its_day():
    s = summarise(
        diary(
            ("2026-01-01", "food", "natto", "85 g"),
            ("2026-01-01", "food", "brie", "50 g"),
            ("2026-01-02", "food", "natto", "85 g"),
        ),
        catalogue=CAT,
    )
    day1, day2 = s.days
    # The known food is counted in full on both days: 85 g at 1000 µg MK-7 per 100 g.
    assert day1.mk7_ug == pytest.approx(850.0) and day2.mk7_ug == pytest.approx(850.0)
    # The day with the unknown row is a lower bound in every measured field …
    assert {"mk7_ug", "k2_total_ug", "k_total_ug", "k1_ug"} <= day1.lower_bound
    assert day1.unknown_rows == (2,)
    # … the other day is exact where natto measured it.
    assert "mk7_ug" not in day2.lower_bound and day2.unknown_rows == ()
    (u,) = s.unknown_foods
    assert (u.row, u.item, u.amount, u.date.isoformat()) == (2, "brie", "50 g", "2026-01-01")
    # The whole-diary mean is a lower bound too.
    assert "k_total_ug" in s.marks()[1]


def test_unknown_food_in_json():
    data = summarise(
        diary(("2026-01-01", "food", "natto", "85 g"), ("2026-01-01", "food", "xqzzy", "1 g")),
        catalogue=CAT,
    ).to_dict()
    assert data["days"][0]["mk7_ug"] == pytest.approx(850.0)
    assert "mk7_ug" in data["days"][0]["lower_bound"]
    assert "k_total_ug" in data["mean_daily_lower_bound"]
    (u,) = data["unknown_foods"]
    assert u["row"] == 2 and u["item"] == "xqzzy" and u["suggestions"] == []
    assert "lower bound (≥)" in u["message"] and "\n" not in u["message"]


def test_day_of_only_unknown_foods_is_not_measured_not_zero():
    s = summarise(
        diary(("2026-01-01", "food", "natto", "85 g"), ("2026-01-02", "food", "xqzzy", "1 g")),
        catalogue=CAT,
    )
    d = s.to_dict()["days"][1]
    assert d["k_total_ug"] is None and "k_total_ug" in d["not_measured"]


def test_strict_keeps_the_refusal():
    with pytest.raises(DiaryError, match=r"row 2: Unknown food 'brie'"):
        summarise(
            diary(("2026-01-01", "food", "natto", "85 g"), ("2026-01-01", "food", "brie", "1 g")),
            catalogue=CAT,
            strict=True,
        )


def test_other_bad_rows_still_refuse_without_strict():
    with pytest.raises(DiaryError, match=r"row 1: unit 'parsecs'"):
        summarise(
            diary(
                ("2026-01-01", "food", "natto", "3 parsecs"), ("2026-01-01", "food", "brie", "1 g")
            ),
            catalogue=CAT,
        )


def test_brie_suggests_brie_never_chicken(with_sr28_names):
    names = [s.name for s in suggest_foods(with_sr28_names, "brie")]
    assert names[0] == "Brie cheese (US)"  # the curated Brie (SR28 01006) comes first
    assert not any("chicken" in n.lower() for n in names)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("camembar", "Camembert cheese (US)"),  # close spelling beyond the typo rule
        ("tempe", "Tempeh"),
        ("kimchee", "Kimchi (fermented cabbage)"),
        ("chedar chise", "Cheddar cheese (US)"),
    ],
)
def test_suggestions_rank_shared_and_close_words(with_sr28_names, query, first):
    assert suggest_foods(with_sr28_names, query)[0].name == first


@pytest.mark.parametrize("query", ["brie", "camembar", "bread", "grilled halloumi", "xylophone"])
def test_every_suggestion_shares_a_word_or_close_spelling(with_sr28_names, query):
    from rapidfuzz import fuzz

    q = [w for w in tokens(query) if len(w) > 2]
    for s in suggest_foods(with_sr28_names, query, n=10):
        words = tokens(s.name)
        assert any(fuzz.ratio(a, b) >= 75 for a in q for b in words), (query, s.name)


def test_suggestions_in_the_diary_report(with_sr28_names):
    s = summarise(
        diary(("2026-01-01", "food", "brie sandwich", "150 g")), catalogue=with_sr28_names
    )
    (u,) = s.unknown_foods  # no one food name holds both words
    assert u.suggestions[0].name == "Brie cheese (US)"
    assert u.suggestions[0].shared_words == ("brie",)
    assert all(set(x.shared_words) <= {"brie", "sandwich"} for x in u.suggestions)
    assert "Did you mean: 'Brie cheese (US)'" in u.message()
