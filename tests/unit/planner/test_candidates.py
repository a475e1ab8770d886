"""Candidate foods: what can be planned at all, and what fits one person."""

from __future__ import annotations

import pytest

from vitk.advisor.profile_input import profile_from_dict
from vitk.planner.candidates import (
    candidate_pool,
    exclusion_reason,
    select_candidates,
    usda_family,
    variety_key,
)


def _by_id(pool):
    return {c.food_id: c for c in pool}


def test_full_pool_never_holds_a_brand_a_mixed_dish_or_a_baby_food(full):
    pool = candidate_pool(full)
    assert len(pool) > 1000  # the shipped SR28 table, pre-filtered
    for c in pool:
        assert not any(len(w) >= 3 and w.isupper() and w.isalpha() for w in c.name.split()), c
        assert c.family in ("plant", "dairy", "eggs", "fish", "meat")
        assert "babyfood" not in c.name.lower()
        assert c.grams > 0 and c.energy_kcal >= 0


def test_usda_meat_fish_and_eggs_are_planned_cooked_only(full):
    for c in candidate_pool(full):
        if c.source_db == "usda" and c.family in ("meat", "fish", "eggs"):
            assert "raw" not in c.name.lower().replace(",", " ").split(), c.name


def test_usda_family_uses_the_longest_name_prefix():
    assert usda_family("Oil, soybean, salad or cooking", "Fats and Oils") == ("plant", True)
    assert usda_family("Oil, olive, salad or cooking", "Fats and Oils") == ("plant", False)
    assert usda_family("Margarine, regular", "Fats and Oils") == ("none", False)
    assert usda_family("Egg, whole, cooked, hard-boiled", "Dairy and Egg Products")[0] == "eggs"
    assert usda_family("Tofu, raw, firm", "Legumes and Legume Products") == ("plant", True)


def test_variety_key_groups_kinds_of_one_food():
    assert variety_key("Natto (fermented soybeans)") == variety_key("Natto, black soybean")
    assert variety_key("Nuts, almonds") != variety_key("Nuts, walnuts, english")


def test_not_measured_k2_adds_nothing(curated):
    pool = _by_id(candidate_pool(curated))
    # Curated broccoli, boiled: no menaquinone was measured (only K1 and co-nutrients).
    broccoli = pool["broccoli-boiled"]
    assert not broccoli.measured("k2_long_ug")
    assert broccoli.value("k2_long_ug") == 0.0
    assert broccoli.value("k1_ug") > 0
    natto = pool["natto"]
    assert natto.measured("mk7_ug") and natto.value("k2_long_ug") > 500


def test_energy_not_measured_is_bounded_by_its_group(curated):
    pool = candidate_pool(curated)
    gouda = _by_id(pool)["gouda-aged-nl"]
    assert gouda.energy_estimated
    measured = [c for c in pool if c.food_group == gouda.food_group and not c.energy_estimated]
    assert measured
    densest = max(c.energy_kcal / c.grams for c in measured)
    assert gouda.energy_kcal / gouda.grams == pytest.approx(densest)


def _profile(**diet):
    return profile_from_dict({"age": 40, "sex": "female", "diet": diet})


def test_vegan_keeps_only_plant_foods_and_soy_free_drops_soy(curated):
    pool = candidate_pool(curated)
    vegan = _profile(pattern="vegan")
    kept = [c for c in pool if exclusion_reason(c, vegan) is None]
    assert kept and all(c.family == "plant" for c in kept)
    assert any(c.soy for c in kept)
    vegan_sf = _profile(pattern="vegan", soy_free=True)
    kept_sf = [c for c in pool if exclusion_reason(c, vegan_sf) is None]
    assert kept_sf and not any(c.soy for c in kept_sf)
    assert {exclusion_reason(c, vegan_sf) for c in pool if c.soy} == {"soy_free"}


def test_dislikes_match_names_and_synonyms(curated):
    pool = candidate_pool(curated)
    prof = _profile(dislikes=["natto"])
    out = {c.food_id for c in pool if exclusion_reason(c, prof) == "dislikes"}
    assert "natto" in out and "natto-black-soybean-jp" in out
    assert "kale-raw" not in out


def test_pregnancy_leaves_out_blue_and_mould_ripened_cheese(full):
    pool = candidate_pool(full)
    preg = profile_from_dict({"age": 30, "sex": "female", "pregnant": True})
    out = {c.name for c in pool if exclusion_reason(c, preg) == "pregnancy_food_safety"}
    assert "Blue cheese (US)" in out and "Stilton" in out
    # curated Brie and Camembert (their SR28 entries are linked, so not in the pool twice)
    assert {"Brie cheese (US)", "Camembert cheese (US)"} <= out
    assert "Cheese, roquefort" in out  # a USDA entry
    assert not {"Cheese, brie", "Cheese, camembert"} & {c.name for c in pool}
    kept = {c.name for c in pool if exclusion_reason(c, preg) is None}
    assert "Gouda, aged" in kept


def test_antagonist_users_get_no_food_with_50_ug_mk7_a_serving(curated):
    pool = candidate_pool(curated)
    prof = _profile()
    for c in pool:
        reason = exclusion_reason(c, prof, vka=True, vka_mk7_max_ug=50.0)
        if c.value("mk7_ug") >= 50.0:
            assert reason == "vka_high_mk7", c.name
        if reason is None:
            assert c.value("mk7_ug") < 50.0 and c.measured("k1_ug")


def test_selection_keeps_the_best_per_serving_and_per_kcal(curated):
    pool = candidate_pool(curated)
    chosen = select_candidates(pool, ["k2_long_ug"], n=3)
    best = max(pool, key=lambda c: c.value("k2_long_ug"))
    assert best in chosen
    assert len(chosen) <= 6
    assert all(c.value("k2_long_ug") > 0 for c in chosen)
