"""``vitk advise`` through the real entry point (in-process)."""

from __future__ import annotations

import json

import pytest

from vitk.cli.main import main


def run(args, capsys):
    try:
        main(["advise", *args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", ["md", "text", "html", "json"])
def test_example_all_formats(fmt, capsys):
    code, out, err = run(["--example", "--format", fmt], capsys)
    assert code == 0, err
    assert "SAF-VKA-01" in out
    assert "Not medical advice" in out


def test_example_json_uses_the_diary(capsys):
    _code, out, _ = run(["--example", "--format", "json"], capsys)
    d = json.loads(out)
    assert d["intake"]["basis"] == "diary"
    assert d["intake"]["diary_days"] > 0
    assert [m["text"] for m in d["unrecognised_medications"]] == ["Dr Smith's tonic"]


def test_flags_only_doac(capsys):
    code, out, _ = run(
        ["--age", "70", "--sex", "male", "--med", "Xarelto", "--format", "json"], capsys
    )
    d = json.loads(out)
    assert code == 0
    assert [s["category"] for s in d["safety"]] == ["doac"]


def test_profile_file_with_flag_override_and_output(tmp_path, capsys):
    p = tmp_path / "me.yaml"
    p.write_text("age: 40\nsex: female\n", encoding="utf-8")
    out_file = tmp_path / "r.html"
    code, out, err = run(
        ["--profile", str(p), "--pregnant", "--format", "html", "-o", str(out_file)], capsys
    )
    assert code == 0
    assert out == ""
    assert "Wrote html report" in err
    html = out_file.read_text(encoding="utf-8")
    assert "SAF-PREG-01" in html
    assert "<svg" in html


def test_diary_flag(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\n2026-01-01,food,natto,40 g\n", encoding="utf-8")
    code, out, _ = run(
        ["--age", "50", "--sex", "male", "--diary", str(d), "--format", "json"], capsys
    )
    assert code == 0
    rows = {r["field"]: r for r in json.loads(out)["intake"]["by_form"]}
    assert rows["mk7_ug"]["diet_ug"] > 100


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--age", "300", "--sex", "female"], "120"),
        (["--age", "40", "--sex", "male", "--pregnant"], "contradictory"),
        (["--age", "40", "--sex", "female", "--k-supplement", "MK-7 -5 ug"], "≥ 0"),
        (
            ["--age", "40", "--sex", "female", "--calcium", "500 furlongs"],
            "Unknown unit 'furlongs'",
        ),
        (["--age", "40", "--sex", "female", "--vitamin-d", "1000"], "needs a unit"),
        (["--profile", "/no/such/file.yaml"], "not found"),
        (["--age", "40"], "sex"),
        ([], "No person given"),
        (["--example", "--profile", "x.yaml"], "either"),
    ],
)
def test_bad_input_one_line_nonzero(args, needle, capsys):
    code, out, err = run(args, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("Error: ")
    assert needle in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_bad_diary_is_one_line(tmp_path, capsys):
    d = tmp_path / "d.csv"
    d.write_text("date,kind,item,amount\nnot-a-date,food,natto,40 g\n", encoding="utf-8")
    code, _, err = run(["--age", "50", "--sex", "male", "--diary", str(d)], capsys)
    assert code == 2
    assert err.count("\n") == 1
