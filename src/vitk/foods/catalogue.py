"""The food catalogue: curated foods plus every USDA SR28 food.

The USDA foods come from the table shipped with the package (:mod:`vitk.usda.packaged`),
or, when a release has been imported into the database, from that release instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from vitk.errors import UnknownFoodError
from vitk.foods.everyday import EverydayChoice, everyday_choice, everyday_words
from vitk.foods.model import Food
from vitk.foods.search import NameIndex, SearchHit

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = [
    "EVERYDAY_USDA_NAMES",
    "MAX_QUERY_CHARS",
    "Catalogue",
    "default_catalogue",
    "missing_sqlite_file",
    "packaged_catalogue",
]

#: Longest food search query accepted (CLI and web API). [characters]
MAX_QUERY_CHARS = 100
#: Everyday words that name one usual form of an imported USDA food (from
#: ``vitk/data/foods/everyday_words.csv``, see :mod:`vitk.foods.everyday`): extra synonyms,
#: so the word is an exact match for the form people eat, not the first name containing
#: it ("oatmeal" is cooked oats, not "Bread, oatmeal"; "coffee" is brewed coffee).
EVERYDAY_USDA_NAMES: dict[str, tuple[str, ...]] = {
    fid: words for fid, words in everyday_words().items() if fid.startswith("usda:")
}


class Catalogue:
    """Curated foods (always) and USDA foods (shipped with vitk, or an imported release)."""

    def __init__(
        self,
        curated: Sequence[Food],
        usda_names: Sequence[tuple[str, str, str]] = (),
        usda_loader: Callable[[Sequence[str]], list[Food]] | None = None,
    ) -> None:
        self._curated = {f.food_id: f for f in curated}
        self._usda_names = {fid: (name, group) for fid, name, group in usda_names}
        self._usda_loader = usda_loader
        self._usda_cache: dict[str, Food] = {}
        self._index: NameIndex | None = None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            everyday = everyday_words()
            entries: list[tuple[str, str, Sequence[str], str]] = [
                (f.food_id, f.name, (*f.synonyms, *everyday.get(f.food_id, ())), "curated")
                for f in self._curated.values()
            ]
            entries += [
                (fid, name, everyday.get(fid, ()), "usda")
                for fid, (name, _) in self._usda_names.items()
            ]
            groups = {f.food_id: f.food_group for f in self._curated.values()}
            self._index = NameIndex(entries, groups)
        return self._index

    def __len__(self) -> int:
        return len(self._curated) + len(self._usda_names)

    @property
    def has_usda(self) -> bool:
        return bool(self._usda_names)

    def curated_foods(self) -> list[Food]:
        return list(self._curated.values())

    def usda_names(self) -> list[tuple[str, str, str]]:
        """``(food_id, name, food_group)`` of every USDA food, without loading the foods."""
        return [(fid, name, group) for fid, (name, group) in self._usda_names.items()]

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Foods matching ``query``, best first; [] when nothing passes the relevance rule.

        Type-ahead friendly: the last word may be the beginning of a name word. See
        :mod:`vitk.foods.search` for the rule and the ranking.
        """
        return self.index.search(query, limit=limit)

    def everyday(self, query: str, hit: SearchHit | None = None) -> EverydayChoice | None:
        """The everyday form taken for a generic word such as "cheese", else None.

        ``hit`` is the first search hit for ``query`` (searched when not given); the
        choice is reported only when that hit is the form the word stands for.
        """
        if hit is None:
            hits = self.search(query, limit=1)
            hit = hits[0] if hits else None
        return None if hit is None else everyday_choice(query, hit.food_id, hit.name)

    def suggest(self, query: str, n: int = 3) -> list[SearchHit]:
        """Up to ``n`` "did you mean" foods for a query that matched nothing."""
        return self.index.suggest(query, n)

    def get(self, food_id: str) -> Food:
        """The food with id ``food_id`` (curated slug or ``usda:<NDB>``)."""
        if food_id in self._curated:
            return self._curated[food_id]
        if food_id in self._usda_names and self._usda_loader is not None:
            return self.get_many([food_id])[0]
        hits = self.search(food_id, limit=3) or self.suggest(food_id, 3)
        hint = f" Did you mean: {', '.join(repr(h.food_id) for h in hits)}?" if hits else ""
        raise UnknownFoodError(f"Unknown food id '{food_id}'.{hint}")

    def get_many(self, food_ids: Sequence[str]) -> list[Food]:
        missing = [f for f in food_ids if f not in self._curated and f not in self._usda_cache]
        if missing and self._usda_loader is not None:
            for food in self._usda_loader([m for m in missing if m in self._usda_names]):
                self._usda_cache[food.food_id] = food
        out: list[Food] = []
        for fid in food_ids:
            found = self._curated.get(fid) or self._usda_cache.get(fid)
            if found is None:
                raise UnknownFoodError(f"Unknown food id '{fid}'.")
            out.append(found)
        return out

    def resolve(self, name: str) -> tuple[Food, SearchHit]:
        """The food a diary row means by ``name``; UnknownFoodError with suggestions if none.

        A food id or an exact name/synonym gives ``hit.exact``. Otherwise every
        significant word of ``name`` must match a whole word of the food's name (typos
        allowed, no prefixes: "salmon" is not "Salmonberries"); see
        :mod:`vitk.foods.search`.
        """
        if name in self._curated or name in self._usda_names:
            food = self.get(name)
            return food, SearchHit(food.food_id, food.name, 100.0, food.source_db, name, True)
        hit = self.index.match(name)
        if hit is None:
            hint = ", ".join(repr(h.name) for h in self.suggest(name, 3))
            raise UnknownFoodError(
                f"Unknown food '{name}': no food name contains each of its words."
                + (
                    f" Did you mean: {hint}?"
                    if hint
                    else " Look it up in the food list (vitk foods search, or the Foods page)."
                )
            )
        return self.get(hit.food_id), hit


