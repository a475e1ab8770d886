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


# -- plausible dates ------------------------------------------------------------------------
def _csv(tmp_path, *rows, name="d.csv"):
    body = "".join(f"{r}\n" for r in rows)
    return _write(tmp_path, name, "date,kind,item,amount\n" + body)


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_implausible_dates_are_refused_with_the_range(tmp_path, date):
    from vitk.intake.diary import accepted_date_range

    lo, hi = accepted_date_range()
    with pytest.raises(DiaryError) as exc:
        read_diary(_csv(tmp_path, f"{date},food,natto,40 g"))
    assert str(exc.value) == (
        f"row 1: date {date} is outside the accepted range {lo.isoformat()} to {hi.isoformat()}."
    )


def test_date_range_edges():
    from vitk.intake.diary import accepted_date_range, check_date

    today = dt.date(2026, 12, 1)
    assert accepted_date_range(today) == (dt.date(1900, 1, 1), dt.date(2027, 12, 2))
    assert check_date("1900-01-01", 1, today=today) == dt.date(1900, 1, 1)
    assert check_date("2027-12-02", 1, today=today) == dt.date(2027, 12, 2)
    with pytest.raises(DiaryError, match=r"^row 3: date 2027-12-03 is outside the accepted range"):
        check_date("2027-12-03", 3, today=today)
    with pytest.raises(DiaryError, match="row 2: date 1899-12-31 is outside"):
        check_date(dt.date(1899, 12, 31), 2, today=today)


def test_the_range_applies_to_rows_from_every_path():
    """The web app (check_entry, import) and the advisor build diaries through from_rows."""
    from vitk.intake import Diary

    with pytest.raises(DiaryError, match="row 2: date 9999-12-31 is outside"):
        Diary.from_rows([ROWS[0], {**ROWS[1], "date": "9999-12-31"}])
    with pytest.raises(DiaryError, match="row 1: date 0001-01-01 is outside"):
        Diary.from_rows([{**ROWS[0], "date": dt.date(1, 1, 1)}])


def test_web_single_entry_check_refuses_an_implausible_date():
    from tests.unit.foods.fakes import ALL

    from vitk.foods.catalogue import Catalogue
    from vitk.web import views

    with pytest.raises(DiaryError) as exc:
        views.check_entry(Catalogue(ALL), {**ROWS[0], "date": "9999-12-31"})
    assert str(exc.value).startswith("date 9999-12-31 is outside the accepted range 1900-01-01")


# -- every bad row, at once -----------------------------------------------------------------
def test_every_bad_row_is_reported_in_file_order(tmp_path):
    from vitk.intake.diary import DiaryRowsError

    p = _csv(
        tmp_path,
        "2026-01-01,food,natto,40 g",
        "2026-13-01,food,natto,40 g",
        "2026-01-02,drink,natto,40 g",
        "2026-01-03,food,natto,40,g",
        "2026-01-04,food,,40 g",
        "2026-01-05,supplement,MK-7,90 mcg",
    )
    with pytest.raises(DiaryRowsError) as exc:
        read_diary(p)
    lines = str(exc.value).splitlines()
    assert [line.split(":")[0] for line in lines] == ["row 2", "row 3", "row 4", "row 5"]
    assert "date '2026-13-01' is not a date (month must be in 1..12)" in lines[0]
    assert "kind 'drink' is not allowed" in lines[1]
    assert "too many fields (5)" in lines[2]
    assert "missing item" in lines[3]
    assert exc.value.problems == tuple(lines)
    assert isinstance(exc.value, ValueError)  # still a DiaryError / InputError


def test_many_bad_rows_are_capped(tmp_path):
    from vitk.intake.diary import MAX_REPORTED_PROBLEMS

    rows = [f"2026-01-{d:02d},drink,natto,40 g" for d in range(1, 26)]
    with pytest.raises(DiaryError) as exc:
        read_diary(_csv(tmp_path, *rows))
    lines = str(exc.value).splitlines()
    assert len(lines) == MAX_REPORTED_PROBLEMS + 1 == 21
    assert lines[0].startswith("row 1: ") and lines[19].startswith("row 20: ")
    assert lines[-1] == "… and 5 more bad rows."
    assert len(exc.value.problems) == 25  # type: ignore[attr-defined]


