"""A labelled set of diary food names: what each must match (or that it must be refused).

Run against the curated foods alone and against curated plus every USDA SR28 name (as
after ``vitk data import-usda``). The reviewer's wrong matches (bread → Chicken breast,
beer → Beef chuck or Beerwurst, salmon → Salmonberries, grapes → Grape leaves …) are
in the set; each case is one test, so precision is 100 % or the suite fails.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from vitk.errors import UnknownFoodError
from vitk.foods.catalogue import Catalogue
from vitk.foods.curated import load_curated_foods

#: NDB_No, FdGrp_Cd and Long_Desc of every SR28 food (cut by scripts/slice_test_data.py).
SR28_NAMES = Path(__file__).resolve().parents[2] / "data" / "sr28-food-names.txt.gz"

Expect = Callable[[str, str], bool] | None  # (food_id, name) -> ok; None: must be refused


def ids(*food_ids: str) -> Callable[[str, str], bool]:
    return lambda fid, name: fid in food_ids


def starts(prefix: str) -> Callable[[str, str], bool]:
    return lambda fid, name: name.lower().startswith(prefix.lower())


GOUDA = ids("gouda-aged-nl", "gouda-middle-aged-nl")
CHEDDAR = ids("cheddar-us", "cheddar-au")

#: query, expected with curated foods only, expected after the USDA SR28 import
CASES: list[tuple[str, Expect, Expect]] = [
    # the reviewer's wrong matches
    ("bread", None, starts("Bread,")),
    ("beer", None, starts("Alcoholic beverage, beer")),
    ("fish", None, starts("Fish,")),
    ("lettuce", starts("Lettuce,"), starts("Lettuce,")),
    ("grapes", None, starts("Grapes,")),
    ("chick peas", None, starts("Chickpeas")),
    ("brie", ids("brie-us"), ids("brie-us")),  # curated Brie (SR28 01006) on top
    ("salmon", None, starts("Fish, salmon")),
    ("brea", None, starts("Bread")),  # a typo of bread, never "breast"
    # typical good ones
    ("natto", ids("natto"), ids("natto")),
    ("nato", ids("natto"), ids("natto")),
    ("gouda", GOUDA, GOUDA),
    ("goudа", GOUDA, GOUDA),  # Cyrillic а: dropped, "goud" still matches
    ("gouda cheese", GOUDA, lambda fid, name: "gouda" in name.lower()),
    ("goudda cheeze", GOUDA, GOUDA),
    ("chedar chese", CHEDDAR, CHEDDAR),
    ("cheddar cheese", CHEDDAR, CHEDDAR),
    ("brussels sprouts", starts("Brussels sprouts"), starts("Brussels sprouts")),
    ("brussel sprouts", starts("Brussels sprouts"), starts("Brussels sprouts")),
    ("egg yolks", ids("egg-yolk-raw-us"), ids("egg-yolk-raw-us")),
    ("crème fraîche", ids("sour-cream-18-dk"), ids("sour-cream-18-dk")),
    ("creme fraiche", ids("sour-cream-18-dk"), ids("sour-cream-18-dk")),
    ("sauerkraut", ids("sauerkraut-canned-us"), ids("sauerkraut-canned-us")),
    ("spinach raw", ids("spinach-raw"), ids("spinach-raw")),
    ("spinch", ids("spinach-raw"), ids("spinach-raw")),
    ("brocoli", ids("broccoli-raw"), ids("broccoli-raw")),
    ("kale cooked", ids("kale-raw"), starts("Kale, cooked")),
    ("chicken breast", ids("chicken-breast-rotisserie-us"), ids("chicken-breast-rotisserie-us")),
    ("soybean oil", ids("soybean-oil"), ids("soybean-oil")),
    ("blue cheese", ids("blue-cheese-us"), ids("blue-cheese-us")),
    ("hamburger", ids("ground-beef-broiled-us"), ids("ground-beef-broiled-us")),
    ("leverpostej", ids("pork-liver-pate-dk"), ids("pork-liver-pate-dk")),
    ("emmentaler", ids("emmental-ripened-ch", "emmental-young-ch"), starts("Emmental")),
    (
        "chicken livers",
        ids("chicken-liver-raw-us", "chicken-liver-braised-us"),
        starts("Chicken liver"),
    ),
    ("yoghurt", ids("yogurt-plain-whole-us"), starts("Yogurt")),
    ("olive oil", ids("olive-oil"), ids("olive-oil")),
    ("avocado", None, starts("Avocados")),
    ("tomatoes", None, starts("Tomatoes,")),
    ("apples", None, starts("Apples,")),
    ("xyzzy", None, None),
]


@pytest.fixture(scope="module")
def curated() -> Catalogue:
    return Catalogue(load_curated_foods())


def _sr28_names(path: Path) -> list[tuple[str, str, str]]:
    out = []
    with gzip.open(path, "rt", encoding="latin-1") as fh:
        for line in fh:
            f = line.rstrip("\r\n").split("^")
            out.append(("usda:" + f[0].strip("~"), f[2].strip("~"), f[1].strip("~")))
    return out


@pytest.fixture(scope="module")
def with_usda() -> Catalogue:
    names = _sr28_names(SR28_NAMES)
    assert len(names) == 8789  # every SR28 food
    return Catalogue(load_curated_foods(), names, None)


def _check(cat: Catalogue, query: str, expect: Expect) -> None:
    hit = cat.index.match(query)
    if expect is None:
        assert hit is None, f"{query!r} must be refused, got {hit.name!r} [{hit.food_id}]"
        with pytest.raises(UnknownFoodError) as exc:
            cat.resolve(query)
        assert "\n" not in str(exc.value) and f"Unknown food '{query}'" in str(exc.value)
    else:
        assert hit is not None, f"{query!r} must match, got nothing"
        assert expect(hit.food_id, hit.name), f"{query!r} -> {hit.name!r} [{hit.food_id}]"


@pytest.mark.parametrize(("query", "expect"), [(q, c) for q, c, _ in CASES])
def test_diary_match_curated_only(curated, query, expect):
    _check(curated, query, expect)


@pytest.mark.parametrize(("query", "expect"), [(q, u) for q, _, u in CASES])
def test_diary_match_after_usda_import(with_usda, query, expect):
    _check(with_usda, query, expect)


def test_labelled_set_is_big_enough():
    assert len(CASES) >= 30
    assert sum(c is None for _, c, _ in CASES) >= 10  # refusals are tested, not only hits


@pytest.mark.parametrize(
    ("query", "exact"),
    [
        ("natto", True),
        ("egg yolks", True),
        ("Spinach, raw", True),
        ("spinch", False),
        ("chedar chese", False),
        ("chicken breast", False),
    ],
)
def test_exact_flag(curated, query, exact):
    _, hit = curated.resolve(query)
    assert hit.exact is exact
    assert (hit.score == 100.0) is exact


def test_refusal_offers_did_you_mean(curated):
    with pytest.raises(UnknownFoodError) as exc:
        curated.resolve("chedar chise sandwich")
    msg = str(exc.value)
    assert "Did you mean: 'Cheddar cheese" in msg
    assert msg.count("'") <= 2 + 2 * 3  # the query and at most 3 suggestions


@pytest.mark.parametrize("query", ["salmon", "beer", "bread", "grapes"])
def test_no_prefix_or_substring_match_in_diary(with_usda, query):
    hit = with_usda.index.match(query)
    assert hit is not None
    assert query.rstrip("s") in hit.name.lower().replace(",", " ").split() or any(
        w.startswith(query.rstrip("s")) and len(w) <= len(query) + 2
        for w in hit.name.lower().replace(",", " ").split()
    ), hit.name
