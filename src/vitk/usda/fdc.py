"""Reader for the USDA FoodData Central (FDC) CSV download: SR Legacy and Foundation Foods.

FDC distributes each data type as a folder of comma-separated, double-quoted UTF-8 CSV
files with a header row. vitk reads:

* ``food.csv``: ``fdc_id``, ``data_type``, ``description``, ``food_category_id``,
  ``publication_date``. Only ``sr_legacy_food`` and ``foundation_food`` rows are foods
  with values per 100 g; sample, sub-sample and acquisition rows are skipped.
* ``sr_legacy_food.csv`` / ``foundation_food.csv``: ``fdc_id``, ``NDB_number`` (the SR
  food number). vitk keys USDA foods by NDB number (ids ``usda:<NDB>``, as for SR28), so
  a food without one is skipped and counted.
* ``nutrient.csv``: ``id``, ``name``, ``unit_name``, ``nutrient_nbr`` (the SR Nutr_No),
  ``rank``. Nutrients are matched by ``nutrient_nbr`` (:data:`~vitk.usda.sr28.NUTRIENTS_READ`)
  and their unit is checked.
* ``food_nutrient.csv``: ``id``, ``fdc_id``, ``nutrient_id``, ``amount`` (per 100 g),
  ``data_points``, ``derivation_id``, ``min``, ``max``, ``median``, ``footnote``,
  ``min_year_acquired`` (newer files add ``loq``; columns are read by name).
* ``food_nutrient_derivation.csv`` (``id``, ``code``, ``description``, ``source_id``) and
  ``food_nutrient_source.csv`` (``id``, ``code``, ``description``): a value's derivation
  gives its Deriv_Cd, and the derivation's source its Src_Cd, which sets the value's
  status exactly as for SR28 (:data:`~vitk.usda.sr28.SOURCE_CODES`). A value without a
  derivation has no known source: it is left out (not measured) and counted.
* ``food_portion.csv``: ``id``, ``fdc_id``, ``seq_num``, ``amount``, ``measure_unit_id``,
  ``portion_description``, ``modifier``, ``gram_weight``, ``data_points``, … with
  ``measure_unit.csv`` (``id``, ``name``; 9999 is "undetermined", used by SR Legacy whose
  measure text is in ``modifier``).
* ``food_category.csv``: ``id``, ``code``, ``description`` (the food group).

The result is a :class:`~vitk.usda.sr28.Release`, so an FDC download is stored, searched
and shown exactly like an SR28 release. Every number is checked as the SR28 reader
checks it; a bad row stops the read with a one-line
:class:`~vitk.errors.ImportDataError` naming the file, line, column and value.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vitk.errors import ImportDataError
from vitk.usda.sr28 import (
    NUTRIENT_RANGES,
    NUTRIENTS_READ,
    SOURCE_CODES,
    WEIGHT_RANGES,
    Food,
    NutrientValue,
    Release,
    Weight,
)

__all__ = ["FDC_DATA_TYPES", "FOUNDATION_KEY", "FdcRelease", "is_fdc_directory", "read_fdc"]

#: Citation key of Foundation Foods values (SR Legacy values keep ``USDA-SR28``: the
#: same data re-published on FoodData Central).
FOUNDATION_KEY = "USDA-FDC-Foundation"

#: FDC data types whose foods carry nutrient values per 100 g, and their NDB-number file.
FDC_DATA_TYPES: dict[str, str] = {
    "sr_legacy_food": "sr_legacy_food.csv",
    "foundation_food": "foundation_food.csv",
}
#: Unit FDC gives each nutrient vitk reads (``nutrient.csv`` ``unit_name``), by Nutr_No:
#: the SR28 unit written as FDC writes it (µg → UG, mg → MG, kcal → KCAL, IU).
NUTRIENT_UNITS: dict[str, str] = {
    n: unit.replace("µ", "U").upper() for n, (_, unit, _) in NUTRIENT_RANGES.items()
}
_REQUIRED = ("food.csv", "nutrient.csv", "food_nutrient.csv")
_UNDETERMINED_UNIT = "undetermined"


@dataclass(frozen=True)
class FdcRelease:
    """An FDC download read as a release, with what was left out and why."""

    release: Release
    data_types: tuple[str, ...]
    #: Foods of a kept data type without an NDB number (vitk keys USDA foods by it).
    foods_without_ndb: int = 0
    #: Values whose derivation (hence source code) is not given: left out, not measured.
    values_without_source: int = 0
    #: Portions without an amount or a gram weight.
    portions_incomplete: int = 0

    def notes(self) -> list[str]:
        """One line per thing left out, for the import summary."""
        out = [f"FoodData Central data types: {', '.join(self.data_types)}"]
        if self.foods_without_ndb:
            out.append(f"foods left out (no NDB number): {self.foods_without_ndb:,}")
        if self.values_without_source:
            out.append(
                f"values left out (no derivation, so no source code): "
                f"{self.values_without_source:,}"
            )
        if self.portions_incomplete:
            n = self.portions_incomplete
            out.append(f"portions left out (no amount or gram weight): {n:,}")
        return out


def is_fdc_directory(directory: str | Path) -> bool:
    """Whether ``directory`` holds an FDC CSV download (``food.csv``, ``food_nutrient.csv``)."""
    folder = Path(directory)
    return all((folder / name).is_file() for name in ("food.csv", "food_nutrient.csv"))


def _rows(
    folder: Path, name: str, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of one FDC CSV file; the named columns must be in its header."""
    path = folder / name
    if not path.is_file():
        raise ImportDataError(
            f"FoodData Central file '{name}' not found in '{folder}'; a download folder "
            f"needs {', '.join(_REQUIRED)} (and food_portion.csv for portions)."
        )
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            raise ImportDataError(
                f"{name} line 1: missing column(s) {', '.join(missing)}; got {', '.join(header)}."
            )
        for row in reader:
            if None in row:
                raise ImportDataError(
                    f"{name} line {reader.line_num}: more fields than the header's {len(header)}."
                )
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _number(
    text: str,
    where: str,
    *,
    high: float = math.inf,
    unit: str = "",
    low_open: bool = False,
    whole: bool = False,
) -> float | None:
    """A numeric cell (None if empty): finite, ≥ 0 (or > 0) and at most ``high``."""
    if not text:
        return None
    top = "" if math.isinf(high) else f" to {high:,.15g}{unit}"
    allowed = f"{'above' if low_open else 'from'} 0{top}"
    try:
        number = float(text)
    except ValueError:
        raise ImportDataError(f"{where} must be a number {allowed}; got {text!r}.") from None
    inside = (number > 0 if low_open else number >= 0) and number <= high
    if not math.isfinite(number) or not inside:
        raise ImportDataError(f"{where} is {text}; allowed: {allowed}.")
    if whole and not number.is_integer():
        raise ImportDataError(f"{where} must be a whole number ≥ 0; got {text!r}.")
    return number


