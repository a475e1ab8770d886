"""Reader for the USDA SR28 / SR Legacy relational ASCII release.

The release is a directory of caret-separated text files in Latin-1 with CRLF line
ends: text fields are wrapped in tildes (``~01001~``), numeric fields are bare, and a
missing value is an empty field or an empty text field ``~~``. Some public copies of
``NUT_DATA.txt`` replace ``~~`` by an empty field; both layouts read the same here.

Only what vitk needs is kept: every food and food group, the nutrient values listed in
:data:`NUTRIENTS_READ`, and the household weights.

Every number read is checked: it must be finite and inside the physically possible range
of its field (:data:`NUTRIENT_RANGES` for values per 100 g, :data:`WEIGHT_RANGES` for
household weights). A corrupt row stops the whole read with a one-line
:class:`~vitk.errors.ImportDataError` naming the file, line, field, value and range, so the
importer never stores a partial release.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from vitk.errors import ImportDataError

__all__ = [
    "NUTRIENTS_READ",
    "NUTRIENT_CODES",
    "NUTRIENT_RANGES",
    "SOURCE_CODES",
    "SR28_NUTRIENTS",
    "WEIGHT_RANGES",
    "Food",
    "NutrientValue",
    "Release",
    "SourceCode",
    "Weight",
    "read_release",
    "source_code",
]

#: The SR28 nutrients vitk reads, by Nutr_No: (vitk nutrient code, name, unit, high), where
#: high is the largest Nutr_Val (and Min, Max) allowed per 100 g edible portion.
#: The low end is 0 for every nutrient. Reasons for the high ends (USDA-SR28 maxima from the
#: shared copy, for scale):
#:
#: - Vitamin K forms 430, 429, 428: 100,000 µg (0.1 g) per 100 g. The highest SR28 K1 value
#:   is 1,714.5 µg/100 g (largest Max field 5,480); a food 20-60 times richer than any
#:   measured is a corrupt row, not a food.
#: - Vitamin D 328: 100,000 µg per 100 g as well (SR28 maximum 250 µg, cod-liver oil);
#:   324 is the same mass in IU (40 IU per µg): 4,000,000 IU.
#: - Calcium 301 and magnesium 304: 100,000 mg = 100 g per 100 g, the physical limit
#:   (SR28 maxima 7,364 and 781 mg).
#: - Energy 208: 1,000 kcal per 100 g; pure fat gives 900 kcal at the Atwater factor of
#:   9 kcal/g (SR28 maximum 902 kcal).
SR28_NUTRIENTS: dict[str, tuple[str, str, str, float]] = {
    "430": ("k1", "vitamin K1", "µg", 100_000.0),
    "429": ("dihydro_k1", "dihydro-K1", "µg", 100_000.0),
    "428": ("mk4", "MK-4", "µg", 100_000.0),
    "301": ("calcium", "calcium", "mg", 100_000.0),
    "304": ("magnesium", "magnesium", "mg", 100_000.0),
    "328": ("vitamin_d", "vitamin D", "µg", 100_000.0),
    "324": ("vitamin_d", "vitamin D", "IU", 4_000_000.0),
    "208": ("energy", "energy", "kcal", 1_000.0),
}
#: SR28 Nutr_No read by vitk, in order: vitamin K1 (430), dihydro-K1 (429), MK-4 (428),
#: calcium (301), magnesium (304), vitamin D in µg (328) and in IU (324), energy (208).
NUTRIENTS_READ: tuple[str, ...] = tuple(SR28_NUTRIENTS)
#: Nutr_No → vitk nutrient code (324, vitamin D in IU, is the same nutrient as 328).
NUTRIENT_CODES: dict[str, str] = {n: v[0] for n, v in SR28_NUTRIENTS.items()}
#: Nutr_No → (name, unit, high) of the allowed values per 100 g (see above).
NUTRIENT_RANGES: dict[str, tuple[str, str, float]] = {
    n: (name, unit, high) for n, (_, name, unit, high) in SR28_NUTRIENTS.items()
}
#: Allowed household-weight fields of WEIGHT.txt: (low, high, unit); low is exclusive.
#: A measure weighs more than 0 g and at most 100 kg (SR28's heaviest is 5,717 g, a whole
#: turkey); the amount of measures is above 0 and at most 10,000 (SR28's largest is 240).
WEIGHT_RANGES: dict[str, tuple[float, float, str]] = {
    "Amount": (0.0, 10_000.0, ""),
    "Gm_Wgt": (0.0, 100_000.0, " g"),
}

#: SR28 source codes (Src_Cd, "type of data", SRC_CD.txt / Table 10 of the SR28
#: documentation) and how vitk classifies each: ``measured`` for analytical data,
#: ``imputed`` for values calculated or imputed (from another food, a recipe or a
#: nutrient label) or aggregated with such values, ``assumed_zero`` for code 7.
#: Descriptions are SRC_CD.txt's, verbatim (including its "then" for "than").
SOURCE_CODES: dict[str, tuple[str, str]] = {
    "1": ("Analytical or derived from analytical", "measured"),
    "4": ("Calculated or imputed", "imputed"),
    "5": ("Value manufacturer based label claim for added nutrients", "imputed"),
    "6": ("Aggregated data involving combinations of source codes 1 &12", "measured"),
    "7": ("Assumed zero", "assumed_zero"),
    "8": ("Calculated from nutrient label by NDL", "imputed"),
    "9": ("Calculated by manufacturer, not adjusted or rounded for NLEA", "imputed"),
    "11": ("Aggregated data involving comb. of codes other then 1,12 or6", "imputed"),
    "12": ("Manufacturer's analytical; partial documentation", "measured"),
    "13": ("Analytical data from the literature, partial documentation", "measured"),
}

_FILES = {
    "FOOD_DES.txt": 14,
    "FD_GROUP.txt": 2,
    "NUT_DATA.txt": 18,
    "WEIGHT.txt": 7,
}


@dataclass(frozen=True)
class Food:
    """One row of FOOD_DES.txt."""

    ndb_no: str
    food_group_code: str
    long_desc: str
    short_desc: str
    common_name: str | None
    manufacturer: str | None
    scientific_name: str | None


@dataclass(frozen=True)
class SourceCode:
    """One SR28 source code (Src_Cd): its description and vitk's status for it."""

    code: str
    description: str
    status: str  # measured | imputed | assumed_zero (see SOURCE_CODES)


