"""Ranked suggestions for a diary food that matched nothing.

A suggestion shares a word with the unknown name, or a word spelt closely: each
significant word of the name (not a stop word, a number or a one- or two-letter word) is
looked up on its own with the catalogue's whole-word search
(:meth:`vitk.foods.search.NameIndex.search`, typos allowed, no prefixes), and, when that
finds nothing, through the catalogue's closest-spelt words (rapidfuzz ``ratio`` at least
:data:`CLOSE_SPELLING_RATIO`, same first letter). Foods found for more of the name's
words rank first, then by the search's own order. A food sharing no word and no close
spelling is never offered: "brie" does not suggest "Chicken breast".
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import Any

from vitk.foods.catalogue import Catalogue
from vitk.foods.search import STOP_WORDS, NameIndex, tokens

__all__ = ["CLOSE_SPELLING_RATIO", "Suggestion", "UnknownFood", "suggest_foods"]

#: Word similarity (rapidfuzz ``ratio``, 0–100) for a close spelling outside the search's
#: own typo tolerance ("camembar" → "camembert").
CLOSE_SPELLING_RATIO = 75.0
#: Hits kept per word looked up.
_PER_WORD = 25
#: Close-spelt vocabulary words tried per query word.
_CLOSE_WORDS = 3


@dataclass(frozen=True)
class Suggestion:
    """One food offered for an unknown diary name."""

    food_id: str
    name: str
    #: Words of the unknown name (normalised) this food's name shares or spells closely.
    shared_words: tuple[str, ...]
    #: Share of the unknown name's significant words matched. [%]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "food_id": self.food_id,
            "name": self.name,
            "shared_words": list(self.shared_words),
            "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class UnknownFood:
    """A diary row whose food matched nothing: it adds nothing, its day is a lower bound."""

    row: int
    date: dt.date
    item: str
    amount: str
    suggestions: tuple[Suggestion, ...]

    def message(self) -> str:
        """One line for a report: the row, what it was, that it adds nothing, suggestions."""
        return (
            f"row {self.row} ({self.date.isoformat()}): unknown food '{self.item}' "
            f"({self.amount}) adds nothing, so that day is a lower bound (≥).{self._hint()}"
        )

    def note(self) -> str:
        """The same without row and date, beside the row itself (the web diary's rows)."""
        return f"Unknown food: adds nothing, so this day is a lower bound (≥).{self._hint()}"

    def _hint(self) -> str:
        if self.suggestions:
            return " Did you mean: " + ", ".join(repr(s.name) for s in self.suggestions[:3]) + "?"
        return " No food shares a word with it; look it up in the food list."

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "date": self.date.isoformat(),
            "item": self.item,
            "amount": self.amount,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "message": self.message(),
        }


def _significant(word: str) -> bool:
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()


_VOCAB: weakref.WeakKeyDictionary[NameIndex, tuple[str, ...]] = weakref.WeakKeyDictionary()


def _vocabulary(index: NameIndex) -> tuple[str, ...]:
    """Every normalised word of the index's names and synonyms (cached per index)."""
    vocab = _VOCAB.get(index)
    if vocab is None:
        words: set[str] = set()
        for _, label in index.labels():
            words.update(tokens(label))
        vocab = _VOCAB[index] = tuple(sorted(w for w in words if _significant(w)))
    return vocab


def _close_words(index: NameIndex, word: str) -> list[str]:
    from rapidfuzz import fuzz, process

    found = process.extract(
        word,
        [w for w in _vocabulary(index) if w[0] == word[0] and w != word],
        scorer=fuzz.ratio,
        processor=None,
        limit=_CLOSE_WORDS,
        score_cutoff=CLOSE_SPELLING_RATIO,
    )
    return [w for w, _, _ in found]


def suggest_foods(catalogue: Catalogue, name: str, n: int = 5) -> list[Suggestion]:
    """Up to ``n`` foods that share a word or a close spelling with ``name``, best first.

    Parameters
    ----------
    catalogue : Catalogue
        The foods to suggest from.
    name : str
        The diary's food name that matched nothing.
    n : int
        Most suggestions returned.

    Returns
    -------
    list of Suggestion
        Empty when no food shares a word or a close spelling with ``name``.
    """
    words = list(dict.fromkeys(w for w in tokens(name) if _significant(w)))
    if not words or n <= 0:
        return []
    index = catalogue.index
    found: dict[str, dict[str, Any]] = {}
    for word in words:
        hits = index.search(word, limit=_PER_WORD, prefix=False)
        if not hits:
            hits = [
                h
                for close in _close_words(index, word)
                for h in index.search(close, limit=_PER_WORD, prefix=False)
            ]
        for rank, hit in enumerate(hits):
            entry = found.setdefault(
                hit.food_id, {"name": hit.name, "words": [], "rank": 0, "first": len(found)}
            )
            if word not in entry["words"]:
                entry["words"].append(word)
                entry["rank"] += rank
    ordered = sorted(
        found.items(),
        key=lambda kv: (-len(kv[1]["words"]), kv[1]["rank"], kv[1]["first"]),
    )
    out: list[Suggestion] = []
    names: set[str] = set()
    for food_id, entry in ordered:
        if entry["name"] in names:  # a curated and a USDA food may share a name
            continue
        names.add(entry["name"])
        share = 100.0 * len(entry["words"]) / len(words)
        out.append(Suggestion(food_id, entry["name"], tuple(entry["words"]), share))
        if len(out) >= n:
            break
    return out