def _ndb_numbers(folder: Path, data_types: set[str]) -> dict[str, str]:
    """fdc_id → 5-digit NDB number, from the data types' own files (absent file: none)."""
    out: dict[str, str] = {}
    for data_type in sorted(data_types):
        name = FDC_DATA_TYPES[data_type]
        if not (folder / name).is_file():
            continue
        for line, row in _rows(folder, name, ("fdc_id", "NDB_number")):
            ndb = row["NDB_number"]
            if not ndb:
                continue
            if not ndb.isdigit() or len(ndb) > 5:
                raise ImportDataError(
                    f"{name} line {line}: column NDB_number must be up to 5 digits; got {ndb!r}."
                )
            out[row["fdc_id"]] = ndb.zfill(5)
    return out


def _source_codes(folder: Path) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """derivation id → (Src_Cd, Deriv_Cd), and Src_Cd → description."""
    sources: dict[str, tuple[str, str]] = {}  # source id -> (code, description)
    if (folder / "food_nutrient_source.csv").is_file():
        for _, row in _rows(folder, "food_nutrient_source.csv", ("id", "code", "description")):
            sources[row["id"]] = (row["code"], row["description"])
    derivations: dict[str, tuple[str, str]] = {}
    if (folder / "food_nutrient_derivation.csv").is_file():
        columns = ("id", "code", "source_id")
        for line, row in _rows(folder, "food_nutrient_derivation.csv", columns):
            source = sources.get(row["source_id"])
            if source is None:
                raise ImportDataError(
                    f"food_nutrient_derivation.csv line {line}: source_id {row['source_id']!r} "
                    "is not in food_nutrient_source.csv."
                )
            derivations[row["id"]] = (source[0], row["code"])
    return derivations, {code: desc for code, desc in sources.values()}


def _measure_units(folder: Path) -> dict[str, str]:
    if not (folder / "measure_unit.csv").is_file():
        return {}
    return {row["id"]: row["name"] for _, row in _rows(folder, "measure_unit.csv", ("id", "name"))}


