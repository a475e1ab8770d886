"""Everyday words: the usual form of a food that a generic word names.

``vitk/data/foods/everyday_words.csv`` lists words people type for a food ("cheese",
"milk", "coffee") and the food vitk takes for each. The catalogue adds each word as a
synonym of its food, so the word is an exact match for the form people eat rather than
the first name that contains it ("cheese" is Cheddar, not "USDA Commodity, cheese,
cheddar, reduced fat"; "coffee" is brewed coffee). For a *generic* word (``generic``
yes), :func:`everyday_choice` also says which form was taken, so a person can name
another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from vitk.foods.search import normalise
from vitk.tables import read_table

__all__ = ["EverydayChoice", "everyday_choice", "everyday_words"]


@dataclass(frozen=True)
class EverydayChoice:
    """The everyday form taken for a generic word, and the sentence that says so."""

    word: str
    food_id: str
    name: str

    @property
    def note(self) -> str:
        """One sentence for people: which form was taken and how to pick another."""
        return (
            f"'{self.word}' names many foods; vitk takes {self.name} [{self.food_id}], "
            "an everyday form. Add a word to pick another (for example the kind or how "
            "it is cooked)."
        )


@cache
def _rows() -> tuple[tuple[str, str, bool], ...]:
    table = read_table(resources.files("vitk").joinpath("data", "foods"), "everyday_words")
    return tuple((normalise(r["word"]), r["food_id"], r["generic"] == "yes") for r in table.rows)


def everyday_words(food_ids: Mapping[str, object] | None = None) -> dict[str, tuple[str, ...]]:
    """Everyday words per food id (only ids in ``food_ids`` when given).

    >>> everyday_words()["usda:14209"]
    ('coffee', 'brewed coffee', 'black coffee')
    """
    out: dict[str, tuple[str, ...]] = {}
    for word, food_id, _ in _rows():
        if food_ids is None or food_id in food_ids:
            out[food_id] = (*out.get(food_id, ()), word)
    return out


def everyday_choice(query: str, food_id: str, name: str) -> EverydayChoice | None:
    """The choice to report when ``query`` is a generic word and ``food_id`` its food.

    >>> everyday_choice("Cheese", "cheddar-us", "Cheddar cheese (US)").food_id
    'cheddar-us'
    >>> everyday_choice("gouda", "gouda-aged-nl", "Gouda") is None
    True
    """
    q = normalise(query)
    for word, fid, generic in _rows():
        if generic and word == q and fid == food_id:
            return EverydayChoice(" ".join(query.split()), food_id, name)
    return None
