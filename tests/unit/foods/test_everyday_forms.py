"""A generic word ("cheese", "chicken", "milk") takes an everyday form, and says so."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vitk.cli.main import cli
from vitk.foods.catalogue import packaged_catalogue
from vitk.foods.everyday import everyday_choice, everyday_words

GENERIC = {
    "cheese": "cheddar-us",
    "chicken": "chicken-breast-rotisserie-us",
    "milk": "milk-whole-us",
    "eggs": "egg-whole-raw-us",
    "yoghurt": "yogurt-plain-whole-us",
    "bread": "usda:18069",
}


@pytest.fixture(scope="module")
def cat():
    return packaged_catalogue()


@pytest.mark.parametrize(("word", "food_id"), sorted(GENERIC.items()))
def test_generic_word_takes_the_everyday_form_and_says_so(cat, word, food_id) -> None:
    hit = cat.search(word, limit=1)[0]
    assert hit.food_id == food_id and hit.exact
    choice = cat.everyday(word, hit)
    assert choice is not None and choice.food_id == food_id
    assert word in choice.note and hit.name in choice.note and "everyday form" in choice.note
    food, diary_hit = cat.resolve(word)  # a diary row "cheese, 30 g" means the same food
    assert food.food_id == food_id and diary_hit.exact


@pytest.mark.parametrize(
    "query", ["cheddar", "brie", "cheese brie", "chicken liver", "coffee instant"]
)
def test_a_specific_query_is_not_reported_as_an_everyday_choice(cat, query) -> None:
    assert cat.everyday(query) is None


def test_synonym_only_words_are_never_reported_as_generic() -> None:
    assert "brown rice" in everyday_words()["usda:20037"]
    assert everyday_choice("brown rice", "usda:20037", "Rice, brown") is None


def test_every_everyday_food_exists_in_the_shipped_catalogue(cat) -> None:
    ids = list(everyday_words())
    assert [f.food_id for f in cat.get_many(ids)] == ids


def test_cli_search_reports_the_choice_on_stderr_and_in_json() -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["foods", "search", "cheese", "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["results"][0]["food_id"] == "cheddar-us"
    assert data["everyday_form"]["food_id"] == "cheddar-us"
    assert "everyday form" in res.stderr
    specific = runner.invoke(cli, ["foods", "search", "gouda", "--format", "json"])
    assert "everyday_form" not in json.loads(specific.stdout)
