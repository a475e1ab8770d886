import datetime as dt

import pytest
from tests.unit.foods.fakes import ALL, GOUDA, NATTO, SPINACH

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue
from vitk.intake import Diary, summarise
from vitk.lifestage import life_stage

CAT = Catalogue(ALL)


def diary(*rows):
    return Diary.from_rows(
        [dict(zip(("date", "kind", "item", "amount"), r, strict=True)) for r in rows]
    )


def test_food_rows_scale_by_grams_and_portions():
    s = summarise(
        diary(
            ("2026-01-01", "food", "natto", "3 oz"),
            ("2026-01-01", "food", "gouda aged", "2 slices"),
        ),
        catalogue=CAT,
    )
    day = s.days[0]
    # 3 oz = 85.05 g of natto at 1000 µg/100 g MK-7 (ODS-K shown value)
    assert day.mk7_ug == pytest.approx(1000 * 85.0486 / 100 + 1.6 * 56 / 100, rel=1e-4)
    assert day.mk4_ug == pytest.approx(20.8 * 0.56)
    assert day.mk_long_other_ug == pytest.approx((9.3 + 30.0) * 0.56)
    assert day.k2_total_ug == pytest.approx(day.mk4_ug + day.mk7_ug + day.mk_long_other_ug)
    assert day.k_total_ug == pytest.approx(day.k2_total_ug + day.k1_ug + day.dihydro_k1_ug)
    assert [m.food_id for m in s.matches] == ["natto-test", "gouda-test"]


def test_supplements_and_iu():
    s = summarise(
        diary(
            ("2026-01-01", "supplement", "MK-7", "180 mcg"),
            ("2026-01-01", "supplement", "vitamin D3", "1,000 IU"),
            ("2026-01-01", "supplement", "calcium", "0.5 g"),
            ("2026-01-01", "supplement", "magnesium", "200 mg"),
        ),
        catalogue=CAT,
    )
    d = s.days[0]
    assert (d.mk7_ug, d.vitamin_d_ug, d.calcium_mg, d.magnesium_mg) == (180, 25, 500, 200)
    assert d.supplements["magnesium_mg"] == 200


def test_totals_are_order_independent():
    rows = [
        ("2026-01-01", "food", "natto", "40 g"),
        ("2026-01-02", "food", "spinach", "1 cup"),
        ("2026-01-01", "supplement", "K1", "100 mcg"),
        ("2026-01-02", "food", "gouda aged", "30 g"),
    ]
    a = summarise(diary(*rows), catalogue=CAT)
    b = summarise(diary(*reversed(rows)), catalogue=CAT)
    assert [d.to_dict() for d in a.days] == [d.to_dict() for d in b.days]


def test_consistency_band_and_cv():
    rows = [
        ("2026-01-01", "supplement", "K1", "100 mcg"),
        ("2026-01-02", "supplement", "K1", "100 mcg"),
        ("2026-01-03", "supplement", "K1", "100 mcg"),
        ("2026-01-04", "supplement", "K1", "200 mcg"),
    ]
    c = summarise(diary(*rows), catalogue=CAT).consistency
    assert c.mean_ug == pytest.approx(125)
    assert c.sd_ug == pytest.approx(50)
    assert c.cv_pct == pytest.approx(40)
    # 100 µg is exactly 20 % below the mean of 125 µg: on the band edge, so inside.
    assert c.days_outside_band == (dt.date(2026, 1, 4),)


def test_rolling_mean_uses_seven_calendar_days():
    rows = [(f"2026-01-{d:02d}", "supplement", "K1", f"{d * 10} mcg") for d in range(1, 10)]
    r = summarise(diary(*rows), catalogue=CAT).rolling_7d
    assert r[6]["k_total_ug"] == pytest.approx(sum(range(1, 8)) * 10 / 7)
    assert r[8]["n_days"] == 7
    assert r[8]["k_total_ug"] == pytest.approx(sum(range(3, 10)) * 10 / 7)


def test_coverage_counts_unmeasured_k2():
    s = summarise(
        diary(("2026-01-01", "food", "spinach", "1 cup"), ("2026-01-01", "food", "natto", "40 g")),
        catalogue=CAT,
    )
    assert s.coverage.foods_logged == 2
    assert s.coverage.k2_measured_share == 0.5
    assert s.coverage.foods_k2_unmeasured == (SPINACH.name,)


def test_targets_comparison():
    s = summarise(
        diary(("2026-01-01", "supplement", "magnesium", "400 mg")),
        catalogue=CAT,
        stage=life_stage(40, "female"),
    )
    rows = {r["target"]: r for r in s.comparison}
    assert rows["magnesium_ul"]["status"] == "above UL"
    assert rows["vitamin_k_us"]["reference"] == 90
    assert rows["vitamin_k1_efsa"]["reference"] == 70


@pytest.mark.parametrize(
    ("row", "match"),
    [
        (("2026-01-01", "food", "xylophone", "1 g"), "row 1: Unknown food 'xylophone'"),
        (("2026-01-01", "food", "natto", "40 furlongs"), "row 1: unit 'furlongs'"),
        (("2026-01-01", "food", "natto", "-5 g"), "row 1: amount must be ≥ 0"),
        (("2026-01-01", "food", "natto", "40"), "has no unit"),
        (("2026-01-01", "food", "natto", "9 kg"), "the most one row may hold is 5,000 g"),
        (("2026-01-01", "supplement", "MK-99", "1 mg"), "row 1: unknown supplement 'MK-99'"),
        (("2026-01-01", "supplement", "MK-7", "100 IU"), "IU is only accepted for vitamin D"),
        (("2026-01-01", "supplement", "vitamin D3", "10000000 IU"), "the most one row may hold"),
        (("2026-01-01", "supplement", "calcium", "2 cups"), "unknown unit 'cups'"),
    ],
)
def test_bad_rows(row, match):
    with pytest.raises(DiaryError, match=match) as exc:
        summarise(diary(row), catalogue=CAT)
    assert "\n" not in str(exc.value)


def test_serving_unit_uses_typical_serving():
    s = summarise(diary(("2026-01-01", "food", "natto", "1 serving")), catalogue=CAT)
    assert s.days[0].mk7_ug == pytest.approx(850)
    assert GOUDA.typical_serving == "1 oz"
    assert NATTO.typical_serving == "3 oz"
