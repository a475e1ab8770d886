"""The foods and intake commands through the real entry point (``vitk.cli.main.main``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.cli.helpers import run


def test_search_json_ods_natto_serving(capsys):
    code, out, _ = run(capsys, "foods", "search", "natto", "--format", "json")
    assert code == 0
    first = json.loads(out)["results"][0]
    assert first["food_id"] == "natto"
    # ODS-K: natto, 3 oz -> 850 µg MK-7 (ODS rounds to whole µg)
    assert first["values"]["mk7"]["per_serving_ug"] == pytest.approx(850, abs=1)
    assert "ODS-K" in first["values"]["mk7"]["source_keys"]


def test_search_reports_not_measured(capsys):
    code, out, _ = run(capsys, "foods", "search", "spinach", "--format", "json")
    spinach = json.loads(out)["results"][0]
    # Schurgers2000 analysed menaquinones in spinach and found none: not detected, shown as 0.
    assert spinach["values"]["mk7"]["status"] == "not_detected"
    code, out, _ = run(capsys, "foods", "search", "egg whole raw", "--format", "json")
    egg = next(r for r in json.loads(out)["results"] if r["food_id"] == "egg-whole-raw-us")
    # SR28 has no MK-4 for raw egg and no study measured MK-7 in it: unknown, never zero.
    assert egg["values"]["mk7"] == {
        "status": "not_measured",
        "per_100g_ug": None,
        "per_serving_ug": None,
        "source_keys": [],
    }
    code, out, _ = run(capsys, "foods", "search", "egg whole raw", "--format", "table")
    assert "not measured" in out


def test_search_marks_totals_with_unmeasured_forms_as_lower_bounds(capsys):
    code, out, err = run(capsys, "foods", "search", "natto", "--format", "json")
    natto = json.loads(out)["results"][0]
    # Natto's MK-4 and other long-chain MKs were never measured: its K2 total is a floor.
    assert natto["values"]["mk4"]["status"] == "not_measured"
    assert natto["values"]["k2_total"]["status"] == "partial"
    code, out, err = run(capsys, "foods", "search", "natto", "--limit", "1")
    row = next(line for line in out.splitlines() if line.startswith("│ natto"))
    assert "≥1000 (850)" in row
    assert "≥ = lower bound" in err


def test_search_csv_has_header_and_rows(capsys):
    code, out, _ = run(capsys, "foods", "search", "gouda", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("food_id,name,source_db")
    assert any("gouda" in line.lower() for line in lines[1:])


def test_search_did_you_mean(capsys):
    code, out, err = run(capsys, "foods", "search", "goudda cheeze")
    assert "gouda" in out.lower() or "Did you mean" in err


def test_show_has_every_form_and_citations(capsys):
    code, out, _ = run(capsys, "foods", "show", "gouda-aged-nl", "--format", "json")
    data = json.loads(out)
    assert set(data["nutrients"]) >= {
        "k1",
        "mk4",
        "mk7",
        "mk9",
        "calcium",
        "vitamin_d",
        "magnesium",
        "energy",
    }
    assert data["nutrients"]["mk11"]["status"] == "not_measured"
    assert any(
        line.startswith("[Vermeer2018]") and "10.3390/nu10040446" in line
        for line in data["references"]
    )
    assert data["portions"]


def test_show_unknown_id_one_line_exit_2(capsys):
    code, out, err = run(capsys, "foods", "show", "no-such-food")
    assert code == 2
    assert err.count("\n") == 1 and "Unknown food id 'no-such-food'" in err
    assert "Traceback" not in err


def test_intake_json_fields(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text(
        "date,kind,item,amount\n2026-01-01,food,natto,3 oz\n2026-01-01,supplement,vitamin D3,1000 IU\n"
        "2026-01-02,food,spinach raw,1 cup\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "intake", str(d), "--format", "json", "--age", "50", "--sex", "female"
    )
    data = json.loads(out)
    day1 = data["days"][0]
    assert list(day1) == [
        "date",
        "k1_ug",
        "dihydro_k1_ug",
        "mk4_ug",
        "mk7_ug",
        "mk_long_other_ug",
        "k2_total_ug",
        "k_total_ug",
        "calcium_mg",
        "vitamin_d_ug",
        "magnesium_mg",
        "not_measured",
        "lower_bound",
    ]
    assert day1["mk7_ug"] == pytest.approx(850.5, abs=1)  # 3 oz = 85.05 g at 1000 µg/100 g
    assert day1["vitamin_d_ug"] == pytest.approx(25, abs=0.5)
    assert data["matches"][0]["food_id"] == "natto"
    assert {r["target"] for r in data["comparison"]} >= {"vitamin_k_us", "vitamin_k1_efsa"}
    assert data["consistency"]["n_days"] == 2


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("2026-01-01,food,natto,3 parsecs\n", "row 1: unit 'parsecs'"),
        ("2026-01-01,food,zzzqqq,3 g\n", "row 1: Unknown food 'zzzqqq'"),
        ("2026-01-01,supplement,MK-7,-5 mcg\n", "row 1: amount must be ≥ 0"),
        ("2026-01-01,food,natto,90000 g\n", "most one row may hold"),
        ("not-a-date,food,natto,3 g\n", "row 1: date 'not-a-date'"),
    ],
)
def test_intake_bad_input_exit_2_one_line(tmp_path, capsys, body, match):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n" + body, encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--strict")
    assert code == 2
    assert match in err
    assert err.count("\n") == 1
    assert out == ""


def test_impossible_life_stage(capsys):
    code, _, err = run(capsys, "intake", "--example", "--age", "30", "--sex", "male", "--pregnant")
    assert code == 2 and "cannot be pregnant" in err


def test_intake_example_table(capsys):
    code, out, err = run(capsys, "intake", "--example", "--age", "45", "--sex", "female")
    assert code == 0
    assert "Coverage" in out and "Consistency" in out and "Not medical advice" in out


def test_console_script_entry_point():
    # The installed `vitk` script, as a user runs it.
    proc = subprocess.run(
        [sys.executable, "-m", "vitk.cli", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "foods" in proc.stdout and "intake" in proc.stdout


def test_imported_usda_foods_reach_search_and_intake(tmp_path, capsys):
    """After `vitk data import-usda`, search and intake use the imported foods too."""
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "data" / "sr28-pristine"
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    assert run(capsys, "data", "import-usda", str(fixture), "--db", url)[0] == 0
    code, out, _ = run(capsys, "foods", "search", "cheese cheddar", "--db", url, "--format", "json")
    ids = [r["food_id"] for r in json.loads(out)["results"]]
    assert "usda:01009" in ids
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n2026-01-01,food,usda:01009,1 cup\n", encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--db", url, "--format", "json")
    assert code == 0, err
    day = json.loads(out)["days"][0]
    # SR28 NUT_DATA 01009: MK-4 8.6 µg/100 g and K1 2.4 µg/100 g; WEIGHT: 1 cup, diced = 132 g
    # (JSON output is rounded to 0.01)
    assert day["mk4_ug"] == pytest.approx(8.6 * 1.32, abs=0.006)
    assert day["k1_ug"] == pytest.approx(2.4 * 1.32, abs=0.006)
    assert day["calcium_mg"] == pytest.approx(710 * 1.32, abs=0.006)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("simulate", "pk", "--form", "MK-7", "--dose", "180IU"), "IU is a vitamin D unit"),
        (("foods", "search", "natto", "--db", "foo://bar"), "Error: database:"),
    ],
)
def test_more_bad_input_one_line(capsys, args, match):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert match in err
    assert err.count("\n") == 1


def test_impossible_yaml_date_one_line(tmp_path, capsys):
    d = tmp_path / "d.yaml"
    d.write_text("- {date: 2026-02-30, kind: food, item: natto, amount: 40 g}\n", encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d))
    assert code == 2
    assert "out of range" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (
            ("simulate", "pk", "--dose", "180ug", "--set", "Falkenhagen2023"),
            "allowed: Schurgers2007",
        ),
        (("simulate", "pk", "--dose", "180ug", "--seed", "-1", "--subjects", "3"), "seed must be"),
    ],
)
def test_simulate_bad_set_and_seed(capsys, args, match):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert match in err
    assert err.count("\n") == 1


D1 = (
    "date,kind,item,amount\n"
    "2026-11-01,food,spinach raw,100 g\n"
    "2026-11-01,supplement,MK-7,90 mcg\n"
    "2026-11-02,food,natto,50 g\n"
)


def test_intake_marks_not_measured_and_lower_bounds_json(tmp_path, capsys):
    d = tmp_path / "d1.csv"
    d.write_text(D1, encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    day1, day2 = data["days"]
    # Unknown is not zero: a field nothing measured is null; measured and lower bounds
    # stay numbers.
    assert day2["mk4_ug"] is None and day2["dihydro_k1_ug"] is None
    assert isinstance(day2["k_total_ug"], float) and isinstance(day2["mk7_ug"], float)
    # Day 1: spinach has K1 and the menaquinones analysed (Schurgers2000) but no dihydro-K1;
    # its USDA vitamin D is an assumed zero (SR28 Src_Cd 7), which is not a measurement.
    assert day1["not_measured"] == ["dihydro_k1_ug", "vitamin_d_ug"]
    assert day1["lower_bound"] == ["k_total_ug"]
    # Day 2: natto has K1 and MK-7 only: MK-4 and the other MKs are unknown, not zero.
    # (Its vitamin D is an SR28 assumed zero, so not measured either.)
    assert day2["not_measured"] == ["dihydro_k1_ug", "mk4_ug", "mk_long_other_ug", "vitamin_d_ug"]
    assert day2["lower_bound"] == ["k2_total_ug", "k_total_ug"]
    # Over both days, MK-4 was measured in spinach only: the mean is a lower bound.
    assert "mk4_ug" in data["mean_daily_lower_bound"]
    assert data["mean_daily_not_measured"] == ["dihydro_k1_ug", "vitamin_d_ug"]
    assert "Tsukamoto2000" in data["source_keys"]["mk7_ug"]
    assert data["source_keys"]["dihydro_k1_ug"] == []


def test_intake_table_and_csv_show_marks(tmp_path, capsys):
    d = tmp_path / "d1.csv"
    d.write_text(D1, encoding="utf-8")
    code, out, _ = run(capsys, "intake", str(d))
    assert code == 0
    natto_day = next(line for line in out.splitlines() if "2026-11-02" in line)
    cells = [c.strip() for c in natto_day.split("│")[1:-1]]
    # date, K1, dK1, MK-4, MK-7, other MKs, K2, total K, Ca, D, Mg, 7-day mean
    assert cells[2:6] == ["n.m.", "n.m.", "500.0", "n.m."]
    assert cells[6] == "≥500.0" and cells[7].startswith("≥")
    assert "n.m. = not measured" in out and "≥ = lower bound" in out
    code, out, _ = run(capsys, "intake", str(d), "--format", "csv")
    rows = list(__import__("csv").DictReader(out.splitlines()))
    # Natto's vitamin D in SR28 is an assumed zero (Src_Cd 7): not measured.
    assert rows[1]["not_measured"] == "dihydro_k1_ug;mk4_ug;mk_long_other_ug;vitamin_d_ug"
    assert rows[1]["lower_bound"] == "k2_total_ug;k_total_ug"
    assert rows[1]["mk4_ug"] == ""  # not measured: an empty cell, not 0
    assert float(rows[1]["mk7_ug"]) == pytest.approx(500.0)


def test_intake_supplements_only_says_no_foods(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n2026-11-01,supplement,MK-7,90 mcg\n", encoding="utf-8")
    code, out, _ = run(capsys, "intake", str(d))
    assert code == 0
    assert "No foods logged: totals come from supplements only." in out
    assert "100%" not in out and "of 0 logged foods" not in out
    code, out, _ = run(capsys, "intake", str(d), "--format", "json")
    data = json.loads(out)
    cov = data["coverage"]
    assert cov["foods_logged"] == 0
    assert cov["k2_measured_share"] is None and cov["long_chain_mk_measured_share"] is None
    day = data["days"][0]
    # No food logged: the diet is unknown; the MK-7 capsule makes MK-7 a lower bound.
    assert "k1_ug" in day["not_measured"] and "mk7_ug" in day["lower_bound"]


@pytest.mark.parametrize("band", ["nan", "inf", "-inf", "0", "-5", "1000", "100.5", "abc", ""])
def test_intake_band_rejected_one_line(tmp_path, capsys, band):
    d = tmp_path / "d1.csv"
    d.write_text(D1, encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--band", band)
    assert code == 2
    assert out == ""
    assert err == (
        f"Error: --band must be a number above 0 and at most 100 (percent); got '{band}'.\n"
    )


@pytest.mark.parametrize("band", ["0.5", "100", "35"])
def test_intake_band_accepted(tmp_path, capsys, band):
    d = tmp_path / "d1.csv"
    d.write_text(D1, encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--band", band, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["consistency"]["band_pct"] == float(band)


# -- diary reading: dates, every bad row, spellings, nulls, days above a UL -----------------
def _diary_file(tmp_path, *rows):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return d


def test_intake_refuses_implausible_dates(tmp_path, capsys):
    d = _diary_file(
        tmp_path, "9999-12-31,food,spinach raw,85 g", "0001-01-01,food,spinach raw,85 g"
    )
    code, out, err = run(capsys, "intake", str(d))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(
        "Error: row 1: date 9999-12-31 is outside the accepted range 1900-01-01 to "
    )
    assert lines[1].startswith("row 2: date 0001-01-01 is outside the accepted range")
    assert "Traceback" not in err


def test_intake_lists_every_bad_row(tmp_path, capsys):
    d = _diary_file(
        tmp_path,
        "2026-01-01,food,spinach raw,85 g",
        "2026-01-01,food,spinach raw,3 parsecs",
        "2026-01-02,supplement,MK-7,-5 mcg",
        "2026-01-03,food,zzzqqq,3 g",
    )
    code, out, err = run(capsys, "intake", str(d), "--strict")
    assert code == 2 and out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Error: row 2: unit 'parsecs'")
    assert lines[1].startswith("row 3: amount must be ≥ 0")
    assert lines[2].startswith("row 4: Unknown food 'zzzqqq'")


def test_intake_huge_amount_short_message(tmp_path, capsys):
    code, _, err = run(
        capsys, "intake", str(_diary_file(tmp_path, "2026-01-01,food,spinach raw,1e308 g"))
    )
    assert code == 2 and err.count("\n") == 1
    assert "is 1e+308 g; the most one row may hold is 5,000 g." in err


def test_intake_impossible_yaml_date_names_row_and_value(tmp_path, capsys):
    d = tmp_path / "d.yaml"
    d.write_text(
        "- {date: 2026-01-01, kind: food, item: natto, amount: 40 g}\n"
        "- {date: 2026-02-30, kind: food, item: natto, amount: 40 g}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "intake", str(d))
    assert code == 2
    assert (
        err
        == "Error: row 2: date '2026-02-30' is not a date (day is out of range for month); use YYYY-MM-DD.\n"
    )


@pytest.mark.parametrize(
    ("item", "amount", "same_as"),
    [
        ("spinach raw", "3 OZ", "3 oz"),
        ("spinach raw", "85 G", "85 g"),
        ("soybean oil", "2 Tbsp", "2 tbsp"),
        ("soybean oil", "2 tablespoons", "2 tbsp"),
        ("spinach raw", "½ cup", "0.5 cup"),
        ("spinach raw", "1 1/2 cup", "1.5 cup"),
        ("spinach raw", "1½ cups", "1.5 cup"),
    ],
)
def test_intake_everyday_amount_spellings(tmp_path, capsys, item, amount, same_as):
    code, out, err = run(
        capsys,
        "intake",
        str(_diary_file(tmp_path, f"2026-01-01,food,{item},{amount}")),
        "--format",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)["matches"][0]["grams"]
    code, out, _ = run(
        capsys,
        "intake",
        str(_diary_file(tmp_path, f"2026-01-01,food,{item},{same_as}")),
        "--format",
        "json",
    )
    assert got == json.loads(out)["matches"][0]["grams"] > 0


def test_intake_json_null_and_csv_empty_where_not_measured(tmp_path, capsys):
    d = _diary_file(
        tmp_path, "2026-01-01,supplement,MK-7,180 mcg", "2026-01-02,supplement,MK-7,180 mcg"
    )
    code, out, _ = run(capsys, "intake", str(d), "--format", "json")
    assert code == 0
    data = json.loads(out)
    day = data["days"][0]
    assert day["k1_ug"] is None and day["calcium_mg"] is None
    assert {"k1_ug", "calcium_mg"} <= set(day["not_measured"])
    assert day["mk7_ug"] == 180.0
    assert data["mean_daily"]["k1_ug"] is None
    code, out, _ = run(capsys, "intake", str(d), "--format", "csv")
    row = next(__import__("csv").DictReader(out.splitlines()))
    assert row["k1_ug"] == "" and row["calcium_mg"] == "" and row["mk7_ug"] == "180.0"
    code, out, _ = run(capsys, "intake", str(d), "--age", "40", "--sex", "female")
    assert code == 0 and "n.m." in out


def test_intake_shows_days_above_ul(tmp_path, capsys):
    rows = ["2026-01-01,supplement,calcium,2800 mg"]
    rows += [f"2026-01-0{i},food,spinach raw,100 g" for i in range(1, 8)]
    d = _diary_file(tmp_path, *rows)
    code, out, _ = run(
        capsys, "intake", str(d), "--age", "40", "--sex", "female", "--format", "json"
    )
    assert code == 0
    ca = {r["target"]: r for r in json.loads(out)["comparison"]}["calcium_ul"]
    assert ca["intake"] < ca["reference"] == 2500
    assert ca["days_above_ul"] == 1 and ca["dates_above_ul"] == ["2026-01-01"]
    code, out, _ = run(capsys, "intake", str(d), "--age", "40", "--sex", "female")
    assert code == 0
    assert "calcium_ul: above the UL of 2500 mg on 1 of 7 days: 2026-01-01" in out
    assert "days > UL" in out


def test_search_without_match_has_no_results_and_exit_1(capsys):
    # Before: `xyzzy` returned Mozzarella, Gruyère and Natto as results, exit 0.
    code, out, err = run(capsys, "foods", "search", "xyzzy", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["results"] == [] and "did_you_mean" in data
    assert "No food matches 'xyzzy'" in err


def test_search_without_match_csv_prints_no_rows(capsys):
    # Before: curated-only `brussel sprouts` printed a Roquefort row. The shipped SR28
    # table now has Brussels sprouts, so a query no food name contains stands in.
    code, out, err = run(capsys, "foods", "search", "qwxz sprouts", "--format", "csv")
    assert code == 1
    assert "roquefort" not in out.lower() and out == ""
    assert err.count("\n") == 1
    code, out, _ = run(capsys, "foods", "search", "brussel sprouts", "--format", "csv")
    assert code == 0 and out.splitlines()[1].split(",")[1].startswith('"Brussels sprouts')


def test_search_did_you_mean_is_not_a_result(capsys):
    # (the shipped SR28 table has cheddar sandwich crackers: "chedar chise" alone is a miss)
    code, out, err = run(capsys, "foods", "search", "chedar chise", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["results"] == []
    assert data["did_you_mean"][0]["name"].startswith("Cheddar cheese")
    assert "Did you mean: 'Cheddar cheese" in err


def test_search_type_ahead_and_exact_flag(capsys):
    code, out, _ = run(capsys, "foods", "search", "goud", "--format", "json")
    results = json.loads(out)["results"]
    assert code == 0 and results[0]["name"].startswith("Gouda") and not results[0]["exact"]
    code, out, _ = run(capsys, "foods", "search", "natto", "--format", "json")
    assert json.loads(out)["results"][0]["exact"] is True


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("bread", "Bread,"),
        ("beer", "Alcoholic beverage, beer"),
        ("fish", "Fish,"),
        ("lettuce", "Lettuce,"),
        ("grapes", "Grapes,"),
        ("chick peas", "Chickpeas"),
        ("brie", "Brie cheese (US)"),
    ],
)
def test_intake_never_takes_a_wrong_fuzzy_match(tmp_path, capsys, item, expected):
    # Before: bread -> Chicken breast, beer -> Beef chuck, brie -> Chicken drumstick …
    # With the SR28 table shipped, each now finds its own food (never the wrong one).
    d = tmp_path / "d.csv"
    d.write_text(f"date,kind,item,amount\n2026-01-01,food,{item},100 g\n", encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--format", "json")
    assert code == 0, err
    (match,) = json.loads(out)["matches"]
    assert match["food_name"].startswith(expected), match
    assert not match["food_name"].startswith(("Chicken", "Beef", "Grape leaves", "Beerwurst"))


def test_intake_refuses_a_food_no_name_contains(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n2026-01-01,food,qwxz,100 g\n", encoding="utf-8")
    code, out, err = run(capsys, "intake", str(d), "--strict")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "row 1: Unknown food 'qwxz'" in err


def test_intake_reports_every_fuzzy_match(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text(
        "date,kind,item,amount\n2026-01-01,food,chedar chese,100 g\n"
        "2026-01-01,food,natto,1 oz\n2026-01-02,food,chicken breast,100 g\n"
        "2026-01-02,food,Chedar Chese,1 slice\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "intake", str(d), "--format", "json")
    assert code == 0, err
    by_row = {m["row"]: m for m in json.loads(out)["matches"]}
    assert by_row[2]["exact"] is True and by_row[2]["score"] == 100
    assert by_row[1]["exact"] is False and by_row[1]["food_id"] == "cheddar-us"
    # a fuzzy match whose words all match exactly is still reported (score below 100)
    assert by_row[3]["exact"] is False and by_row[3]["score"] < 100
    code, out, err = run(capsys, "intake", str(d))
    assert code == 0, err
    assert "Matched 'chedar chese' → Cheddar cheese (US) [cheddar-us]" in out
    assert "rows 1, 4" in out
    assert "Matched 'chicken breast' → Chicken breast, meat and skin, rotisserie (US)" in out
    assert "Matched 'natto'" not in out
