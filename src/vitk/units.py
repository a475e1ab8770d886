"""Units: one pint registry for the whole package.

- Masses: g, mg, µg (written ``ug``, ``µg``, ``mcg`` or ``μg``), kg, oz, lb.
- Vitamin D international units: 40 IU = 1 µg (IOM2011).
- Vitamin K forms in nmol through their molar masses (:data:`MOLAR_MASS_G_PER_MOL`).
- Household measures (cup, tbsp, slice …) are not masses: they resolve through a
  food's portion table in :mod:`vitk.foods.portions`.
"""

from __future__ import annotations

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

_ALIASES = {
    "mcg": "ug",
    "µg": "ug",
    "μg": "ug",
    "microgram": "ug",
    "micrograms": "ug",
    "milligram": "mg",
    "milligrams": "mg",
    "gram": "g",
    "grams": "g",
    "gr": "g",
    "kilogram": "kg",
    "kilograms": "kg",
    "ounce": "oz",
    "ounces": "oz",
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
    """Map common spellings (mcg, µg, ounces …) to the registry's symbols."""
    u = unit.strip()
    return _ALIASES.get(u.lower(), _ALIASES.get(u, u))


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


@lru_cache(maxsize=256)
def is_mass_unit(unit: str) -> bool:
    """True if ``unit`` is a mass unit the registry knows (IU is not a mass here)."""
    u = normalise_unit(unit)
    if u in FAST_MASS_G:
        return True
    if u == "IU":
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
    ureg = registry()
    try:
        return float(ureg.Quantity(1.0, fu).to(tu).magnitude)
    except Exception:  # pint raises several exception types
        raise UnitError(f"{from_unit} -> {to_unit}") from None


_AMOUNT_RE = re.compile(
    r"^\s*([-+]?\d+/\d+|[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"
    r"(?:[eE][-+]?\d+)?)\s*(.*?)\s*$"
)


def parse_amount(text: str) -> tuple[float, str]:
    """Split ``"85 g"``, ``"1/2 cup"``, ``"180mcg"`` into (number, unit text).

    Raises
    ------
    UnitError
        If ``text`` does not start with a number.
    """
    m = _AMOUNT_RE.match(str(text))
    if not m:
        raise UnitError(
            f"Cannot read amount '{text}': expected a number and a unit, e.g. '85 g' or '2 tbsp'."
        )
    num, unit = m.group(1), m.group(2)
    if "/" in num:
        a, b = num.split("/")
        if float(b) == 0:
            raise UnitError(f"Cannot read amount '{text}': division by zero.")
        value = float(a) / float(b)
    elif re.fullmatch(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", num):
        value = float(num.replace(",", ""))  # thousands separators: "1,000 IU"
    else:
        value = float(num.replace(",", "."))  # decimal comma: "1,5 mg"
    return value, unit


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
