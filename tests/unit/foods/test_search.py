import pytest
from tests.unit.foods.fakes import ALL

from vitk.errors import UnknownFoodError
from vitk.foods.catalogue import Catalogue
from vitk.foods.search import NameIndex, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nattō", "natto"),
        ("Gruyère", "gruyere"),
        ("CHEESES", "cheese"),
        ("berries", "berry"),
        ("Courgettes", "zucchini"),
        ("Yoghurt, Greek", "yogurt greek"),
        ("tomatoes", "tomato"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


def _cat():
    extra = [
        ("usda:01022", "Cheese, gouda", "Dairy and Egg Products"),
        ("usda:11457", "Spinach, raw", "Vegetables"),
        ("usda:16113", "Natto", "Legumes"),
    ]
    return Catalogue(ALL, extra, None)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("gouda", "gouda-test"),
        ("goudas", "gouda-test"),
        ("natto", "natto-test"),
        ("nattō", "natto-test"),
        ("fermented soybean", "natto-test"),
        ("spinach", "spinach-test"),
        ("gouda chease", "gouda"),
    ],
)
def test_ranked_search_prefers_curated_match(query, first):
    hits = _cat().search(query, limit=5)
    if first == "gouda":  # a typo: either Gouda is right
        assert "gouda" in hits[0].name.lower()
    else:
        assert hits[0].food_id == first


def test_usda_foods_are_searchable():
    ids = [h.food_id for h in _cat().search("cheese gouda", limit=5)]
    assert "usda:01022" in ids


def test_resolve_unknown_suggests():
    with pytest.raises(UnknownFoodError) as exc:
        _cat().resolve("xylophone")
    msg = str(exc.value)
    assert "Unknown food 'xylophone'" in msg
    assert "\n" not in msg


def test_resolve_typo_did_you_mean():
    food, hit = _cat().resolve("spinnach")
    assert food.food_id == "spinach-test"
    assert hit.score < 110


def test_index_len():
    assert len(NameIndex([("a", "apple", ("pomme",), "curated")])) == 1
