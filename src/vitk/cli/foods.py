"""``vitk foods search`` and ``vitk foods show``."""

from __future__ import annotations

from typing import Any

import click

from vitk.cli.options import console, db_option, echo_json, format_option, open_catalogue
from vitk.foods.detail import headline_cell as _cell
from vitk.foods.values import HEADLINE_FORMS as COLUMNS
from vitk.foods.values import VALUE_MARKS_NOTE, food_row

__all__ = ["COLUMNS", "food_row", "foods"]


@click.group()
def foods() -> None:
    """Search and show foods by vitamin K form."""


@foods.command()
@click.argument("query")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 200))
@format_option("table", "csv", "json")
@db_option
def search(query: str, limit: int, fmt: str, db_url: str | None) -> None:
    """Ranked fuzzy matches for QUERY with K1, MK-4, MK-7 … per 100 g (and per serving).

    Every word of QUERY must match a word of the food's name (typos, plurals, accents
    and synonyms allowed; the last word may be unfinished). With no match, exit code 1
    and "did you mean" suggestions (stderr; JSON: 'did_you_mean', never in 'results').
    """
    from vitk.errors import InputError
    from vitk.foods.catalogue import MAX_QUERY_CHARS

    if len(query) > MAX_QUERY_CHARS:
        raise InputError(
            f"QUERY is {len(query):,} characters long; at most {MAX_QUERY_CHARS} allowed."
        )
    cat = open_catalogue(db_url)
    hits = cat.search(query, limit=limit)
    if not hits:
        suggestions = cat.suggest(query, 3)
        if fmt == "json":
            echo_json(
                {
                    "query": query,
                    "results": [],
                    "did_you_mean": [{"food_id": h.food_id, "name": h.name} for h in suggestions],
                    "unit": "µg per 100 g; per_serving per typical serving",
                }
            )
        names = ", ".join(repr(h.name) for h in suggestions)
        click.echo(
            f"No food matches '{query}'." + (f" Did you mean: {names}?" if names else ""),
            err=True,
        )
        raise SystemExit(1)
    foods_ = cat.get_many([h.food_id for h in hits])
    everyday = cat.everyday(query, hits[0])
    if everyday is not None:
        click.echo(everyday.note, err=True)
    rows = []
    for hit, food in zip(hits, foods_, strict=True):
        row = food_row(food)
        row["score"] = round(hit.score, 1)
        row["exact"] = hit.exact
        rows.append(row)
    if fmt == "json":
        data: dict[str, Any] = {
            "query": query,
            "results": rows,
            "unit": "µg per 100 g; per_serving per typical serving",
        }
        if everyday is not None:
            data["everyday_form"] = {
                "word": everyday.word,
                "food_id": everyday.food_id,
                "name": everyday.name,
                "note": everyday.note,
            }
        echo_json(data)
    elif fmt == "csv":
        _csv(rows)
    else:
        _table(query, rows)


def _csv(rows: list[dict[str, Any]]) -> None:
    import csv
    import sys

    w = csv.writer(sys.stdout)
    header = ["food_id", "name", "source_db", "typical_serving", "serving_g"]
    for code, _ in COLUMNS:
        header += [
            f"{code}_ug_per_100g",
            f"{code}_ug_per_serving",
            f"{code}_status",
            f"{code}_sources",
        ]
    w.writerow(header)
    for r in rows:
        line = [r["food_id"], r["name"], r["source_db"], r["typical_serving"], r["serving_g"]]
        for code, _ in COLUMNS:
            v = r["values"][code]
            line += [v["per_100g_ug"], v["per_serving_ug"], v["status"], ";".join(v["source_keys"])]
        w.writerow(line)


def _table(query: str, rows: list[dict[str, Any]]) -> None:
    from vitk.cli.fit import FitColumn, fit_table

    con = console(200)
    servings = [
        f"{r['typical_serving']} = {r['serving_g']:g} g" if r["serving_g"] else "-" for r in rows
    ]
    sources = [
        ", ".join(sorted({k for v in r["values"].values() for k in v["source_keys"]})) for r in rows
    ]
    # On a narrow terminal the least needed columns go first: sources, serving, id, the
    # minor menaquinones, MK-4, then the K2 total; name, K1, MK-7 and total K stay.
    drop = {"mk_long_other": 4, "mk4": 5, "k2_total": 6}
    columns = [
        FitColumn("id", [r["food_id"] for r in rows], drop_rank=3),
        FitColumn("name", [r["name"] for r in rows]),
        FitColumn("serving", servings, drop_rank=2),
        *(
            FitColumn(
                label,
                [_cell(r["values"][code]) for r in rows],
                numeric=True,
                drop_rank=drop.get(code, 0),
            )
            for code, label in COLUMNS
        ),
        FitColumn("sources", sources, drop_rank=1),
    ]
    table, dropped = fit_table(
        columns, con.width, f"Foods matching '{query}' — µg per 100 g (per typical serving)"
    )
    con.print(table)
    if dropped:
        click.echo(
            f"Left out to fit {con.width} columns: {', '.join(dropped)} "
            "(a wider terminal, COLUMNS=..., or --format json shows them).",
            err=True,
        )
    click.echo(VALUE_MARKS_NOTE, err=True)


