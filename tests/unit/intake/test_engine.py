import datetime as dt

import pytest
from tests.unit.foods.fakes import ALL, GOUDA, NATTO, SPINACH

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue
from vitk.intake import DAY_FIELDS, Diary, summarise
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
        summarise(diary(row), catalogue=CAT, strict=True)
    assert "\n" not in str(exc.value)


def test_serving_unit_uses_typical_serving():
    s = summarise(diary(("2026-01-01", "food", "natto", "1 serving")), catalogue=CAT)
    assert s.days[0].mk7_ug == pytest.approx(850)
    assert GOUDA.typical_serving == "1 oz"
    assert NATTO.typical_serving == "3 oz"


# -- unknown is not zero: not measured / lower bound ----------------------------------------
def test_marks_per_day_follow_the_foods_logged():
    s = summarise(
        diary(
            ("2026-01-01", "food", "natto", "40 g"),  # K1 and MK-7 only
            ("2026-01-02", "food", "gouda aged", "30 g"),  # K1, MK-4, MK-7, MK-8, MK-9, Ca
            ("2026-01-02", "food", "natto", "40 g"),
        ),
        catalogue=CAT,
    )
    d1, d2 = s.days
    assert d1.not_measured == {
        "dihydro_k1_ug",
        "mk4_ug",
        "mk_long_other_ug",
        "calcium_mg",
        "vitamin_d_ug",
        "magnesium_mg",
    }
    assert d1.lower_bound == {"k2_total_ug", "k_total_ug"}
    assert d1.status("mk7_ug") == "measured" and d1.status("mk4_ug") == "not_measured"
    # Gouda measured MK-4, the other MKs and calcium; natto did not: lower bounds.
    assert {"mk4_ug", "mk_long_other_ug", "calcium_mg"} <= d2.lower_bound
    assert d2.not_measured == {"dihydro_k1_ug", "vitamin_d_ug", "magnesium_mg"}
    assert d2.status("k1_ug") == d2.status("mk7_ug") == "measured"
    out = d2.to_dict()
    assert out["mk4_ug"] == pytest.approx(20.8 * 0.3, abs=0.01)  # numbers stay numbers
    assert out["not_measured"] == ["dihydro_k1_ug", "vitamin_d_ug", "magnesium_mg"]
    assert out["lower_bound"][:3] == ["mk4_ug", "mk_long_other_ug", "k2_total_ug"]


def test_supplement_counts_as_measured_for_its_own_form():
    rows = [
        ("2026-01-01", "food", "gouda aged", "30 g"),
        ("2026-01-01", "supplement", "MK-4", "45 mcg"),
        ("2026-01-02", "food", "natto", "40 g"),
        ("2026-01-02", "supplement", "MK-4", "45 mcg"),
    ]
    d1, d2 = summarise(diary(*rows), catalogue=CAT).days
    assert d1.status("mk4_ug") == "measured"  # gouda measured MK-4, the capsule is known
    assert d2.status("mk4_ug") == "lower_bound"  # natto has no MK-4 value


def test_a_day_without_food_has_an_unknown_diet():
    s = summarise(diary(("2026-01-01", "supplement", "MK-7", "90 mcg")), catalogue=CAT)
    day = s.days[0]
    assert day.mk7_ug == 90 and day.status("mk7_ug") == "lower_bound"
    assert day.status("k1_ug") == "not_measured" and day.status("calcium_mg") == "not_measured"
    assert s.coverage.k2_measured_share is None
    assert s.coverage.to_dict()["note"] == "No foods logged: totals come from supplements only."


