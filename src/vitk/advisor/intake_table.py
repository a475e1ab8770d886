"""The advisor's intake table: diet, supplements and total per reported field.

Built once per report (:func:`intake_basis`) from the profile's supplements, vitamin K
listed among the medicines and, when given, the diary summary; the facts, the intake
section and the co-nutrient table all read the same :class:`IntakeBasis`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vitk.advisor.medications import MedicationMatch
from vitk.advisor.profile import Profile
from vitk.intake.comparison import LOWER_BOUND, MEASURED, NOT_MEASURED
from vitk.nutrients import FIELD, fields_including

if TYPE_CHECKING:
    from vitk.intake.engine import IntakeSummary

__all__ = ["IntakeBasis", "intake_basis", "intake_marks", "intake_table", "medication_k"]

#: Intake-table fields each vitamin K form listed as a medicine adds to.
_K_MED_FIELDS: dict[str | None, tuple[str, ...]] = {
    "K1": fields_including(("k1",)),
    "MK-4": fields_including(("mk4",)),
    "MK-7": fields_including(("mk7",)),
    "K2": fields_including(FIELD["k2_total_ug"].nutrients),
    None: fields_including(FIELD["k_total_ug"].nutrients),
}
_K_FORM_WORDS = {
    "K1": "vitamin K1",
    "MK-4": "MK-4",
    "MK-7": "MK-7",
    "K2": "vitamin K2 (form not given)",
    None: "vitamin K (form not given)",
}


#: Reference intakes: a ``vitk.intake.targets.ReferenceIntakes`` or any object with the
#: same attributes (``vitamin_k_us``, ``vitamin_k1_efsa``, ``calcium``, ``calcium_ul``,
#: ``vitamin_d``, ``vitamin_d_ul``, ``magnesium``, ``magnesium_ul``; each with ``.value``).
_Targets = Any


def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(float(x), nd)


def _tv(target: Any) -> float | None:
    return None if target is None or target.value is None else float(target.value)


def medication_k(
    profile: Profile, meds: Sequence[MedicationMatch]
) -> tuple[dict[str, float], list[str]]:
    """Vitamin K listed among the medicines: daily µg per intake field, and one note per line.

    A line with a readable dose counts as a supplement of its form, unless the profile's
    own supplements already list that form (then it is not added, so nothing is counted
    twice). A line without a readable dose is noted and not counted (unknown, not zero).
    """
    s = profile.supplements
    listed = {k.form for k in s.vitamin_k}
    already = {
        "K1": "K1" in listed,
        "MK-4": "MK-4" in listed,
        "MK-7": "MK-7" in listed,
        "K2": bool(listed & {"MK-4", "MK-7"}),
        None: bool(listed),
    }
    amounts: dict[str, float] = {}
    notes: list[str] = []
    for m in meds:
        if not m.is_vitamin_k:
            continue
        what = _K_FORM_WORDS.get(m.k_form, "vitamin K")
        if m.k_dose_ug is None:
            notes.append(
                f"'{m.text}' (medicines) is {what}; no daily dose could be read, so it is not "
                "counted in the intake below (unknown, not zero)."
            )
        elif already.get(m.k_form, False):
            notes.append(
                f"'{m.text}' (medicines) is {what}; not added, because your supplements already "
                "list that form (it would be counted twice)."
            )
        else:
            for fld in _K_MED_FIELDS.get(m.k_form, ("k_total_ug",)):
                amounts[fld] = amounts.get(fld, 0.0) + m.k_dose_ug
            notes.append(
                f"'{m.text}' (medicines) is {what}: counted as a supplement of "
                f"{m.k_dose_ug:,.0f} µg/d."
            )
    return amounts, notes


def _profile_supp(profile: Profile, field: str, med_k: Mapping[str, float] | None = None) -> float:
    extra = float((med_k or {}).get(field, 0.0))
    s = profile.supplements
    return extra + {
        "k1_ug": s.k_ug("K1"),
        "mk4_ug": s.k_ug("MK-4"),
        "mk7_ug": s.k_ug("MK-7"),
        "k2_total_ug": s.k_ug("MK-4") + s.k_ug("MK-7"),
        "k_total_ug": s.k_ug(),
        "calcium_mg": s.calcium_mg,
        "vitamin_d_ug": s.vitamin_d_ug,
        "magnesium_mg": s.magnesium_mg,
    }.get(field, 0.0)


def intake_table(
    profile: Profile,
    summary: IntakeSummary | None,
    med_k: Mapping[str, float] | None = None,
) -> dict[str, dict[str, float | None]]:
    """Per field: ``diet``, ``supplements`` and ``total`` (diet and total None without a diary).

    Supplements come from the profile, unless the diary logged supplements of that
    nutrient: then the diary's daily mean is used instead (never both, so a
    supplement listed in both places is not counted twice). ``med_k`` adds vitamin K
    listed among the medicines (see :func:`medication_k`) to the profile's supplements.
    """
    out: dict[str, dict[str, float | None]] = {}
    for f in FIELD:
        prof = _profile_supp(profile, f, med_k)
        if summary is None:
            out[f] = {"diet": None, "supplements": prof, "total": None}
            continue
        diary_supp = _supp_mean(summary, f)
        diet = max(float(summary.mean_daily.get(f, 0.0)) - diary_supp, 0.0)
        supp = diary_supp if diary_supp > 0 else prof
        out[f] = {"diet": diet, "supplements": supp, "total": diet + supp}
    return out


def intake_marks(
    profile: Profile,
    summary: IntakeSummary | None,
    med_k: Mapping[str, float] | None = None,
) -> dict[str, dict[str, str | None]]:
    """Per field of :func:`intake_table`: measurement status of ``diet`` and ``total``.

    ``measured``, ``lower_bound`` (some logged foods had no value for the form; they
    add nothing) or ``not_measured`` (no logged food measured it: the number means
    nothing). A supplement, from the diary or the profile, counts as measured for its
    own form. Both are None without a diary (diet not recorded).
    """
    return _marks(intake_table(profile, summary, med_k), summary)


def _marks(
    table: Mapping[str, Mapping[str, float | None]], summary: IntakeSummary | None
) -> dict[str, dict[str, str | None]]:
    """:func:`intake_marks` of an intake table already built."""
    from vitk.intake.engine import measurement_marks

    if summary is None:
        return {f: {"diet": None, "total": None} for f in table}
    diet_nm, diet_lb = summary.marks(supplements=False)
    supplied = {f for f, row in table.items() if (row["supplements"] or 0.0) > 0}
    total_nm, total_lb = measurement_marks(summary.food_measured | supplied, summary.lacking)

    def status(f: str, nm: frozenset[str], lb: frozenset[str]) -> str:
        return NOT_MEASURED if f in nm else LOWER_BOUND if f in lb else MEASURED

    return {
        f: {"diet": status(f, diet_nm, diet_lb), "total": status(f, total_nm, total_lb)}
        for f in table
    }


def _supplement_source(
    profile: Profile,
    summary: IntakeSummary | None,
    field: str,
    med_k: Mapping[str, float] | None = None,
) -> str | None:
    """Where a row's supplement amount comes from: ``diary``, ``profile`` or None."""
    if summary is not None and _supp_mean(summary, field) > 0:
        return "diary"
    return "profile" if _profile_supp(profile, field, med_k) > 0 else None


