"""Packaged tables: CSV files validated against their ``.meta.json`` sidecars.

Each sidecar has ``title``, ``version``, ``licence`` and, per column, ``type``
(``string``, ``number`` or ``integer``), ``description``, and optionally ``unit``,
``required``, ``unique``, ``pattern``, ``allowed``, ``range`` and ``reference``
(``true``: the cell is one citation key; ``"list"``: ``;``-separated keys). Every key
must resolve in ``vitk/data/references/*.bib``. Errors name the file, the row
(1-based data row), the column and the value.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

from vitk.errors import DataValidationError, UnknownReferenceError

__all__ = ["Table", "load_table", "packaged_tables", "read_table", "split_keys"]

_Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """A validated table: its metadata and its rows with typed values (None if empty)."""

    name: str
    meta: dict[str, Any]
    rows: list[_Row]


def split_keys(cell: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in cell.split(";") if k.strip())


def _fail(file: str, row: int | None, message: str) -> DataValidationError:
    where = f"{file}" if row is None else f"{file} row {row}"
    return DataValidationError(f"{where}: {message}")


def _convert(file: str, n: int, column: str, raw: str, spec: Mapping[str, Any]) -> Any:
    """Parse one cell by its column spec; check pattern, allowed values and range."""
    text = raw.strip()
    if text == "":
        if spec.get("required"):
            raise _fail(file, n, f"column '{column}' is required; got an empty value.")
        return None
    kind = spec["type"]
    value: Any
    if kind == "string":
        value = text
        pattern = spec.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            raise _fail(file, n, f"{column} {text!r} does not match {pattern}.")
        allowed = spec.get("allowed")
        if allowed and text not in allowed:
            raise _fail(
                file, n, f"{column} {text!r} is not allowed; allowed: {', '.join(allowed)}."
            )
        return value
    try:
        value = int(text) if kind == "integer" else float(text)
    except ValueError:
        raise _fail(file, n, f"{column} must be {kind}; got {text!r}.") from None
    rng = spec.get("range")
    if rng is not None and not (rng[0] <= value <= rng[1]):
        unit = spec.get("unit") or ""
        raise _fail(
            file,
            n,
            f"{column} {value:g} is out of range; allowed {rng[0]}–{rng[1]} {unit}".rstrip() + ".",
        )
    return value


def read_table(folder: Traversable | Path, name: str) -> Table:
    """Read ``<folder>/<name>.csv`` and check it against ``<name>.meta.json``."""
    file = f"{name}.csv"
    meta = cast(dict[str, Any], json.loads(folder.joinpath(f"{name}.meta.json").read_text("utf-8")))
    for field in ("title", "version", "licence", "columns"):
        if field not in meta:
            raise _fail(f"{name}.meta.json", None, f"missing '{field}'.")
    columns: dict[str, dict[str, Any]] = meta["columns"]
    for col, spec in columns.items():
        if spec.get("type") not in ("string", "number", "integer") or "description" not in spec:
            raise _fail(f"{name}.meta.json", None, f"column '{col}' needs a type and description.")
    text = folder.joinpath(file).read_text("utf-8")
    reader = csv.DictReader(text.splitlines())
    header = list(reader.fieldnames or [])
    if header != list(columns):
        raise _fail(file, None, f"columns {header} differ from the schema {list(columns)}.")
    rows: list[_Row] = []
    seen: dict[str, dict[Any, int]] = {c: {} for c, s in columns.items() if s.get("unique")}
    for n, raw in enumerate(reader, start=1):
        if None in raw:
            raise _fail(file, n, "has more fields than the header.")
        row = {c: _convert(file, n, c, raw[c] or "", spec) for c, spec in columns.items()}
        for c, index in seen.items():
            if row[c] in index:
                raise _fail(file, n, f"duplicate {c} {row[c]!r} (first in row {index[row[c]]}).")
            index[row[c]] = n
        for c, spec in columns.items():
            ref = spec.get("reference")
            if ref and row[c] is not None:
                if ref == "list":
                    row[c] = split_keys(row[c])
                    for key in row[c]:
                        _check_key(file, n, key)
                else:
                    _check_key(file, n, row[c])
        rows.append(row)
    return Table(name=name, meta=meta, rows=rows)


def _check_key(file: str, n: int, key: str) -> None:
    from vitk.references import get

    try:
        get(key)
    except UnknownReferenceError:
        raise _fail(
            file, n, f"source_key {key!r} does not resolve in vitk/data/references/*.bib."
        ) from None


def _data_root() -> Traversable:
    return resources.files("vitk").joinpath("data")


def packaged_tables() -> list[str]:
    """Relative paths (under ``vitk/data``) of every CSV table that has a sidecar."""
    out: list[str] = []

    def walk(node: Traversable, prefix: str) -> None:
        for item in node.iterdir():
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif (
                item.name.endswith(".csv")
                and node.joinpath(item.name[:-4] + ".meta.json").is_file()
            ):
                out.append(prefix + item.name)

    walk(_data_root(), "")
    return sorted(out)


@cache
def load_table(relpath: str) -> tuple[_Row, ...]:
    """Rows of the packaged table ``vitk/data/<relpath>``, validated on first load."""
    parts = relpath.split("/")
    folder = _data_root()
    for part in parts[:-1]:
        folder = folder.joinpath(part)
    return tuple(read_table(folder, parts[-1].removesuffix(".csv")).rows)
