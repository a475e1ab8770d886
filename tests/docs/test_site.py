"""The documentation site builds with ``mkdocs build --strict`` and documents what the
code defines (Datasette's documentation tests are the model): every value status,
reported field, pharmacology parameter set, advisor rule category and section, and CLI
command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_site_builds_strict_with_an_api_reference(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    api = (site / "reference" / "intake" / "index.html").read_text(encoding="utf-8")
    # Rendered from docstrings: the objects and their numpydoc parameter tables.
    assert 'id="vitk.intake.comparison.compare_intake"' in api
    assert "intake_status" in api
    fields = (site / "reference" / "nutrients" / "index.html").read_text(encoding="utf-8")
    assert 'id="vitk.nutrients.FIELDS"' in fields
    # Built to read offline: no web fonts fetched by the pages.
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def _statuses() -> list[str]:
    from vitk.foods.model import STATUSES
    from vitk.intake import comparison

    derived = ["partial", "not_measured"]  # of sums, and of a food with no value
    intake = [
        comparison.MEASURED,
        comparison.LOWER_BOUND,
        comparison.NOT_MEASURED,
        comparison.NOT_RECORDED,
    ]
    return list(dict.fromkeys([*STATUSES, *derived, *intake]))


@pytest.mark.parametrize("status", _statuses())
def test_every_value_status_is_documented(status: str) -> None:
    section = _doc("nomenclature.md").split("## Value status", 1)[1]
    assert f"- `{status}`:" in section, f"docs/nomenclature.md lacks status `{status}`"


def test_every_reported_field_is_documented() -> None:
    from vitk.nutrients import FIELDS

    text = _doc("nomenclature.md")
    for f in FIELDS:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{f.name}` |")), "")
        assert row, f.name
        assert f"| {f.label} | {f.short_label} | {f.abbreviation} |" in row, row


def test_every_parameter_set_is_documented() -> None:
    from vitk.pharmacology import sets

    text = _doc("pharmacology.md")
    missing = [name for name in sets.names() if f"`{name}`" not in text]
    assert not missing, f"docs/pharmacology.md lacks parameter sets {missing}"


def test_every_rule_category_and_section_is_documented() -> None:
    from vitk.advisor.rules import load_rules

    rules = load_rules().rules
    text = _doc("advisor.md")
    table = text.split("### Safety categories", 1)[1].split("\n### ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", table, flags=re.M))
    used = {r.category for r in rules if r.section == "safety"}
    assert used <= documented, f"undocumented categories: {sorted(used - documented)}"
    assert documented <= used, f"documented but unused: {sorted(documented - used)}"
    for section in {r.section for r in rules}:
        assert f"`{section}`" in text, section


def _commands(group: click.Group, prefix: str) -> list[str]:
    ctx = click.Context(group)
    out = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        path = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out += _commands(cmd, path)
        else:
            out.append(path)
    return out


def test_every_cli_command_is_documented() -> None:
    from vitk.cli.main import cli

    text = _doc("cli.md")
    commands = _commands(cli, "vitk")
    assert "vitk foods show" in commands and "vitk simulate pk" in commands
    missing = [c for c in commands if f"## `{c}`" not in text]
    assert not missing, f"docs/cli.md lacks {missing}"
