"""``vitk foods search`` tables fit the terminal without splitting a number or a word;
``vitk foods show`` takes a name as well as an id."""

from __future__ import annotations

import json

import pytest
from tests.cli.helpers import run

from vitk.cli.foods import COLUMNS, _cell

QUERIES = ("natto", "cheese", "kale")
#: Columns a table keeps at any width (the others may be dropped on a narrow terminal).
KEPT = ("k1", "mk7", "k_total")


def output_tokens(out: str) -> set[str]:
    return {token for line in out.splitlines() for token in line.split()}


@pytest.mark.parametrize("width", [60, 80, 90, 100, 120, 160])
@pytest.mark.parametrize("query", QUERIES)
def test_piped_table_honours_columns_and_never_splits_a_token(capsys, monkeypatch, width, query):
    code, out, _ = run(capsys, "foods", "search", query, "--limit", "6", "--format", "json")
    assert code == 0
    rows = json.loads(out)["results"]
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(capsys, "foods", "search", query, "--limit", "6")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width, out
    tokens = output_tokens(out)
    for r in rows:
        for code_ in KEPT:
            for token in _cell(r["values"][code_]).split():
                assert token in tokens, (width, r["food_id"], code_, token, out)
        for word in r["name"].split():
            assert word in tokens, (width, word, out)
    labels = dict(COLUMNS)
    if width <= 80:
        # Too narrow for every column: the table says which it left out.
        assert "Left out to fit" in err and "sources" in err
    if width >= 160:
        assert "Left out" not in err
        assert all(label.split()[0] in tokens for label in labels.values())


def test_pipe_without_columns_keeps_the_wide_layout(capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, err = run(capsys, "foods", "search", "natto")
    assert code == 0
    assert "Left out" not in err
    assert "sources" in out and max(len(line) for line in out.splitlines()) > 100


def test_show_takes_a_name_and_reports_the_match(capsys):
    code, by_name, err = run(capsys, "foods", "show", "natto", "--format", "json")
    assert code == 0
    food_id = json.loads(by_name)["food_id"]
    code, by_id, err_id = run(capsys, "foods", "show", food_id, "--format", "json")
    assert json.loads(by_id) == json.loads(by_name)
    assert err_id == ""
    code, out, err = run(capsys, "foods", "show", "gouda")
    assert code == 0
    assert err.startswith("Matched 'gouda' → ") and "[" in err
    assert "References" in out


def test_show_of_an_unknown_name_is_one_line(capsys):
    code, _, err = run(capsys, "foods", "show", "xyzzy plugh")
    assert code == 2
    assert err.count("\n") == 1 and "Unknown food id 'xyzzy plugh'" in err


@pytest.mark.parametrize("width", [70, 80, 100])
def test_show_tables_fit_without_cutting_a_word(capsys, monkeypatch, width):
    code, out, _ = run(capsys, "foods", "show", "natto", "--format", "json")
    data = json.loads(out)
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run(capsys, "foods", "show", "natto")
    assert code == 0
    body = out.split("References")[0]
    assert max(len(line) for line in body.splitlines()) <= width, body
    tokens = output_tokens(body)
    for n in data["nutrients"].values():
        for word in n["label"].split():
            assert word in tokens, (width, word)
        if n["value_per_100g"] is not None:
            assert f"{n['value_per_100g']:g}" in tokens, (width, n["label"])
