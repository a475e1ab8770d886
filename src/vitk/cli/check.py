"""``vitk check ARTICLE``: grade every claim of an article against the evidence base."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("article")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option("--claims-only", is_flag=True, help="Text format: leave out non-claims.")
def check(article: str, fmt: str, output: str | None, claims_only: bool) -> None:
    """Grade every claim in ARTICLE: a .txt, .md or .html file, '-' for standard input,
    or an http(s) URL.

    Each claim gets a verdict (supported, mixed or limited, unsupported, contradicted, or
    not a health claim), flags (promotional, off_topic, numeric_mismatch, hedged), an
    explanation with citations and the evidence-base assertion it matched. Not medical
    advice.
    """
    from vitk.checker import check_source
    from vitk.checker.render import render, to_text

    result = check_source(article, sys.stdin.buffer if article == "-" else None)
    if fmt == "text" and claims_only:
        text = to_text(result, all_items=False)
    else:
        text = render(result, fmt)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"Wrote {output}.", err=True)
    else:
        click.echo(text, nl=False)
