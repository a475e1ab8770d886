"""One food's detail (vitk foods show, web Foods page) comes from vitk.foods.detail."""

from __future__ import annotations

import pytest
from tests.unit.foods.fakes import ALL, GOUDA, SPINACH

from vitk.errors import UnknownFoodError
from vitk.foods.catalogue import Catalogue
from vitk.foods.detail import food_by_id_or_name, food_detail, value_text
from vitk.nutrients import NUTRIENTS

CAT = Catalogue(ALL)


def test_detail_lists_every_nutrient_and_unmeasured_ones_as_unknown() -> None:
    data = food_detail(SPINACH)
    assert list(data["nutrients"]) == list(NUTRIENTS)
    mk7 = data["nutrients"]["mk7"]
    assert mk7["status"] == "not_measured" and mk7["value_per_100g"] is None
    assert value_text(mk7) == "not measured"
    k1 = data["nutrients"]["k1"]
    assert k1["value_per_100g"] == pytest.approx(482.9)
    assert value_text(k1) == "482.9"


def test_detail_cites_every_source_of_its_observations_and_portions() -> None:
    data = food_detail(GOUDA)
    keys = {o["source_key"] for o in data["observations"]} | {
        p["source_key"] for p in data["portions"]
    }
    assert keys == {"Vermeer2018", "USDA-SR28"}
    assert len(data["references"]) == len(keys)


def test_food_found_by_id_or_by_name_and_the_match_is_said() -> None:
    food, how = food_by_id_or_name(CAT, "gouda-test")
    assert food is GOUDA or food.food_id == "gouda-test"
    assert how is None
    food, how = food_by_id_or_name(CAT, "fermented soybeans")
    assert food.food_id == "natto-test" and how == "name or synonym"
    with pytest.raises(UnknownFoodError):
        food_by_id_or_name(CAT, "zzzz qqqq")