def test_rolling_and_mean_marks_cover_the_window():
    rows = [
        ("2026-01-01", "food", "gouda aged", "30 g"),
        ("2026-01-02", "food", "natto", "40 g"),
        ("2026-01-10", "food", "natto", "40 g"),
    ]
    s = summarise(diary(*rows), catalogue=CAT)
    r = s.rolling_7d
    assert r[0]["not_measured"] == list(s.days[0].to_dict()["not_measured"])
    assert "mk4_ug" in r[1]["lower_bound"]  # gouda (MK-4) and natto (none) in one window
    assert "mk4_ug" in r[2]["not_measured"]  # only natto in the last 7 days
    data = s.to_dict()
    assert "mk4_ug" in data["mean_daily_lower_bound"]
    assert "dihydro_k1_ug" in data["mean_daily_not_measured"]


def test_measurement_marks_of_totals():
    from vitk.intake.engine import measurement_marks

    nm, lb = measurement_marks(set(), {"mk4_ug", "mk7_ug", "mk_long_other_ug"})
    assert nm == {"mk4_ug", "mk7_ug", "mk_long_other_ug", "k2_total_ug"}
    assert lb == {"k_total_ug"}  # K1 and dihydro-K1 had no source lacking them
    nm, lb = measurement_marks(
        set(), {"k1_ug", "dihydro_k1_ug", "mk4_ug", "mk7_ug", "mk_long_other_ug"}
    )
    assert {"k2_total_ug", "k_total_ug"} <= nm and lb == set()
    nm, lb = measurement_marks({"k1_ug", "mk7_ug"}, {"mk4_ug"})
    assert nm == {"mk4_ug"} and lb == {"k2_total_ug", "k_total_ug"}
    nm, lb = measurement_marks({"k1_ug", "dihydro_k1_ug", "mk4_ug", "mk7_ug"}, set())
    assert nm == set() and lb == set()


def test_source_keys_per_field_and_day():
    s = summarise(
        diary(
            ("2026-01-01", "food", "natto", "40 g"),
            ("2026-01-02", "food", "spinach", "1 cup"),
        ),
        catalogue=CAT,
    )
    all_keys = s.source_keys()
    assert all_keys["mk7_ug"] == ["Kamao2007", "ODS-K", "Tsukamoto2000"]
    assert all_keys["magnesium_mg"] == ["USDA-SR28"]  # spinach only
    assert all_keys["mk4_ug"] == []  # nothing measured MK-4
    assert set(all_keys["k_total_ug"]) >= set(all_keys["k1_ug"]) | set(all_keys["mk7_ug"])
    day1 = s.source_keys([s.days[0]])
    assert day1["magnesium_mg"] == [] and day1["k1_ug"] == ["USDA-SR28"]
    assert s.to_dict()["source_keys"] == all_keys


def test_comparison_marks_unmeasured_intake():
    s = summarise(
        diary(("2026-01-01", "food", "natto", "40 g")),
        catalogue=CAT,
        stage=life_stage(40, "female"),
    )
    rows = {r["target"]: r for r in s.comparison}
    # Natto has no vitamin D value: no comparison, not "below".
    assert rows["vitamin_d"]["intake_status"] == "not_measured"
    assert rows["vitamin_d"]["status"] == "not measured in the logged foods"
    assert rows["vitamin_d"]["pct_of_reference"] is None
    assert rows["vitamin_k_us"]["intake_status"] == "lower_bound"
    assert rows["vitamin_k1_efsa"]["intake_status"] == "measured"
    assert rows["magnesium_ul"]["intake_status"] == "measured"  # supplements only


@pytest.mark.parametrize("band", [float("nan"), float("inf"), 0, -5, 1000, "abc", None, True])
def test_band_is_validated_in_the_library(band):
    from vitk.errors import InputError

    with pytest.raises(InputError, match=r"band_pct must be a number above 0 and at most 100") as e:
        summarise(
            diary(("2026-01-01", "supplement", "K1", "100 mcg")), catalogue=CAT, band_pct=band
        )
    assert f"got '{band}'" in str(e.value) and "\n" not in str(e.value)


