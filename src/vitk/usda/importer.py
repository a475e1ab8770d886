"""Import an SR28 / SR Legacy release directory into the local database.

The whole release is read and checked first; then, in one transaction, the previous
USDA rows are deleted and the new ones inserted. A failure at any point leaves the
previous data as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, insert

from vitk.errors import ImportDataError
from vitk.storage.db import upgrade
from vitk.storage.schema import (
    usda_food,
    usda_nutrient_value,
    usda_portion,
    usda_release,
    usda_source_code,
)
from vitk.usda.sr28 import SOURCE_CODES, SR28_NUTRIENTS, Release, read_release

__all__ = ["NUTRIENT_LABELS", "ImportSummary", "import_fdc", "import_release"]

#: SR28 Nutr_No → the name its values are counted under (324, vitamin D in IU, apart from
#: 328's µg as ``vitamin_d_iu``; it is used where 328 is absent).
NUTRIENT_LABELS: dict[str, str] = {
    n: code + ("_iu" if unit == "IU" else "") for n, (code, _, unit, _) in SR28_NUTRIENTS.items()
}

_BATCH = 5000


@dataclass(frozen=True)
class ImportSummary:
    """Counts of what one import stored."""

    source_dir: str
    foods: int
    portions: int
    values_by_nutrient: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: Format read and what was left out (FoodData Central downloads), one line each.
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Human-readable summary, one fact per line."""
        out = [
            f"Imported USDA release from {self.source_dir} in {self.seconds:.1f} s",
            f"foods: {self.foods:,}",
            f"portions: {self.portions:,}",
        ]
        for nutr_no, code in NUTRIENT_LABELS.items():
            n = self.values_by_nutrient.get(code, 0)
            out.append(f"foods with {code} ({nutr_no}): {n:,}")
        return out + list(self.notes)


def _store(release: Release, engine: Engine) -> None:
    food_rows = [
        {
            "ndb_no": f.ndb_no,
            "food_group_code": f.food_group_code,
            "food_group": release.food_groups.get(f.food_group_code, f.food_group_code),
            "long_desc": f.long_desc,
            "short_desc": f.short_desc,
            "common_name": f.common_name,
            "manufacturer": f.manufacturer,
            "scientific_name": f.scientific_name,
        }
        for f in release.foods.values()
    ]
    value_rows = [
        {
            "ndb_no": v.ndb_no,
            "nutr_no": v.nutr_no,
            "value": v.value,
            "n_data_points": v.n_data_points,
            "std_error": v.std_error,
            "src_cd": v.src_cd,
            "deriv_cd": v.deriv_cd,
            "min_value": v.min,
            "max_value": v.max,
            "ref_ndb_no": v.ref_ndb_no,
        }
        for v in release.nutrient_values
    ]
    code_rows = [
        {"src_cd": code, "description": desc, "status": SOURCE_CODES[code][1]}
        for code, desc in release.source_codes.items()
    ]
    portion_rows = [
        {
            "ndb_no": w.ndb_no,
            "seq": w.seq,
            "amount": w.amount,
            "measure": w.measure,
            "grams": w.grams,
            "n_data_points": w.n_data_points,
        }
        for w in release.weights
    ]
    with engine.begin() as conn:
        conn.execute(delete(usda_portion))
        conn.execute(delete(usda_nutrient_value))
        conn.execute(delete(usda_food))
        conn.execute(delete(usda_release))
        conn.execute(delete(usda_source_code))
        release_id = conn.execute(
            insert(usda_release).returning(usda_release.c.release_id),
            {
                "source_dir": str(release.directory),
                "imported_at": datetime.now(UTC),
                "n_foods": len(food_rows),
                "note": f"source_key={release.source_key}; origin={release.origin_label}",
            },
        ).scalar_one()
        for row in food_rows:
            row["release_id"] = release_id
        for table, rows in (
            (usda_source_code, code_rows),
            (usda_food, food_rows),
            (usda_nutrient_value, value_rows),
            (usda_portion, portion_rows),
        ):
            for i in range(0, len(rows), _BATCH):
                conn.execute(insert(table), rows[i : i + _BATCH])


def import_release(directory: str | Path, engine: Engine) -> ImportSummary:
    """Load a USDA release directory into the database: SR28 ASCII or FoodData Central CSV.

    The format is detected: ``FOOD_DES.txt`` means the SR28 / SR Legacy ASCII release
    (:func:`vitk.usda.sr28.read_release`); ``food.csv`` with ``food_nutrient.csv`` a
    FoodData Central SR Legacy or Foundation Foods download (:func:`import_fdc`).

    Parameters
    ----------
    directory : str or Path
        Release folder (FOOD_DES.txt, FD_GROUP.txt, NUT_DATA.txt, WEIGHT.txt), or an
        FDC CSV download folder.
    engine : Engine
        Target database; migrations are applied first.

    Returns
    -------
    ImportSummary
        Number of foods, portions and foods with a value per nutrient.

    Raises
    ------
    ImportDataError
        The directory or a file is missing or malformed; the database is unchanged.
    """
    from vitk.usda.fdc import is_fdc_directory

    folder = Path(directory)
    if not (folder / "FOOD_DES.txt").is_file() and is_fdc_directory(folder):
        return import_fdc(folder, engine)
    start = time.perf_counter()
    return _import(read_release(directory), engine, start)


def import_fdc(directory: str | Path, engine: Engine) -> ImportSummary:
    """Load a FoodData Central SR Legacy or Foundation Foods CSV download.

    Read by :func:`vitk.usda.fdc.read_fdc`; stored exactly as an SR28 release (foods keyed
    by NDB number, values with their source and derivation codes, portions). The summary
    says which data types were read and what was left out.

    Raises
    ------
    ImportDataError
        A file or column is missing or malformed; the database is unchanged.
    """
    from vitk.usda.fdc import read_fdc

    start = time.perf_counter()
    fdc = read_fdc(directory)
    return _import(fdc.release, engine, start, tuple(fdc.notes()))


def _import(
    release: Release, engine: Engine, start: float, notes: tuple[str, ...] = ()
) -> ImportSummary:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        upgrade(engine)
        _store(release, engine)
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)
        reason = (str(orig) if orig is not None else str(exc)).splitlines()[0]
        raise ImportDataError(
            f"Could not store the USDA release in the database ({engine.url.render_as_string()}): "
            f"{reason}. The previous data, if any, is unchanged."
        ) from exc
    counts: dict[str, int] = {}
    for v in release.nutrient_values:
        code = NUTRIENT_LABELS[v.nutr_no]
        counts[code] = counts.get(code, 0) + 1
    return ImportSummary(
        source_dir=str(release.directory),
        foods=len(release.foods),
        portions=len(release.weights),
        values_by_nutrient=counts,
        seconds=time.perf_counter() - start,
        notes=notes,
    )
