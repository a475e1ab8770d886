"""Option bundles shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_url",
        envvar="VITK_DATABASE_URL",
        default=None,
        help="Database URL (default: SQLite in the user data directory; env VITK_DATABASE_URL).",
    )(func)


def open_catalogue(db_url: str | None) -> Any:
    """The food catalogue for ``--db``/``VITK_DATABASE_URL``, warning on a missing file.

    A URL given explicitly whose SQLite file does not exist is not an error (the foods
    still work), but silently showing curated foods only would hide the mistake.
    """
    from vitk.foods.catalogue import default_catalogue, missing_sqlite_file

    if db_url and (path := missing_sqlite_file(db_url)) is not None:
        click.echo(
            f"Warning: database file '{path}' does not exist; using the curated foods only.",
            err=True,
        )
    return default_catalogue(db_url)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


#: Width of table output written to a pipe or file (no wrapping at 80 in saved reports).
PIPE_WIDTH = 180


def console(pipe_width: int = PIPE_WIDTH) -> Any:
    """A rich console as wide as the terminal (its size, or COLUMNS) on a terminal.

    Output to a pipe or file is as wide as COLUMNS says when it is set (``COLUMNS=90
    vitk foods search kale | less``), and ``pipe_width`` otherwise, so that saved
    reports do not wrap at 80 columns and are the same everywhere.
    """
    import os
    import sys

    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    columns = os.environ.get("COLUMNS", "").strip()
    return Console(width=int(columns) if columns.isdigit() and int(columns) > 0 else pipe_width)
