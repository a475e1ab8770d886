"""Everyday words pick the usual form of an imported USDA food; suggestions name each food once."""

from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods
from vitk.foods.detail import _sig3
from vitk.foods.search import NameIndex

USDA = [
    ("usda:18197", "Bread, oatmeal", "Baked Products"),
    (
        "usda:08121",
        "Cereals, oats, regular and quick, unenriched, cooked with water "
        "(includes boiling and microwaving), without salt",
        "Breakfast Cereals",
    ),
    ("usda:14218", "Beverages, coffee, instant, chicory", "Beverages"),
    ("usda:14209", "Beverages, coffee, brewed, prepared with tap water", "Beverages"),
    ("usda:20036", "Rice, brown, long-grain, raw", "Cereal Grains and Pasta"),
    ("usda:20045", "Rice, white, long-grain, regular, enriched, cooked", "Cereal Grains and Pasta"),
]


def test_everyday_words_pick_the_eaten_form_not_the_first_name_containing_them():
    cat = Catalogue(load_curated_foods(), USDA)
    # before: "oatmeal" -> Bread, oatmeal; "coffee" -> instant chicory; "rice" -> raw brown rice
    assert cat.search("oatmeal")[0].food_id == "usda:08121"
    assert cat.search("porridge")[0].food_id == "usda:08121"
    assert cat.search("coffee")[0].food_id == "usda:14209"
    assert cat.search("rice")[0].food_id == "usda:20045"
    # the other foods are still found by their own words
    assert cat.search("oatmeal bread")[0].food_id == "usda:18197"
    assert cat.search("instant coffee chicory")[0].food_id == "usda:14218"


def test_suggestions_name_each_food_once():
    idx = NameIndex(
        [
            ("spinach-raw", "Spinach, raw", (), "curated"),
            ("usda:11457", "Spinach, raw", (), "usda"),
            ("usda:11463", "Spinach souffle", (), "usda"),
        ]
    )
    names = [h.name for h in idx.suggest("spinach salad")]
    assert names.count("Spinach, raw") == 1
    assert names[0] == "Spinach, raw" and idx.suggest("spinach salad")[0].source_db == "curated"


def test_serving_values_have_no_exponent():
    assert _sig3(1500.25) == "1500"
    assert _sig3(1487.6) == "1490"
    assert _sig3(40.44) == "40.4"
