"""``vitk intake DIARY``: daily totals by vitamin K form, targets and consistency."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vitk.cli.options import console, db_option, echo_json, format_option, open_catalogue


@click.command()
@click.argument("diary", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Use the example diary shipped with vitk.")
@click.option("--age", type=float, default=None, help="Age in years (for reference intakes).")
@click.option("--sex", type=str, default=None, help="female or male.")
@click.option("--pregnant", is_flag=True, help="Use pregnancy reference intakes.")
@click.option("--lactating", is_flag=True, help="Use lactation reference intakes.")
@click.option(
    "--band",
    "band_pct",
    metavar="PERCENT",
    default="20",
    show_default=True,
    help="Consistency band: ± this % of the person's own mean (above 0, at most 100).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a diary with a food that matches nothing (default: count it as unknown, "
    "list suggestions and mark its day as a lower bound).",
)
@format_option("table", "csv", "json", "fhir")
@db_option
def intake(
    diary: Path | None,
    example: bool,
    age: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    band_pct: str,
    strict: bool,
    fmt: str,
    db_url: str | None,
) -> None:
    """Per-day totals of K1, MK-4, MK-7 … calcium, vitamin D and magnesium from DIARY.

    DIARY is a CSV, YAML or JSON file with rows date,kind,item,amount (kind: food or
    supplement; date YYYY-MM-DD from 1900-01-01 to one year after today; amount such
    as 85 g, 3 oz, 1½ cups, 2 tablespoons, 180 mcg, 1000 IU). Every bad row is listed,
    one per line. A food that matches nothing adds nothing: it is listed with suggestions
    and its day is a lower bound (≥); --strict refuses it instead. Numbers no logged
    source measured are null in JSON and empty in CSV. --format fhir writes an HL7 FHIR
    R5 Bundle of NutritionIntake resources, one per day, with per-form amounts.
    Not medical advice: people on a vitamin K antagonist should keep intake
    steady and change nothing without their anticoagulation clinic.
    """
    from vitk.errors import InputError
    from vitk.intake.check import read_and_summarise
    from vitk.intake.engine import check_band_pct
    from vitk.lifestage import life_stage

    band = check_band_pct(band_pct, "--band")

    if example == (diary is not None):
        raise InputError("Give either a DIARY file or --example (not both, not neither).")
    if diary is None:
        from importlib import resources

        path = Path(str(resources.files("vitk").joinpath("data", "examples", "diary_week.csv")))
    else:
        path = diary
    stage = None
    if age is not None or sex is not None or pregnant or lactating:
        if age is None or sex is None:
            raise InputError(
                f"Reference intakes need both --age and --sex; got age={age}, sex={sex}."
            )
        stage = life_stage(age, sex, pregnant=pregnant, lactating=lactating)
    read, summary = read_and_summarise(
        path,
        stage=stage,
        catalogue=open_catalogue(db_url),
        band_pct=band,
        strict=strict,
    )
    data = summary.to_dict()
    if fmt != "table":
        for u in summary.unknown_foods:  # the data goes to stdout, the notes to stderr
            click.echo(u.message(), err=True)
    if fmt == "json":
        echo_json(data)
    elif fmt == "fhir":
        from vitk.intake.fhir import fhir_bundle

        echo_json(fhir_bundle(summary, read))
    elif fmt == "csv":
        import csv
        import sys

        from vitk.intake import DAY_FIELDS

        # not_measured / lower_bound: field names joined by ';' (empty when none).
        # A not-measured number is an empty cell (unknown, not zero).
        w = csv.writer(sys.stdout)
        w.writerow(["date", *DAY_FIELDS, "not_measured", "lower_bound"])
        for d in data["days"]:
            w.writerow(
                [
                    d["date"],
                    *("" if d[k] is None else d[k] for k in DAY_FIELDS),
                    ";".join(d["not_measured"]),
                    ";".join(d["lower_bound"]),
                ]
            )
    else:
        _table(data)


def _table(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    from vitk.intake import DAY_FIELDS
    from vitk.intake import render as words
    from vitk.nutrients import FIELDS

    con = console()

    def say(line: str) -> None:
        con.print(line, highlight=False, markup=False)

    # Below 130 columns: no outer edge and one space between columns, so that the
    # twelve columns fit 100 columns without cutting a number.
    narrow = con.width < 130
    t = Table(
        title="Daily totals (vitamin K forms and vitamin D in µg; calcium, magnesium in mg)",
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        padding=(0, 0) if narrow else (0, 1),
        show_edge=not narrow,
    )
    t.add_column("date", no_wrap=True, min_width=10)
    labels = {f.name: f.abbreviation for f in FIELDS}
    for f in DAY_FIELDS:
        t.add_column(labels[f], justify="right", overflow="fold")
    t.add_column("K 7-d mean", justify="right", overflow="fold")
    marked = False
    for d, r in zip(data["days"], data["rolling_7d"], strict=True):
        marked = marked or any(x["not_measured"] or x["lower_bound"] for x in (d, r))
        t.add_row(
            d["date"],
            *(words.cell(d[f], f, d) for f in DAY_FIELDS),
            words.cell(r["k_total_ug"], "k_total_ug", r),
        )
    con.print(t)
    if marked:
        say(words.MARKS_LEGEND)
    for u in data["unknown_foods"]:
        say(u["message"])
    for line in words.reading_sentences(data["readings"]):
        say(line)
    for line in words.match_sentences(data["matches"]):
        say(line)
    sources = words.sources_sentence(
        data["source_keys"],
        hint="per form: --format json, 'source_keys'; full citations: vitk references KEY",
    )
    if sources:
        say(sources)
    for line in words.coverage_sentences(data["coverage"]):
        say(line)
    c = data["consistency"]
    say(words.consistency_sentence(c))
    if data["comparison"]:
        ct = Table(
            title=f"Mean daily intake against reference values ({data['targets']['life_stage']})"
        )
        for col in ("reference", "basis", "intake", "value", "%", "status", "days > UL"):
            ct.add_column(col, overflow="fold")
        ct.add_column("sources", overflow="fold")
        for row in data["comparison"]:
            pct = "" if row["pct_of_reference"] is None else f"{row['pct_of_reference']:.0f}"
            if row["intake_status"] == "lower_bound" and pct:
                pct = words.LOWER_BOUND_MARK + pct
            ct.add_row(
                row["target"],
                row["basis"],
                words.marked_number(row["intake"], row["intake_status"]),
                words.reference_cell(row),
                pct,
                row["status"],
                words.days_above_ul_cell(row, c["n_days"]),
                ", ".join(row["source_keys"]),
            )
        con.print(ct)
        for line in words.above_ul_sentences(data["comparison"], c["n_days"]):
            say(line)
    say(words.DISCLAIMER)
