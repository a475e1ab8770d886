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


def _section(text: str, cmd: str) -> str:
    """The help text shown under ``## `cmd``` in docs/cli.md."""
    start = text.index(f"## `{cmd}`\n\n```text\n") + len(f"## `{cmd}`\n\n```text\n")
    return text[start : text.index("\n```\n", start)]


def test_cli_reference_matches_real_help():
    """Each documented section is what ``vitk … --help`` prints (no doubled ``vitk vitk``)."""
    from click.testing import CliRunner

    from vitk.cli.main import cli
    from vitk.cli.reference import WIDTH

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "vitk vitk" not in text
    for args in ([], ["advise"], ["foods", "search"], ["simulate", "pk"]):
        result = CliRunner().invoke(
            cli,
            [*args, "--help"],
            prog_name="vitk",
            terminal_width=WIDTH,
            max_content_width=WIDTH,
        )
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Usage: {' '.join(['vitk', *args])} [OPTIONS]")
        assert _section(text, " ".join(["vitk", *args])) == result.output.rstrip()
