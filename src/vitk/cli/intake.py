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
@format_option("table", "csv", "json")
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
    source measured are null in JSON and empty in CSV.
    Not medical advice: people on a vitamin K antagonist should keep intake
    steady and change nothing without their anticoagulation clinic.
    """
    from vitk.errors import InputError
    from vitk.intake.check import summarise_checked
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
    summary = summarise_checked(
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


#: Shown instead of a number that no logged source measured.
NOT_MEASURED = "n.m."
#: Put before a number that is a lower bound (some logged foods lacked that form).
LOWER_BOUND = "≥"


def marked_number(value: float | None, status: str, nd: int = 1) -> str:
    """``value`` as shown: ``n.m.`` (not_measured or None), ``≥12.0`` (lower_bound) or ``12.0``."""
    if status == "not_measured" or value is None:
        return NOT_MEASURED
    text = f"{value:.{nd}f}"
    return LOWER_BOUND + text if status == "lower_bound" else text


def cell(value: float | None, field: str, marks: dict[str, Any], nd: int = 1) -> str:
    """A day's (or 7-day mean's) ``field`` marked by its ``not_measured``/``lower_bound`` lists."""
    status = (
        "not_measured"
        if field in marks["not_measured"]
        else "lower_bound"
        if field in marks["lower_bound"]
        else "measured"
    )
    return marked_number(value, status, nd)


def _days_above(row: dict[str, Any], n_days: int) -> str:
    """The comparison table's "days > UL" cell: ``2 of 7`` ('' for a row without a UL)."""
    n = row.get("days_above_ul")
    return "" if n is None else f"{n} of {n_days}"


_CO_NUTRIENT_NAMES = {"vitamin_d": "vitamin D", "calcium": "calcium", "magnesium": "magnesium"}


def _table(data: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table

    from vitk.foods.search import tokens
    from vitk.intake import DAY_FIELDS
    from vitk.nutrients import FIELDS

    con = console()
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
            *(cell(d[f], f, d) for f in DAY_FIELDS),
            cell(r["k_total_ug"], "k_total_ug", r),
        )
    con.print(t)
    if marked:
        con.print(
            f"{NOT_MEASURED} = not measured: no logged food or supplement has a value for that "
            f"form (unknown, not zero); {LOWER_BOUND} = lower bound: some logged foods have no "
            "value for it, or no food was logged that day.",
            highlight=False,
        )
    for u in data["unknown_foods"]:
        con.print(u["message"], highlight=False, markup=False)
    for r in data["readings"]:
        con.print(
            f"Read row {r['row']} ({r['item']}): {r['reading']}", highlight=False, markup=False
        )
    fuzzy: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for m in data["matches"]:
        # Every fuzzy match is reported, once per item and food, and so is a synonym whose
        # words are not in the food's name ("oatmeal" → "Cereals, oats, …, cooked").
        if not m["exact"] or not set(tokens(m["query"])) <= set(tokens(m["food_name"])):
            fuzzy.setdefault((m["query"].lower(), m["food_id"]), []).append(m)
    for ms in fuzzy.values():
        m = ms[0]
        rows = ", ".join(str(x["row"]) for x in ms[:8]) + (" …" if len(ms) > 8 else "")
        how = "synonym" if m["exact"] else f"fuzzy match, score {m['score']:g}"
        con.print(
            f"Matched '{m['query']}' → {m['food_name']} [{m['food_id']}] "
            f"({how}; row{'s' if len(ms) > 1 else ''} {rows})",
            highlight=False,
            markup=False,
        )
    keys = sorted({k for ks in data["source_keys"].values() for k in ks})
    if keys:
        con.print(
            "Food values from: " + ", ".join(keys) + " (per form: --format json, 'source_keys'; "
            "full citations: vitk references KEY).",
            highlight=False,
        )
    cov = data["coverage"]
    if not cov["foods_logged"]:
        con.print(cov["note"], highlight=False)
    else:
        con.print(
            f"Coverage: {cov['k2_measured_share']:.0%} of {cov['foods_logged']} logged foods have "
            f"any menaquinone measured; {cov['long_chain_mk_measured_share']:.0%} have MK-7 or "
            "longer chains. Foods without data add nothing, so K2 totals are lower bounds.",
            highlight=False,
        )
    if cov["foods_k2_unmeasured"]:
        con.print("K2 not measured in: " + "; ".join(cov["foods_k2_unmeasured"]), highlight=False)
    for code, names in cov["co_nutrient_unmeasured"].items():
        if names:
            con.print(
                f"No {_CO_NUTRIENT_NAMES.get(code, code.replace('_', ' '))} value for "
                f"{len(names)} logged food(s) "
                f"({'; '.join(names[:4])}{' …' if len(names) > 4 else ''}): "
                "that total is a lower bound.",
                highlight=False,
            )
    c = data["consistency"]
    con.print(
        f"Consistency of total vitamin K over {c['n_days']} "
        f"{'day' if c['n_days'] == 1 else 'days'}: mean {c['mean_ug']:.0f} µg, "
        f"SD {c['sd_ug']:.0f} µg, CV {c['cv_pct']:.0f} %, {c['days_outside_band']} day(s) outside "
        f"±{c['band_pct']:g} % of the mean.",
        highlight=False,
    )
    if data["comparison"]:
        ct = Table(
            title=f"Mean daily intake against reference values ({data['targets']['life_stage']})"
        )
        for col in ("reference", "basis", "intake", "value", "%", "status", "days > UL"):
            ct.add_column(col, overflow="fold")
        ct.add_column("sources", overflow="fold")
        for row in data["comparison"]:
            ref = (
                "—"
                if row["reference"] is None
                else f"{row['reference']:g} {row['unit']} ({row['kind']}, {row['body']})"
            )
            pct = "" if row["pct_of_reference"] is None else f"{row['pct_of_reference']:.0f}"
            if row["intake_status"] == "lower_bound" and pct:
                pct = LOWER_BOUND + pct
            ct.add_row(
                row["target"],
                row["basis"],
                marked_number(row["intake"], row["intake_status"]),
                ref,
                pct,
                row["status"],
                _days_above(row, c["n_days"]),
                ", ".join(row["source_keys"]),
            )
        con.print(ct)
        for row in data["comparison"]:
            if row.get("days_above_ul"):
                con.print(
                    f"{row['target']}: above the UL of {row['reference']:g} {row['unit']} on "
                    f"{row['days_above_ul']} of {c['n_days']} days: "
                    + ", ".join(row["dates_above_ul"]),
                    highlight=False,
                )
    con.print(
        "Not medical advice. On warfarin or another vitamin K antagonist: keep vitamin K intake "
        "steady and change nothing without your anticoagulation clinic.",
        highlight=False,
    )
