"""Docs stay true: the CLI reference is current and every documented suffix is used."""

from pathlib import Path

from vitk.cli.reference import cli_reference_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_cli_reference_is_current():
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference_markdown(), (
        "docs/cli.md is stale: run `python -m vitk.cli.reference > docs/cli.md`"
    )


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for cmd in (
        "vitk foods search",
        "vitk foods show",
        "vitk intake",
        "vitk data import-usda",
        "vitk advise",
        "vitk simulate pk",
        "vitk simulate inr",
        "vitk serve",
        "vitk references",
    ):
        assert f"## `{cmd}`" in text, cmd
