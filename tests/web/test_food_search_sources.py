"""Web food search and its type-ahead give each value's source keys and mark lower-bound
totals."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Api


def test_food_search_gives_source_keys_and_lower_bounds(api: Api) -> None:
    from vitk.references import get

    hits = api.get("/api/foods/search?q=gouda").json()["hits"]
    gouda = next(h for h in hits if h["food_id"] == "gouda-aged-nl")
    assert gouda["k2_ug_per_100g"] == pytest.approx(72.9)
    assert gouda["source_keys"] == ["Vermeer2018"] and gouda["k2_status"] == "measured"
    assert gouda["k2_lower_bound"] is False
    natto = next(h for h in api.get("/api/foods/search?q=natto").json()["hits"])
    assert natto["k2_status"] == "partial" and natto["k2_lower_bound"] is True
    for q in ("gouda", "natto", "kale", "chicken", "egg"):
        for h in api.get(f"/api/foods/search?q={q}&limit=20").json()["hits"]:
            if h["k2_ug_per_100g"] is None:
                assert h["source_keys"] == [] and h["k2_status"] is None
            else:
                assert h["source_keys"], h
                for key in h["source_keys"]:
                    get(key)  # resolves to a full citation (KeyError otherwise)
    page = api.get("/foods?q=gouda").text
    row = re.search(r'<tr data-food="gouda-aged-nl">(.*?)</tr>', page)
    assert row is not None and "72.9" in row.group(1) and "Vermeer2018" in row.group(1)
    row = re.search(r'<tr data-food="natto">(.*?)</tr>', api.get("/foods?q=natto").text)
    assert row is not None and "≥</abbr>1000.0" in row.group(1)
    assert "Tsukamoto2000" in row.group(1)


def test_typeahead_label_shows_sources_and_lower_bound() -> None:
    from tests.web.conftest import REPO

    js = (REPO / "src/vitk/web/static/typeahead.js").read_text()
    assert "hit.source_keys" in js and "hit.k2_lower_bound" in js