def _sqlite_file_missing(url: str) -> bool:
    return missing_sqlite_file(url) is not None


def missing_sqlite_file(url: str) -> str | None:
    """The file of a SQLite ``url`` when it does not exist (else None).

    The catalogue then holds the curated foods only; a caller that was given ``url``
    explicitly should say so (the default file legitimately may not exist yet).
    """
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    if path and path != ":memory:" and not os.path.exists(path):
        return path
    return None


def default_database_url() -> str:
    """``VITK_DATABASE_URL`` or the SQLite file in the user's data directory."""
    env = os.environ.get("VITK_DATABASE_URL")
    if env:
        return env
    from platformdirs import user_data_dir

    return "sqlite:///" + os.path.join(user_data_dir("vitk"), "vitk.sqlite")


def default_catalogue(db_url: str | None = None) -> Catalogue:
    """Curated foods plus every USDA SR28 food.

    The SR28 foods come from the release imported into the database at ``db_url``
    (``vitk data import-usda`` / ``import-fdc``) when there is one, else from the table
    shipped with vitk (:func:`packaged_catalogue`).
    """
    url = db_url or default_database_url()
    return _catalogue_for(url)


@lru_cache(maxsize=4)
def _catalogue_for(url: str) -> Catalogue:
    from vitk.foods.curated import load_curated_foods

    curated = load_curated_foods()
    if not _sqlite_file_missing(url):
        imported = _imported_catalogue(curated, url)
        if imported is not None:
            return imported
    return packaged_catalogue(curated)


def _imported_catalogue(curated: Sequence[Food], url: str) -> Catalogue | None:
    """Curated foods plus the release imported at ``url``; None when none was imported."""
    from vitk.foods.usda_foods import get_usda_foods
    from vitk.usda import store

    engine = _engine(url)
    try:
        if not store.has_usda_data(engine):
            return None
        names = store.usda_food_names(engine)
    finally:
        engine.dispose()  # the catalogue is cached: hold no pooled connection in between

    def loader(ids: Sequence[str]) -> list[Food]:
        try:
            return get_usda_foods(engine, ids)
        finally:
            engine.dispose()

    return Catalogue(curated, names, loader)


def packaged_catalogue(curated: Sequence[Food] | None = None) -> Catalogue:
    """Curated foods plus the USDA SR28 table shipped with vitk (no database needed).

    Parameters
    ----------
    curated : sequence of Food, optional
        The curated foods (default: the package's curated table).
    """
    from vitk.foods.curated import load_curated_foods
    from vitk.foods.usda_foods import food_id, foods_from_release, ndb_of
    from vitk.usda import packaged

    names = [(food_id(ndb), name, group) for ndb, name, group in packaged.read_food_names()]

    def loader(ids: Sequence[str]) -> list[Food]:
        release = packaged.read_table()
        return foods_from_release(release, [ndb_of(i) for i in ids], table="packaged")

    return Catalogue(load_curated_foods() if curated is None else curated, names, loader)


def _engine(url: str) -> Engine:
    from vitk.storage.db import get_engine

    return get_engine(url)
