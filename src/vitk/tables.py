"""Load packaged CSV tables and validate them against their ``.meta.json`` sidecars.

Every table is a CSV plus a sidecar describing each column: type (``str``, ``float``,
``int``, ``keys``), allowed values, range and unit. :func:`load_table` checks each
cell, that every citation key resolves, and returns the rows as dicts of typed
values. Errors name the file, the row (1-based data row), the column and the value.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib import resources
from typing import Any

from vitk.errors import DataValidationError
from vitk.references import get as get_reference

__all__ = ["load_table", "packaged_tables", "split_keys"]


def split_keys(cell: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in cell.split(";") if k.strip())


def packaged_tables() -> list[str]:
    """Relative paths (under ``vitk/data``) of every CSV table that has a sidecar."""
    root = resources.files("vitk").joinpath("data")
    out: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        for item in node.iterdir():
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif item.name.endswith(".csv"):
                meta = item.name[:-4] + ".meta.json"
                if node.joinpath(meta).is_file():
                    out.append(prefix + item.name)

    walk(root, "")
    return sorted(out)


def _convert(value: str, spec: dict[str, Any], where: str) -> Any:
    kind = spec.get("type", "str")
    if value == "":
        if spec.get("required"):
            raise DataValidationError(f"{where}: empty, but the column is required.")
        return None
    if kind == "float" or kind == "int":
        try:
            number: float | int = int(value) if kind == "int" else float(value)
        except ValueError:
            raise DataValidationError(f"{where}: '{value}' is not a {kind}.") from None
        lo, hi = spec.get("range", [None, None])
        if (lo is not None and number < lo) or (hi is not None and number > hi) or number != number:
            raise DataValidationError(
                f"{where}: {value} is outside the allowed range [{lo}, {hi}]."
            )
        return number
    if kind == "keys":
        keys = split_keys(value)
        for k in keys:
            try:
                get_reference(k)
            except KeyError:
                raise DataValidationError(
                    f"{where}: citation key '{k}' does not resolve to a packaged reference."
                ) from None
        return keys
    allowed = spec.get("allowed")
    if allowed is not None and value not in allowed:
        raise DataValidationError(f"{where}: '{value}' is not one of {', '.join(allowed)}.")
    return value


@cache
def load_table(relpath: str) -> tuple[dict[str, Any], ...]:
    """Load and validate ``vitk/data/<relpath>`` against its sidecar; rows as dicts."""
    parts = relpath.split("/")
    folder = resources.files("vitk").joinpath("data")
    for part in parts[:-1]:
        folder = folder.joinpath(part)
    node = folder.joinpath(parts[-1])
    meta_node = folder.joinpath(parts[-1][:-4] + ".meta.json")
    meta = json.loads(meta_node.read_text(encoding="utf-8"))
    columns: dict[str, dict[str, Any]] = meta["columns"]
    reader = csv.DictReader(io.StringIO(node.read_text(encoding="utf-8")))
    header = reader.fieldnames or []
    if list(header) != list(columns):
        raise DataValidationError(
            f"{relpath}: columns {header} do not match the sidecar's {list(columns)}."
        )
    rows: list[dict[str, Any]] = []
    for i, raw in enumerate(reader, start=1):
        row = {
            col: _convert((raw.get(col) or "").strip(), spec, f"{relpath} row {i}, column '{col}'")
            for col, spec in columns.items()
        }
        rows.append(row)
    unique = meta.get("unique")
    if unique:
        seen: set[tuple[Any, ...]] = set()
        for i, row in enumerate(rows, start=1):
            key = tuple(row[c] for c in unique)
            if key in seen:
                raise DataValidationError(f"{relpath} row {i}: duplicate {unique} = {key}.")
            seen.add(key)
    return tuple(rows)
