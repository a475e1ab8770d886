"""One-word queries take a merge over per-word ranked lists; the result is the rule's.

The general path scores every candidate label; the one-word path merges lists ranked
once per vocabulary word and stops after ``limit`` foods. Both must give the same foods,
scores and exact flags, with and without type-ahead prefixes, over the whole SR28 name
list (typos, prefixes, plurals, synonyms, group words and negating words included).
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods
from vitk.foods.search import NameIndex, tokens

SR28_NAMES = Path(__file__).resolve().parents[2] / "data" / "sr28-food-names.txt.gz"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    names = []
    with gzip.open(SR28_NAMES, "rt", encoding="latin-1") as fh:
        for line in fh:
            ndb, group, desc = line.rstrip("\n").split("^")[:3]
            names.append((f"usda:{ndb.strip('~')}", desc.strip("~"), group.strip("~")))
    return Catalogue(load_curated_foods(), names).index


FIXED = [
    "beef",
    "pork",
    "milk",
    "butter",
    "ham",
    "egg",
    "eggs",
    "cheese",
    "chicken",
    "nato",
    "spinch",
    "chedar",
    "gou",
    "goud",
    "brie",
    "yoghurt",
    "chees",
    "cheeze",
    "oil",
    "liver",
    "imitation",
    "meatless",
    "salmon",
    "beer",
    "bread",
    "brea",
    "grapes",
    "kraut",
    "emmentaler",
]


def _general(index: NameIndex, query: str, prefix: bool) -> list[tuple[str, float, bool]]:
    q = list(tokens(query))
    hits = index._search_general(q, [0], 10, prefix=prefix)
    return [(h.food_id, h.score, h.exact) for h in hits]


def test_one_word_path_gives_the_rule_result(index: NameIndex) -> None:
    rng = random.Random(20261207)
    vocab = [w for w in index._vocab if len(w) > 2 and not w.isdigit()]
    words = FIXED + rng.sample(vocab, 400) + [w[:4] for w in rng.sample(vocab, 100)]
    compared = 0
    for word in words:
        q = tokens(word)
        if len(q) != 1 or q[0] in ("raw", "the", "and", "with"):
            continue
        for prefix in (True, False):
            fast = [(h.food_id, h.score, h.exact) for h in index.search(word, 10, prefix=prefix)]
            assert fast == _general(index, word, prefix), (word, prefix)
            compared += 1
    assert compared > 900


def test_limit_stops_the_merge_early_without_changing_the_order(index: NameIndex) -> None:
    ten = [h.food_id for h in index.search("beef", 10)]
    three = [h.food_id for h in index.search("beef", 3)]
    assert three == ten[:3]
    assert len(set(ten)) == 10  # each food once


def test_cached_results_equal_fresh_ones_and_are_a_copy(index: NameIndex) -> None:
    first = index.search("ground beef", 5)
    first.clear()  # a caller changing its list does not change the cache
    again = index.search("ground beef", 5)
    index.clear_caches()
    fresh = index.search("ground beef", 5)
    assert again == fresh and len(fresh) == 5
    assert index.search("ground beef", 3) == fresh[:3]  # the limit is part of the key


def test_length_prefilter_drops_no_word_a_full_scan_finds(index: NameIndex) -> None:
    from rapidfuzz import fuzz, process

    rng = random.Random(7)
    vocab = [w for w in index._vocab if len(w) >= 4]
    typos = [w[:2] + w[3:] for w in rng.sample(vocab, 100)]  # one letter dropped
    for word in [*FIXED, *rng.sample(vocab, 200), *typos]:
        if len(word) < 4:
            continue
        full = {
            c
            for c, score, _ in process.extract(
                word, index._vocab, scorer=fuzz.ratio, score_cutoff=85.0, limit=None
            )
        }
        index.clear_caches()
        assert full <= set(index._word_matches(word)), word