def source_code(code: str) -> SourceCode:
    """The :data:`SOURCE_CODES` entry of ``code``.

    Raises
    ------
    ImportDataError
        ``code`` is not an SR28 source code.
    """
    if code not in SOURCE_CODES:
        raise ImportDataError(
            f"SR28 Src_Cd {code!r} is unknown; allowed: {', '.join(SOURCE_CODES)}."
        )
    description, status = SOURCE_CODES[code]
    return SourceCode(code, description, status)


@dataclass(frozen=True)
class NutrientValue:
    """One row of NUT_DATA.txt (per 100 g edible portion).

    ``src_cd`` is the SR28 source code (type of data, see :data:`SOURCE_CODES`);
    ``ref_ndb_no`` the food a calculated or imputed value was taken from, when SR28 says.
    """

    ndb_no: str
    nutr_no: str
    value: float
    n_data_points: int | None
    std_error: float | None
    src_cd: str
    deriv_cd: str | None
    min: float | None
    max: float | None
    ref_ndb_no: str | None = None

    @property
    def status(self) -> str:
        """``measured``, ``imputed`` or ``assumed_zero``, from :data:`SOURCE_CODES`."""
        return SOURCE_CODES[self.src_cd][1]


@dataclass(frozen=True)
class Weight:
    """One row of WEIGHT.txt: ``amount`` × ``measure`` weighs ``grams``."""

    ndb_no: str
    seq: int
    amount: float
    measure: str
    grams: float
    n_data_points: int | None

    @property
    def label(self) -> str:
        """Household measure as shown to users, e.g. ``1 cup, chopped``."""
        return f"{self.amount:g} {self.measure}"


