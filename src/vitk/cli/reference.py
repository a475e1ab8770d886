"""Generate the CLI reference (``docs/cli.md``) from the commands' own ``--help``."""

from __future__ import annotations

import click

from vitk.cli.main import cli

WIDTH = 100  # the help text's width, fixed so the page does not depend on the terminal


def _walk(
    cmd: click.Command, path: list[str], parent: click.Context | None
) -> list[tuple[str, str]]:
    """``(command path, --help text)`` for ``cmd`` and every subcommand under it.

    Each context is named after its own command only (``advise``), under its parent's
    context, so the usage line reads ``vitk advise`` exactly as ``vitk advise --help``.
    """
    ctx = click.Context(
        cmd, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    out = [(" ".join(path), cmd.get_help(ctx))]
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            child = cmd.get_command(ctx, name)
            if child is not None:
                out += _walk(child, [*path, name], ctx)
    return out


def cli_reference_markdown() -> str:
    """Markdown with the ``--help`` text of every command and subcommand."""
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m vitk.cli.reference > docs/cli.md`;",
        "a test fails when this page is stale.",
        "",
    ]
    for name, text in _walk(cli, ["vitk"], None):
        parts += [f"## `{name}`", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    click.echo(cli_reference_markdown(), nl=False)