# -- every bad row at once ------------------------------------------------------------------
def test_summarise_reports_every_bad_row_in_order():
    from vitk.intake.diary import DiaryRowsError

    with pytest.raises(DiaryRowsError) as exc:
        summarise(
            diary(
                ("2026-01-01", "food", "natto", "40 g"),
                ("2026-01-01", "food", "xylophone", "1 g"),
                ("2026-01-02", "supplement", "MK-99", "1 mg"),
                ("2026-01-02", "food", "natto", "40 furlongs"),
                ("2026-01-03", "supplement", "MK-7", "100 IU"),
            ),
            catalogue=CAT,
            strict=True,
        )
    lines = str(exc.value).splitlines()
    assert [line.split(":")[0] for line in lines] == ["row 2", "row 3", "row 4", "row 5"]
    assert "Unknown food 'xylophone'" in lines[0] and "unknown supplement 'MK-99'" in lines[1]
    assert "unit 'furlongs'" in lines[2] and "IU is only accepted for vitamin D" in lines[3]


# -- compact numbers in messages ------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("2026-01-01", "food", "natto", "1e308 g"),
            "is 1e+308 g; the most one row may hold is 5,000 g.",
        ),
        (
            ("2026-01-01", "supplement", "calcium", "1e300 g"),
            "is 1e+303 mg; the most one row may hold is 5,000 mg.",
        ),
        (("2026-01-01", "food", "natto", "12345 g"), "is 12,345 g;"),
    ],
)
def test_huge_amounts_give_short_messages(row, expected):
    with pytest.raises(DiaryError) as exc:
        summarise(diary(row), catalogue=CAT)
    assert expected in str(exc.value)
    assert len(str(exc.value)) < 150 and "\n" not in str(exc.value)


def test_amount_that_overflows_is_refused():
    with pytest.raises(
        DiaryError, match=r"row 1: Cannot read amount '1e999 g': the number is too large"
    ):
        summarise(diary(("2026-01-01", "food", "natto", "1e999 g")), catalogue=CAT)


# -- everyday spellings ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "grams"),
    [
        ("3 OZ", 85.0486),
        ("85 G", 85.0),
        ("0.085 KG", 85.0),
        ("2 Cups", 60.0),
        ("½ cup", 15.0),
        ("1 1/2 cup", 45.0),
        ("1½ cups", 45.0),
        ("1 ½ CUPS", 45.0),
        ("¼ bunch", 85.0),
        ("2 servings", 60.0),
    ],
)
def test_everyday_amount_spellings(amount, grams):
    s = summarise(diary(("2026-01-01", "food", "spinach", amount)), catalogue=CAT)
    assert s.matches[0].grams == pytest.approx(grams, rel=1e-4)


@pytest.mark.parametrize(("amount", "mg"), [("500 MG", 500.0), ("500 Mg", 500.0), ("0.5 G", 500.0)])
def test_supplement_units_ignore_case_and_are_never_megagrams(amount, mg):
    s = summarise(diary(("2026-01-01", "supplement", "calcium", amount)), catalogue=CAT)
    assert s.days[0].calcium_mg == pytest.approx(mg)


# -- unknown is null in JSON ----------------------------------------------------------------
def test_not_measured_numbers_are_null_in_json():
    s = summarise(
        diary(
            ("2026-01-01", "supplement", "MK-7", "180 mcg"),
            ("2026-01-02", "supplement", "MK-7", "180 mcg"),
        ),
        catalogue=CAT,
        stage=life_stage(40, "female"),
    )
    data = s.to_dict()
    day = data["days"][0]
    assert day["k1_ug"] is None and day["calcium_mg"] is None and day["magnesium_mg"] is None
    assert "k1_ug" in day["not_measured"] and "calcium_mg" in day["not_measured"]
    assert day["mk7_ug"] == 180.0 and day["k_total_ug"] == 180.0  # lower bounds stay numbers
    assert data["rolling_7d"][1]["calcium_mg"] is None and data["rolling_7d"][1]["mk7_ug"] == 180
    assert data["mean_daily"]["k1_ug"] is None and data["mean_daily"]["mk7_ug"] == 180
    rows = {r["target"]: r for r in data["comparison"]}
    assert rows["calcium"]["intake"] is None and rows["vitamin_k_us"]["intake"] == 180
    # Every null is exactly a not-measured field, and vice versa.
    for d in data["days"] + data["rolling_7d"]:
        assert {k for k in DAY_FIELDS if d[k] is None} == set(d["not_measured"])
    # The library's numbers and the numeric form are unchanged.
    assert s.days[0].values["k1_ug"] == 0.0 and s.mean_daily["calcium_mg"] == 0.0
    numeric = s.to_dict(unknown_as_zero=True)
    assert numeric["days"][0]["k1_ug"] == 0.0 and numeric["mean_daily"]["k1_ug"] == 0.0
    assert numeric["rolling_7d"][0]["calcium_mg"] == 0.0
    assert {r["target"]: r for r in numeric["comparison"]}["calcium"]["intake"] == 0.0
    assert numeric["days"][0]["not_measured"] == day["not_measured"]
    assert s.rolling_7d[0]["calcium_mg"] == 0.0  # to_dict did not change the stored rows


