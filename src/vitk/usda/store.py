"""Read access to the USDA release imported into the database.

Returns the plain release records of :mod:`vitk.usda.sr28` (a :class:`Release` holding
the foods asked for); :mod:`vitk.foods.usda_foods` turns them into foods. This module
never imports :mod:`vitk.foods` (the import direction is foods → usda).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select

from vitk.errors import UnknownFoodError
from vitk.storage.schema import (
    usda_food,
    usda_nutrient_value,
    usda_portion,
    usda_release,
    usda_source_code,
)
from vitk.usda import PREFIX
from vitk.usda.sr28 import SOURCE_CODES, Food, NutrientValue, Release, Weight

__all__ = ["PREFIX", "has_usda_data", "release_subset", "usda_food_names"]


def has_usda_data(engine: Engine) -> bool:
    """True if a USDA release has been imported into this database."""
    if not inspect(engine).has_table("usda_food"):
        return False
    with engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(usda_food)).scalar_one())


def usda_food_names(engine: Engine) -> list[tuple[str, str, str]]:
    """``(food_id, long_desc, food_group)`` of every imported USDA food, by NDB number.

    Food ids are ``usda:<NDB_No>`` (:data:`vitk.usda.PREFIX`).
    """
    if not has_usda_data(engine):
        return []
    stmt = select(usda_food.c.ndb_no, usda_food.c.long_desc, usda_food.c.food_group).order_by(
        usda_food.c.ndb_no
    )
    with engine.connect() as conn:
        return [(PREFIX + ndb, name, group) for ndb, name, group in conn.execute(stmt)]


def _source_codes(engine: Engine) -> dict[str, str]:
    """Src_Cd → description as stored; SR28's built-in list fills any gap."""
    codes = {k: d for k, (d, _) in SOURCE_CODES.items()}
    if inspect(engine).has_table("usda_source_code"):
        with engine.connect() as conn:
            for r in conn.execute(select(usda_source_code)):
                codes[r.src_cd] = r.description
    return codes


def release_subset(engine: Engine, ndbs: Sequence[str]) -> Release:
    """The imported foods ``ndbs`` (and the foods their values were imputed from).

    Foods not in the database are simply absent from the result.

    Raises
    ------
    UnknownFoodError
        No USDA release has been imported into this database.
    """
    if not has_usda_data(engine):
        raise UnknownFoodError(
            f"Unknown food 'usda:{ndbs[0] if ndbs else ''}': no USDA release has been "
            "imported; run 'vitk data import-usda DIR' first."
        )
    wanted = sorted(set(ndbs))
    # A database imported before migration 0005 has no ref_ndb_no column until upgraded.
    present = {c["name"] for c in inspect(engine).get_columns("usda_nutrient_value")}
    columns = [c for c in usda_nutrient_value.c if c.name in present]
    with engine.connect() as conn:
        source_dir = conn.execute(select(usda_release.c.source_dir)).scalar() or ""
        note = conn.execute(select(usda_release.c.note)).scalar() or ""
        values = [
            NutrientValue(
                ndb_no=r.ndb_no,
                nutr_no=r.nutr_no,
                value=float(r.value),
                n_data_points=None if r.n_data_points is None else int(r.n_data_points),
                std_error=None if r.std_error is None else float(r.std_error),
                src_cd=str(r.src_cd or ""),
                deriv_cd=r.deriv_cd or None,
                min=None if r.min_value is None else float(r.min_value),
                max=None if r.max_value is None else float(r.max_value),
                ref_ndb_no=getattr(r, "ref_ndb_no", None) or None,
            )
            for r in conn.execute(select(*columns).where(usda_nutrient_value.c.ndb_no.in_(wanted)))
        ]
        refs = {v.ref_ndb_no for v in values if v.ref_ndb_no}
        foods: dict[str, Food] = {}
        groups: dict[str, str] = {}
        for r in conn.execute(
            select(usda_food).where(usda_food.c.ndb_no.in_(sorted(set(wanted) | refs)))
        ):
            foods[r.ndb_no] = Food(
                ndb_no=r.ndb_no,
                food_group_code=r.food_group_code,
                long_desc=r.long_desc,
                short_desc=r.short_desc or "",
                common_name=r.common_name,
                manufacturer=r.manufacturer,
                scientific_name=r.scientific_name,
            )
            groups[r.food_group_code] = r.food_group
        weights = [
            Weight(
                ndb_no=r.ndb_no,
                seq=int(r.seq),
                amount=float(r.amount),
                measure=r.measure,
                grams=float(r.grams),
                n_data_points=r.n_data_points,
            )
            for r in conn.execute(
                select(usda_portion)
                .where(usda_portion.c.ndb_no.in_(wanted))
                .order_by(usda_portion.c.ndb_no, usda_portion.c.seq)
            )
        ]
    return Release(
        directory=Path(source_dir),
        foods=foods,
        food_groups=groups,
        nutrient_values=values,
        weights=weights,
        source_codes=_source_codes(engine),
        **_release_source(note),
    )


def _release_source(note: str) -> dict[str, str]:
    """Citation key and origin label stored with the release (SR28's when not recorded)."""
    fields = dict(
        part.split("=", 1) for part in (p.strip() for p in note.split(";")) if "=" in part
    )
    out = {}
    if fields.get("source_key"):
        out["source_key"] = fields["source_key"]
    if fields.get("origin"):
        out["origin_label"] = fields["origin"]
    return out
