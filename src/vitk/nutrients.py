"""The nutrients vitk tracks, and the fields it reports them in.

Two tables, each written once:

- :data:`NUTRIENTS`: what a food value can be of (``k1``, ``mk7``, ``calcium`` …),
  with units and aliases. Codes are the column names used in tables, JSON and the
  database. Vitamin K forms are in µg; calcium and magnesium in mg; vitamin D in
  µg (40 IU = 1 µg, see :mod:`vitk.units`); energy in kcal.
- :data:`FIELDS`: the reported fields (``k1_ug`` … ``magnesium_mg``), in the order
  every report, table and JSON object lists them, each with the nutrient codes it
  sums, its unit, a long and a short label and, for a total, the fields it is made
  of. The intake engine, the advisor, the food tables, the charts and the
  pharmacology diary all derive their lists from it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BASE_FIELDS",
    "FIELD",
    "FIELDS",
    "K1_FORMS",
    "K2_FORMS",
    "MK_LONG_OTHER",
    "NUTRIENTS",
    "NUTRIENT_FIELD",
    "TOTALS",
    "VITAMIN_K_FIELDS",
    "Nutrient",
    "ReportedField",
    "field_by_code",
    "fields_including",
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
#: Every menaquinone code, in :data:`NUTRIENTS` order (MK-4 … MK-13 and MK-9(4H)).
K2_FORMS: tuple[str, ...] = tuple(
    code for code, n in NUTRIENTS.items() if n.kind == "vitamin_k" and code not in K1_FORMS
)
#: The vitamin K forms taken as a dose (supplements, the PK models), code → the name
#: people write (``"MK-7"``).
DOSED_FORMS: dict[str, str] = {code: NUTRIENTS[code].aliases[0] for code in ("k1", "mk4", "mk7")}
#: Long-chain menaquinones other than MK-7, reported together as ``mk_long_other``.
MK_LONG_OTHER: tuple[str, ...] = tuple(code for code in K2_FORMS if code not in ("mk4", "mk7"))


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


@dataclass(frozen=True)
class ReportedField:
    """One reported field: a vitamin K form, a sum of forms, or a co-nutrient.

    Attributes
    ----------
    name : str
        Field name in JSON and tables, unit included (``k1_ug``, ``calcium_mg``).
    code : str
        The code food values are shown under (``k1``, ``mk_long_other``, ``k2_total``).
    unit : str
        Unit of the number: ``ug``, ``mg`` (see :attr:`unit_symbol` for display).
    label : str
        Long label, as the advisor report's intake table words it.
    short_label : str
        Short label for charts and the dashboard.
    abbreviation : str
        Column heading for narrow terminal tables.
    nutrients : tuple of str
        The :data:`NUTRIENTS` codes whose values are added into this field.
    parts : tuple of str
        For a total, the non-total fields it is the sum of; empty otherwise.
    """

    name: str
    code: str
    unit: str
    label: str
    short_label: str
    abbreviation: str
    nutrients: tuple[str, ...]
    parts: tuple[str, ...] = ()

    @property
    def is_total(self) -> bool:
        """Whether the field is a sum of other fields (``k2_total_ug``, ``k_total_ug``)."""
        return bool(self.parts)

    @property
    def kind(self) -> str:
        """``vitamin_k``, ``mineral`` or ``vitamin`` (the kind of its nutrients)."""
        return NUTRIENTS[self.nutrients[0]].kind

    @property
    def unit_symbol(self) -> str:
        """The unit as printed (``µg`` for ``ug``)."""
        return "µg" if self.unit == "ug" else self.unit


_BASE_K = ("k1_ug", "dihydro_k1_ug", "mk4_ug", "mk7_ug", "mk_long_other_ug")

FIELDS: tuple[ReportedField, ...] = (
    ReportedField("k1_ug", "k1", "ug", "K1", "K1", "K1", ("k1",)),
    ReportedField(
        "dihydro_k1_ug", "dihydro_k1", "ug", "dihydro-K1", "dihydro-K1", "dK1", ("dihydro_k1",)
    ),
    ReportedField("mk4_ug", "mk4", "ug", "MK-4", "MK-4", "MK-4", ("mk4",)),
    ReportedField("mk7_ug", "mk7", "ug", "MK-7", "MK-7", "MK-7", ("mk7",)),
    ReportedField(
        "mk_long_other_ug",
        "mk_long_other",
        "ug",
        "other MKs (MK-5, MK-6, MK-8 to MK-13)",
        "other MKs",
        "MK-5,6,8–13",
        MK_LONG_OTHER,
    ),
    ReportedField(
        "k2_total_ug",
        "k2_total",
        "ug",
        "K2 total",
        "K2 total",
        "K2",
        K2_FORMS,
        ("mk4_ug", "mk7_ug", "mk_long_other_ug"),
    ),
    ReportedField(
        "k_total_ug",
        "k_total",
        "ug",
        "vitamin K total",
        "vitamin K total",
        "total K",
        (*K1_FORMS, *K2_FORMS),
        _BASE_K,
    ),
    ReportedField("calcium_mg", "calcium", "mg", "calcium", "calcium", "Ca", ("calcium",)),
    ReportedField("vitamin_d_ug", "vitamin_d", "ug", "vitamin D", "vitamin D", "D", ("vitamin_d",)),
    ReportedField(
        "magnesium_mg", "magnesium", "mg", "magnesium", "magnesium", "Mg", ("magnesium",)
    ),
)
"""Every reported field, in reporting order (the intake JSON's per-day order)."""
FIELD: dict[str, ReportedField] = {f.name: f for f in FIELDS}
"""Reported fields by name."""
VITAMIN_K_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "vitamin_k")
"""The vitamin K fields (forms, then totals), in reporting order."""
BASE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if not f.is_total)
"""Fields that are not totals: what food values and supplements add into."""
TOTALS: dict[str, tuple[str, ...]] = {f.name: f.parts for f in FIELDS if f.is_total}
"""Each total and the fields it is the sum of."""
NUTRIENT_FIELD: dict[str, str] = {
    code: f.name for f in FIELDS if not f.is_total for code in f.nutrients
}
"""The base field each nutrient code adds into (``mk9`` → ``mk_long_other_ug``)."""


def field_by_code(code: str) -> ReportedField:
    """The reported field whose food-value code is ``code`` (``k2_total`` → ``k2_total_ug``)."""
    for f in FIELDS:
        if f.code == code:
            return f
    from vitk.errors import InputError

    raise InputError(f"Unknown field code '{code}'; allowed: {', '.join(f.code for f in FIELDS)}.")


def fields_including(codes: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    """Fields that contain every nutrient in ``codes``, in reporting order.

    A supplement of MK-4 adds to ``mk4_ug``, ``k2_total_ug`` and ``k_total_ug``; one of
    K2 with no form given, to the fields holding all of :data:`K2_FORMS`.
    """
    wanted = set(codes)
    return tuple(f.name for f in FIELDS if wanted <= set(f.nutrients))
