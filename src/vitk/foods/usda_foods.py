"""USDA foods as :class:`~vitk.foods.model.Food` records, from a release or the database.

Food ids are ``usda:<NDB_No>`` (e.g. ``usda:01009``). Values are per 100 g with
``source_key="USDA-SR28"`` and ``origin="SR28 NUT_DATA <NDB>/<Nutr_No>"``; vitamin D
comes from Nutr_No 328 (µg) or, when absent, 324 (IU) ÷ 40.

Each value's status follows its SR28 source code (Src_Cd, see
:data:`vitk.usda.sr28.SOURCE_CODES`): ``measured`` (analytical), ``imputed`` (calculated
or imputed, e.g. natto's K1 taken from another food) or ``assumed_zero`` (Src_Cd 7); the
code itself is kept in :attr:`~vitk.foods.model.Observation.usda_src_cd` and the note.

The same conversion serves the table shipped with vitk (:mod:`vitk.usda.packaged`) and a
release imported into the database (:mod:`vitk.usda.store`), so a food reads the same
from both. Direction of imports: ``vitk.foods`` uses ``vitk.usda``; ``vitk.usda`` never
imports ``vitk.foods``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from vitk.errors import InputError, UnknownFoodError
from vitk.foods.model import Food, Observation, Portion, Status
from vitk.units import IU_PER_UG_VITAMIN_D, iu_to_ug_vitamin_d
from vitk.usda import PREFIX
from vitk.usda.sr28 import (
    NUTRIENT_CODES,
    NUTRIENTS_READ,
    SOURCE_CODES,
    NutrientValue,
    Release,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["PREFIX", "SOURCE_KEY", "food_id", "foods_from_release", "get_usda_foods", "ndb_of"]

SOURCE_KEY = "USDA-SR28"
SR28_ORIGIN = "SR28 NUT_DATA"

#: SR28 Nutr_No → vitk nutrient code (324, vitamin D in IU, is converted to 328's µg).
_CODES = NUTRIENT_CODES
_ORDER = NUTRIENTS_READ


def food_id(ndb_no: str) -> str:
    """The vitk id of an SR28 food: ``usda:<NDB_No>``."""
    return PREFIX + ndb_no


def ndb_of(food_id: str) -> str:
    """The NDB number of a ``usda:<NDB>`` id.

    Raises
    ------
    InputError
        ``food_id`` is not ``usda:`` followed by five digits.
    """
    ndb = food_id[len(PREFIX) :] if food_id.startswith(PREFIX) else ""
    if len(ndb) != 5 or not ndb.isdigit():
        raise InputError(
            f"USDA food id must be 'usda:' followed by a 5-digit NDB number; got {food_id!r}."
        )
    return ndb


def _synonyms(long_desc: str, short_desc: str, common: str | None) -> tuple[str, ...]:
    names: list[str] = []
    if common:
        names += [c.strip() for c in common.split(",") if c.strip()]
    parts = [p.strip() for p in long_desc.split(",") if p.strip()]
    if len(parts) > 1:  # "Cheese, cheddar" -> "cheddar cheese"
        names.append(f"{parts[1]} {parts[0]}".lower())
    if short_desc:
        names.append(short_desc)
    seen: dict[str, None] = {}
    for n in names:
        if n.lower() != long_desc.lower():
            seen.setdefault(n, None)
    return tuple(seen)


def _observation(v: NutrientValue, release: Release, names: dict[str, str]) -> Observation:
    value, low, high = v.value, v.min, v.max
    notes: list[str] = []
    if v.nutr_no == "324":
        notes.append(f"converted from {value:g} IU (Nutr_No 324) ÷ {IU_PER_UG_VITAMIN_D:g}")
        value, low, high = iu_to_ug_vitamin_d(value), None, None
    # A code vitk does not know is never shown as measured.
    known = SOURCE_CODES.get(v.src_cd)
    status = cast(Status, known[1] if known else "imputed")
    desc = release.source_codes.get(v.src_cd) or (known[0] if known else "unknown source code")
    notes.append(
        f"SR28 Src_Cd {v.src_cd or '(empty)'} ({desc})"
        + (f", Deriv_Cd {v.deriv_cd}" if v.deriv_cd else "")
    )
    if v.ref_ndb_no:
        ref_name = names.get(v.ref_ndb_no)
        notes.append(
            f"imputed from NDB {v.ref_ndb_no}" + (f" ({ref_name})" if ref_name else "")
            if status == "imputed"
            else f"Ref_NDB_No {v.ref_ndb_no}"
        )
    return Observation(
        nutrient=_CODES[v.nutr_no],
        value_per_100g=value,
        source_key=release.source_key,
        status=status,
        low_per_100g=low,
        high_per_100g=high,
        n_samples=v.n_data_points,
        country="US",
        source_location=(
            f"NUT_DATA.txt NDB_No {v.ndb_no} Nutr_No {v.nutr_no}"
            if release.origin_label == SR28_ORIGIN
            else f"{release.origin_label} NDB {v.ndb_no} nutrient_nbr {v.nutr_no}"
        ),
        origin=f"{release.origin_label} {v.ndb_no}/{v.nutr_no}",
        note="; ".join(notes),
        priority=1,
        usda_src_cd=v.src_cd,
    )


def foods_from_release(release: Release, ndbs: Sequence[str], *, table: str = "") -> list[Food]:
    """The foods ``ndbs`` of ``release`` as :class:`Food` records, in the order asked.

    ``table`` is recorded in ``Food.meta["table"]`` (``packaged`` or ``imported``).

    Raises
    ------
    UnknownFoodError
        An NDB number is not in the release.
    """
    names = {ndb: f.long_desc for ndb, f in release.foods.items()}
    weights_label = "SR28 WEIGHT" if release.origin_label == SR28_ORIGIN else "FDC food_portion"
    out: list[Food] = []
    for ndb in ndbs:
        row = release.foods.get(ndb)
        if row is None:
            raise UnknownFoodError(
                f"Unknown food {food_id(ndb)!r}: NDB {ndb} is not in the USDA release."
            )
        values = release.values_for(ndb)
        observations = tuple(
            _observation(values[n], release, names)
            for n in _ORDER
            if n in values and not (n == "324" and "328" in values)
        )
        portions = tuple(
            Portion(
                label=w.label,
                grams=w.grams,
                source_key=release.source_key,
                origin=f"{weights_label} {ndb}/{w.seq}",
            )
            for w in release.weights_for(ndb)
        )
        meta = {
            "source": "USDA SR28" if release.source_key == SOURCE_KEY else release.source_key,
            "food_group_code": row.food_group_code,
        }
        if table:
            meta["table"] = table
        out.append(
            Food(
                food_id=food_id(ndb),
                name=row.long_desc,
                food_group=release.food_groups.get(row.food_group_code, row.food_group_code),
                source_db="usda",
                observations=observations,
                portions=portions,
                synonyms=_synonyms(row.long_desc, row.short_desc, row.common_name),
                country="US",
                usda_ndb=ndb,
                typical_serving=portions[0].label if portions else "",
                note=f"manufacturer: {row.manufacturer}" if row.manufacturer else "",
                meta=meta,
            )
        )
    return out


def get_usda_foods(engine: Engine, food_ids: Sequence[str]) -> list[Food]:
    """Foods of the release imported into the database, by id (``usda:<NDB>``).

    Raises
    ------
    InputError
        An id is not of the form ``usda:<5 digits>``.
    UnknownFoodError
        An id is not in the imported release (or nothing was imported).
    """
    from vitk.usda import store

    ndbs = [ndb_of(f) for f in food_ids]
    if not ndbs:
        return []
    release = store.release_subset(engine, ndbs)
    for fid, ndb in zip(food_ids, ndbs, strict=True):
        if ndb not in release.foods:
            raise UnknownFoodError(
                f"Unknown food {fid!r}: NDB {ndb} is not in the imported release."
            )
    return foods_from_release(release, ndbs, table="imported")
