"""MyFitnessPal's food diary CSV becomes a vitk diary; its per-meal summary is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from vitk.errors import DiaryError, InputError
from vitk.intake import summarise
from vitk.intake.imports import import_export, import_myfitnesspal

DIARY = Path(__file__).parents[2] / "data" / "imports" / "myfitnesspal-food-diary.csv"


@pytest.fixture(scope="module")
def result():
    return import_myfitnesspal(DIARY.read_bytes(), name="mfp.csv")


def _match(result, name):
    return next(m for m in result.matches if m.name == name)


def test_dates_in_words_and_every_row(result):
    n = len(DIARY.read_text(encoding="utf-8").splitlines()) - 1
    assert len(result.rows) == n
    assert [d.isoformat() for d in result.diary.dates] == ["2026-09-24", "2026-09-25"]
    assert result.cross_check == []  # MyFitnessPal gives no vitamin K figure


def test_brand_is_dropped_when_the_whole_name_matches_nothing(result):
    brie = _match(result, "Président - Brie")
    assert brie.how == "brand dropped" and "brie" in brie.food_name.lower()
    assert "chicken" not in brie.food_name.lower()
    assert _match(result, "Generic - Spinach Raw").food_id == "spinach-raw"


def test_mass_written_beside_the_measure_wins(result):
    broccoli = next(r for r in result.rows if r.source.name.startswith("Broccoli"))
    assert broccoli.amount == "78.0 g"
    assert "mass written beside it" in broccoli.reading


def test_unknown_dish_adds_nothing_and_marks_its_day(result):
    soup = _match(result, "Sweet Potato Soup")
    assert soup.food_id is None
    summary = summarise(result.diary)
    assert [u.item for u in summary.unknown_foods] == ["Sweet Potato Soup"]
    day = next(d for d in summary.days if d.date.isoformat() == "2026-09-25")
    assert day.status("k_total_ug") == "lower_bound"


def test_nutrition_summary_export_is_refused_with_the_reason():
    text = (
        "Date,Meal,Calories,Fat (g),Saturated Fat,Cholesterol,Sodium (mg),Carbohydrates (g),"
        "Protein (g),Calcium,Iron,Note\n2026-10-01,Breakfast,420,12,3,180,560,55,22,15,20,\n"
    )
    with pytest.raises(DiaryError) as info:
        import_myfitnesspal(text, name="Nutrition-Summary.csv")
    msg = str(info.value)
    assert msg.startswith("Nutrition-Summary.csv: this is MyFitnessPal's Nutrition Summary")
    assert "expected the food diary" in msg and "\n" not in msg


def test_bad_rows_name_the_file_and_row():
    text = (
        "Date,Meal,Food,Amount,Calories\n"
        '"Septembr 24, 2026",Lunch,Kale - Raw,1 cup,8\n'
        '"September 24, 2026",Lunch,Kale - Raw,1 cup,lots\n'
    )
    with pytest.raises(DiaryError) as info:
        import_myfitnesspal(text, name="mfp.csv")
    lines = str(info.value).splitlines()
    assert lines[0].startswith("mfp.csv: row 1: Date 'Septembr 24, 2026' is not a date")
    assert lines[1].startswith("mfp.csv: row 2: Calories 'lots' is not a number")


def test_unknown_source_is_refused():
    with pytest.raises(InputError, match="allowed: cronometer, myfitnesspal"):
        import_export("loseit", "x", name="x.csv")


def test_supplements_by_name_take_the_amount_in_the_name_or_are_skipped():
    text = (
        "Date,Meal,Food,Amount,Calories\n"
        "2026-09-24,Breakfast,Nature Made - Vitamin D3 1000 IU,1 tablet,0\n"
        "2026-09-24,Breakfast,Vitamin K2 MK-7,1 capsule,0\n"
        "2026-09-24,Lunch,Kale - Raw,1 cup,8\n"
    )
    result = import_myfitnesspal(text, name="m.csv")
    supp = [(r.kind, r.item, r.amount) for r in result.rows if r.kind == "supplement"]
    assert supp == [("supplement", "vitamin D", "1000 IU")]
    # No amount anywhere: listed as skipped, never matched to a food.
    assert [(s.row, s.name) for s in result.skipped] == [(2, "Vitamin K2 MK-7")]
    assert "no amount in its name" in result.skipped[0].reason
    assert summarise(result.diary).days[0].values["vitamin_d_ug"] == pytest.approx(25.0)
