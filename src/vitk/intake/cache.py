"""Intake summaries kept in memory, keyed by the diary rows and life stage they came from."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.engine import IntakeSummary

__all__ = ["SummaryCache"]


class SummaryCache:
    """Intake summaries keyed by the exact diary rows and life stage (thread-safe LRU).

    The key is the content (rows and stage), not a user, so two users with the same rows
    share an entry computed from those rows alone. :meth:`clear` empties it when someone
    deletes their data, so nothing derived from deleted rows stays in memory.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], IntakeSummary] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget every summary."""
        with self._lock:
            self._data.clear()

    def get(
        self, catalogue: Catalogue, rows: tuple[tuple[str, str, str, str], ...], stage: Any
    ) -> IntakeSummary:
        key = (id(catalogue), rows, getattr(stage, "label", None))
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
                return hit
        from vitk.intake import Diary, summarise

        diary = Diary.from_rows(
            [{"date": d, "kind": k, "item": i, "amount": a} for d, k, i, a in rows]
        )
        summary = summarise(diary, stage=stage, catalogue=catalogue)
        with self._lock:
            self._data[key] = summary
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return summary
