"""`vitk intake` with an unknown food: totals, ≥ on its day, suggestions; --strict refuses."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.helpers import run

DIARY = (
    "date,kind,item,amount\n"
    "2026-01-01,food,natto,3 oz\n"
    "2026-01-01,food,xqzzy pie,50 g\n"
    "2026-01-02,food,natto,3 oz\n"
    "2026-01-02,food,2 eggs,\n"
    "2026-01-02,supplement,K2 100 mcg,\n"
)


def _file(tmp_path):
    d = tmp_path / "d.csv"
    d.write_text(DIARY, encoding="utf-8")
    return d


def test_table_marks_the_day_and_lists_the_row(tmp_path, capsys):
    code, out, _ = run(capsys, "intake", str(_file(tmp_path)), "--format", "table")
    assert code == 0
    day1 = next(line for line in out.splitlines() if "2026-01-01" in line)
    assert "≥" in day1
    assert "row 2 (2026-01-01): unknown food 'xqzzy pie' (50 g) adds nothing" in out
    assert "read as MK-7" in out and "a count read as 1 large" in out


def test_json_and_csv_carry_the_lower_bound(tmp_path, capsys):
    code, out, err = run(capsys, "intake", str(_file(tmp_path)), "--format", "json")
    data = json.loads(out)
    assert code == 0 and "unknown food 'xqzzy pie'" in err
    assert [u["row"] for u in data["unknown_foods"]] == [2]
    assert "k_total_ug" in data["days"][0]["lower_bound"]
    code, out, _ = run(capsys, "intake", str(_file(tmp_path)), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "k_total_ug" in rows[0]["lower_bound"].split(";")


def test_strict_refuses_with_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "intake", str(_file(tmp_path)), "--strict")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "row 2: Unknown food 'xqzzy pie'" in err
