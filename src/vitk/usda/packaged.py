"""The USDA SR28 food table shipped inside the package (compact, gzip CSV).

``scripts/build_usda_table.py RELEASE_DIR`` reads an SR28 release with
:func:`vitk.usda.sr28.read_release` and writes it here with :func:`write_table`; the
package reads it back with :func:`read_table` into the same
:class:`~vitk.usda.sr28.Release` an import gives, so a fresh install knows every SR28
food without ``vitk data import-usda``.

Files (folder ``vitk/data/usda``; ``.gz`` files are gzip with a zero timestamp, so a
rebuild from the same release is byte-identical):

* ``foods.csv.gz``: one row per FOOD_DES.txt food (NDB_No, food group code, long and short
  description, common name, manufacturer, scientific name);
* ``food_groups.csv``: FD_GROUP.txt;
* ``nutrient_values.csv.gz``: one row per NUT_DATA.txt value of the nutrients vitk reads
  (:data:`~vitk.usda.sr28.NUTRIENTS_READ`), per 100 g, with its provenance: Src_Cd and
  the status vitk gives it (``measured``, ``imputed``, ``assumed_zero``), Deriv_Cd,
  Ref_NDB_No (the food an imputed value was taken from), number of data points,
  standard error, min and max;
* ``weights.csv.gz``: WEIGHT.txt (household portions);
* ``source_codes.csv``: SRC_CD.txt with vitk's status per code;
* ``meta.json``: release, licence, citation key, row counts and the SHA-256 of each
  release file read.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from vitk.errors import DataValidationError
from vitk.usda.sr28 import (
    NUTRIENTS_READ,
    SOURCE_CODES,
    Food,
    NutrientValue,
    Release,
    Weight,
)

__all__ = [
    "FILES",
    "FOOD_COLUMNS",
    "VALUE_COLUMNS",
    "WEIGHT_COLUMNS",
    "packaged_folder",
    "read_food_names",
    "read_table",
    "write_table",
]

FOOD_COLUMNS = (
    "ndb_no",
    "food_group_code",
    "long_desc",
    "short_desc",
    "common_name",
    "manufacturer",
    "scientific_name",
)
VALUE_COLUMNS = (
    "ndb_no",
    "nutr_no",
    "value",
    "src_cd",
    "status",
    "deriv_cd",
    "ref_ndb_no",
    "n_data_points",
    "std_error",
    "min",
    "max",
)
WEIGHT_COLUMNS = ("ndb_no", "seq", "amount", "measure", "grams", "n_data_points")
GROUP_COLUMNS = ("food_group_code", "food_group")
CODE_COLUMNS = ("src_cd", "description", "status")
#: The files of a packaged table, in the order they are written.
FILES = (
    "foods.csv.gz",
    "food_groups.csv",
    "nutrient_values.csv.gz",
    "weights.csv.gz",
    "source_codes.csv",
    "meta.json",
)
#: Release files whose SHA-256 the meta file records (when present in the release).
RELEASE_FILES = (
    "FOOD_DES.txt",
    "FD_GROUP.txt",
    "NUT_DATA.txt",
    "WEIGHT.txt",
    "SRC_CD.txt",
)


def packaged_folder() -> Traversable:
    """The folder of the table shipped with vitk (``vitk/data/usda``)."""
    return resources.files("vitk").joinpath("data", "usda")


def _num(x: float | int | None) -> str:
    if x is None:
        return ""
    if isinstance(x, int):
        return str(x)
    return f"{x:.15g}"


def _opt(text: str | None) -> str:
    return text or ""


def _write_csv(path: Path, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    if path.name.endswith(".gz"):
        # mtime=0 and no file name: the same release always gives the same bytes
        with (
            path.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
        ):
            gz.write(data)
    else:
        path.write_bytes(data)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_table(release: Release, out_dir: str | Path, *, release_name: str = "") -> dict[str, int]:
    """Write ``release`` as the compact packaged table into ``out_dir``.

    Parameters
    ----------
    release : Release
        A release read by :func:`vitk.usda.sr28.read_release` (or the FoodData Central
        reader).
    out_dir : str or Path
        Folder to write the :data:`FILES` into (created if needed).
    release_name : str
        Name recorded in ``meta.json`` (default: the release folder's name).

    Returns
    -------
    dict of str to int
        Rows written per file.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    foods = [
        (
            f.ndb_no,
            f.food_group_code,
            f.long_desc,
            f.short_desc,
            _opt(f.common_name),
            _opt(f.manufacturer),
            _opt(f.scientific_name),
        )
        for f in sorted(release.foods.values(), key=lambda f: f.ndb_no)
    ]
    values = [
        (
            v.ndb_no,
            v.nutr_no,
            _num(v.value),
            v.src_cd,
            v.status,
            _opt(v.deriv_cd),
            _opt(v.ref_ndb_no),
            _num(v.n_data_points),
            _num(v.std_error),
            _num(v.min),
            _num(v.max),
        )
        for v in sorted(release.nutrient_values, key=lambda v: (v.ndb_no, v.nutr_no))
    ]
    weights = [
        (w.ndb_no, str(w.seq), _num(w.amount), w.measure, _num(w.grams), _num(w.n_data_points))
        for w in sorted(release.weights, key=lambda w: (w.ndb_no, w.seq))
    ]
    groups = sorted(release.food_groups.items())
    codes = [
        (code, desc, SOURCE_CODES[code][1])
        for code, desc in sorted(release.source_codes.items(), key=lambda kv: int(kv[0]))
    ]
    _write_csv(out / "foods.csv.gz", FOOD_COLUMNS, foods)
    _write_csv(out / "food_groups.csv", GROUP_COLUMNS, groups)
    _write_csv(out / "nutrient_values.csv.gz", VALUE_COLUMNS, values)
    _write_csv(out / "weights.csv.gz", WEIGHT_COLUMNS, weights)
    _write_csv(out / "source_codes.csv", CODE_COLUMNS, codes)
    counts = {
        "foods.csv.gz": len(foods),
        "food_groups.csv": len(groups),
        "nutrient_values.csv.gz": len(values),
        "weights.csv.gz": len(weights),
        "source_codes.csv": len(codes),
    }
    per_nutrient: dict[str, int] = {}
    for v in release.nutrient_values:
        per_nutrient[v.nutr_no] = per_nutrient.get(v.nutr_no, 0) + 1
    meta = {
        "title": "USDA National Nutrient Database for Standard Reference, compact extract",
        "release": release_name or release.directory.name,
        "source_key": "USDA-SR28",
        "licence": "public domain (US government work)",
        "built_by": "scripts/build_usda_table.py RELEASE_DIR",
        "nutrients_read": list(NUTRIENTS_READ),
        "rows": counts,
        "values_per_nutr_no": dict(sorted(per_nutrient.items())),
        "release_files_sha256": {
            name: _sha256(release.directory / name)
            for name in RELEASE_FILES
            if (release.directory / name).is_file()
        },
    }
    (out / "meta.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return counts


def _rows(folder: Traversable | Path, name: str, columns: tuple[str, ...]) -> Iterator[list[str]]:
    entry = folder.joinpath(name)
    try:
        raw = entry.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(
            f"Packaged USDA table file {name!r} is missing from {folder}; "
            "rebuild it with scripts/build_usda_table.py."
        ) from None
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    header = tuple(next(reader, []))
    if header != columns:
        raise DataValidationError(
            f"Packaged USDA table {name}: header is {list(header)}; expected {list(columns)}."
        )
    for n, row in enumerate(reader, start=2):
        if len(row) != len(columns):
            raise DataValidationError(
                f"Packaged USDA table {name} line {n}: {len(row)} fields; expected {len(columns)}."
            )
        yield row


def _f(text: str) -> float | None:
    return float(text) if text else None


def _i(text: str) -> int | None:
    return int(text) if text else None


def read_food_names(folder: Traversable | Path | None = None) -> list[tuple[str, str, str]]:
    """``(ndb_no, long_desc, food_group)`` of every packaged food, by NDB number.

    Reads only the food list (fast): enough to build the search index.
    """
    return list(_default_names() if folder is None else _food_names(folder))


@lru_cache(maxsize=1)
def _default_names() -> tuple[tuple[str, str, str], ...]:
    return _food_names(packaged_folder())


def _food_names(folder: Traversable | Path) -> tuple[tuple[str, str, str], ...]:
    groups = dict((r[0], r[1]) for r in _rows(folder, "food_groups.csv", GROUP_COLUMNS))
    return tuple(
        (r[0], r[2], groups.get(r[1], r[1])) for r in _rows(folder, "foods.csv.gz", FOOD_COLUMNS)
    )


def read_table(folder: Traversable | Path | None = None) -> Release:
    """The packaged table (default: the one shipped with vitk) as a :class:`Release`.

    Raises
    ------
    DataValidationError
        A file is missing or malformed, or a value's status is not the one its Src_Cd
        gives (the table was edited by hand or built by another vitk).
    """
    return _default_table() if folder is None else _read(folder)


@lru_cache(maxsize=1)
def _default_table() -> Release:
    return _read(packaged_folder())


def _read(folder: Traversable | Path) -> Release:
    groups = {r[0]: r[1] for r in _rows(folder, "food_groups.csv", GROUP_COLUMNS)}
    foods = {
        r[0]: Food(
            ndb_no=r[0],
            food_group_code=r[1],
            long_desc=r[2],
            short_desc=r[3],
            common_name=r[4] or None,
            manufacturer=r[5] or None,
            scientific_name=r[6] or None,
        )
        for r in _rows(folder, "foods.csv.gz", FOOD_COLUMNS)
    }
    codes: dict[str, str] = {}
    for r in _rows(folder, "source_codes.csv", CODE_COLUMNS):
        known = SOURCE_CODES.get(r[0])
        if known is None or known[1] != r[2]:
            raise DataValidationError(
                f"Packaged USDA table source_codes.csv: Src_Cd {r[0]!r} has status {r[2]!r}; "
                f"vitk classifies it as {known[1] if known else 'unknown'!r}."
            )
        codes[r[0]] = r[1]
    values: list[NutrientValue] = []
    for n, r in enumerate(_rows(folder, "nutrient_values.csv.gz", VALUE_COLUMNS), start=2):
        value = _f(r[2])
        if r[0] not in foods or value is None or r[3] not in codes:
            raise DataValidationError(
                f"Packaged USDA table nutrient_values.csv.gz line {n}: NDB_No {r[0]!r}, value "
                f"{r[2]!r} and Src_Cd {r[3]!r} must name a listed food, a number and a listed code."
            )
        v = NutrientValue(
            ndb_no=r[0],
            nutr_no=r[1],
            value=value,
            n_data_points=_i(r[7]),
            std_error=_f(r[8]),
            src_cd=r[3],
            deriv_cd=r[5] or None,
            min=_f(r[9]),
            max=_f(r[10]),
            ref_ndb_no=r[6] or None,
        )
        if v.status != r[4]:
            raise DataValidationError(
                f"Packaged USDA table nutrient_values.csv.gz line {n}: status {r[4]!r} does not "
                f"follow Src_Cd {r[3]} (expected {v.status!r})."
            )
        values.append(v)
    weights = [
        Weight(
            ndb_no=r[0],
            seq=int(r[1]),
            amount=float(r[2]),
            measure=r[3],
            grams=float(r[4]),
            n_data_points=_i(r[5]),
        )
        for r in _rows(folder, "weights.csv.gz", WEIGHT_COLUMNS)
    ]
    return Release(
        directory=Path(str(folder)),
        foods=foods,
        food_groups=groups,
        nutrient_values=values,
        weights=weights,
        source_codes=codes,
    )