def _supp_mean(summary: IntakeSummary | None, field: str) -> float:
    """Mean daily amount of ``field`` that came from supplements logged in the diary."""
    if summary is None or not summary.days:
        return 0.0
    return sum(float(d.supplements.get(field, 0.0)) for d in summary.days) / len(summary.days)


@dataclass(frozen=True)
class IntakeBasis:
    """Everything the report says about intake, computed once per :func:`~vitk.advise` call.

    Attributes
    ----------
    summary : IntakeSummary or None
        The diary summary (None without a diary).
    med_k : dict
        Daily µg per field from vitamin K listed among the medicines.
    med_notes : list of str
        How each vitamin K medicine line was counted, or why not.
    table : dict
        :func:`intake_table` (``diet``, ``supplements``, ``total`` per field).
    marks : dict
        :func:`intake_marks` (``diet`` and ``total`` status per field).
    supplement_source : dict
        Per field: ``diary``, ``profile`` or None.
    food_keys : dict
        Per field: the source keys of the food values behind the diet number.
    """

    summary: IntakeSummary | None
    med_k: dict[str, float]
    med_notes: list[str]
    table: dict[str, dict[str, float | None]]
    marks: dict[str, dict[str, str | None]]
    supplement_source: dict[str, str | None]
    food_keys: dict[str, list[str]]


def intake_basis(
    profile: Profile, meds: Sequence[MedicationMatch], summary: IntakeSummary | None
) -> IntakeBasis:
    """The intake table, its marks and sources for one person (see :class:`IntakeBasis`)."""
    med_k, med_notes = medication_k(profile, meds)
    table = intake_table(profile, summary, med_k)
    return IntakeBasis(
        summary=summary,
        med_k=med_k,
        med_notes=med_notes,
        table=table,
        marks=_marks(table, summary),
        supplement_source={f: _supplement_source(profile, summary, f, med_k) for f in table},
        food_keys=summary.source_keys() if summary is not None else {},
    )
