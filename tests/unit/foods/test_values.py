import pytest
from tests.unit.foods.fakes import EMMENTAL, GOUDA, NATTO, SKYR, SPINACH

from vitk.errors import UnitError
from vitk.foods.values import k2_per_100g, k_total_per_100g, per_serving, portion_grams, shown_value


def test_priority_one_wins_and_range_kept():
    sv = shown_value(NATTO, "mk7")
    assert sv.value_per_100g == 1000.0  # ODS (priority 1) over single studies
    assert (sv.low_per_100g, sv.high_per_100g) == (775.0, 1000.0)
    assert sv.source_keys[0] == "ODS-K"
    assert set(sv.source_keys) == {"ODS-K", "Tsukamoto2000", "Kamao2007"}
    assert sv.n_observations == 3


def test_median_among_equal_priority():
    only_studies = NATTO.__class__(**{**NATTO.__dict__, "observations": NATTO.observations[1:3]})
    assert shown_value(only_studies, "mk7").value_per_100g == pytest.approx((775 + 939) / 2)


def test_unmeasured_is_none_not_zero():
    assert shown_value(SPINACH, "mk7") is None
    assert k2_per_100g(SPINACH) is None
    assert k_total_per_100g(SPINACH).value_per_100g == pytest.approx(482.9)


def test_not_detected_is_zero_with_status():
    sv = shown_value(SKYR, "mk4")
    assert sv.value_per_100g == 0.0
    assert sv.status == "not_detected"


def test_range_only():
    sv = shown_value(EMMENTAL, "mk9_4h")
    assert sv.value_per_100g is None
    assert (sv.low_per_100g, sv.high_per_100g, sv.status) == (20, 65, "range_only")
    assert k2_per_100g(EMMENTAL) is None


def test_k2_sum_lists_forms_and_is_partial():
    sv = k2_per_100g(GOUDA)
    assert sv.value_per_100g == pytest.approx(20.8 + 1.6 + 9.3 + 30.0)
    assert set(sv.forms) == {"mk4", "mk7", "mk8", "mk9"}
    # MK-4, MK-7 and long-chain MKs (as one group, like the intake engine) all measured.
    assert sv.status == "measured"
    # Dihydro-K1 was not measured in this Gouda: its total K is only a lower bound.
    assert k_total_per_100g(GOUDA).status == "partial"
    # Natto: MK-4 and the other long-chain MKs were not measured.
    assert k2_per_100g(NATTO).status == "partial"


def test_ods_natto_serving():
    # ODS-K: natto 3 oz -> 850 µg MK-7
    assert per_serving(NATTO, "mk7") == pytest.approx(850.0)


def test_portion_units():
    assert portion_grams(GOUDA, "slice") == 28.0
    assert portion_grams(SPINACH, "cups") == 30.0
    with pytest.raises(UnitError, match="allowed: 1 oz, 1 slice"):
        portion_grams(GOUDA, "cup")
