"""``vitk import cronometer|myfitnesspal FILE``: another app's export as a vitk diary."""

from __future__ import annotations

from pathlib import Path

import click

from vitk.cli.options import db_option, echo_json, format_option, open_catalogue


@click.group(name="import")
def import_group() -> None:
    """Bring a diary in from Cronometer or MyFitnessPal.

    Each food name is matched to a vitk food and the matches are reported; correct one
    with --match 'NAME=FOOD_ID'. A bad file is refused whole, with one line per bad row.
    """


def _options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            click.argument("file", type=click.Path(dir_okay=False, path_type=Path)),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="Write the vitk diary (CSV) here; the report goes to stdout. Without "
                "it the diary goes to stdout and the report to stderr.",
            ),
            click.option(
                "--match",
                "corrections",
                multiple=True,
                metavar="NAME=FOOD_ID",
                help="Match the export's food NAME to vitk food FOOD_ID (repeatable).",
            ),
            format_option("table", "json"),
            db_option,
        )
    ):
        func = option(func)
    return func


def _run(
    source: str,
    file: Path,
    output: Path | None,
    corrections: tuple[str, ...],
    fmt: str,
    db_url: str | None,
) -> None:
    from vitk.errors import DiaryError, InputError
    from vitk.intake.imports import import_export

    fixes: dict[str, str] = {}
    for c in corrections:
        name, sep, food_id = c.partition("=")
        if not sep or not name.strip() or not food_id.strip():
            raise InputError(f"--match '{c}' is not NAME=FOOD_ID (e.g. 'Oats, rolled=usda:08120').")
        fixes[name.strip()] = food_id.strip()
    if output is not None and output.suffix.lower() != ".csv":
        raise InputError(f"--output '{output}' must end in .csv (a vitk diary CSV).")
    if not file.is_file():
        raise DiaryError(f"File '{file}' does not exist or is not a file.")
    result = import_export(
        source,
        file.read_bytes(),
        name=file.name,
        catalogue=open_catalogue(db_url),
        corrections=fixes,
    )
    diary = result.diary_csv()
    if output is not None:  # written whole, or not at all
        tmp = output.with_name(output.name + ".part")
        tmp.write_text(diary, encoding="utf-8")
        tmp.replace(output)
    else:
        click.echo(diary, nl=False)
    if fmt == "json":
        data = result.to_dict()
        data.pop("diary")
        if output is not None:
            echo_json(data)
        else:
            import json

            click.echo(json.dumps(data, indent=2, ensure_ascii=False), err=True)
        return
    for line in result.report_lines():
        click.echo(line, err=output is None)


@import_group.command()
@_options
def cronometer(
    file: Path, output: Path | None, corrections: tuple[str, ...], fmt: str, db_url: str | None
) -> None:
    """Cronometer's Servings export (Day,Time,Group,Food Name,Amount,…,Vitamin K (µg),…).

    Cronometer's own vitamin K figure is kept per day beside vitk's per-form totals, and
    the days where they differ by more than 2× are listed.
    """
    _run("cronometer", file, output, corrections, fmt, db_url)


@import_group.command()
@_options
def myfitnesspal(
    file: Path, output: Path | None, corrections: tuple[str, ...], fmt: str, db_url: str | None
) -> None:
    """MyFitnessPal's food diary CSV (Date,Meal,Food,Amount,Calories,…)."""
    _run("myfitnesspal", file, output, corrections, fmt, db_url)
