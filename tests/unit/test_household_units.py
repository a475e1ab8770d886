"""Household measures resolve through a food's portions, whatever their spelling."""

import pytest
from tests.unit.foods.fakes import GOUDA, SPINACH

from vitk.foods.model import Food, Portion
from vitk.foods.values import portion_grams, resolve_portion

OIL = Food(
    food_id="oil-test",
    name="oil (test)",
    food_group="fats",
    source_db="curated",
    observations=(),
    portions=(
        Portion("1 tbsp", 13.6, "USDA-SR28"),
        Portion("1 tsp", 4.5, "USDA-SR28"),
        Portion("1/2 cup", 109.0, "USDA-SR28"),
        Portion("2 leaves", 10.0, "USDA-SR28"),
    ),
)


@pytest.mark.parametrize(
    ("unit", "grams"),
    [
        ("tbsp", 13.6),
        ("Tbsp", 13.6),
        ("TBSP", 13.6),
        ("tbsps", 13.6),
        ("tablespoon", 13.6),
        ("tablespoons", 13.6),
        ("Tablespoons", 13.6),
        ("tsp", 4.5),
        ("teaspoons", 4.5),
        ("cup", 218.0),  # "1/2 cup" is 109 g, so one cup is 218 g
        ("CUPS", 218.0),
        ("leaf", 5.0),
        ("leaves", 5.0),
    ],
)
def test_household_units_ignore_case_plural_and_long_forms(unit, grams):
    p = resolve_portion(OIL, unit)
    assert p is not None and p.grams == pytest.approx(grams)


def test_existing_portions_still_resolve():
    assert portion_grams(GOUDA, "slices") == 28.0
    assert portion_grams(GOUDA, "Slice") == 28.0
    assert portion_grams(SPINACH, "Cups") == 30.0
    assert resolve_portion(SPINACH, "tbsp") is None
