"""The curated food table shipped with vitk, validated on load.

Three CSV files in ``vitk/data/foods/`` (each with a ``.meta.json`` sidecar that is
the schema: per column the type, unit, range, allowed values and whether it is
required or unique):

* ``foods.csv``: one row per food;
* ``food_values.csv``: one observation per row (one nutrient, one source, per 100 g);
* ``food_portions.csv``: household measures in grams.

:func:`load_curated_foods` checks every row against the schema, that nutrient codes
and units match :mod:`vitk.nutrients`, that ids are unique and every reference
resolves (food ids, typical servings, citation keys), and raises
:class:`~vitk.errors.DataValidationError` naming the file, the row and the value.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

from vitk.errors import DataValidationError
from vitk.foods.model import Food, Observation, Portion, Status
from vitk.nutrients import NUTRIENTS
from vitk.tables import Table, _fail
from vitk.tables import read_table as _read_table

__all__ = ["TABLES", "Table", "load_curated_foods", "load_curated_foods_from", "read_table"]

TABLES: tuple[str, ...] = ("foods", "food_values", "food_portions")

_Row = dict[str, Any]


def _package_folder() -> Traversable:
    return resources.files("vitk").joinpath("data", "foods")


def read_table(name: str, folder: Traversable | Path | None = None) -> Table:
    """Read one curated table and check it against its ``.meta.json`` schema.

    ``folder`` defaults to the package's ``vitk/data/foods``.
    """
    if name not in TABLES:
        raise DataValidationError(f"Unknown curated table {name!r}; allowed: {', '.join(TABLES)}.")
    return _read_table(_package_folder() if folder is None else folder, name)


def _check_values(table: Table, food_ids: set[str]) -> None:
    file = "food_values.csv"
    ranges: dict[str, dict[str, Any]] = table.meta["value_range_by_nutrient_kind"]
    keys_seen: set[tuple[Any, ...]] = set()
    for n, row in enumerate(table.rows, start=1):
        if row["food_id"] not in food_ids:
            raise _fail(file, n, f"food_id {row['food_id']!r} is not in foods.csv.")
        code = row["nutrient"]
        if code not in NUTRIENTS:
            raise _fail(file, n, f"nutrient {code!r} is unknown; allowed: {', '.join(NUTRIENTS)}.")
        nut = NUTRIENTS[code]
        kind = ranges.get(nut.kind)
        if kind is None or kind["unit"] != nut.unit:
            raise _fail(file, n, f"no range with unit '{nut.unit}' for nutrient kind '{nut.kind}'.")
        lo_ok, hi_ok = kind["range"]
        for col in ("value_per_100g", "low_per_100g", "high_per_100g"):
            v = row[col]
            if v is not None and not lo_ok <= v <= hi_ok:
                raise _fail(
                    file,
                    n,
                    f"{col} {v:g} {nut.unit} for {code} is out of range; "
                    f"allowed {lo_ok}–{hi_ok} {nut.unit} per 100 g.",
                )
        status, value = row["status"], row["value_per_100g"]
        if status in ("measured", "imputed") and value is None:
            raise _fail(file, n, f"status '{status}' needs value_per_100g.")
        if status in ("not_detected", "assumed_zero") and value != 0:
            raise _fail(file, n, f"status '{status}' needs value 0; got {value}.")
        if status in ("imputed", "assumed_zero") and not row["usda_src_cd"]:
            raise _fail(file, n, f"status '{status}' needs usda_src_cd (the SR28 Src_Cd).")
        if status == "range_only" and (
            value is not None or row["low_per_100g"] is None or row["high_per_100g"] is None
        ):
            raise _fail(file, n, "status 'range_only' needs low and high and no value.")
        low, high = row["low_per_100g"], row["high_per_100g"]
        if low is not None and high is not None and low > high:
            raise _fail(file, n, f"low_per_100g {low:g} is above high_per_100g {high:g}.")
        key = (row["food_id"], code, row["source_key"], row["origin"])
        if key in keys_seen:
            raise _fail(file, n, f"duplicate observation {key}.")
        keys_seen.add(key)


def _check_portions(table: Table, food_ids: set[str]) -> None:
    file = "food_portions.csv"
    seen: set[tuple[str, str]] = set()
    for n, row in enumerate(table.rows, start=1):
        if row["food_id"] not in food_ids:
            raise _fail(file, n, f"food_id {row['food_id']!r} is not in foods.csv.")
        pair = (row["food_id"], row["label"])
        if pair in seen:
            raise _fail(file, n, f"duplicate portion {row['label']!r} for {row['food_id']!r}.")
        seen.add(pair)


def load_curated_foods_from(folder: Traversable | Path) -> list[Food]:
    """Load and validate the three tables from ``folder`` (for checking edited copies)."""
    return list(_build(folder))


@lru_cache(maxsize=1)
def _load() -> tuple[Food, ...]:
    return _build(_package_folder())


def _build(folder: Traversable | Path) -> tuple[Food, ...]:
    foods_t, values_t, portions_t = (read_table(t, folder) for t in TABLES)
    food_ids = {r["food_id"] for r in foods_t.rows}
    _check_values(values_t, food_ids)
    _check_portions(portions_t, food_ids)

    obs: dict[str, list[Observation]] = {f: [] for f in food_ids}
    for row in values_t.rows:
        obs[row["food_id"]].append(
            Observation(
                nutrient=row["nutrient"],
                value_per_100g=row["value_per_100g"],
                source_key=row["source_key"],
                status=cast(Status, row["status"]),
                low_per_100g=row["low_per_100g"],
                high_per_100g=row["high_per_100g"],
                n_samples=row["n_samples"],
                country=row["country"] or "",
                source_location=row["source_location"],
                origin=row["origin"],
                note=row["note"] or "",
                priority=row["priority"],
                usda_src_cd=row["usda_src_cd"] or "",
            )
        )
    portions: dict[str, list[Portion]] = {f: [] for f in food_ids}
    for row in portions_t.rows:
        portions[row["food_id"]].append(
            Portion(
                label=row["label"],
                grams=row["grams"],
                source_key=row["source_key"],
                origin=row["origin"],
            )
        )
    out: list[Food] = []
    for n, row in enumerate(foods_t.rows, start=1):
        fid = row["food_id"]
        if not obs[fid]:
            raise _fail("foods.csv", n, f"food {fid!r} has no row in food_values.csv.")
        labels = {p.label for p in portions[fid]}
        if row["typical_serving"] not in labels:
            raise _fail(
                "foods.csv",
                n,
                f"typical_serving {row['typical_serving']!r} of {fid!r} is not "
                f"a portion label; allowed: {', '.join(sorted(labels)) or '(no portions)'}.",
            )
        synonyms = tuple(s.strip() for s in (row["synonyms"] or "").split(";") if s.strip())
        out.append(
            Food(
                food_id=fid,
                name=row["name"],
                food_group=row["food_group"],
                source_db="curated",
                observations=tuple(obs[fid]),
                portions=tuple(portions[fid]),
                synonyms=synonyms,
                country=row["country"] or "",
                usda_ndb=row["usda_ndb"] or "",
                typical_serving=row["typical_serving"],
                note=row["note"] or "",
                meta={"table_version": str(foods_t.meta["version"])},
            )
        )
    return tuple(out)


def load_curated_foods() -> list[Food]:
    """Every curated food with its observations and portions (validated, cached).

    Returns
    -------
    list of Food
        Foods in table order, ``source_db="curated"``.

    Raises
    ------
    DataValidationError
        A table breaks its schema; the message names the file, row and value.
    """
    return list(_load())
