"""Cronometer's Servings export becomes a vitk diary: matches, grams, supplements, cross-check."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from vitk.errors import DiaryError, UnknownFoodError
from vitk.foods.catalogue import default_catalogue
from vitk.foods.values import portion_grams, shown_value
from vitk.intake import summarise
from vitk.intake.diary import DiaryRowsError
from vitk.intake.imports import import_cronometer, import_export

DATA = Path(__file__).parents[2] / "data" / "imports"
SERVINGS = DATA / "cronometer-servings.csv"


@pytest.fixture(scope="module")
def result():
    return import_cronometer(SERVINGS.read_bytes(), name="servings.csv")


def _source_rows():
    return list(csv.DictReader(io.StringIO(SERVINGS.read_text(encoding="utf-8"))))


def _match(result, name):
    return next(m for m in result.matches if m.name == name)


def test_every_row_is_imported_or_reported_as_skipped(result):
    n_rows = len(_source_rows())
    assert len(result.rows) + len(result.skipped) == n_rows
    assert [s.name for s in result.skipped] == ["Fish Oil"]
    assert [d.isoformat() for d in result.diary.dates] == ["2026-09-24", "2026-09-25", "2026-09-26"]


def test_names_match_vitk_foods_and_each_match_is_reported(result):
    assert _match(result, "Kale, raw").food_id == "kale-raw"
    assert _match(result, "Kale, raw").how == "exact"
    brie = _match(result, "Brie Cheese")
    assert "brie" in brie.food_name.lower()
    eggs = _match(result, "Eggs, Large, Whole, Raw")
    assert eggs.how.startswith("partial") and "egg" in eggs.food_name.lower()
    oats = _match(result, "Oats, rolled")
    assert oats.food_id is None and not oats.matched
    assert any(s.name == "Oats" for s in oats.suggestions)
    assert "no vitk food" in oats.message() and "'Oats'" in oats.message()


def test_amounts_are_read_in_grams_of_the_matched_food(result):
    cat = default_catalogue()
    by_row = {r.source.row: r for r in result.rows}
    spinach = by_row[3]  # "2.00 cup" of Spinach, raw
    assert spinach.item == "spinach-raw"
    assert float(spinach.amount.split()[0]) == pytest.approx(
        2 * portion_grams(cat.get("spinach-raw"), "cup"), abs=0.05
    )
    assert by_row[2].amount == "50.0 g"  # "50.00 g" of brie


def test_unreadable_amount_falls_back_on_the_rows_energy():
    cat = default_catalogue()
    text = SERVINGS.read_text(encoding="utf-8")
    rows = text.splitlines()
    # The natto row in "1.00 full recipe", a unit no food has, with its 179.35 kcal.
    natto = next(line for line in rows if ",Natto," in line).replace("85.00 g", "1.00 full recipe")
    result = import_cronometer("\n".join([rows[0], natto]) + "\n", name="s.csv")
    row = result.rows[0]
    per_100g = shown_value(cat.get("natto"), "energy").value_per_100g
    assert float(row.amount.split()[0]) == pytest.approx(179.35 / per_100g * 100, abs=0.05)
    assert "from its 179.35 kcal" in row.reading


def test_supplements_take_the_exports_own_figure(result):
    supp = {r.item: r.amount for r in result.rows if r.kind == "supplement"}
    assert supp == {"MK-7": "100 µg", "vitamin D": "25 µg"}  # 1000 IU = 25 µg (40 IU/µg)


def test_unknown_foods_stay_in_the_diary_and_mark_their_day(result):
    summary = summarise(result.diary)
    assert [u.item for u in summary.unknown_foods] == ["Oats, rolled"]
    day = next(d for d in summary.days if d.date.isoformat() == "2026-09-25")
    assert day.unknown_rows and day.status("k_total_ug") == "lower_bound"


def test_cross_check_keeps_cronometers_figure_beside_vitks_forms(result):
    reported: dict[str, float] = {}
    for r in _source_rows():
        if r["Vitamin K (µg)"]:
            reported[r["Day"]] = reported.get(r["Day"], 0.0) + float(r["Vitamin K (µg)"])
    summary = summarise(result.diary)
    for check, day in zip(result.cross_check, summary.days, strict=True):
        assert check["cronometer_k_ug"] == pytest.approx(reported[check["date"]], abs=0.01)
        assert check["vitk"]["k_total_ug"] == pytest.approx(day.values["k_total_ug"], abs=0.01)
        assert check["vitk"]["mk7_ug"] is None or check["vitk"]["mk7_ug"] == pytest.approx(
            day.values["mk7_ug"], abs=0.01
        )
        ratio = check["cronometer_k_ug"] / check["vitk"]["k_total_ug"]
        assert check["differs"] == (ratio > 2 or ratio < 0.5)
    # Natto's MK-7 is in vitk's total, not in Cronometer's figure: that day differs.
    assert [d["date"] for d in result.days_differing] == ["2026-09-25"]
    assert any("2026-09-25" in line and "2×" in line for line in result.report_lines())


def test_a_correction_overrides_the_match():
    oats = default_catalogue().resolve("Oats")[0]
    result = import_cronometer(
        SERVINGS.read_bytes(), name="s.csv", corrections={"oats, ROLLED": oats.food_id}
    )
    m = _match(result, "Oats, rolled")
    assert (m.food_id, m.how) == (oats.food_id, "corrected")
    assert not summarise(result.diary).unknown_foods


def test_a_correction_to_no_food_is_refused():
    with pytest.raises(UnknownFoodError, match="names no vitk food"):
        import_cronometer(SERVINGS.read_bytes(), name="s.csv", corrections={"Natto": "nope:1"})


def test_every_bad_row_is_reported_at_once_and_nothing_is_returned():
    head = "Day,Time,Group,Food Name,Amount,Energy (kcal),Vitamin K (µg)\n"
    text = head + (
        "2026-09-24,,Lunch,Kale raw,1.00 cup,7.8,62\n"
        "2026-02-30,,Lunch,Kale raw,1.00 cup,7.8,62\n"
        "2026-09-24,,Lunch,Kale raw,3 zorks,,62\n"
        "2026-09-24,,Lunch,Kale raw,1.00 cup,7.8,lots\n"
        "2026-09-24,,Lunch,,1.00 cup,7.8,1\n"
    )
    with pytest.raises(DiaryRowsError) as info:
        import_cronometer(text, name="servings.csv")
    lines = str(info.value).splitlines()
    assert [line.split(":")[1].strip() for line in lines] == ["row 2", "row 3", "row 4", "row 5"]
    assert all(line.startswith("servings.csv: row ") for line in lines)
    assert "use YYYY-MM-DD" in lines[0] or "expected YYYY-MM-DD" in lines[0]
    assert "'3 zorks'" in lines[1] and "expected a mass" in lines[1]
    assert "Vitamin K (µg) 'lots' is not a number" in lines[2]
    assert "Food Name empty" in lines[3]


def test_a_file_without_the_required_columns_is_one_line():
    with pytest.raises(DiaryError) as info:
        import_cronometer("Date,Meal,Calories\n2026-09-24,Lunch,300\n", name="x.csv")
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith("x.csv: header Date,Meal,Calories lacks Food Name")
    assert "expected Cronometer's Servings export" in msg


def test_not_utf8_is_refused():
    with pytest.raises(DiaryError, match=r"x\.csv: not UTF-8"):
        import_cronometer(b"Day,Food Name,Amount\n2026-01-01,Br\xe9,1 g\n", name="x.csv")


def test_the_older_layout_without_time_group_category_imports():
    text = (
        "Day,Food Name,Amount,Energy (kcal),Vitamin D (IU),Vitamin K (µg)\n"
        '2016-9-26,"Kale, raw","1.00 cup",7.84,0.00,62.45\n'
    )
    result = import_export("Cronometer", text, name="old.csv")
    assert result.diary.dates[0].isoformat() == "2016-09-26"
    assert result.rows[0].item == "kale-raw"
    assert result.cross_check[0]["cronometer_k_ug"] == pytest.approx(62.45)


def test_amount_texts_as_cronometer_writes_them():
    cat = default_catalogue()
    text = (
        "Day,Food Name,Amount,Energy (kcal),Vitamin K (µg)\n"
        '2016-9-26,"Bananas, raw","1.00 medium (7"" to 7-7/8"" long)",105,0.6\n'
        '2016-9-26,"Kale, raw","0.52 Serving (22 tsp, whole pieces)",3.0,30\n'
        '2016-9-26,"Kale, raw","full recipe  — 235.0g",115,300\n'
    )
    rows = import_cronometer(text, name="old.csv").rows
    banana = cat.get(rows[0].item)
    assert float(rows[0].amount.split()[0]) == pytest.approx(
        portion_grams(banana, '1 medium (7" to 7-7/8" long)'), abs=0.05
    )
    # Cronometer's own "Serving" is not vitk's serving: read through the row's energy.
    kale_kcal = shown_value(cat.get("kale-raw"), "energy").value_per_100g
    assert float(rows[1].amount.split()[0]) == pytest.approx(3.0 / kale_kcal * 100, abs=0.05)
    assert rows[2].amount == "235.0 g"  # the mass written beside "full recipe"
