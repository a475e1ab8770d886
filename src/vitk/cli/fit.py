"""Terminal tables that fit the width they are given without cutting a number or a word.

A cell may wrap at a space ("≥1023 (307)" over two lines as "≥1023" and "(307)") but a
column is never narrower than its longest word, so no token is split. When even the
narrowest layout is wider than the terminal, columns are dropped, least important
first, and the caller says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["FitColumn", "fit_table"]

#: Below this width a table has no outer edge and one space between columns.
COMPACT_BELOW = 130


@dataclass(frozen=True)
class FitColumn:
    """One column: heading, cells, and how it may give way on a narrow terminal.

    ``drop_rank`` orders the columns that may be dropped (1 goes first); 0 never goes.
    """

    header: str
    cells: Sequence[str]
    numeric: bool = False
    drop_rank: int = 0

    @property
    def min_width(self) -> int:
        """The longest word of the heading or of any cell."""
        words = [w for text in (self.header, *self.cells) for w in text.split()]
        return max((len(w) for w in words), default=1)

    @property
    def max_width(self) -> int:
        """The longest heading or cell, unwrapped."""
        return max((len(text) for text in (self.header, *self.cells)), default=1)


def _overhead(compact: bool, n_columns: int) -> int:
    """Characters a table's rules and padding take besides its cells."""
    return n_columns - 1 if compact else 3 * n_columns + 1


def _widths(columns: Sequence[FitColumn], room: int) -> list[int]:
    """Each column's width: its longest word, then spare room up to its longest cell,
    numbers first (so that a value and its per-serving figure stay on one line)."""
    widths = [c.min_width for c in columns]
    spare = room - sum(widths)
    for numeric in (True, False):
        grew = True
        while spare > 0 and grew:
            grew = False
            for i, c in enumerate(columns):
                if c.numeric == numeric and widths[i] < c.max_width and spare > 0:
                    widths[i] += 1
                    spare -= 1
                    grew = True
    return widths


def fit_table(
    columns: Sequence[FitColumn], width: int, title: str | None = None
) -> tuple[Any, list[str]]:
    """A rich Table of ``columns`` that fits ``width``, and the headings dropped to fit.

    Parameters
    ----------
    columns : sequence of FitColumn
        All the same length.
    width : int
        Terminal width in characters.
    title : str, optional
        Table title.

    Returns
    -------
    (rich.table.Table, list of str)
    """
    from rich import box
    from rich.table import Table

    compact = width < COMPACT_BELOW
    kept = list(columns)
    droppable = sorted((c for c in kept if c.drop_rank), key=lambda c: c.drop_rank)

    def needed() -> int:
        return sum(c.min_width for c in kept) + _overhead(compact, len(kept))

    dropped: list[str] = []
    while needed() > width and droppable:
        gone = droppable.pop(0)
        kept.remove(gone)
        dropped.append(gone.header)
    t = Table(
        title=title,
        box=box.SIMPLE_HEAD if compact else box.HEAVY_HEAD,
        padding=(0, 0) if compact else (0, 1),
        show_edge=not compact,
    )
    for c, w in zip(kept, _widths(kept, width - _overhead(compact, len(kept))), strict=True):
        t.add_column(c.header, justify="right" if c.numeric else "left", width=w, overflow="fold")
    for i in range(len(kept[0].cells) if kept else 0):
        t.add_row(*(c.cells[i] for c in kept))
    return t, dropped
