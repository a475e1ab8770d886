"""Read access to the imported USDA release, as :class:`vitk.foods.model.Food` records.

Food ids are ``usda:<NDB_No>`` (e.g. ``usda:01009``). Values are per 100 g with
``source_key="USDA-SR28"`` and ``origin="SR28 NUT_DATA <NDB>/<Nutr_No>"``; vitamin D
comes from Nutr_No 328 (µg) or, when absent, 324 (IU) ÷ 40.

Each value's status follows its SR28 source code (Src_Cd, table ``usda_source_code``):
``measured`` (analytical), ``imputed`` (calculated or imputed, e.g. natto's K1 taken from
another food) or ``assumed_zero`` (Src_Cd 7); the code itself is kept in
:attr:`~vitk.foods.model.Observation.usda_src_cd` and the note.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Engine, func, inspect, select

from vitk.errors import InputError, UnknownFoodError
from vitk.foods.model import Food, Observation, Portion, Status
from vitk.storage.schema import usda_food, usda_nutrient_value, usda_portion, usda_source_code
from vitk.usda.sr28 import SOURCE_CODES

__all__ = ["PREFIX", "get_usda_foods", "has_usda_data", "usda_food_names"]

PREFIX = "usda:"
SOURCE_KEY = "USDA-SR28"

_CODES = {
    "430": "k1",
    "429": "dihydro_k1",
    "428": "mk4",
    "301": "calcium",
    "304": "magnesium",
    "328": "vitamin_d",
    "208": "energy",
}


def has_usda_data(engine: Engine) -> bool:
    """True if a USDA release has been imported into this database."""
    if not inspect(engine).has_table("usda_food"):
        return False
    with engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(usda_food)).scalar_one())


def usda_food_names(engine: Engine) -> list[tuple[str, str, str]]:
    """``(food_id, name, food_group)`` of every imported USDA food, by NDB number."""
    if not has_usda_data(engine):
        return []
    stmt = select(usda_food.c.ndb_no, usda_food.c.long_desc, usda_food.c.food_group).order_by(
        usda_food.c.ndb_no
    )
    with engine.connect() as conn:
        return [(PREFIX + ndb, name, group) for ndb, name, group in conn.execute(stmt)]


def _ndb(food_id: str) -> str:
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


def _source_codes(engine: Engine) -> dict[str, tuple[str, Status]]:
    """Src_Cd → (description, status) as stored; SR28's built-in list fills any gap."""
    codes: dict[str, tuple[str, Status]] = {
        k: (d, cast(Status, st)) for k, (d, st) in SOURCE_CODES.items()
    }
    if inspect(engine).has_table("usda_source_code"):
        with engine.connect() as conn:
            for r in conn.execute(select(usda_source_code)):
                codes[r.src_cd] = (r.description, cast(Status, r.status))
    return codes


def _observations(
    ndb: str,
    rows: list[dict[str, object]],
    codes: dict[str, tuple[str, Status]],
    names: dict[str, str],
) -> tuple[Observation, ...]:
    by_nutr = {str(r["nutr_no"]): r for r in rows}
    out: list[Observation] = []
    for nutr_no in ("430", "429", "428", "301", "304", "328", "324", "208"):
        r = by_nutr.get(nutr_no)
        if r is None or (nutr_no == "324" and "328" in by_nutr):
            continue
        value = float(r["value"])  # type: ignore[arg-type]
        low = r["min_value"]
        high = r["max_value"]
        notes: list[str] = []
        code = _CODES.get(nutr_no, "vitamin_d")
        if nutr_no == "324":
            notes.append(f"converted from {value:g} IU (Nutr_No 324) ÷ 40")
            value, low, high = value / 40, None, None
        src = str(r["src_cd"] or "")
        # A code vitk does not know is never shown as measured.
        desc, status = codes.get(src, ("unknown source code", "imputed"))
        notes.append(
            f"SR28 Src_Cd {src or '(empty)'} ({desc})"
            + (f", Deriv_Cd {r['deriv_cd']}" if r.get("deriv_cd") else "")
        )
        ref = r.get("ref_ndb_no")
        if ref:
            ref_name = names.get(str(ref))
            notes.append(
                f"imputed from NDB {ref}" + (f" ({ref_name})" if ref_name else "")
                if status == "imputed"
                else f"Ref_NDB_No {ref}"
            )
        n = r["n_data_points"]
        out.append(
            Observation(
                nutrient=code,
                value_per_100g=value,
                source_key=SOURCE_KEY,
                status=status,
                low_per_100g=None if low is None else float(low),  # type: ignore[arg-type]
                high_per_100g=None if high is None else float(high),  # type: ignore[arg-type]
                n_samples=None if n is None else int(n),  # type: ignore[call-overload]
                country="US",
                source_location=f"NUT_DATA.txt NDB_No {ndb} Nutr_No {nutr_no}",
                origin=f"SR28 NUT_DATA {ndb}/{nutr_no}",
                note="; ".join(notes),
                priority=1,
                usda_src_cd=src,
            )
        )
    return tuple(out)


