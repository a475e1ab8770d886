"""Everyday amounts: slices, bare counts in a food's natural unit, supplements with the
amount in the name; every reading that is not literal is reported."""

from __future__ import annotations

import pytest
from tests.unit.foods.fakes import ALL

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods
from vitk.intake import Diary, summarise
from vitk.intake.diary import supplement_reading
from vitk.units import iu_to_ug_vitamin_d

CAT = Catalogue(ALL)
CURATED = Catalogue(load_curated_foods())


def diary(*rows):
    return Diary.from_rows(
        [dict(zip(("date", "kind", "item", "amount"), r, strict=True)) for r in rows]
    )


def _egg_large_g() -> float:
    egg = CURATED.get("egg-whole-raw-us")
    return next(p.grams for p in egg.portions if p.label == "1 large")


def test_one_slice_of_cheese():
    s = summarise(diary(("2026-01-01", "food", "cheddar", "1 slice")), catalogue=CURATED)
    (m,) = s.matches
    slice_g = next(p.grams for p in CURATED.get("cheddar-us").portions if p.label == "1 slice")
    assert m.grams == pytest.approx(slice_g)


@pytest.mark.parametrize(
    ("item", "amount"), [("eggs", "2"), ("egg", "2 eggs"), ("2 eggs", ""), ("egg", "2")]
)
def test_bare_count_uses_the_natural_unit(item, amount):
    s = summarise(diary(("2026-01-01", "food", item, amount)), catalogue=CURATED)
    (m,) = s.matches
    assert m.food_id == "egg-whole-raw-us"
    assert m.grams == pytest.approx(2 * _egg_large_g())
    assert any("a count read as 1 large" in r["reading"] for r in s.readings)


def test_amount_taken_from_the_item_is_reported():
    s = summarise(diary(("2026-01-01", "food", "2 eggs", "")), catalogue=CURATED)
    assert s.readings[0] == {
        "row": 1,
        "item": "eggs",
        "reading": "amount '2' taken from the item '2 eggs'",
    }


def test_count_without_a_natural_unit_is_refused():
    # Natto (test) has portions 3 oz and 1 cup only: nothing to count in.
    with pytest.raises(DiaryError, match="has no unit and 'natto \\(test\\)' has no natural unit"):
        summarise(diary(("2026-01-01", "food", "natto", "2")), catalogue=CAT)


@pytest.mark.parametrize(
    ("item", "amount", "field", "expected"),
    [
        ("K2 100 mcg", "", "mk7_ug", 100.0),
        ("K2", "100 mcg", "mk7_ug", 100.0),
        ("vitamin K2 (MK-4)", "1 mg", "mk4_ug", 1000.0),
        ("K2 MK-7", "90 µg", "mk7_ug", 90.0),
        ("vit D3 1000 IU", "", "vitamin_d_ug", iu_to_ug_vitamin_d(1000)),
        ("Vit. D3", "25 mcg", "vitamin_d_ug", 25.0),
    ],
)
def test_supplement_text(item, amount, field, expected):
    s = summarise(
        diary(("2026-01-01", "food", "natto", "1 oz"), ("2026-01-01", "supplement", item, amount)),
        catalogue=CAT,
    )
    assert s.days[0].supplements[field] == pytest.approx(expected)
    assert [r["row"] for r in s.readings] == [2] * len(s.readings) and s.readings


def test_k2_without_form_is_read_as_mk7_and_says_so():
    code, reading = supplement_reading("K2")
    assert code == "mk7"
    assert "read as MK-7" in reading and "MK-4" in reading


def test_literal_supplement_names_report_nothing():
    s = summarise(
        diary(
            ("2026-01-01", "food", "natto", "1 oz"), ("2026-01-01", "supplement", "MK-7", "90 mcg")
        ),
        catalogue=CAT,
    )
    assert s.readings == []


def test_unknown_supplement_still_refused():
    with pytest.raises(DiaryError, match="unknown supplement 'K3'"):
        summarise(diary(("2026-01-01", "supplement", "K3", "1 mg")), catalogue=CAT)
