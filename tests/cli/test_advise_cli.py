"""``vitk advise`` through the real entry point (in-process)."""

from __future__ import annotations

import json

import pytest
from tests.cli.helpers import run as run_cli


def run(args, capsys):
    return run_cli(capsys, "advise", *args)


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


def _one_line_error(code, out, err):
    assert code == 2
    assert out == ""
    assert err.startswith("Error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for jargon in ("Input should", "type=", "http", "age_y", "codec"):
        assert jargon not in err, (jargon, err)
    return err.removeprefix("Error: ").rstrip("\n")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("me.png", b"\x89PNG\r\n\x1a\n\x00\x00", "Cannot read profile '{p}': not a UTF-8 YAML"),
        ("me.yaml", "sex: f\xe9male\n".encode("latin-1"), "Cannot read profile '{p}': not a UTF-8"),
        ("me.yaml", b"", "Profile file '{p}' is empty"),
        ("me.yaml", b"- age: 50\n", "Profile '{p}' must be a mapping of fields"),
        ("me.yaml", b"age: [1,\n", "Cannot parse profile '{p}'"),
    ],
)
def test_unreadable_profile_files_are_named(tmp_path, capsys, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    msg = _one_line_error(*run(["--profile", str(p), "--format", "json"], capsys))
    assert msg.startswith(expected.format(p=p))


def test_profile_that_is_a_directory_or_a_program(tmp_path, capsys):
    msg = _one_line_error(*run(["--profile", str(tmp_path)], capsys))
    assert (
        msg == f"Cannot read profile '{tmp_path}': it is a directory, not a YAML or JSON text file."
    )
    prog = tmp_path / "ls"
    prog.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    msg = _one_line_error(*run(["--profile", str(prog)], capsys))
    assert msg.startswith(f"Cannot read profile '{prog}': not a UTF-8")


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("age: 300\nsex: female\n", "Profile field 'age' must be a number of years from 0 to 120"),
        ("age: fifty\nsex: female\n", "Profile field 'age' must be a number of years"),
        ("age: 40\nsex: male\npregnant: true\n", "Profile has contradictory flags"),
        ("age: 40\nsex: female\nhobby: chess\n", "Unknown profile field 'hobby'; allowed: "),
        (
            "age: 40\nsex: female\nsupplements: {vitamin_k: 'MK-7 -5 ug'}\n",
            "Profile field 'supplements.vitamin_k': MK-7 dose must be ≥ 0",
        ),
        (
            "age: 40\nsex: female\nsupplements: {calcium: '500 furlongs'}\n",
            "Profile field 'supplements.calcium': Unknown unit 'furlongs'",
        ),
        (
            "age: 40\nsex: female\nconditions: {ckd_stage: 3}\n",
            "Unknown profile field 'conditions.ckd_stage'; allowed under 'conditions'",
        ),
        # a section that is not a mapping is reported, not a crash in the flag overlay
        ("age: 40\nsex: female\nconditions: [osteoporosis]\n", "Profile field 'conditions' must"),
        ("age: 40\nsex: female\nlabs: high\n", "Profile field 'labs' must be a mapping"),
    ],
)
def test_profile_errors_use_the_users_keys(tmp_path, capsys, yaml_text, expected):
    p = tmp_path / "me.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    msg = _one_line_error(*run(["--profile", str(p), "--format", "json"], capsys))
    assert msg.startswith(expected), msg


def test_flags_overlay_a_profile_with_a_single_medication_text(tmp_path, capsys):
    p = tmp_path / "me.yaml"
    p.write_text("age: 60\nsex: female\nmedications: Waran\n", encoding="utf-8")
    code, out, _ = run(
        ["--profile", str(p), "--med", "rivaroxaban/Xarelto", "--format", "json"], capsys
    )
    assert code == 0
    d = json.loads(out)
    assert [m["generic"] for m in d["medications"]] == ["warfarin", "rivaroxaban"]


def test_combined_doac_line_on_the_command_line(capsys):
    code, out, _ = run(
        ["--age", "70", "--sex", "male", "--med", "rivaroxaban/Xarelto", "--format", "json"],
        capsys,
    )
    assert code == 0
    d = json.loads(out)
    cats = [s["category"] for s in d["safety"]]
    assert "doac" in cats
    assert "vka" not in cats
    assert d["unrecognised_medications"] == []


def test_vitamin_k_listed_as_a_medicine_fires_the_vka_warning(capsys):
    code, out, err = run(
        [
            "--age", "60", "--sex", "female", "--med", "warfarin",
            "--med", "vitamin K2 MK-7 100 mcg", "--format", "json",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    d = json.loads(out)
    assert "SAF-VKA-03" in [s["rule_id"] for s in d["safety"]]
    assert d["unrecognised_medications"] == []


@pytest.mark.parametrize(
    ("flag", "value", "needle"),
    [
        ("--magnesium", "abc", "Profile field 'supplements.magnesium'"),
        ("--calcium", "xyz", "Profile field 'supplements.calcium'"),
        ("--vitamin-d", "lots", "Profile field 'supplements.vitamin_d'"),
        ("--vitamin-d-level", "abc", "Profile field 'labs.vitamin_d_25oh'"),
    ],
)
def test_bad_supplement_flag_names_its_own_field(flag, value, needle, capsys):
    code, _out, err = run(["--age", "60", "--sex", "female", flag, value], capsys)
    assert code == 2
    line = err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert needle in line
    assert repr(value) in line


def test_output_into_a_missing_folder_is_one_line_naming_the_path(tmp_path, capsys):
    target = tmp_path / "nope" / "out.html"
    code, _out, err = run(["--age", "60", "--sex", "female", "-o", str(target)], capsys)
    assert code == 2
    line = err.strip()
    assert "\n" not in line and "Errno" not in line
    assert f"Cannot write the report to '{target}'" in line
    assert not target.parent.exists()


def test_output_is_written_whole_and_replaces_an_older_report(tmp_path, capsys):
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    code, _out, err = run(["--age", "60", "--sex", "female", "-o", str(target)], capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Vitamin K report")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left


@pytest.mark.parametrize("blank", ["", "   "])
def test_empty_med_flag_is_ignored(blank, capsys):
    code, out, err = run(
        ["--age", "60", "--sex", "female", "--med", blank, "--format", "json"], capsys
    )
    assert code == 0, err
    d = json.loads(out)
    assert d["medications"] == [] and d["unrecognised_medications"] == []
    assert "could not identify" not in out
