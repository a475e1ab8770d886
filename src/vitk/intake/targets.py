"""Reference intakes by life stage, and 25-hydroxyvitamin D status bands.

US Food and Nutrition Board values (AI/RDA/UL, as restated by NIH ODS) and EFSA's
2017 adequate intakes, which cover phylloquinone (K1) only. No body has a K2-specific
requirement or a vitamin K UL (EFSA2017; ODS-K).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from vitk.errors import InputError
from vitk.lifestage import LifeStage
from vitk.references import cite
from vitk.tables import load_table

__all__ = [
    "NMOL_PER_L_PER_NG_PER_ML",
    "ReferenceIntakes",
    "Target",
    "VitaminDStatus",
    "reference_intakes",
    "vitamin_d_status",
]

#: 1 ng/mL of 25(OH)D = 2.496 nmol/L (ODS-D).
NMOL_PER_L_PER_NG_PER_ML = 2.496
#: The US FNB DRI tables give pregnancy and lactation values from 14 years (14–18 y is the
#: youngest band; IOM1997; IOM2001; IOM2011). A younger pregnant or lactating girl
#: (9–13 y) gets the 14–18 y pregnancy or lactation value, with a note saying so: the
#: non-pregnant 9–13 y value would understate her needs (e.g. magnesium 240 mg against
#: 400 mg in pregnancy), and the 14–18 y values are the closest published ones. [years]
US_PREGNANCY_MIN_AGE_Y = 14.0
#: ... and up to 50 years (19–50 y is the oldest band). From 51 years a pregnant or
#: lactating woman gets the value for her age, with a note saying that no pregnancy- or
#: lactation-specific value is published for that age. [years]
US_PREGNANCY_MAX_AGE_Y = 51.0


@dataclass(frozen=True)
class Target:
    """One reference value for one nutrient and life stage."""

    nutrient: str
    value: float | None
    unit: str
    kind: Literal["AI", "RDA", "UL"]
    body: str
    source_keys: tuple[str, ...]
    note: str = ""
    #: A caveat about the life stage that a report should show beside the value (no value
    #: set for this age, or a pregnancy value borrowed from another age); also in ``note``.
    stage_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "nutrient": self.nutrient,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "body": self.body,
            "source_keys": list(self.source_keys),
            "note": self.note,
            "stage_note": self.stage_note,
        }


@dataclass(frozen=True)
class ReferenceIntakes:
    """Every reference value vitk uses, for one life stage."""

    stage: LifeStage
    vitamin_k_us: Target
    vitamin_k1_efsa: Target
    calcium: Target
    calcium_ul: Target
    vitamin_d: Target
    vitamin_d_ul: Target
    magnesium: Target
    magnesium_ul: Target

    def targets(self) -> dict[str, Target]:
        return {
            "vitamin_k_us": self.vitamin_k_us,
            "vitamin_k1_efsa": self.vitamin_k1_efsa,
            "calcium": self.calcium,
            "calcium_ul": self.calcium_ul,
            "vitamin_d": self.vitamin_d,
            "vitamin_d_ul": self.vitamin_d_ul,
            "magnesium": self.magnesium,
            "magnesium_ul": self.magnesium_ul,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "life_stage": self.stage.label,
            **{k: t.to_dict() for k, t in self.targets().items()},
        }


def _state(stage: LifeStage) -> str:
    return "pregnant" if stage.pregnant else "lactating" if stage.lactating else "none"


def _lookup(
    nutrient: str, body: str, kinds: tuple[str, ...], stage: LifeStage, unit: str
) -> Target:
    rows = load_table("intakes/reference_intakes.csv")
    state = _state(stage)
    age = stage.age_y
    young = ""
    if body == "US FNB" and state != "none" and age < US_PREGNANCY_MIN_AGE_Y:
        age = US_PREGNANCY_MIN_AGE_Y
        young = (
            f"the FNB sets {'pregnancy' if state == 'pregnant' else 'lactation'} values from "
            f"14 years; the 14–18 y value is used for age {stage.age_y:g}"
        )
    elif body == "US FNB" and state != "none" and age >= US_PREGNANCY_MAX_AGE_Y:
        young = (
            f"no {'pregnancy' if state == 'pregnant' else 'lactation'}-specific value is "
            f"published for age {stage.age_y:g} (the FNB sets them up to 50 years); the value "
            "for women of this age is shown"
        )
    elif body == "EFSA" and state != "none" and age < 18.0:
        young = f"no separate EFSA value for {state} women under 18 years; the value for the age"
        young += " is used"
    candidates = [
        r
        for r in rows
        if r["nutrient"] == nutrient
        and r["body"] == body
        and r["kind"] in kinds
        and r["age_min_y"] <= age < r["age_max_y"]
        and r["sex"] in ("any", stage.sex)
    ]
    # A row for the person's own state wins; then 'any'; then (for an unusual age in
    # pregnancy or lactation) the row for the non-pregnant state, with a note.
    for wanted in (state, "any"):
        match = [r for r in candidates if r["state"] == wanted]
        if match:
            r = match[0]
            break
    else:
        match = [r for r in candidates if r["state"] == "none"]
        if not match:
            kind = "/".join(kinds)
            unset = f"{body} set no {kind} for this life stage"
            return Target(
                nutrient,
                None,
                unit,
                kinds[0],  # type: ignore[arg-type]
                body,
                (),
                f"not set: {unset}",
                unset,
            )
        r = match[0]
        if not young:
            young = (
                f"no {'pregnancy' if state == 'pregnant' else 'lactation'}-specific value is "
                "published for this age; the value for women of this age is shown"
            )
    cite(*r["source_key"])
    note = r["note"] or ""
    if young:
        note = f"{note}; {young}" if note else young
    return Target(
        nutrient=nutrient,
        value=float(r["value"]),
        unit=r["unit"],
        kind=r["kind"],
        body=body,
        source_keys=tuple(r["source_key"]),
        note=note,
        stage_note=young,
    )


def reference_intakes(stage: LifeStage) -> ReferenceIntakes:
    """Reference intakes for a life stage (see :func:`vitk.lifestage.life_stage`)."""
    return ReferenceIntakes(
        stage=stage,
        vitamin_k_us=_lookup("vitamin_k", "US FNB", ("AI",), stage, "ug"),
        vitamin_k1_efsa=_lookup("vitamin_k1", "EFSA", ("AI",), stage, "ug"),
        calcium=_lookup("calcium", "US FNB", ("RDA", "AI"), stage, "mg"),
        calcium_ul=_lookup("calcium", "US FNB", ("UL",), stage, "mg"),
        vitamin_d=_lookup("vitamin_d", "US FNB", ("RDA", "AI"), stage, "ug"),
        vitamin_d_ul=_lookup("vitamin_d", "US FNB", ("UL",), stage, "ug"),
        magnesium=_lookup("magnesium", "US FNB", ("RDA", "AI"), stage, "mg"),
        magnesium_ul=_lookup("magnesium", "US FNB", ("UL",), stage, "mg"),
    )


@dataclass(frozen=True)
class VitaminDStatus:
    band: str
    nmol_per_l: float
    ng_per_ml: float
    meaning: str
    source_keys: tuple[str, ...]
    #: The meaning holds a detail marked † (unverified) in the project's evidence notes.
    unverified: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "band": self.band,
            "nmol_per_l": round(self.nmol_per_l, 1),
            "ng_per_ml": round(self.ng_per_ml, 1),
            "meaning": self.meaning,
            "source_keys": list(self.source_keys),
            "unverified": self.unverified,
        }


_NMOL_UNITS = {"nmol/l", "nmol/L", "nmol per l", "nmol_per_l", "nm"}
#: µg/L equals ng/mL numerically, so it is accepted as the same unit.
_NG_UNITS = {"ng/ml", "ng/mL", "ng per ml", "ng_per_ml", "µg/l", "ug/l", "μg/l", "mcg/l"}


def vitamin_d_status(value: float, unit: str) -> VitaminDStatus:
    """Classify a serum 25(OH)D result given in nmol/L or ng/mL (FNB 2011 bands)."""
    u = unit.strip().lower()
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(f"25(OH)D must be a number; got '{value}'.") from None
    if u in {x.lower() for x in _NMOL_UNITS}:
        nmol = v
        band_nmol = v
    elif u in {x.lower() for x in _NG_UNITS}:
        nmol = v * NMOL_PER_L_PER_NG_PER_ML
        # The FNB bands pair 12/20/50 ng/mL with 30/50/125 nmol/L (factor 2.5), so a
        # result in ng/mL is placed with that factor; it is reported with 2.496.
        band_nmol = v * 2.5
    else:
        raise InputError(f"Unknown 25(OH)D unit '{unit}'; allowed: nmol/L, ng/mL, µg/L.")
    if not (0 <= nmol < 1000):
        raise InputError(f"25(OH)D must be between 0 and 1000 nmol/L; got {value} {unit}.")
    for row in load_table("intakes/vitamin_d_status.csv"):
        below_top = (
            band_nmol <= row["high_nmol_per_l"]
            if row["upper_inclusive"] == "true"
            else band_nmol < row["high_nmol_per_l"]
        )
        if below_top:
            cite(*row["source_key"])
            return VitaminDStatus(
                band=row["band"],
                nmol_per_l=nmol,
                ng_per_ml=nmol / NMOL_PER_L_PER_NG_PER_ML,
                meaning=row["meaning"],
                source_keys=tuple(row["source_key"]),
                unverified="†" in row["meaning"],
            )
    raise InputError(f"25(OH)D {value} {unit} falls in no status band.")  # pragma: no cover
