"""Bad input at the CLI edges: one line on stderr, exit 2, never a traceback."""

from __future__ import annotations

import pytest
from tests.cli.helpers import run


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(params=["json", "yaml"])
def deep_file(request, tmp_path):
    """5,000 nested lists: deeper than Python's recursion limit for both parsers."""
    path = tmp_path / f"deep.{request.param}"
    path.write_text("[" * 5000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["intake", "{}"],
        ["advise", "--profile", "{}"],
        ["advise", "--age", "50", "--sex", "female", "--diary", "{}"],
        ["simulate", "pk", "--diary", "{}"],
    ],
)
def test_deeply_nested_input_is_one_line(capsys, deep_file, args):
    code, _, err = run(capsys, *(a.replace("{}", str(deep_file)) for a in args))
    assert code == 2
    line = one_error_line(err)
    assert "nested too deeply" in line and deep_file.name in line


def test_last_resort_handler_turns_recursion_error_into_one_line(capsys, monkeypatch):
    import vitk.cli.main as cli_main

    def boom(**_kw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli_main.cli, "main", boom)
    code, _, err = run(capsys, "intake", "x.csv")
    assert code == 2
    assert one_error_line(err) == "Error: the input is nested too deeply to read."


def test_profile_with_only_unknown_fields_names_the_field(capsys, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("foo: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "advise", "--profile", str(path))
    assert code == 2
    line = one_error_line(err)
    assert line.startswith("Error: Unknown profile field 'foo'; allowed: name, age, sex")
    # A profile with known fields but no age still gets the presence message.
    path.write_text("sex: female\n", encoding="utf-8")
    code, _, err = run(capsys, "advise", "--profile", str(path))
    assert code == 2 and "No person given" in one_error_line(err)


def test_nested_unknown_field_is_named_before_missing_age(capsys, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("sex: female\nsupplements:\n  zinc: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "advise", "--profile", str(path))
    assert code == 2
    assert "Unknown profile field 'supplements.zinc'" in one_error_line(err)


@pytest.mark.parametrize("command", [["foods", "search"], ["foods", "show"]])
def test_overlong_food_query_is_refused_without_echo(capsys, command):
    query = "kale " * 20_000  # 100 kB
    code, out, err = run(capsys, *command, query)
    assert code == 2
    line = one_error_line(err)
    assert "100,000 characters long; at most 100 allowed" in line
    assert len(line) < 200 and out == ""


def test_query_at_the_limit_still_searches(capsys):
    code, out, _ = run(capsys, "foods", "search", "kale" + " " * 96, "--format", "json")
    assert code == 0 and "kale" in out


@pytest.mark.parametrize("how", ["option", "env"])
def test_missing_database_file_given_explicitly_warns_once(capsys, tmp_path, monkeypatch, how):
    missing = tmp_path / "no" / "x.db"
    url = f"sqlite:///{missing}"
    args = ["foods", "search", "natto", "--format", "json"]
    if how == "option":
        args += ["--db", url]
    else:
        monkeypatch.setenv("VITK_DATABASE_URL", url)
    code, out, err = run(capsys, *args)
    assert code == 0 and '"natto"' in out  # curated foods still work
    assert one_error_line(err) == (
        f"Warning: database file '{missing}' does not exist; using the curated foods only."
    )
    code, _, err = run(capsys, "intake", "--example", "--format", "json", "--db", url)
    assert code == 0 and "does not exist" in one_error_line(err)


def test_default_database_path_missing_is_silent(capsys):
    code, _, err = run(capsys, "foods", "search", "natto", "--limit", "1", "--format", "json")
    assert code == 0 and err == ""


def test_plot_into_a_missing_folder_is_one_line_before_any_work(capsys, tmp_path):
    target = tmp_path / "nowhere" / "x.png"
    code, out, err = run(capsys, "simulate", "pk", "--dose", "180ug", "--plot", str(target))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert line == f"Error: --plot folder '{target.parent}' does not exist; got '{target}'."
    assert "Errno" not in line


def test_inr_cohort_too_large_names_cli_options(capsys):
    code, _, err = run(
        capsys, "simulate", "inr", "--dose", "45ug", "--subjects", "100000", "--days", "3650"
    )
    assert code == 2
    line = one_error_line(err)
    assert "fewer --subjects or fewer --days" in line and "dt_h" not in line
