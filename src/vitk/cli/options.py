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


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
