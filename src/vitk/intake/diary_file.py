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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.errors import DiaryError
from vitk.intake.diary import REQUIRED_COLUMNS, Diary, DiaryEntry, DiaryRowsError, parse_diary

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


def check_rows(
    rows: Sequence[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    stage: LifeStage | None = None,
    source: str = "",
) -> IntakeSummary:
    """Read ``rows`` as a diary and compute it; every bad row is reported in one pass.

    A row with a bad date, kind or missing column, and a row whose food is unknown or
    whose amount cannot be read, are all listed together, in row order
    (:func:`vitk.intake.check.all_row_problems`).

    Parameters
    ----------
    rows : sequence of mappings
        Each with ``date``, ``kind``, ``item`` and ``amount``.
    catalogue : Catalogue
        The foods to match names against.
    stage : LifeStage, optional
        For the reference intakes in the summary.
    source : str
        How messages name the diary.

    Raises
    ------
    DiaryRowsError
        One line per bad row (a :class:`vitk.errors.DiaryError`).
    """
    from vitk.intake.check import all_row_problems
    from vitk.intake.engine import summarise

    try:
        diary = Diary.from_rows(rows, source)
    except DiaryRowsError as exc:
        raise all_row_problems(exc, catalogue=catalogue, stage=stage, strict=True) from None
    return summarise(diary, stage=stage, catalogue=catalogue, strict=True)


def _uncelled(entries: Iterable[DiaryEntry]) -> tuple[DiaryEntry, ...]:
    return tuple(replace(e, item=_uncell(e.item), amount=_uncell(e.amount)) for e in entries)


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
    from vitk.intake.check import all_row_problems
    from vitk.intake.engine import summarise

    if len(data) > max_bytes:
        raise DiaryError(f"Diary CSV is {len(data):,} bytes; the most accepted is {max_bytes:,}.")
    shown = Path(filename).name if filename else ""
    name = f"uploaded file '{shown}'" if shown else "uploaded file"

    def too_many(n: int) -> None:
        if n > max_rows:
            raise DiaryError(f"Diary CSV has {n:,} rows; the most accepted is {max_rows:,}.")

    try:
        diary = parse_diary(data, name=name)
    except DiaryRowsError as exc:
        too_many(len(exc.entries) + len(exc.problems))
        read_well = DiaryRowsError(exc.problems, _uncelled(exc.entries), exc.source)
        raise all_row_problems(read_well, catalogue=catalogue, strict=True) from None
    too_many(len(diary.entries))
    diary = Diary(_uncelled(diary.entries), diary.source)
    summarise(diary, catalogue=catalogue, strict=True)
    return [
        {"date": e.date.isoformat(), "kind": e.kind, "item": e.item, "amount": e.amount}
        for e in diary.entries
    ]