def _measure(row: dict[str, str], units: dict[str, str], amount: float | None) -> str:
    """The household measure text: unit name and modifier, else modifier or description.

    A description that starts with the amount ("1 leaf" for amount 1) loses it, so the
    label (amount + measure) does not repeat it.
    """
    unit = units.get(row["measure_unit_id"], "")
    modifier = row.get("modifier", "")
    description = row.get("portion_description", "")
    if unit and unit != _UNDETERMINED_UNIT:
        return f"{unit}, {modifier}" if modifier else unit
    if modifier:
        return modifier
    first, _, rest = description.partition(" ")
    try:
        same = amount is not None and rest and float(first) == amount
    except ValueError:
        same = False
    return rest if same else description


def read_fdc(directory: str | Path) -> FdcRelease:
    """Read an FDC SR Legacy or Foundation Foods CSV download folder.

    Parameters
    ----------
    directory : str or Path
        The unzipped download: ``food.csv``, ``nutrient.csv``, ``food_nutrient.csv``,
        with ``food_portion.csv``, ``measure_unit.csv``, ``food_category.csv``,
        ``food_nutrient_derivation.csv``, ``food_nutrient_source.csv`` and
        ``sr_legacy_food.csv`` / ``foundation_food.csv`` as USDA ships them.

    Returns
    -------
    FdcRelease
        The foods (keyed by NDB number), their K1, dihydro-K1, MK-4, calcium,
        magnesium, vitamin D and energy values per 100 g with source and derivation
        codes, their portions, and counts of what was left out.

    Raises
    ------
    ImportDataError
        A file or column is missing, a number is out of range, a source code is one vitk
        does not classify, or the folder holds no SR Legacy or Foundation food.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise ImportDataError(
            f"FoodData Central folder '{folder}' does not exist or is not a folder; give the "
            "unzipped download that holds food.csv and food_nutrient.csv."
        )
    kept: dict[str, tuple[str, str, str]] = {}  # fdc_id -> (data type, description, category)
    for _, row in _rows(folder, "food.csv", ("fdc_id", "data_type", "description")):
        if row["data_type"] in FDC_DATA_TYPES:
            kept[row["fdc_id"]] = (
                row["data_type"],
                row["description"],
                row.get("food_category_id", ""),
            )
    data_types = {t for t, _, _ in kept.values()}
    if len(data_types) > 1:
        raise ImportDataError(
            f"food.csv in '{folder}' holds both SR Legacy and Foundation foods; import one "
            "download at a time (each has its own citation and NDB numbers)."
        )
    if not kept:
        raise ImportDataError(
            f"food.csv in '{folder}' holds no food of data type "
            f"{' or '.join(FDC_DATA_TYPES)}; vitk reads the SR Legacy and Foundation Foods "
            "downloads."
        )
    ndb_of = _ndb_numbers(folder, data_types)
    categories: dict[str, tuple[str, str]] = {}
    if (folder / "food_category.csv").is_file():
        for _, row in _rows(folder, "food_category.csv", ("id", "code", "description")):
            categories[row["id"]] = (row["code"][:4], row["description"])

    foods: dict[str, Food] = {}
    food_groups: dict[str, str] = {}
    ndb_by_fdc: dict[str, str] = {}
    without_ndb = 0
    for fdc_id, (_, description, category) in kept.items():
        ndb = ndb_of.get(fdc_id)
        if ndb is None:
            without_ndb += 1
            continue
        if ndb in foods:
            raise ImportDataError(
                f"food.csv: NDB number {ndb} is given to two foods (fdc_id "
                f"{next(f for f, n in ndb_by_fdc.items() if n == ndb)} and {fdc_id}); "
                "import one data type at a time."
            )
        code, group = categories.get(category, ("", ""))
        if code:
            food_groups[code] = group
        ndb_by_fdc[fdc_id] = ndb
        foods[ndb] = Food(ndb, code, description, description[:60], None, None, None)

    nutr_no_of: dict[str, str] = {}
    for line, row in _rows(folder, "nutrient.csv", ("id", "unit_name", "nutrient_nbr")):
        nbr = row["nutrient_nbr"].split(".")[0]
        if nbr in NUTRIENTS_READ:
            if row["unit_name"].upper() != NUTRIENT_UNITS[nbr]:
                raise ImportDataError(
                    f"nutrient.csv line {line}: nutrient_nbr {nbr} has unit_name "
                    f"{row['unit_name']!r}; vitk expects {NUTRIENT_UNITS[nbr]!r}."
                )
            nutr_no_of[row["id"]] = nbr

    derivations, source_desc = _source_codes(folder)
    values: dict[tuple[str, str], NutrientValue] = {}
    without_source = 0
    columns = ("fdc_id", "nutrient_id", "amount", "data_points", "derivation_id", "min", "max")
    for line, row in _rows(folder, "food_nutrient.csv", columns):
        ndb = ndb_by_fdc.get(row["fdc_id"])
        nutr_no = nutr_no_of.get(row["nutrient_id"])
        if ndb is None or nutr_no is None or not row["amount"]:
            continue
        label, unit, high = NUTRIENT_RANGES[nutr_no]
        where = f"food_nutrient.csv line {line}: column %s ({label}, fdc_id {row['fdc_id']})"
        per_100g = f" {unit} per 100 g"
        amount = _number(row["amount"], where % "amount", high=high, unit=per_100g)
        derivation = derivations.get(row["derivation_id"])
        if derivation is None:
            if row["derivation_id"]:
                raise ImportDataError(
                    f"food_nutrient.csv line {line}: derivation_id {row['derivation_id']!r} "
                    "is not in food_nutrient_derivation.csv."
                )
            without_source += 1
            continue
        src_cd, deriv_cd = derivation
        if src_cd not in SOURCE_CODES:
            raise ImportDataError(
                f"food_nutrient.csv line {line}: source code {src_cd!r} (derivation "
                f"{row['derivation_id']}) is one vitk does not classify; allowed: "
                f"{', '.join(SOURCE_CODES)}."
            )
        if (ndb, nutr_no) in values:
            raise ImportDataError(
                f"food_nutrient.csv line {line}: a second {label} value for fdc_id {row['fdc_id']}."
            )
        points = _number(row["data_points"], where % "data_points", whole=True)
        assert amount is not None  # the empty amount was skipped above
        values[(ndb, nutr_no)] = NutrientValue(
            ndb_no=ndb,
            nutr_no=nutr_no,
            value=amount,
            n_data_points=None if points is None else int(points),
            std_error=None,
            src_cd=src_cd,
            deriv_cd=deriv_cd or None,
            min=_number(row["min"], where % "min", high=high, unit=per_100g),
            max=_number(row["max"], where % "max", high=high, unit=per_100g),
        )
        if src_cd == "7" and amount != 0:
            raise ImportDataError(
                f"food_nutrient.csv line {line}: an assumed zero (source code 7) of {amount:g}; "
                "it must be 0."
            )

    weights: list[Weight] = []
    incomplete = 0
    if (folder / "food_portion.csv").is_file():
        units = _measure_units(folder)
        portion_columns = ("fdc_id", "amount", "measure_unit_id", "gram_weight")
        seqs: dict[str, int] = {}
        for line, row in _rows(folder, "food_portion.csv", portion_columns):
            ndb = ndb_by_fdc.get(row["fdc_id"])
            if ndb is None:
                continue
            where = f"food_portion.csv line {line}: column %s (fdc_id {row['fdc_id']})"
            _, hi_amount, _ = WEIGHT_RANGES["Amount"]
            _, hi_grams, g = WEIGHT_RANGES["Gm_Wgt"]
            amount = _number(row["amount"], where % "amount", high=hi_amount, low_open=True)
            grams = _number(row["gram_weight"], where % "gram_weight", high=hi_grams, unit=g)
            measure = _measure(row, units, amount)
            if amount is None or not grams or not measure:
                incomplete += 1
                continue
            seq_text = row.get("seq_num", "")
            seq = int(_number(seq_text, where % "seq_num", whole=True) or 0) if seq_text else 0
            seqs[ndb] = seq if seq_text else seqs.get(ndb, 0) + 1
            points = _number(row.get("data_points", ""), where % "data_points", whole=True)
            weights.append(
                Weight(
                    ndb_no=ndb,
                    seq=seqs[ndb],
                    amount=amount,
                    measure=measure,
                    grams=grams,
                    n_data_points=None if points is None else int(points),
                )
            )

    foundation = "foundation_food" in data_types
    codes = {code: SOURCE_CODES[code][0] for code in SOURCE_CODES}
    codes.update({c: d for c, d in source_desc.items() if c in SOURCE_CODES and d})
    release = Release(
        directory=folder,
        foods=foods,
        food_groups=food_groups,
        nutrient_values=list(values.values()),
        weights=weights,
        source_codes=codes,
        source_key=FOUNDATION_KEY if foundation else "USDA-SR28",
        origin_label=f"FDC {'Foundation' if foundation else 'SR Legacy'} food_nutrient",
    )
    return FdcRelease(
        release=release,
        data_types=tuple(sorted(data_types)),
        foods_without_ndb=without_ndb,
        values_without_source=without_source,
        portions_incomplete=incomplete,
    )
