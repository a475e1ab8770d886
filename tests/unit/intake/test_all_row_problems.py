"""A diary with a bad date and bad food rows reports every bad row in one pass."""

from __future__ import annotations

import pytest

from vitk.intake.check import summarise_checked
from vitk.intake.diary import DiaryRowsError

DIARY = (
    "date,kind,item,amount\n"
    "2026-02-30,food,spinach,1 cup\n"
    "2026-01-01,food,spinach,12 zorks\n"
    "2026-01-01,food,kale,1 cup\n"
    "2026-01-01,food,kale,-5 g\n"
    "2026-01-01,sandwich,kale,1 cup\n"
    "2026-01-01,supplement,unobtainium,5 mg\n"
)


def test_reading_and_intake_problems_come_together_in_row_order(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(DIARY, encoding="utf-8")
    with pytest.raises(DiaryRowsError) as info:
        summarise_checked(path)
    lines = str(info.value).splitlines()
    assert [line.split(":")[0] for line in lines] == ["row 1", "row 2", "row 4", "row 5", "row 6"]
    assert "is not a date" in lines[0]
    assert "'zorks'" in lines[1]
    assert "must be ≥ 0" in lines[2]
    assert "kind 'sandwich'" in lines[3]
    assert "unknown supplement 'unobtainium'" in lines[4]


def test_strict_adds_unknown_foods_to_the_same_report(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "date,kind,item,amount\n2026-13-01,food,kale,1 cup\n2026-01-01,food,xqzzy pie,5 g\n",
        encoding="utf-8",
    )
    with pytest.raises(DiaryRowsError) as info:
        summarise_checked(path, strict=True)
    lines = str(info.value).splitlines()
    assert lines[0].startswith("row 1: date '2026-13-01'")
    assert lines[1].startswith("row 2: Unknown food 'xqzzy pie'")
    with pytest.raises(DiaryRowsError) as info2:
        summarise_checked(path)
    assert str(info2.value).splitlines() == [lines[0]]


def test_a_good_diary_is_summarised(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("date,kind,item,amount\n2026-01-01,food,kale,1 cup\n", encoding="utf-8")
    summary = summarise_checked(path)
    assert summary.days[0].values["k1_ug"] > 0
