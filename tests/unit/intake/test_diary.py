import datetime as dt
import json

import pytest

from vitk.errors import DiaryError
from vitk.intake import read_diary

ROWS = [
    {"date": "2026-01-01", "kind": "food", "item": "natto", "amount": "40 g"},
    {"date": "2026-01-01", "kind": "supplement", "item": "MK-7", "amount": "90 mcg"},
]


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_three_formats_read_the_same(tmp_path):
    import yaml

    csv_p = _write(
        tmp_path,
        "d.csv",
        "date,kind,item,amount\n2026-01-01,food,natto,40 g\n2026-01-01,supplement,MK-7,90 mcg\n",
    )
    json_p = _write(tmp_path, "d.json", json.dumps(ROWS))
    yaml_p = _write(tmp_path, "d.yaml", yaml.safe_dump({"entries": ROWS}))
    diaries = [read_diary(p) for p in (csv_p, json_p, yaml_p)]
    assert all(d.entries == diaries[0].entries for d in diaries)
    assert diaries[0].entries[0].date == dt.date(2026, 1, 1)
    assert diaries[0].entries[1].kind == "supplement"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("date,kind,item,amount\n2026-13-01,food,natto,40 g\n", "row 1: date '2026-13-01'"),
        ("date,kind,item,amount\n2026-01-01,drink,natto,40 g\n", "row 1: kind 'drink'"),
        ("date,kind,item,amount\n2026-01-01,food,,40 g\n", "row 1: missing item"),
        ("date,kind,item\n2026-01-01,food,natto\n", "lacks amount"),
        ("date,kind,item,amount\n2026-01-01,food,natto,40,g\n", "row 1: too many fields"),
        ("date,kind,item,amount\n", "no rows"),
    ],
)
def test_malformed_rows(tmp_path, text, match):
    with pytest.raises(DiaryError, match=match) as exc:
        read_diary(_write(tmp_path, "bad.csv", text))
    assert "\n" not in str(exc.value)


def test_bad_json_and_missing_file(tmp_path):
    with pytest.raises(DiaryError, match="not valid JSON"):
        read_diary(_write(tmp_path, "bad.json", "[{"))
    with pytest.raises(DiaryError, match="does not exist"):
        read_diary(tmp_path / "nope.csv")
    with pytest.raises(DiaryError, match="suffix"):
        read_diary(_write(tmp_path, "d.xlsx", "x"))