@dataclass(frozen=True)
class Release:
    """The parts of one SR28 release that vitk uses."""

    directory: Path
    foods: dict[str, Food]
    food_groups: dict[str, str]
    nutrient_values: list[NutrientValue]
    weights: list[Weight]
    #: Src_Cd → description: SRC_CD.txt of the release when present, else SR28's list.
    source_codes: dict[str, str] = field(
        default_factory=lambda: {k: d for k, (d, _) in SOURCE_CODES.items()}
    )
    #: Citation key of every value (``USDA-SR28``; a FoodData Central Foundation Foods
    #: download is ``USDA-FDC-Foundation``) and the name of its value records in origins.
    source_key: str = "USDA-SR28"
    origin_label: str = "SR28 NUT_DATA"

    @cached_property
    def _values_index(self) -> dict[str, dict[str, NutrientValue]]:
        index: dict[str, dict[str, NutrientValue]] = {}
        for v in self.nutrient_values:
            index.setdefault(v.ndb_no, {})[v.nutr_no] = v
        return index

    @cached_property
    def _weights_index(self) -> dict[str, list[Weight]]:
        index: dict[str, list[Weight]] = {}
        for w in sorted(self.weights, key=lambda w: (w.ndb_no, w.seq)):
            index.setdefault(w.ndb_no, []).append(w)
        return index

    def values_for(self, ndb_no: str) -> dict[str, NutrientValue]:
        """Nutrient values of one food, by Nutr_No."""
        return dict(self._values_index.get(ndb_no, {}))

    def weights_for(self, ndb_no: str) -> list[Weight]:
        """Household weights of one food, in SR28 sequence order."""
        return list(self._weights_index.get(ndb_no, []))


def _field(raw: str) -> str | None:
    """Strip the tildes of a text field; empty or ``~~`` gives None."""
    text = raw[1:-1] if len(raw) >= 2 and raw[0] == "~" and raw[-1] == "~" else raw
    text = text.strip()
    return text or None


