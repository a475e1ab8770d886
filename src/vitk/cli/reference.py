"""Generate the CLI reference (``docs/cli.md``) from the commands' own ``--help``."""

from __future__ import annotations

import click

from vitk.cli.main import cli


def _walk(cmd: click.Command, path: list[str], ctx: click.Context) -> list[tuple[str, str]]:
    sub_ctx = click.Context(
        cmd, info_name=path[-1], parent=ctx, terminal_width=100, max_content_width=100
    )
    out = [(" ".join(path), cmd.get_help(sub_ctx))]
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(sub_ctx):
            child = cmd.get_command(sub_ctx, name)
            if child is not None:
                out += _walk(child, [*path, name], sub_ctx)
    return out


def cli_reference_markdown() -> str:
    """Markdown with the ``--help`` text of every command and subcommand."""
    root = click.Context(cli, info_name="vitk", terminal_width=100, max_content_width=100)
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m vitk.cli.reference > docs/cli.md`;",
        "a test fails when this page is stale.",
        "",
    ]
    for name, text in _walk(cli, ["vitk"], root):
        parts += [f"## `{name}`", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    click.echo(cli_reference_markdown(), nl=False)
