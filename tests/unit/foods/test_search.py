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


@pytest.mark.parametrize("query", ["xyzzy", "brussel sprouts", "salmon", "beer"])
def test_search_below_relevance_floor_returns_nothing(query):
    # Before: unrelated foods came back as results (xyzzy -> Mozzarella, Gruyère, Natto).
    assert _cat().search(query) == []


@pytest.mark.parametrize(("query", "first"), [("gou", "gouda-test"), ("nat", "natto-test")])
def test_type_ahead_last_word_may_be_unfinished(query, first):
    assert _cat().search(query)[0].food_id == first


def test_type_ahead_prefix_ranks_after_whole_words():
    idx = NameIndex(
        [
            ("berries", "Salmonberries, raw", (), "usda"),
            ("salmon", "Fish, salmon, chinook, raw", (), "usda"),
        ]
    )
    assert [h.food_id for h in idx.search("salmon")] == ["salmon", "berries"]
    assert idx.match("salmon").food_id == "salmon"
    assert idx.search("salmon", prefix=False)[0].food_id == "salmon"
    assert [h.food_id for h in idx.search("salmo", prefix=False)] == ["salmon"]  # a typo
    assert idx.match("salmonberry").food_id == "berries"


def test_every_search_result_matches_every_word():
    for hit in _cat().search("gouda cheese"):
        assert "gouda" in hit.name.lower()


def test_suggest_is_separate_from_results():
    cat = _cat()
    assert cat.search("spinnach soup") == []
    assert cat.suggest("spinnach soup")[0].food_id == "spinach-test"


def test_head_preference_and_category_heads():
    idx = NameIndex(
        [
            ("leaves", "Grape leaves, raw", (), "usda"),
            (
                "grapes",
                "Grapes, red or green (European type, such as Thompson seedless), raw",
                (),
                "usda",
            ),
            ("wurst", "Beerwurst, beer salami, pork", (), "usda"),
            ("beer", "Alcoholic beverage, beer, regular, all", (), "usda"),
            ("nuggets", "Salmon nuggets, breaded, frozen, heated", (), "usda"),
            ("fish", "Fish, salmon, Atlantic, wild, raw", (), "usda"),
        ]
    )
    assert idx.match("grapes").food_id == "grapes"
    assert idx.match("beer").food_id == "beer"
    assert idx.match("salmon").food_id == "fish"


def test_joined_words_and_one_substitution():
    idx = NameIndex([("sc", "Sour cream", ("cremefraiche 18 %",), "curated")])
    assert idx.match("crème fraîche").food_id == "sc"
    idx = NameIndex([("ch", "Cheese, cheddar", (), "usda")])
    assert idx.match("cheddar cheeze").food_id == "ch"  # one letter swapped in six
    assert idx.match("cheddar cheaze") is None  # two
