"""The VKA food list is computed once per food, and each caller still gets its own entries."""

from __future__ import annotations

from tests.unit.foods.fakes import ALL, GOUDA, NATTO

from vitk.advisor import vka_foods


def test_entries_match_a_fresh_computation_and_are_not_shared() -> None:
    vka_foods._cached_entry.cache_clear()
    first = vka_foods.vka_food_list(ALL)
    assert first, "the fake foods include K1 greens and K2 foods"
    # A caller marks entries (the advisor adds "flagged"); the next call must not see it.
    for entry in first:
        entry["flagged"] = True
        entry["by_form"]["k1"]["source_keys"].append("Changed")
        entry["source_keys"].clear()
    second = vka_foods.vka_food_list(ALL)
    assert all("flagged" not in e for e in second)
    assert all("Changed" not in e["by_form"]["k1"]["source_keys"] for e in second)
    assert all(e["source_keys"] for e in second)
    # Cached entries equal entries computed with an empty cache.
    vka_foods._cached_entry.cache_clear()
    assert vka_foods.vka_food_list(ALL) == second


def test_each_food_is_valued_once() -> None:
    vka_foods._cached_entry.cache_clear()
    vka_foods.vka_food_list([NATTO, GOUDA])
    vka_foods.long_chain_k2_list([NATTO, GOUDA])
    info = vka_foods._cached_entry.cache_info()
    assert info.misses == 2 and info.hits == 2
