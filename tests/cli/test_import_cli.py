"""`vitk import cronometer|myfitnesspal FILE`: a vitk diary, the matches, the cross-check."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import run

from vitk.intake.diary import parse_diary

DATA = Path(__file__).parents[1] / "data" / "imports"
CRONOMETER = DATA / "cronometer-servings.csv"
MFP = DATA / "myfitnesspal-food-diary.csv"


def test_cronometer_to_a_file_reports_matches_and_cross_check(tmp_path, capsys):
    out_file = tmp_path / "diary.csv"
    code, out, err = run(capsys, "import", "cronometer", str(CRONOMETER), "-o", str(out_file))
    assert code == 0, err
    diary = parse_diary(out_file.read_text(encoding="utf-8"), name="diary.csv")
    assert len(diary.dates) == 3
    assert "'Kale, raw' → Kale, raw [kale-raw] (exact; 1 row)" in out
    assert "'Oats, rolled' → no vitk food" in out
    assert "differ by more than 2× on 1 of 3 days" in out and "2026-09-25:" in out
    code, out2, _ = run(capsys, "intake", str(out_file), "--format", "json")
    assert code == 0 and [u["item"] for u in json.loads(out2)["unknown_foods"]] == ["Oats, rolled"]


def test_without_output_the_diary_goes_to_stdout_and_the_report_to_stderr(capsys):
    code, out, err = run(capsys, "import", "myfitnesspal", str(MFP))
    assert code == 0
    assert out.startswith("date,kind,item,amount\n")
    assert len(parse_diary(out, name="stdout").entries) == 8
    assert "'Président - Brie' →" in err and "brand dropped" in err


def test_json_report_and_a_correction(tmp_path, capsys):
    out_file = tmp_path / "d.csv"
    code, out, _ = run(
        capsys,
        "import",
        "myfitnesspal",
        str(MFP),
        "-o",
        str(out_file),
        "--format",
        "json",
        "--match",
        "Sweet Potato Soup=usda:11508",
    )
    assert code == 0
    data = json.loads(out)
    soup = next(m for m in data["matches"] if m["name"] == "Sweet Potato Soup")
    assert (soup["food_id"], soup["how"]) == ("usda:11508", "corrected")
    assert "usda:11508" in out_file.read_text(encoding="utf-8")


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "servings.csv"
    bad.write_text(
        "Day,Food Name,Amount,Energy (kcal)\n"
        "2026-02-30,Kale raw,1 cup,8\n"
        "2026-01-01,Kale raw,3 zorks,\n",
        encoding="utf-8",
    )
    out_file = tmp_path / "diary.csv"
    code, out, err = run(capsys, "import", "cronometer", str(bad), "-o", str(out_file))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("Error: servings.csv: row 1: Day '2026-02-30'")
    assert lines[1].startswith("servings.csv: row 2: amount '3 zorks'")
    assert "Traceback" not in err and not out_file.exists()


def test_bad_match_option_and_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "import", "cronometer", str(CRONOMETER), "--match", "oats")
    assert code == 2 and "--match 'oats' is not NAME=FOOD_ID" in err
    code, _, err = run(capsys, "import", "cronometer", str(tmp_path / "none.csv"))
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1