# -- days above an upper limit --------------------------------------------------------------
def test_days_above_ul_are_reported_beside_the_mean():
    rows = [("2026-01-01", "supplement", "calcium", "2800 mg")]
    rows += [(f"2026-01-0{d}", "supplement", "calcium", "500 mg") for d in range(2, 8)]
    rows += [("2026-01-07", "supplement", "magnesium", "400 mg")]
    rows += [(f"2026-01-0{d}", "food", "spinach", "100 g") for d in range(1, 8)]
    s = summarise(diary(*rows), catalogue=CAT, stage=life_stage(40, "female"))
    by = {r["target"]: r for r in s.comparison}
    ca = by["calcium_ul"]
    assert ca["reference"] == 2500 and ca["intake"] < 2500  # the mean hides the day
    assert ca["days_above_ul"] == 1 and ca["dates_above_ul"] == ["2026-01-01"]
    assert ca["status"] == "mean within UL; above UL on 1 of 7 days"
    mg = by["magnesium_ul"]  # supplements only, as the UL is defined
    assert mg["days_above_ul"] == 1 and mg["dates_above_ul"] == ["2026-01-07"]
    assert by["vitamin_d_ul"]["days_above_ul"] is None  # not measured: unknown, not 0 days
    assert by["calcium"]["days_above_ul"] is None and by["calcium"]["dates_above_ul"] is None
    assert s.to_dict()["comparison"][3]["dates_above_ul"] == ["2026-01-01"]


def test_no_day_above_ul():
    s = summarise(
        diary(("2026-01-01", "supplement", "magnesium", "300 mg")),
        catalogue=CAT,
        stage=life_stage(40, "female"),
    )
    mg = {r["target"]: r for r in s.comparison}["magnesium_ul"]
    assert (mg["days_above_ul"], mg["dates_above_ul"], mg["status"]) == (0, [], "within UL")


def test_lower_bound_intake_is_not_called_below_or_within():
    # Gouda has a calcium value, the test natto has none: calcium is only a floor.
    s = summarise(
        diary(
            ("2026-01-01", "food", "gouda", "100 g"),
            ("2026-01-01", "food", "natto", "40 g"),
        ),
        catalogue=CAT,
        stage=life_stage(40, "female"),
    )
    rows = {r["target"]: r for r in s.comparison}
    assert rows["calcium"]["intake_status"] == "lower_bound"
    assert rows["calcium"]["intake"] == pytest.approx(700.0)
    # 700 mg is under the 1000 mg RDA, but natto's calcium is unknown: no verdict.
    assert rows["calcium"]["status"] == "below as far as measured (some foods have no value)"
    assert rows["calcium_ul"]["status"] == "within UL as far as measured (some foods have no value)"
    # A floor that already reaches the target settles it.
    assert rows["vitamin_k_us"]["intake_status"] == "lower_bound"
    assert rows["vitamin_k_us"]["status"] == "meets"
