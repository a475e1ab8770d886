"""``advise(profile, diary=...)`` accepts every documented diary form and names bad ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import vitk
from vitk.advisor import advise
from vitk.errors import DiaryError, InputError
from vitk.intake import Diary, IntakeSummary, read_diary, summarise

ROWS = [
    {"date": "2026-01-01", "kind": "food", "item": "natto", "amount": "40 g"},
    {"date": "2026-01-01", "kind": "food", "item": "spinach raw", "amount": "1 cup"},
    {"date": "2026-01-02", "kind": "supplement", "item": "MK-7", "amount": "180 mcg"},
]
PERSON = {"age": 50, "sex": "female"}


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "d.csv"
    lines = ["date,kind,item,amount"] + [",".join(r.values()) for r in ROWS]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _basis(report) -> float:
    return report.intake["basis"], report.intake["diary_days"]


def _forms(tmp_path: Path):
    path = _write(tmp_path)
    diary = read_diary(path)
    return {
        "str path": str(path),
        "Path": path,
        "list of dicts": ROWS,
        "tuple of dicts": tuple(ROWS),
        "dates as date objects": [{**r, "date": dt.date.fromisoformat(r["date"])} for r in ROWS],
        "mapping with entries": {"entries": ROWS},
        "Diary": diary,
        "list of DiaryEntry": list(diary.entries),
        "IntakeSummary": summarise(diary),
    }


@pytest.mark.parametrize(
    "form",
    [
        "str path",
        "Path",
        "list of dicts",
        "tuple of dicts",
        "dates as date objects",
        "mapping with entries",
        "Diary",
        "list of DiaryEntry",
        "IntakeSummary",
    ],
)
def test_every_diary_form_gives_the_same_report(tmp_path, form):
    diary = _forms(tmp_path)[form]
    reference = vitk.advise(PERSON, diary=str(_write(tmp_path)))
    report = vitk.advise(PERSON, diary=diary)
    assert _basis(report) == ("diary", 2)
    assert report.intake["comparison"] == reference.intake["comparison"]


def test_no_diary():
    report = advise(PERSON, diary=None)
    assert report.intake["diary_days"] == 0
    assert isinstance(summarise(Diary.from_rows(ROWS)), IntakeSummary)


@pytest.mark.parametrize(
    ("diary", "typename"),
    [(42, "int"), (b"2026-01-01,food,natto,40 g", "bytes"), ({1, 2}, "set"), (3.5, "float")],
)
def test_other_types_are_named(diary, typename):
    with pytest.raises(InputError) as info:
        advise(PERSON, diary=diary)
    msg = str(info.value)
    assert msg.startswith("diary must be None, a diary file path")
    assert "a list of rows with date, kind, item and amount" in msg
    assert msg.endswith(f"; got {typename}.")


@pytest.mark.parametrize(
    ("diary", "needle"),
    [
        ([], "has no rows"),
        ([1, 2], "row 1: expected a mapping"),
        ([{"date": "2026-01-01", "kind": "food"}], "row 1: missing item, amount"),
        ([{**ROWS[0], "date": "yesterday"}], "row 1: date 'yesterday' is not a date"),
        ({"rows": ROWS}, "under 'entries'"),
    ],
)
def test_bad_rows_are_one_line_diary_errors(diary, needle):
    with pytest.raises(DiaryError) as info:
        advise(PERSON, diary=diary)
    assert needle in str(info.value)
    # One line per problem: every bad row is reported, each on its own line.
    lines = str(info.value).splitlines()
    assert len(lines) == (2 if diary == [1, 2] else 1)