def test_a_single_bad_row_is_still_one_line(tmp_path):
    with pytest.raises(DiaryError) as exc:
        read_diary(_csv(tmp_path, "2026-01-01,food,natto,40 g", "2026-01-02,drink,natto,1 g"))
    assert str(exc.value) == "row 2: kind 'drink' is not allowed; use 'food' or 'supplement'."


# -- naming the file ------------------------------------------------------------------------
LATIN1 = "date,kind,item,amount\n2026-01-01,food,crème fraîche,40 g\n".encode("latin-1")


def test_non_utf8_message_names_the_file_as_the_caller_says(tmp_path):
    from vitk.intake.diary import parse_diary

    p = tmp_path / "diary.csv"
    p.write_bytes(LATIN1)
    with pytest.raises(DiaryError) as exc:
        read_diary(p)
    assert str(exc.value) == f"Diary file '{p}' is not UTF-8 text."  # old signature
    with pytest.raises(DiaryError) as exc:
        read_diary(p, name="uploaded file 'x.csv'")
    assert str(exc.value) == "uploaded file 'x.csv' is not UTF-8 text."
    with pytest.raises(DiaryError) as exc:
        parse_diary(LATIN1, name="uploaded file 'x.csv'")
    assert str(exc.value) == "uploaded file 'x.csv' is not UTF-8 text."
    assert str(tmp_path) not in str(exc.value)


def test_parse_diary_reads_bytes_and_text_like_a_file(tmp_path):
    from vitk.intake.diary import parse_diary

    text = "\ufeffdate,kind,item,amount\n2026-01-01,food,natto,40 g\n"
    a = parse_diary(text.encode("utf-8"), name="uploaded file 'x.csv'")
    b = parse_diary(text, name="uploaded file 'x.csv'")
    c = read_diary(_write(tmp_path, "x.csv", text))
    assert a.entries == b.entries == c.entries
    assert a.source == "uploaded file 'x.csv'"
    with pytest.raises(DiaryError, match=r"uploaded file 'x\.csv': CSV header date,kind lacks"):
        parse_diary("date,kind\n2026-01-01,food\n", name="uploaded file 'x.csv'")
    with pytest.raises(DiaryError, match="format 'xlsx' is not allowed"):
        parse_diary(text, name="x", format="xlsx")
    y = parse_diary(
        "- {date: 2026-01-01, kind: food, item: natto, amount: 40 g}\n", name="y", format="yaml"
    )
    assert y.entries == a.entries


# -- YAML dates -----------------------------------------------------------------------------
def test_impossible_yaml_date_names_row_and_value(tmp_path):
    p = _write(
        tmp_path,
        "d.yaml",
        "- {date: 2026-01-01, kind: food, item: natto, amount: 40 g}\n"
        "- {date: 2026-02-30, kind: food, item: natto, amount: 40 g}\n",
    )
    with pytest.raises(DiaryError) as exc:
        read_diary(p)
    assert str(exc.value) == (
        "row 2: date '2026-02-30' is not a date (day is out of range for month); use YYYY-MM-DD."
    )


def test_yaml_dates_and_datetimes_still_read(tmp_path):
    p = _write(
        tmp_path,
        "d.yaml",
        "entries:\n"
        "- {date: 2026-01-01, kind: food, item: natto, amount: 40 g}\n"
        "- {date: 2026-01-02T08:30:00, kind: food, item: natto, amount: 40 g}\n"
        "- {date: '2026-01-03', kind: food, item: natto, amount: 40 g}\n",
    )
    assert [e.date for e in read_diary(p).entries] == [
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 3),
    ]


@pytest.mark.parametrize(("fmt", "text"), [("json", "[" * 5000), ("yaml", "[" * 5000)])
def test_too_deeply_nested_file_is_a_diary_error(fmt, text):
    from vitk.intake.diary import parse_diary

    with pytest.raises(DiaryError) as exc:
        parse_diary(text, name="upload", format=fmt)
    msg = str(exc.value)
    assert msg.startswith(f"upload: the {fmt.upper()} is nested too deeply to read")
    assert "\n" not in msg
