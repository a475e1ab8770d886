"""Units: one pint registry for the whole package.

- Masses: g, mg, µg (written ``ug``, ``µg``, ``mcg`` or ``μg``), kg, oz, lb, and
  their long and plural forms (``grams``, ``ounces`` …).
- Unit names are matched regardless of case (``85 G``, ``3 OZ``, ``500 MG``). vitk has
  no use for megagrams, so ``MG`` and ``Mg`` both mean milligram, as supplement labels
  print it; pint's case-sensitive symbols are only consulted for units outside this
  list (``tonne``, ``grain`` …).
- Numbers: decimals (``1.5``, decimal comma ``1,5``), thousands separators
  (``1,000``), exponents (``2e3``), fractions (``1/2``), unicode vulgar fractions
  (``½``, ``¼``, ``¾``, ``⅓``, ``⅔``, ``⅛`` …) and mixed numbers (``1 1/2``, ``1½``,
  ``1 ½``). Numbers that are not finite are refused.
- Vitamin D international units: 40 IU = 1 µg (IOM2011).
- Vitamin K forms in nmol through their molar masses (:data:`MOLAR_MASS_G_PER_MOL`).
- Household measures (cup, tbsp, slice …) are not masses: they resolve through a
  food's portion table in :mod:`vitk.foods.portions`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vitk.errors import UnitError
from vitk.references import cite

if TYPE_CHECKING:
    import pint

__all__ = [
    "IU_PER_UG_VITAMIN_D",
    "MOLAR_MASS_G_PER_MOL",
    "MOLAR_MASS_SOURCE",
    "compact_number",
    "convert",
    "is_mass_unit",
    "iu_to_ug_vitamin_d",
    "nmol_to_ug",
    "normalise_unit",
    "parse_amount",
    "parse_mass_ug",
    "registry",
    "ug_to_iu_vitamin_d",
    "ug_to_nmol",
]

#: 1 µg cholecalciferol or ergocalciferol = 40 IU (IOM2011; ODS-D).
IU_PER_UG_VITAMIN_D = 40.0

#: Molar masses from the molecular formulas (standard atomic weights):
#: K1 C31H46O2, MK-4 C31H40O2, MK-7 C46H64O2, MK-9 C56H80O2.
MOLAR_MASS_G_PER_MOL: dict[str, float] = {
    "k1": 450.707,
    "mk4": 444.659,
    "mk7": 649.016,
    "mk9": 785.254,
}
MOLAR_MASS_SOURCE = "PubChem"

#: Spellings (lower case; matched case-insensitively) → the registry's symbol.
_ALIASES = {
    "ug": "ug",
    "mcg": "ug",
    "µg": "ug",
    "μg": "ug",
    "mcgs": "ug",
    "microgram": "ug",
    "micrograms": "ug",
    "mg": "mg",
    "mgs": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "g": "g",
    "gram": "g",
    "grams": "g",
    "gr": "g",
    "kg": "kg",
    "kgs": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "pound": "lb",
    "pounds": "lb",
    "lbs": "lb",
    "iu": "IU",
    "ui": "IU",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Any]:
    """The package's unit registry (built once, lazily: pint is slow to import)."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry()
    # International unit of vitamin D activity; only vitamin D is converted through it.
    ureg.define("IU = 0.025 * microgram")
    return ureg


def normalise_unit(unit: str) -> str:
    """Map common spellings (mcg, µg, ounces, OZ, MG …) to the registry's symbols.

    Matching ignores case (see the module docstring: ``MG`` and ``Mg`` are milligrams,
    never megagrams). A unit not in the list is returned unchanged (stripped), for pint
    or a food's portions to interpret.
    """
    u = " ".join(unit.split())
    return _ALIASES.get(u.lower(), u)


#: Grams per unit for the everyday mass units, so that a diary or a search does not
#: have to build pint's registry (about half a second) for them. The test suite checks
#: every factor against pint.
FAST_MASS_G: dict[str, float] = {
    "ug": 1e-6,
    "mg": 1e-3,
    "g": 1.0,
    "kg": 1e3,
    "oz": 28.349523125,
    "lb": 453.59237,
}


def _is_megagram(unit: str) -> bool:
    # Never a megagram: "Mg"/"MG" are milligrams above; pint's spelled-out names too.
    return unit.lower() in ("megagram", "megagrams")