def get_usda_foods(engine: Engine, food_ids: Sequence[str]) -> list[Food]:
    """Imported USDA foods by id (``usda:<NDB>``), in the order asked.

    Raises
    ------
    InputError
        An id is not of the form ``usda:<5 digits>``.
    UnknownFoodError
        An id is not in the imported release (or nothing was imported).
    """
    ndbs = [_ndb(f) for f in food_ids]
    if not ndbs:
        return []
    if not has_usda_data(engine):
        raise UnknownFoodError(
            f"Unknown food {food_ids[0]!r}: no USDA release has been imported; "
            "run 'vitk data import-usda DIR' first."
        )
    wanted = sorted(set(ndbs))
    codes = _source_codes(engine)
    # A database imported before migration 0005 has no ref_ndb_no column until upgraded.
    present = {c["name"] for c in inspect(engine).get_columns("usda_nutrient_value")}
    columns = [c for c in usda_nutrient_value.c if c.name in present]
    with engine.connect() as conn:
        foods = {
            r.ndb_no: r
            for r in conn.execute(select(usda_food).where(usda_food.c.ndb_no.in_(wanted)))
        }
        values: dict[str, list[dict[str, object]]] = {n: [] for n in wanted}
        for r in conn.execute(select(*columns).where(usda_nutrient_value.c.ndb_no.in_(wanted))):
            values[r.ndb_no].append(dict(r._mapping))
        refs = {
            str(v["ref_ndb_no"]) for rows in values.values() for v in rows if v.get("ref_ndb_no")
        }
        ref_names = {
            r.ndb_no: r.long_desc
            for r in conn.execute(
                select(usda_food.c.ndb_no, usda_food.c.long_desc).where(
                    usda_food.c.ndb_no.in_(sorted(refs))
                )
            )
        }
        portions: dict[str, list[Portion]] = {n: [] for n in wanted}
        for r in conn.execute(
            select(usda_portion)
            .where(usda_portion.c.ndb_no.in_(wanted))
            .order_by(usda_portion.c.ndb_no, usda_portion.c.seq)
        ):
            portions[r.ndb_no].append(
                Portion(
                    label=f"{r.amount:g} {r.measure}",
                    grams=float(r.grams),
                    source_key=SOURCE_KEY,
                    origin=f"SR28 WEIGHT {r.ndb_no}/{r.seq}",
                )
            )
    out: list[Food] = []
    for fid, ndb in zip(food_ids, ndbs, strict=True):
        row = foods.get(ndb)
        if row is None:
            raise UnknownFoodError(
                f"Unknown food {fid!r}: NDB {ndb} is not in the imported release."
            )
        plist = portions[ndb]
        out.append(
            Food(
                food_id=PREFIX + ndb,
                name=row.long_desc,
                food_group=row.food_group,
                source_db="usda",
                observations=_observations(ndb, values[ndb], codes, ref_names),
                portions=tuple(plist),
                synonyms=_synonyms(row.long_desc, row.short_desc, row.common_name),
                country="US",
                usda_ndb=ndb,
                typical_serving=plist[0].label if plist else "",
                note=f"manufacturer: {row.manufacturer}" if row.manufacturer else "",
                meta={"source": "USDA SR28", "food_group_code": row.food_group_code},
            )
        )
    return out
