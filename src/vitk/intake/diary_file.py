"""Diary files in and out: check every row in one pass, write CSV safe for spreadsheets.

:func:`check_rows` reads diary rows and computes them against a food catalogue, and
reports every bad row at once, whether its date, its kind, its food or its amount is
wrong (one line per row, in row order). :func:`read_upload` does the same for the
contents of an uploaded CSV, with size and row limits. :func:`diary_csv` writes rows as
CSV (``date,kind,item,amount``) that a spreadsheet will not run as formulas, and
:func:`read_upload` undoes that quoting, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.errors import DiaryError
from vitk.intake.diary import (
    REQUIRED_COLUMNS,
    Diary,
    DiaryRowsError,
    parse_rows,
    read_rows,
    rows_error,
)

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.engine import IntakeSummary
    from vitk.lifestage import LifeStage

__all__ = [
    "CSV_COLUMNS",
    "CSV_FORMULA_START",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_ROWS",
    "check_rows",
    "csv_cell",
    "diary_csv",
    "read_upload",
]

CSV_COLUMNS = REQUIRED_COLUMNS
#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Largest diary file :func:`read_upload` accepts. [bytes]
MAX_UPLOAD_BYTES = 1_000_000
#: Most rows :func:`read_upload` accepts.
MAX_UPLOAD_ROWS = 5000

_ROW = re.compile(r"row (\d+)\b")


def csv_cell(text: str) -> str:
    """``text`` safe for spreadsheets: a leading ``'`` if it starts like a formula.

    OWASP's rule for CSV injection; :func:`read_upload` removes the quote again.

    Examples
    --------
    >>> csv_cell("=1+1"), csv_cell("natto")
    ("'=1+1", 'natto')
    """
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


def _uncell(text: str) -> str:
    if text.startswith("'") and text[1:2] and text[1:].startswith(CSV_FORMULA_START):
        return text[1:]
    return text


def diary_csv(rows: Iterable[Sequence[str]]) -> str:
    """Diary rows ``(date, kind, item, amount)`` as CSV with a header, readable by ``vitk intake``.

    Cells that a spreadsheet would run as a formula get a leading ``'`` (:func:`csv_cell`).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for row in rows:
        w.writerow([csv_cell(str(x)) for x in row])
    return buf.getvalue()


def _row_number(message: str) -> int:
    m = _ROW.search(message)
    return int(m.group(1)) if m else 0


def check_rows(
    rows: Sequence[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    stage: LifeStage | None = None,
    bad: Mapping[int, str] | None = None,
    source: str = "",
) -> IntakeSummary:
    """Read ``rows`` as a diary and compute it; every bad row is reported in one pass.

    A row with a bad date, kind or missing column, and a row whose food is unknown or
    whose amount cannot be read, are all listed together, in row order.

    Parameters
    ----------
    rows : sequence of mappings
        Each with ``date``, ``kind``, ``item`` and ``amount``.
    catalogue : Catalogue
        The foods to match names against.
    stage : LifeStage, optional
        For the reference intakes in the summary.
    bad : mapping of int to str, optional
        Problems already found while parsing a file, by row number (from 1).
    source : str
        How messages name the diary.

    Raises
    ------
    DiaryRowsError
        One line per bad row (a :class:`vitk.errors.DiaryError`).
    """
    return _check(rows, catalogue, stage=stage, bad=bad, source=source)[1]


def _check(
    rows: Sequence[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    stage: LifeStage | None = None,
    bad: Mapping[int, str] | None = None,
    source: str = "",
) -> tuple[Diary, IntakeSummary]:
    from vitk.intake.engine import summarise

    diary, problems = read_rows(rows, source=source, bad=bad)
    summary = None
    if diary is not None:
        try:
            summary = summarise(diary, stage=stage, catalogue=catalogue, strict=True)
        except DiaryRowsError as exc:
            for msg in exc.problems:
                n = _row_number(msg)
                problems[n] = f"{problems[n]} {msg}" if n in problems else msg
    if problems:
        raise rows_error([problems[n] for n in sorted(problems)])
    if diary is None or summary is None:
        name = f" '{source}'" if source else ""
        raise DiaryError(f"Diary{name} has no rows; expected columns {','.join(CSV_COLUMNS)}.")
    return diary, summary


def read_upload(
    data: bytes,
    catalogue: Catalogue,
    *,
    filename: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
) -> list[dict[str, str]]:
    """The rows of an uploaded diary CSV, each checked; every bad row reported at once.

    A leading ``'`` that :func:`diary_csv` put before a formula-like cell is removed.
    Messages name the upload by ``filename`` (its last part only, never a server path).

    Returns
    -------
    list of dict
        ``{"date": "YYYY-MM-DD", "kind", "item", "amount"}`` per row, in file order.

    Raises
    ------
    DiaryError
        Too large, too many rows, not UTF-8, a bad header, or every bad row.
    """
    if len(data) > max_bytes:
        raise DiaryError(f"Diary CSV is {len(data):,} bytes; the most accepted is {max_bytes:,}.")
    shown = Path(filename).name if filename else ""
    name = f"uploaded file '{shown}'" if shown else "uploaded file"
    raw, bad = parse_rows(data, name=name)
    if len(raw) > max_rows:
        raise DiaryError(f"Diary CSV has {len(raw):,} rows; the most accepted is {max_rows:,}.")
    rows = [
        {
            k: _uncell(v.strip()) if k in ("item", "amount") and isinstance(v, str) else v
            for k, v in r.items()
        }
        for r in raw
    ]
    diary, _ = _check(rows, catalogue, bad=bad, source=name)
    return [
        {"date": e.date.isoformat(), "kind": e.kind, "item": e.item, "amount": e.amount}
        for e in diary.entries
    ]