@lru_cache(maxsize=256)
def is_mass_unit(unit: str) -> bool:
    """True if ``unit`` is a mass unit the registry knows (IU is not a mass here)."""
    u = normalise_unit(unit)
    if u in FAST_MASS_G:
        return True
    if u == "IU" or _is_megagram(u):
        return False
    ureg = registry()
    try:
        q = ureg.Quantity(1.0, u)
    except Exception:
        return False
    return bool(q.check("[mass]"))


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a mass between units; raise UnitError when impossible."""
    try:
        return value * _factor(from_unit, to_unit)
    except UnitError:
        raise UnitError(
            f"Cannot convert {value:g} {from_unit} to {to_unit}: unknown or incompatible units."
        ) from None


@lru_cache(maxsize=256)
def _factor(from_unit: str, to_unit: str) -> float:
    # Every unit vitk converts is proportional (no offsets), so one factor per pair
    # is exact and saves pint's parsing on every call.
    fu, tu = normalise_unit(from_unit), normalise_unit(to_unit)
    if fu in FAST_MASS_G and tu in FAST_MASS_G:
        return FAST_MASS_G[fu] / FAST_MASS_G[tu]
    if _is_megagram(fu) or _is_megagram(tu):
        raise UnitError(f"{from_unit} -> {to_unit}")
    ureg = registry()
    try:
        return float(ureg.Quantity(1.0, fu).to(tu).magnitude)
    except Exception:  # pint raises several exception types
        raise UnitError(f"{from_unit} -> {to_unit}") from None


#: Unicode vulgar fractions → their value (``½`` = 0.5 …).
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅐": 1 / 7,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
    "⅑": 1 / 9,
    "⅒": 1 / 10,
}
_VULGAR = "".join(VULGAR_FRACTIONS)
_THOUSANDS = r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"
_DECIMAL = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][-+]?\d+)?"
_AMOUNT_RE = re.compile(
    r"^\s*(?P<sign>[-+]?)\s*(?:"
    # mixed number: "1 1/2", "1½", "1 ½"
    rf"(?P<whole>\d+)(?:\s+(?P<mnum>\d+)\s*[/⁄]\s*(?P<mden>\d+)|\s*(?P<mvul>[{_VULGAR}]))"
    # fraction "1/2" or a vulgar fraction alone
    rf"|(?P<num>\d+)\s*[/⁄]\s*(?P<den>\d+)|(?P<vul>[{_VULGAR}])"
    rf"|(?P<thousands>{_THOUSANDS})|(?P<decimal>{_DECIMAL})"
    rf")(?![\d/⁄{_VULGAR}])\s*(?P<unit>.*?)\s*$"
)


def parse_amount(text: str) -> tuple[float, str]:
    """Split ``"85 g"``, ``"1/2 cup"``, ``"1½ cups"``, ``"180mcg"`` into (number, unit text).

    See the module docstring for the numbers accepted.

    Raises
    ------
    UnitError
        If ``text`` does not start with a number, divides by zero, or the number is not
        finite (``1e999``).
    """
    m = _AMOUNT_RE.match(str(text))
    if not m:
        raise UnitError(
            f"Cannot read amount '{text}': expected a number and a unit, e.g. '85 g', "
            "'1 1/2 cup' or '2 tbsp'."
        )
    g = m.groupdict()
    if g["whole"] is not None:
        if g["mvul"] is not None:
            frac = VULGAR_FRACTIONS[g["mvul"]]
        else:
            frac = _fraction(text, g["mnum"], g["mden"])
        value = float(g["whole"]) + frac
    elif g["num"] is not None:
        value = _fraction(text, g["num"], g["den"])
    elif g["vul"] is not None:
        value = VULGAR_FRACTIONS[g["vul"]]
    elif g["thousands"] is not None:
        value = float(g["thousands"].replace(",", ""))  # thousands separators: "1,000 IU"
    else:
        value = float(g["decimal"].replace(",", "."))  # decimal comma: "1,5 mg"
    if g["sign"] == "-":
        value = -value
    if not math.isfinite(value):
        raise UnitError(f"Cannot read amount '{text}': the number is too large.")
    return value, g["unit"]


def _fraction(text: str, num: str, den: str) -> float:
    if float(den) == 0:
        raise UnitError(f"Cannot read amount '{text}': division by zero.")
    return float(num) / float(den)


def compact_number(x: float) -> str:
    """``x`` for a message: ``5,000``, ``12.5``, ``0.25`` or ``1e+308`` (never 300 digits)."""
    if not math.isfinite(x):
        return str(x)
    ax = abs(x)
    if ax >= 1e7:
        return f"{x:.4g}"
    if ax >= 100 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:.4g}"


def parse_mass_ug(text: str) -> float:
    """Parse a mass such as ``"180ug"``, ``"0.2 mg"`` or ``"1000 IU"`` (vitamin D) to µg."""
    value, unit = parse_amount(text)
    if not unit:
        raise UnitError(
            f"Amount '{text}' has no unit; allowed: ug/mcg/µg, mg, g (or IU for vitamin D)."
        )
    u = normalise_unit(unit)
    if u == "IU":
        return iu_to_ug_vitamin_d(value)
    if not is_mass_unit(u):
        raise UnitError(
            f"Unknown mass unit '{unit}' in '{text}'; allowed: ug/mcg/µg, mg, g, oz, lb, IU."
        )
    return convert(value, u, "ug")


def iu_to_ug_vitamin_d(iu: float) -> float:
    """Vitamin D in IU to µg (40 IU = 1 µg)."""
    cite("IOM2011")
    return iu / IU_PER_UG_VITAMIN_D


def ug_to_iu_vitamin_d(ug: float) -> float:
    """Vitamin D in µg to IU (1 µg = 40 IU)."""
    cite("IOM2011")
    return ug * IU_PER_UG_VITAMIN_D


def _molar_mass(form: str) -> float:
    from vitk.nutrients import nutrient

    code = nutrient(form).code
    try:
        return MOLAR_MASS_G_PER_MOL[code]
    except KeyError:
        raise UnitError(
            f"No molar mass for '{form}'; allowed: {', '.join(MOLAR_MASS_G_PER_MOL)}."
        ) from None


def ug_to_nmol(mass_ug: Any, form: str) -> Any:
    """Mass in µg to amount in nmol for a vitamin K form (K1, MK-4, MK-7, MK-9)."""
    cite("PubChem")
    return mass_ug / _molar_mass(form) * 1000.0


def nmol_to_ug(amount_nmol: Any, form: str) -> Any:
    """Amount in nmol to mass in µg for a vitamin K form (K1, MK-4, MK-7, MK-9)."""
    cite("PubChem")
    return amount_nmol * _molar_mass(form) / 1000.0
