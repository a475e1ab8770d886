"""Every bad diary row in one pass: reading problems and intake problems together.

Reading a diary (:func:`~vitk.intake.diary.read_diary`) finds bad dates, kinds and
missing values; computing it (:func:`~vitk.intake.engine.summarise`) finds amounts,
units and supplements it cannot read. A file with a bad date used to report only the
date, and its bad food rows appeared on the next try. :func:`summarise_checked` checks
the rows that were read well too, and raises one
:class:`~vitk.intake.diary.DiaryRowsError` with every bad row, in row order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from vitk.intake.diary import Diary, DiaryRowsError, read_diary, rows_error
from vitk.intake.engine import IntakeSummary, summarise

__all__ = ["all_row_problems", "read_and_summarise", "summarise_checked"]

_ROW = re.compile(r"row (\d+)\b")


def _row_of(problem: str) -> int:
    m = _ROW.search(problem)
    return int(m[1]) if m else 0


def all_row_problems(error: DiaryRowsError, **summarise_kwargs: Any) -> DiaryRowsError:
    """``error`` together with the problems :func:`summarise` finds in its good rows.

    Parameters
    ----------
    error : DiaryRowsError
        Raised while reading; its ``entries`` are the rows read well.
    **summarise_kwargs
        As for :func:`~vitk.intake.engine.summarise` (``catalogue``, ``strict`` …).

    Returns
    -------
    DiaryRowsError
        Every bad row, one line each, in row order.
    """
    if not error.entries:
        return error
    try:
        summarise(Diary(error.entries, error.source), **summarise_kwargs)
    except DiaryRowsError as more:
        merged = sorted([*error.problems, *more.problems], key=_row_of)
        return rows_error(merged)
    return error


def summarise_checked(
    path: str | Path, *, name: str | None = None, **summarise_kwargs: Any
) -> IntakeSummary:
    """:func:`read_diary` then :func:`summarise`, reporting every bad row at once.

    Raises
    ------
    DiaryError
        A file that cannot be read, or every bad row (reading and intake problems
        together, in row order) as one :class:`~vitk.intake.diary.DiaryRowsError`.
    """
    return read_and_summarise(path, name=name, **summarise_kwargs)[1]


def read_and_summarise(
    path: str | Path, *, name: str | None = None, **summarise_kwargs: Any
) -> tuple[Diary, IntakeSummary]:
    """The diary read from ``path`` and its summary (see :func:`summarise_checked`)."""
    try:
        diary = read_diary(path, name=name)
    except DiaryRowsError as exc:
        raise all_row_problems(exc, **summarise_kwargs) from None
    return diary, summarise(diary, **summarise_kwargs)