@foods.command()
@click.argument("food_id", metavar="FOOD")
@format_option("table", "json")
@db_option
def show(food_id: str, fmt: str, db_url: str | None) -> None:
    """Every form, calcium, vitamin D, magnesium, energy, portions and full citations of FOOD.

    FOOD is a food id (``gouda-aged-nl``, ``usda:01022``) or a name (``gouda``): a name
    is matched as a diary row is, and the match is reported on stderr.
    """
    from vitk.errors import InputError
    from vitk.foods.catalogue import MAX_QUERY_CHARS
    from vitk.foods.detail import food_by_id_or_name, food_detail

    if len(food_id) > MAX_QUERY_CHARS:
        raise InputError(
            f"FOOD_ID is {len(food_id):,} characters long; at most {MAX_QUERY_CHARS} allowed."
        )
    cat = open_catalogue(db_url)
    food, how = food_by_id_or_name(cat, food_id)
    if how is not None:
        click.echo(f"Matched '{food_id}' → {food.name} [{food.food_id}] ({how})", err=True)
        everyday = cat.everyday(food_id)
        if everyday is not None and everyday.food_id == food.food_id:
            click.echo(everyday.note, err=True)
    data = food_detail(food)
    if fmt == "json":
        echo_json(data)
        return
    _show_table(data)


def _show_table(data: dict[str, Any]) -> None:
    from rich.table import Table

    from vitk.cli.fit import FitColumn, fit_table
    from vitk.foods.detail import value_text

    con = console()
    con.print(
        f"[bold]{data['name']}[/bold]  ({data['food_id']}, {data['food_group']}"
        f"{', ' + data['country'] if data['country'] else ''})"
    )
    if data["note"]:
        con.print(data["note"])
    rows: list[tuple[str, str, str, str, str, str]] = []
    for v in data["nutrients"].values():
        value = value_text(v)
        lo, hi = v.get("low_per_100g"), v.get("high_per_100g")
        rng = f"{lo:g}–{hi:g}" if lo is not None and hi is not None and lo != hi else ""
        status = v.get("status_label", v["status"])
        rows.append(
            (v["label"], value, v["unit"], rng, status, ", ".join(v.get("source_keys", [])))
        )
    t, dropped = fit_table(
        [
            FitColumn("nutrient", [r[0] for r in rows]),
            FitColumn("value", [r[1] for r in rows], numeric=True),
            FitColumn("unit", [r[2] for r in rows]),
            FitColumn("range", [r[3] for r in rows], numeric=True, drop_rank=2),
            FitColumn("status", [r[4] for r in rows]),
            FitColumn("sources", [r[5] for r in rows], drop_rank=1),
        ],
        con.width,
        "Per 100 g edible portion (value shown by the documented rule; range across sources)",
    )
    con.print(t)
    pt = Table(title="Portions")
    for col in ("portion", "grams", "source"):
        pt.add_column(col)
    for p in data["portions"]:
        pt.add_row(p["label"], f"{p['grams']:g}", p["source_key"])
    con.print(pt)
    obs = data["observations"]
    values = []
    for o in obs:
        val = "" if o["value_per_100g"] is None else f"{o['value_per_100g']:g}"
        if o["low_per_100g"] is not None or o["high_per_100g"] is not None:
            val += f" [{o['low_per_100g']}–{o['high_per_100g']}]"
        values.append(val)
    ot, dropped_obs = fit_table(
        [
            FitColumn("nutrient", [o["nutrient"] for o in obs]),
            FitColumn("value /100 g", values, numeric=True),
            FitColumn("status", [o["status_label"] for o in obs]),
            FitColumn("country", [o["country"] or "" for o in obs], drop_rank=2),
            FitColumn("source", [o["source_key"] for o in obs]),
            FitColumn(
                "where", [o["origin"] or o["source_location"] or "" for o in obs], drop_rank=1
            ),
        ],
        con.width,
        "Observations",
    )
    con.print(ot)
    if dropped or dropped_obs:
        click.echo(
            f"Left out to fit {con.width} columns: {', '.join([*dropped, *dropped_obs])} "
            "(a wider terminal, COLUMNS=..., or --format json shows them).",
            err=True,
        )
    con.print("[bold]References[/bold]")
    for line in data["references"]:
        con.print(line, highlight=False)
