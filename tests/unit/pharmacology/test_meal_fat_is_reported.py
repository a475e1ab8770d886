"""The meal fat a simulation used is in its result, and a form it cannot change says so."""

import pytest

from vitk.errors import InputError
from vitk.pharmacology import simulate_pk
from vitk.pharmacology.summaries import mk4_meal_fat_factor


def test_mk4_result_records_the_fat_and_the_factor_applied():
    low = simulate_pk("MK-4", 15000.0, days=1, meal_fat_g=8.8)
    ref = simulate_pk("MK-4", 15000.0, days=1)
    assert low.meta["meal_fat_g"] == 8.8
    factor = low.meta["mk4_meal_fat_factor"]
    assert factor == pytest.approx(mk4_meal_fat_factor(8.8))
    assert factor == pytest.approx(371.0 / 485.0, rel=0.02)  # Uematsu1996 AUC ratio
    assert low.summary["cmax_ng_per_ml"] == pytest.approx(
        factor * ref.summary["cmax_ng_per_ml"], rel=1e-6
    )
    assert "8.8 g fat" in low.meta["notes"][0]
    assert "meal_fat_g" not in ref.meta  # nothing claimed when no fat was given


def test_meal_fat_with_mk7_is_checked_and_said_to_change_nothing():
    res = simulate_pk("MK-7", 100.0, days=1, meal_fat_g=35.0)
    assert res.meta["mk4_meal_fat_factor"] is None
    assert "changes only MK-4" in res.meta["notes"][0]
    plain = simulate_pk("MK-7", 100.0, days=1)
    assert res.summary["cmax_nmol_per_l"] == plain.summary["cmax_nmol_per_l"]
    with pytest.raises(InputError, match="meal_fat_g must be from 0 to 100 g; got 500"):
        simulate_pk("MK-7", 100.0, days=1, meal_fat_g=500.0)
