"""``vitk references KEY...``: print full citations."""

from __future__ import annotations

import click


@click.command()
@click.argument("keys", nargs=-1)
def references(keys: tuple[str, ...]) -> None:
    """Print the full citation of each source KEY (all of them if none is given)."""
    from vitk import references as refs

    chosen = list(keys) if keys else sorted(refs.all_references())
    for line in refs.cited(chosen):
        click.echo(line)
