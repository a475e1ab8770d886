"""The status of a shown value follows the provenance of the observations behind it.

USDA SR28 values carry their source code (Src_Cd): analytical values are ``measured``,
calculated or imputed ones ``imputed`` and Src_Cd 7 ``assumed_zero`` (docs/food-data.md).
"""

from __future__ import annotations

import pytest

from vitk.foods.model import Food, Observation, Portion, status_label
from vitk.foods.values import k2_per_100g, k_total_per_100g, shown_value


def usda(nutrient: str, value: float, src: str, status: str) -> Observation:
    return Observation(
        nutrient=nutrient,
        value_per_100g=value,
        source_key="USDA-SR28",
        status=status,  # type: ignore[arg-type]
        priority=1,
        usda_src_cd=src,
    )


def study(nutrient: str, value: float, key: str = "Kamao2007", priority: int = 1) -> Observation:
    return Observation(nutrient=nutrient, value_per_100g=value, source_key=key, priority=priority)


def food(*observations: Observation) -> Food:
    return Food(
        food_id="test-food",
        name="test food",
        food_group="test",
        source_db="curated",
        observations=observations,
        portions=(Portion("1 oz", 28.35, "USDA-SR28"),),
        typical_serving="1 oz",
    )


def test_imputed_value_is_labelled_with_its_code() -> None:
    sv = shown_value(food(usda("k1", 23.1, "4", "imputed")), "k1")
    assert sv is not None
    assert (sv.value_per_100g, sv.status, sv.usda_src_cd) == (23.1, "imputed", "4")
    assert sv.status_label == "imputed (USDA Src_Cd 4)"
    assert sv.counts_as_measured  # USDA's best estimate: shown and counted
    assert sv.to_dict()["usda_src_cd"] == "4"


def test_assumed_zero_is_zero_but_not_measured() -> None:
    sv = shown_value(food(usda("vitamin_d", 0.0, "7", "assumed_zero")), "vitamin_d")
    assert sv is not None
    assert (sv.value_per_100g, sv.status, sv.usda_src_cd) == (0.0, "assumed_zero", "7")
    assert sv.status_label == "assumed zero (USDA Src_Cd 7)"
    assert not sv.counts_as_measured


def test_analytical_value_stays_measured() -> None:
    sv = shown_value(food(usda("calcium", 217.0, "1", "measured")), "calcium")
    assert sv is not None
    assert (sv.status, sv.usda_src_cd, sv.status_label) == ("measured", "", "measured")
    assert sv.counts_as_measured


@pytest.mark.parametrize(
    ("observations", "value", "status", "codes"),
    [
        # median 2 comes from the imputed observation
        ([("m", 1.0), ("i", 2.0), ("m", 3.0)], 2.0, "imputed", "4"),
        # median 2 comes from a measured one: imputed values around it do not matter
        ([("i", 1.0), ("m", 2.0), ("i", 3.0)], 2.0, "measured", ""),
        # even count: the mean of the two middle values, one of them imputed
        ([("m", 1.0), ("i", 3.0)], 2.0, "imputed", "4"),
        # an analysed value equal to the imputed one vouches for it
        ([("i", 2.0), ("m", 2.0), ("m", 9.0)], 2.0, "measured", ""),
        # an assumed zero in the middle of a mix is not a measurement either
        ([("z", 0.0), ("m", 4.0)], 2.0, "imputed", "7"),
    ],
)
def test_status_follows_the_observations_behind_the_median(
    observations: list[tuple[str, float]], value: float, status: str, codes: str
) -> None:
    kinds = {"m": ("1", "measured"), "i": ("4", "imputed"), "z": ("7", "assumed_zero")}
    obs = [usda("k1", v, *kinds[k]) for k, v in observations]
    sv = shown_value(food(*obs), "k1")
    assert sv is not None
    assert (sv.value_per_100g, sv.status, sv.usda_src_cd) == (value, status, codes)


def test_value_rule_is_unchanged_by_provenance() -> None:
    # priority still decides first: an imputed priority-1 value beats measured studies
    f = food(usda("k1", 23.1, "4", "imputed"), study("k1", 30.0, priority=2))
    sv = shown_value(f, "k1")
    assert sv is not None
    assert (sv.value_per_100g, sv.low_per_100g, sv.high_per_100g) == (23.1, 23.1, 30.0)
    assert sv.status == "imputed"


def test_k2_sum_of_assumed_zeros_only_is_not_measured() -> None:
    sv = k2_per_100g(food(usda("mk4", 0.0, "7", "assumed_zero")))
    assert sv is not None
    assert (sv.value_per_100g, sv.status, sv.usda_src_cd) == (0.0, "assumed_zero", "7")
    assert sv.forms == () and sv.assumed_zero_forms == ("mk4",)
    assert not sv.counts_as_measured


def test_sums_carry_imputed_and_assumed_parts() -> None:
    f = food(
        usda("mk4", 5.0, "4", "imputed"),
        study("mk7", 1.0),
        study("mk9", 2.0),
        usda("k1", 0.0, "7", "assumed_zero"),
        usda("dihydro_k1", 1.0, "1", "measured"),
    )
    k2 = k2_per_100g(f)
    assert k2 is not None
    assert (k2.value_per_100g, k2.status, k2.usda_src_cd) == (8.0, "imputed", "4")
    assert k2.counts_as_measured
    total = k_total_per_100g(f)
    assert total is not None
    # K1 is only an assumed zero: it adds 0 and the total stays a lower bound
    assert (total.value_per_100g, total.status) == (9.0, "partial")
    assert total.assumed_zero_forms == ("k1",)
    assert "k1" not in total.forms
    assert total.counts_as_measured


def test_status_label_helper() -> None:
    assert status_label("imputed", "4") == "imputed (USDA Src_Cd 4)"
    assert status_label("not_detected") == "not detected"
    assert Observation("k1", 1.0, "USDA-SR28", usda_src_cd="1").status_label == (
        "measured (USDA Src_Cd 1)"
    )
