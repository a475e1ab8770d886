"""The nutrients vitk tracks: codes, display names, units and groupings.

Codes are the column and field names used everywhere (tables, JSON, the
database). Vitamin K forms are in µg; calcium and magnesium in mg; vitamin D in
µg (40 IU = 1 µg); energy in kcal.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "K1_FORMS",
    "K2_FORMS",
    "MK_LONG_OTHER",
    "NUTRIENTS",
    "Nutrient",
    "nutrient",
]


@dataclass(frozen=True)
class Nutrient:
    code: str
    label: str
    unit: str  # pint-parsable unit of the stored value per 100 g
    kind: str  # "vitamin_k", "mineral", "vitamin", "energy"
    aliases: tuple[str, ...] = ()


NUTRIENTS: dict[str, Nutrient] = {
    n.code: n
    for n in [
        Nutrient(
            "k1", "K1 (phylloquinone)", "ug", "vitamin_k", ("K1", "phylloquinone", "vitamin K1")
        ),
        Nutrient(
            "dihydro_k1",
            "dihydro-K1 (2',3'-dihydrophylloquinone)",
            "ug",
            "vitamin_k",
            ("dihydro-K1", "dihydrophylloquinone"),
        ),
        Nutrient(
            "mk4", "MK-4 (menatetrenone)", "ug", "vitamin_k", ("MK-4", "menatetrenone", "MK4")
        ),
        Nutrient("mk5", "MK-5", "ug", "vitamin_k", ("MK-5", "MK5")),
        Nutrient("mk6", "MK-6", "ug", "vitamin_k", ("MK-6", "MK6")),
        Nutrient("mk7", "MK-7", "ug", "vitamin_k", ("MK-7", "MK7")),
        Nutrient("mk8", "MK-8", "ug", "vitamin_k", ("MK-8", "MK8")),
        Nutrient("mk9", "MK-9", "ug", "vitamin_k", ("MK-9", "MK9")),
        Nutrient("mk9_4h", "MK-9(4H) (tetrahydromenaquinone-9)", "ug", "vitamin_k", ("MK-9(4H)",)),
        Nutrient("mk10", "MK-10", "ug", "vitamin_k", ("MK-10", "MK10")),
        Nutrient("mk11", "MK-11", "ug", "vitamin_k", ("MK-11", "MK11")),
        Nutrient("mk12", "MK-12", "ug", "vitamin_k", ("MK-12", "MK12")),
        Nutrient("mk13", "MK-13", "ug", "vitamin_k", ("MK-13", "MK13")),
        Nutrient("calcium", "calcium", "mg", "mineral", ("Ca",)),
        Nutrient("vitamin_d", "vitamin D (D2 + D3)", "ug", "vitamin", ("vitamin D", "D3", "D2")),
        Nutrient("magnesium", "magnesium", "mg", "mineral", ("Mg",)),
        Nutrient("energy", "energy", "kcal", "energy", ("kcal", "calories")),
    ]
}

K1_FORMS: tuple[str, ...] = ("k1", "dihydro_k1")
K2_FORMS: tuple[str, ...] = (
    "mk4",
    "mk5",
    "mk6",
    "mk7",
    "mk8",
    "mk9",
    "mk9_4h",
    "mk10",
    "mk11",
    "mk12",
    "mk13",
)
# Long-chain menaquinones other than MK-7, reported together as ``mk_long_other``.
MK_LONG_OTHER: tuple[str, ...] = (
    "mk5",
    "mk6",
    "mk8",
    "mk9",
    "mk9_4h",
    "mk10",
    "mk11",
    "mk12",
    "mk13",
)


def nutrient(code_or_alias: str) -> Nutrient:
    """Look a nutrient up by code or alias (case-insensitive)."""
    from vitk.errors import InputError

    key = code_or_alias.strip()
    if key in NUTRIENTS:
        return NUTRIENTS[key]
    low = key.lower()
    for n in NUTRIENTS.values():
        if low == n.code or low in (a.lower() for a in n.aliases):
            return n
    raise InputError(f"Unknown nutrient '{code_or_alias}'; allowed: {', '.join(NUTRIENTS)}.")
