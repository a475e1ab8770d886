"""What the planner needs to know about the person: life stage, targets, antagonist, usual intake.

The usual intake comes from the diary (the intake engine's mean daily totals; a form no
logged food measured counts 0 there, so the plan never leans on an unknown) plus the
profile's daily supplements for nutrients the diary logged no supplement of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vitk.errors import InputError
from vitk.nutrients import BASE_FIELDS, FIELD, TOTALS

if TYPE_CHECKING:
    from vitk.advisor.medications import MedicationMatch
    from vitk.advisor.profile import Profile
    from vitk.foods.catalogue import Catalogue
    from vitk.intake.diary import Diary
    from vitk.intake.engine import IntakeSummary
    from vitk.intake.targets import ReferenceIntakes
    from vitk.lifestage import LifeStage

__all__ = ["Person", "assess"]

#: Vitamin K antagonists the INR model has a parameter set for; others are shown with
#: warfarin's, and the plan says so.
INR_MODEL_VKAS = ("warfarin", "acenocoumarol")
#: Profile supplement form → base field.
_K_FORM_FIELD = {"K1": "k1_ug", "MK-4": "mk4_ug", "MK-7": "mk7_ug"}


@dataclass(frozen=True)
class Person:
    """The person as the planner sees them."""

    profile: Profile
    stage: LifeStage
    targets: ReferenceIntakes
    meds: tuple[MedicationMatch, ...]
    #: On a vitamin K antagonist, an unnamed anticoagulant, or a clotting disorder with no
    #: anticoagulant listed: the steady-intake plan (never "eat more", never a supplement).
    steady: bool
    vka_names: tuple[str, ...]
    kidney: bool
    summary: IntakeSummary | None
    #: Usual daily intake by base field: the diary's mean plus the profile's supplements.
    usual: dict[str, float]
    #: Daily vitamin K supplements the person already takes, by base field (kept as they are).
    k_supplements: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    #: The diary's rows (None without a diary, or when a summary was given instead).
    diary: Diary | None = None

    @property
    def infant(self) -> bool:
        return self.profile.age_y < 1.0

    @property
    def supplement_left_to_clinician(self) -> bool:
        """Pregnancy, breastfeeding or under 18: a supplement is only planned on request."""
        p = self.profile
        return p.pregnant or p.lactating or p.age_y < 18.0

    @property
    def inr_vka(self) -> str:
        """The antagonist the INR model runs with (warfarin when another is named)."""
        for name in self.vka_names:
            if name in INR_MODEL_VKAS:
                return name
        return "warfarin"

    def usual_value(self, name: str) -> float:
        """Usual daily amount of a base field, a total, or ``k2_long_ug``."""
        if name == "k2_long_ug":
            return self.usual.get("mk7_ug", 0.0) + self.usual.get("mk_long_other_ug", 0.0)
        if name in TOTALS:
            return sum(self.usual.get(p, 0.0) for p in TOTALS[name])
        return self.usual.get(name, 0.0)

    @property
    def diary_days(self) -> int:
        return 0 if self.summary is None else len(self.summary.days)

    def usual_to_dict(self) -> dict[str, Any]:
        from vitk.intake.engine import DAY_FIELDS

        return {
            "source": (
                f"diary mean of {self.diary_days} day(s) plus the profile's supplements"
                if self.summary is not None
                else "no diary: the profile's supplements only (the usual diet is unknown)"
            ),
            "diary_days": self.diary_days,
            "mean_daily": {f: round(self.usual_value(f), 2) for f in DAY_FIELDS},
            "vitamin_k_supplements": {k: round(v, 2) for k, v in self.k_supplements.items()},
        }


def _summarise(
    diary: Any, stage: LifeStage, catalogue: Catalogue | None
) -> tuple[Diary | None, IntakeSummary | None]:
    from vitk.advisor.engine import _coerce_diary
    from vitk.intake import IntakeSummary, summarise

    coerced = _coerce_diary(diary)
    if coerced is None or isinstance(coerced, IntakeSummary):
        return None, coerced
    return coerced, summarise(coerced, stage=stage, catalogue=catalogue)


def _profile_supplements(profile: Profile) -> dict[str, float]:
    s = profile.supplements
    out = {
        "vitamin_d_ug": s.vitamin_d_ug,
        "calcium_mg": s.calcium_mg,
        "magnesium_mg": s.magnesium_mg,
    }
    for k in s.vitamin_k:
        fld = _K_FORM_FIELD[k.form]
        out[fld] = out.get(fld, 0.0) + k.dose_ug
    return {k: v for k, v in out.items() if v}


def assess(profile: Profile, diary: Any = None, catalogue: Catalogue | None = None) -> Person:
    """The planner's view of ``profile`` and the optional ``diary``.

    Raises
    ------
    InputError
        A baby under 1 year (no plan: feeding is for the paediatrician).
    """
    from vitk.advisor.medications import ANTICOAGULANT_CLASSES, normalise_all, treated_as_vka
    from vitk.intake.targets import reference_intakes
    from vitk.lifestage import life_stage

    p = profile
    if p.age_y < 1.0:
        raise InputError(
            f"No meal plan for a baby under 1 year (age {p.age_y:g}); feeding and vitamin K "
            "for a baby are for the paediatrician."
        )
    stage = life_stage(p.age_y, p.sex, p.pregnant, p.lactating)
    targets = reference_intakes(stage)
    meds = tuple(normalise_all(list(p.medications)))
    current = [m for m in meds if not m.stopped]
    vka = treated_as_vka(current)
    any_anticoagulant = any(set(m.classes) & ANTICOAGULANT_CLASSES for m in current)
    clot_unlisted = p.conditions.clotting_disorder and not any_anticoagulant
    names = tuple(dict.fromkeys(m.generic for m in current if "vka" in m.classes and m.generic))
    diary_rows, summary = _summarise(diary, stage, catalogue)
    usual = {f: 0.0 for f in BASE_FIELDS}
    logged_supplements: set[str] = set()
    if summary is not None and summary.days:
        for f in BASE_FIELDS:
            usual[f] = float(summary.mean_daily.get(f, 0.0))
        for day in summary.days:
            logged_supplements |= {k for k, v in day.supplements.items() if v}
    own = _profile_supplements(p)
    for m in current:  # vitamin K listed among the medicines, with a dose
        if m.is_vitamin_k and m.k_dose_ug:
            fld = _K_FORM_FIELD.get(m.k_form or "MK-7", "mk7_ug")
            own[fld] = own.get(fld, 0.0) + float(m.k_dose_ug)
    notes: list[str] = []
    for f, amount in own.items():
        if f in logged_supplements:
            label = FIELD[f].label
            notes.append(
                f"The diary logs {label} supplements, so the profile's daily {label} "
                "supplement is not added again."
            )
            continue
        usual[f] += amount
    k_fields = ("k1_ug", "mk4_ug", "mk7_ug")
    k_supp: dict[str, float] = {}
    if summary is not None and summary.days and logged_supplements & set(k_fields):
        n = len(summary.days)
        for f in k_fields:
            total = sum(float(d.supplements.get(f, 0.0)) for d in summary.days)
            if total:
                k_supp[f] = total / n
    else:
        k_supp = {f: v for f, v in own.items() if f in k_fields}
    return Person(
        profile=p,
        stage=stage,
        targets=targets,
        meds=meds,
        steady=bool(vka or clot_unlisted),
        vka_names=names,
        kidney=p.conditions.chronic_kidney_disease or p.conditions.dialysis,
        summary=summary,
        usual=usual,
        diary=diary_rows,
        k_supplements=k_supp,
        notes=tuple(notes),
    )
