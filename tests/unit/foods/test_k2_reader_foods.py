"""The foods K2 readers and warfarin users name first are in the curated table.

Each is found by its everyday name on a fresh install (no import), ranks above the SR28
food it links to, and a form nobody measured is *not measured* (None), never 0.
"""

from __future__ import annotations

import pytest

from vitk.foods.catalogue import packaged_catalogue
from vitk.foods.values import k2_per_100g, shown_value
from vitk.nutrients import K2_FORMS

#: query -> curated food it must find first
K2_READER_FOODS = {
    "brie": "brie-us",
    "camembert": "camembert-us",
    "cheddar": "cheddar-us",
    "emmental": "emmental-ripened-ch",
    "butter": "butter-salted-us",
    "whole milk": "milk-whole-us",
    "skimmed milk": "milk-skim-us",
    "skim milk": "milk-skim-us",
    "plain yogurt": "yogurt-plain-whole-us",
    "greek yogurt": "greek-yogurt-nonfat-us",
    "egg yolk": "egg-yolk-raw-us",
    "sauerkraut": "sauerkraut-canned-us",
    "kimchi": "kimchi",
    "miso": "miso",
    "tempeh": "tempeh",
    "chicken liver": "chicken-liver-raw-us",
    "goose liver": "goose-liver-raw-us",
    "foie gras": "foie-gras-pate-us",
}

#: K1 foods of the ODS and warfarin-diet lists, linked to the SR28 food of the same name
K1_FOODS = {
    "swiss chard": "swiss-chard-raw",
    "iceberg lettuce": "lettuce-iceberg-raw",
    "romaine lettuce": "lettuce-romaine-raw",
    "olive oil": "olive-oil",
    "canola oil": "canola-oil",
    "rapeseed oil": "canola-oil",
    "green beans": "green-beans-raw",
    "cabbage": "cabbage-raw",
    "brussels sprouts": "brussels-sprouts-raw",
    "collard greens": "collards-raw",
}


@pytest.fixture(scope="module")
def cat():
    return packaged_catalogue()


@pytest.mark.parametrize(("query", "food_id"), sorted({**K2_READER_FOODS, **K1_FOODS}.items()))
def test_food_is_found_first_on_a_fresh_install(cat, query: str, food_id: str) -> None:
    hit = cat.search(query, limit=1)[0]
    assert (hit.food_id, hit.source_db) == (food_id, "curated")
    food, _ = cat.resolve(query)  # a diary row with the same words
    assert food.food_id == food_id


@pytest.mark.parametrize("food_id", ["brie-us", "camembert-us", "kimchi", "miso", "tempeh"])
def test_unmeasured_k2_forms_are_not_measured_never_zero(cat, food_id: str) -> None:
    food = cat.get(food_id)
    assert all(shown_value(food, code) is None for code in K2_FORMS)
    assert k2_per_100g(food) is None
    assert "not measured" in food.note


def test_sr28_values_of_new_links_keep_their_source_code(cat) -> None:
    brie = cat.get("brie-us")
    (k1,) = brie.observations_for("k1")
    # SR28 NUT_DATA 01006/430: 2.3 µg/100 g, Src_Cd 4 (calculated or imputed)
    assert (k1.value_per_100g, k1.status, k1.usda_src_cd, k1.source_key) == (
        2.3,
        "imputed",
        "4",
        "USDA-SR28",
    )
    assert k1.origin == "SR28 NUT_DATA 01006/430"


@pytest.mark.parametrize("food_id", sorted(set(K1_FOODS.values()) - {"cabbage-raw"}))
def test_k1_foods_carry_a_measured_k1_from_sr28(cat, food_id: str) -> None:
    food = cat.get(food_id)
    sv = shown_value(food, "k1")
    assert sv is not None and sv.value_per_100g is not None and sv.value_per_100g > 0
    assert sv.source_keys == ("USDA-SR28",)
    assert food.portions and food.typical_serving in {p.label for p in food.portions}


def test_new_foods_have_the_sr28_food_values_of_their_link(cat) -> None:
    for food_id in (*K2_READER_FOODS.values(), *K1_FOODS.values()):
        food = cat.get(food_id)
        if not food.usda_ndb:
            continue
        (sr28,) = cat.get_many([f"usda:{food.usda_ndb}"])
        for code in ("k1", "mk4", "calcium", "energy"):
            mine = [o.value_per_100g for o in food.observations_for(code) if o.priority == 1]
            theirs = [o.value_per_100g for o in sr28.observations_for(code)]
            if food.food_id != "chicken-liver-raw-us" or code != "mk4":
                assert mine[:1] == theirs[:1], (food_id, code)
