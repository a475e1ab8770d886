"""Diary files: rows of ``date,kind,item,amount`` in CSV, YAML or JSON.

``kind`` is ``food`` or ``supplement``. A food ``item`` is a food name (fuzzy-matched)
or id; a supplement ``item`` is one of :data:`SUPPLEMENT_FORMS`. ``amount`` is a
quantity with its unit (``85 g``, ``3 oz``, ``1 slice``, ``2 tbsp``, ``180 mcg``,
``1000 IU``). Every problem is reported with its row number (1-based data row).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vitk.errors import DiaryError

__all__ = ["SUPPLEMENT_FORMS", "Diary", "DiaryEntry", "read_diary", "supplement_nutrient"]

#: Supplement item names (lower case) → nutrient code.
SUPPLEMENT_FORMS: dict[str, str] = {
    "k1": "k1",
    "vitamin k1": "k1",
    "phylloquinone": "k1",
    "mk-4": "mk4",
    "mk4": "mk4",
    "menatetrenone": "mk4",
    "mk-7": "mk7",
    "mk7": "mk7",
    "vitamin d3": "vitamin_d",
    "vitamin d": "vitamin_d",
    "vitamin d2": "vitamin_d",
    "d3": "vitamin_d",
    "d2": "vitamin_d",
    "cholecalciferol": "vitamin_d",
    "calcium": "calcium",
    "magnesium": "magnesium",
}
_ALLOWED_SUPPLEMENTS = "K1, MK-4, MK-7, vitamin D3, calcium, magnesium"
REQUIRED_COLUMNS = ("date", "kind", "item", "amount")


@dataclass(frozen=True)
class DiaryEntry:
    row: int
    date: dt.date
    kind: Literal["food", "supplement"]
    item: str
    amount: str


@dataclass(frozen=True)
class Diary:
    entries: tuple[DiaryEntry, ...]
    source: str = ""

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], source: str = "") -> Diary:
        entries = [_entry(i, row, source) for i, row in enumerate(rows, start=1)]
        if not entries:
            name = f" '{source}'" if source else ""
            raise DiaryError(
                f"Diary{name} has no rows; expected columns {','.join(REQUIRED_COLUMNS)}."
            )
        return cls(tuple(entries), source)

    @property
    def dates(self) -> list[dt.date]:
        return sorted({e.date for e in self.entries})


def supplement_nutrient(item: str, row: int | None = None) -> str:
    """Nutrient code of a supplement form name; DiaryError if unknown."""
    code = SUPPLEMENT_FORMS.get(" ".join(item.lower().split()))
    if code is None:
        where = f"row {row}: " if row is not None else ""
        raise DiaryError(f"{where}unknown supplement '{item}'; allowed: {_ALLOWED_SUPPLEMENTS}.")
    return code


def _entry(i: int, row: Mapping[str, Any], source: str) -> DiaryEntry:
    if not isinstance(row, Mapping):
        raise DiaryError(
            f"row {i}: expected a mapping with {', '.join(REQUIRED_COLUMNS)}; got {row!r}."
        )
    missing = [
        c
        for c in REQUIRED_COLUMNS
        if str(row.get(c) if row.get(c) is not None else "").strip() == ""
    ]
    if missing:
        raise DiaryError(
            f"row {i}: missing {', '.join(missing)}; every row needs {','.join(REQUIRED_COLUMNS)}."
        )
    raw_date = row["date"]
    if isinstance(raw_date, dt.datetime):
        date = raw_date.date()
    elif isinstance(raw_date, dt.date):
        date = raw_date
    else:
        try:
            date = dt.date.fromisoformat(str(raw_date).strip())
        except ValueError:
            raise DiaryError(f"row {i}: date '{raw_date}' is not a date; use YYYY-MM-DD.") from None
    kind = str(row["kind"]).strip().lower()
    if kind not in ("food", "supplement"):
        raise DiaryError(
            f"row {i}: kind '{row['kind']}' is not allowed; use 'food' or 'supplement'."
        )
    item = " ".join(str(row["item"]).split())
    amount = str(row["amount"]).strip()
    return DiaryEntry(i, date, kind, item, amount)  # type: ignore[arg-type]


def _parse_text(text: str, suffix: str, source: str) -> list[Mapping[str, Any]]:
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except ValueError as exc:  # e.g. an impossible date such as 2026-02-30
            raise DiaryError(f"{source}: not a valid diary ({exc}).") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise DiaryError(f"{source}: not valid YAML{where}.") from None
        return _rows_from_data(data, source)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DiaryError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg}).") from None
        return _rows_from_data(data, source)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DiaryError(
            f"{source}: CSV header {','.join(header) or '(empty)'} lacks {', '.join(missing)}; "
            f"expected {','.join(REQUIRED_COLUMNS)}."
        )
    rows: list[Mapping[str, Any]] = []
    for raw in reader:
        if None in raw:
            raise DiaryError(
                f"{source} row {len(rows) + 1}: too many fields ({len(raw) - 1 + len(raw[None])}); "  # type: ignore[index]
                f"expected {len(header)} ({','.join(header)}). Quote amounts that contain commas."
            )
        rows.append({(k or "").strip().lower(): v for k, v in raw.items()})
    return rows


def _rows_from_data(data: Any, source: str) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping):
        data = data.get("entries", data.get("diary"))
    if not isinstance(data, list):
        raise DiaryError(
            f"{source}: expected a list of rows (or a mapping with 'entries'), each with "
            f"{', '.join(REQUIRED_COLUMNS)}."
        )
    return data


def read_diary(path: str | Path) -> Diary:
    """Read a diary from a CSV, YAML or JSON file."""
    p = Path(path)
    if not p.is_file():
        raise DiaryError(f"Diary file '{path}' does not exist or is not a file.")
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml", ".json", ".txt"):
        raise DiaryError(
            f"Diary file '{path}' has suffix '{suffix}'; allowed: .csv, .yaml, .yml, .json."
        )
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DiaryError(f"Diary file '{path}' is not UTF-8 text.") from None
    rows = _parse_text(text, suffix, p.name)
    return Diary.from_rows(rows, source=p.name)