def _records(path: Path, n_fields: int) -> Iterator[tuple[int, list[str | None]]]:
    """Yield (line number, fields) of a caret-separated SR28 file."""
    if not path.is_file():
        raise ImportDataError(
            f"SR28 file '{path.name}' not found in '{path.parent}'; a release directory "
            f"needs {', '.join(_FILES)}."
        )
    with path.open(encoding="latin-1", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("^")
            if len(parts) != n_fields:
                raise ImportDataError(
                    f"{path.name} line {lineno}: expected {n_fields} '^'-separated fields, "
                    f"got {len(parts)}: {line[:60]!r}."
                )
            yield lineno, [_field(p) for p in parts]


def _required(value: str | None, name: str, path: Path, lineno: int) -> str:
    if value is None:
        raise ImportDataError(f"{path.name} line {lineno}: field {name} is empty; it is required.")
    return value


def _float(
    value: str | None,
    name: str,
    path: Path,
    lineno: int,
    *,
    low: float = 0.0,
    high: float = math.inf,
    unit: str = "",
    low_open: bool = False,
    what: str = "",
) -> float | None:
    """A numeric field, None if empty; finite and within [low, high] (or (low, high]).

    Every numeric SR28 field vitk reads is a count, amount, mass or energy: none can be
    negative, so ``low`` defaults to 0.
    """
    if value is None:
        return None
    top = "" if math.isinf(high) else f" to {high:,.15g}{unit}"
    allowed = f"{'above ' if low_open else 'from '}{low:g}{top}"
    where = f"{path.name} line {lineno}: field {name}{what}"
    try:
        number = float(value)
    except ValueError:
        raise ImportDataError(f"{where} must be a number {allowed}; got {value!r}.") from None
    inside = (low < number if low_open else low <= number) and number <= high
    if not math.isfinite(number) or not inside:
        raise ImportDataError(f"{where} is {value}; allowed: {allowed}.")
    return number


def _int(value: str | None, name: str, path: Path, lineno: int) -> int | None:
    number = _float(value, name, path, lineno)
    if number is not None and not number.is_integer():
        raise ImportDataError(
            f"{path.name} line {lineno}: field {name} must be a whole number ≥ 0; got {value!r}."
        )
    return None if number is None else int(number)


def _per_100g(
    value: str | None, name: str, path: Path, lineno: int, ndb_no: str, nutr_no: str
) -> float | None:
    """A NUT_DATA amount per 100 g, checked against :data:`NUTRIENT_RANGES`."""
    label, unit, high = NUTRIENT_RANGES.get(nutr_no, (f"Nutr_No {nutr_no}", "", math.inf))
    return _float(
        value,
        name,
        path,
        lineno,
        high=high,
        unit=f" {unit} per 100 g" if unit else " per 100 g",
        what=f" ({label}, NDB_No {ndb_no})",
    )


def _source_codes(folder: Path) -> dict[str, str]:
    """Src_Cd → description from the release's SRC_CD.txt, or SR28's list if it is absent.

    Every code of the file must be one vitk classifies (:data:`SOURCE_CODES`), so that
    no value of a later release is shown as measured without a decision.
    """
    path = folder / "SRC_CD.txt"
    if not path.is_file():
        return {k: d for k, (d, _) in SOURCE_CODES.items()}
    codes: dict[str, str] = {}
    for lineno, f in _records(path, 2):
        code = _required(f[0], "Src_Cd", path, lineno)
        if code not in SOURCE_CODES:
            raise ImportDataError(
                f"{path.name} line {lineno}: field Src_Cd is {code!r}, which vitk does not "
                f"classify; allowed: {', '.join(SOURCE_CODES)}."
            )
        codes[code] = _required(f[1], "SrcCd_Desc", path, lineno)
    return codes


def read_release(directory: str | Path, nutrients: tuple[str, ...] = NUTRIENTS_READ) -> Release:
    """Read an SR28 / SR Legacy release directory.

    Parameters
    ----------
    directory : str or Path
        Folder holding FOOD_DES.txt, FD_GROUP.txt, NUT_DATA.txt and WEIGHT.txt, and
        optionally SRC_CD.txt (source code descriptions; SR28's are built in).
    nutrients : tuple of str
        SR28 Nutr_No codes to keep from NUT_DATA.txt.

    Returns
    -------
    Release
        Foods, food groups, nutrient values (per 100 g) and household weights.

    Raises
    ------
    ImportDataError
        The folder or a file is missing, or a line is malformed (file name and line
        number in the message); a Src_Cd is empty or unknown, or a value with Src_Cd 7
        (assumed zero) is not 0.
    """
    folder = Path(directory).expanduser()
    if not folder.is_dir():
        raise ImportDataError(
            f"USDA release directory '{directory}' does not exist or is not a folder; "
            "give the folder that holds FOOD_DES.txt and NUT_DATA.txt."
        )

    groups: dict[str, str] = {}
    path = folder / "FD_GROUP.txt"
    for lineno, f in _records(path, _FILES["FD_GROUP.txt"]):
        groups[_required(f[0], "FdGrp_Cd", path, lineno)] = _required(
            f[1], "FdGrp_Desc", path, lineno
        )

    foods: dict[str, Food] = {}
    path = folder / "FOOD_DES.txt"
    for lineno, f in _records(path, _FILES["FOOD_DES.txt"]):
        ndb = _required(f[0], "NDB_No", path, lineno)
        if ndb in foods:
            raise ImportDataError(f"{path.name} line {lineno}: duplicate NDB_No {ndb!r}.")
        foods[ndb] = Food(
            ndb_no=ndb,
            food_group_code=_required(f[1], "FdGrp_Cd", path, lineno),
            long_desc=_required(f[2], "Long_Desc", path, lineno),
            short_desc=f[3] or "",
            common_name=f[4],
            manufacturer=f[5],
            scientific_name=f[9],
        )

    codes = _source_codes(folder)
    wanted = set(nutrients)
    keys: set[tuple[str, str]] = set()
    values: list[NutrientValue] = []
    path = folder / "NUT_DATA.txt"
    for lineno, f in _records(path, _FILES["NUT_DATA.txt"]):
        nutr = _required(f[1], "Nutr_No", path, lineno)
        if nutr not in wanted:
            continue
        key = (_required(f[0], "NDB_No", path, lineno), nutr)
        if key in keys:
            raise ImportDataError(f"{path.name} line {lineno}: duplicate NDB_No/Nutr_No {key}.")
        keys.add(key)
        value = _per_100g(f[2], "Nutr_Val", path, lineno, *key)
        if value is None:
            raise ImportDataError(f"{path.name} line {lineno}: field Nutr_Val is empty.")
        src_cd = _required(f[5], "Src_Cd", path, lineno)
        if src_cd not in codes:
            raise ImportDataError(
                f"{path.name} line {lineno}: field Src_Cd is {src_cd!r}; "
                f"allowed: {', '.join(codes)} (SRC_CD.txt)."
            )
        if SOURCE_CODES[src_cd][1] == "assumed_zero" and value != 0:
            raise ImportDataError(
                f"{path.name} line {lineno}: field Nutr_Val is {f[2]} with Src_Cd {src_cd} "
                "(assumed zero); allowed: 0."
            )
        values.append(
            NutrientValue(
                ndb_no=key[0],
                nutr_no=nutr,
                value=value,
                n_data_points=_int(f[3], "Num_Data_Pts", path, lineno),
                std_error=_float(f[4], "Std_Error", path, lineno, what=f" (NDB_No {key[0]})"),
                src_cd=src_cd,
                deriv_cd=f[6],
                min=_per_100g(f[10], "Min", path, lineno, *key),
                max=_per_100g(f[11], "Max", path, lineno, *key),
                ref_ndb_no=f[7],
            )
        )

    weights: list[Weight] = []
    wkeys: set[tuple[str, int]] = set()
    path = folder / "WEIGHT.txt"
    for lineno, f in _records(path, _FILES["WEIGHT.txt"]):
        lo, hi, unit = WEIGHT_RANGES["Amount"]
        amount = _float(f[2], "Amount", path, lineno, low=lo, high=hi, unit=unit, low_open=True)
        lo, hi, unit = WEIGHT_RANGES["Gm_Wgt"]
        grams = _float(f[4], "Gm_Wgt", path, lineno, low=lo, high=hi, unit=unit, low_open=True)
        seq = _int(f[1], "Seq", path, lineno)
        if amount is None or grams is None or seq is None:
            raise ImportDataError(
                f"{path.name} line {lineno}: Seq, Amount and Gm_Wgt are required."
            )
        ndb = _required(f[0], "NDB_No", path, lineno)
        if (ndb, seq) in wkeys:
            raise ImportDataError(f"{path.name} line {lineno}: duplicate NDB_No/Seq {ndb}/{seq}.")
        wkeys.add((ndb, seq))
        weights.append(
            Weight(
                ndb_no=ndb,
                seq=seq,
                amount=amount,
                measure=_required(f[3], "Msre_Desc", path, lineno),
                grams=grams,
                n_data_points=_int(f[5], "Num_Data_Pts", path, lineno),
            )
        )

    for name, items in (("NUT_DATA.txt", values), ("WEIGHT.txt", weights)):
        for item in items:
            if item.ndb_no not in foods:
                raise ImportDataError(f"{name}: NDB_No {item.ndb_no!r} is not in FOOD_DES.txt.")
    return Release(
        directory=folder,
        foods=foods,
        food_groups=groups,
        nutrient_values=values,
        weights=weights,
        source_codes=codes,
    )
