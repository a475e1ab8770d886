"""The advisor's facts: one flat dict that the rules in ``rules.yaml`` are evaluated against.

Built from the profile, the normalised medicines, the life-stage reference intakes and
the :class:`~vitk.advisor.intake_table.IntakeBasis` (see :data:`vitk.advisor.rules.FACTS`
for the names).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

from vitk.advisor.intake_table import IntakeBasis, _Targets, _tv, intake_basis
from vitk.advisor.medications import (
    ANTICOAGULANT_CLASSES,
    POSSIBLE_ANTICOAGULANT,
    MedicationMatch,
    treated_as_vka,
)
from vitk.advisor.profile import Profile
from vitk.advisor.rules import LOWER_BOUNDS
from vitk.units import ug_to_iu_vitamin_d

if TYPE_CHECKING:
    from vitk.intake.engine import IntakeSummary

__all__ = ["MK7_FOOD_DAY_THRESHOLD_UG", "build_facts"]

_MALAB_LABEL = {
    "cystic_fibrosis": "cystic fibrosis",
    "ibd": "inflammatory bowel disease",
    "coeliac": "coeliac disease",
    "bariatric_surgery": "bariatric surgery",
    "short_bowel": "short bowel",
    "other": "other cause",
}
#: MK-7 from food on one diary day that rule SAF-VKA-07 calls large for a VKA user: MK-7
#: supplements from 50 µg/d may interfere with a VKA in a clinically relevant way
#: (Schurgers2007, evidence.md 3.3); MK-7 stays in the blood for days, so one large day
#: matters. [µg]
MK7_FOOD_DAY_THRESHOLD_UG = 50.0


def _names(matches: Iterable[MedicationMatch], cls: str) -> str:
    names = [m.generic for m in matches if m.generic and cls in m.classes]
    return ", ".join(dict.fromkeys(n for n in names if n))


def _texts(matches: Iterable[MedicationMatch], cls: str) -> str:
    return ", ".join(f"'{m.text}'" for m in matches if cls in m.classes)


def build_facts(
    profile: Profile,
    meds: Sequence[MedicationMatch],
    targets: _Targets,
    summary: IntakeSummary | None = None,
    *,
    basis: IntakeBasis | None = None,
) -> dict[str, Any]:
    """The flat fact dict that rules are evaluated against (see rules.FACTS).

    Parameters
    ----------
    profile : Profile
        The person.
    meds : sequence of MedicationMatch
        The profile's medicines, normalised.
    targets : ReferenceIntakes
        Reference intakes for the person's life stage.
    summary : IntakeSummary, optional
        The diary summary (None: no diary).
    basis : IntakeBasis, optional
        The intake table already built for this profile, medicines and summary
        (:func:`~vitk.advisor.intake_table.intake_basis`); built here when not given.
    """
    if basis is None:
        basis = intake_basis(profile, meds, summary)
    c = profile.conditions
    classes = {cl for m in meds for cl in m.classes}
    unrec = [m for m in meds if not m.recognised]
    table, marks = basis.table, basis.marks
    lower_bounds: set[str] = set()

    def total_or_supp(field: str, name: str) -> tuple[float, str]:
        row = table[field]
        if row["total"] is None:
            lower_bounds.add(name)  # supplements alone: the diet adds an unknown amount
            return float(row["supplements"] or 0.0), "from supplements alone; diet not recorded"
        n = len(summary.days) if summary is not None else 0
        if marks[field]["total"] != "measured":
            lower_bounds.add(name)
            return float(row["total"]), (
                f"diet from a {n}-day diary plus supplements; at least this much, as some "
                "logged foods have no data"
            )
        return float(row["total"]), f"diet from a {n}-day diary plus supplements"

    ca_total, ca_basis = total_or_supp("calcium_mg", "calcium_total_mg")
    d_total, d_basis = total_or_supp("vitamin_d_ug", "vitamin_d_total_ug")

    labs = profile.labs
    inr_out: bool | None = None
    inr_target = None
    if (
        labs.inr is not None
        and labs.inr_target_low is not None
        and labs.inr_target_high is not None
    ):
        inr_out = not (labs.inr_target_low <= labs.inr <= labs.inr_target_high)
        inr_target = f"{labs.inr_target_low:g}–{labs.inr_target_high:g}"
    vd_nmol: float | None = None
    vd_band: str | None = None
    if labs.vitamin_d_25oh_value is not None and labs.vitamin_d_25oh_unit is not None:
        from vitk.intake.targets import vitamin_d_status

        status = vitamin_d_status(labs.vitamin_d_25oh_value, labs.vitamin_d_25oh_unit)
        vd_nmol, vd_band = status.nmol_per_l, status.band

    cac = c.cac_score
    supp_k = float(table["k_total_ug"]["supplements"] or 0.0)
    k_meds = [m for m in meds if m.is_vitamin_k]
    undosed = [m for m in k_meds if m.k_dose_ug is None]
    k_text = f"{supp_k:,.0f} µg/d of supplemental vitamin K" if supp_k > 0 else ""
    if undosed:
        listed = ", ".join(f"'{m.text}'" for m in undosed)
        extra = f"vitamin K listed among your medicines without a dose ({listed})"
        k_text = f"{k_text}, plus {extra}" if k_text else extra
    possible = [m for m in meds if POSSIBLE_ANTICOAGULANT in m.classes]
    vit_e = [m for m in meds if "vitamin_e" in m.classes]

    # Recorded vitamin K total: unknown without a diary or when no food measured it; a
    # lower bound when some logged foods have no data (unknown is not zero).
    k_total = table["k_total_ug"]["total"]
    k_status = marks["k_total_ug"]["total"]
    if summary is None:
        k_text_unknown = "no diary was given, so your vitamin K intake is unknown (not zero)"
    elif k_status == "not_measured":
        k_total = None
        k_text_unknown = "no logged food has vitamin K data, so your intake is unknown (not zero)"
    elif k_status == "lower_bound":
        lower_bounds.add("k_total_ug")
        k_text_unknown = (
            f"your recorded vitamin K intake is at least {float(k_total or 0):.0f} µg/d; some "
            "logged foods have no data for some forms, so the true total may be higher"
        )
    else:
        k_text_unknown = ""

    facts: dict[str, Any] = {
        "age_y": profile.age_y,
        "pregnant": profile.pregnant,
        "lactating": profile.lactating,
        # unknown (None) for a woman who did not say; men are never postmenopausal
        "postmenopausal": (
            False
            if profile.sex == "male"
            else (None if profile.menopause is None else profile.menopause == "post")
        ),
        "vka": "vka" in classes,
        "anticoagulant_unknown": "anticoagulant_unknown" in classes,
        "vka_or_unknown": treated_as_vka(meds),
        "vka_possible": bool(possible),
        "vka_possible_names": ", ".join(
            f"'{m.text}'" + (f" (closest: {', '.join(m.candidates)})" if m.candidates else "")
            for m in possible
        ),
        "doac": "doac" in classes,
        "heparin": "heparin" in classes,
        "antiplatelet": "antiplatelet" in classes,
        "antibiotic": "antibiotic" in classes,
        "cephalosporin_nmtt": "cephalosporin_nmtt" in classes,
        "bile_acid_sequestrant": "bile_acid_sequestrant" in classes,
        "orlistat": "orlistat" in classes,
        "anticonvulsant_inducer": "anticonvulsant_inducer" in classes,
        "mineral_oil": "mineral_oil" in classes,
        "vitamin_e": bool(vit_e),
        "vitamin_e_text": ", ".join(_vitamin_e_line(m) for m in vit_e),
        "any_anticoagulant": bool(classes & ANTICOAGULANT_CLASSES) or bool(possible),
        "vka_stopped": any(m.stopped for m in meds if "vka" in m.classes),
        "vka_stopped_names": ", ".join(
            f"'{m.text}'" for m in meds if m.stopped and "vka" in m.classes
        ),
        "vka_names": _names(meds, "vka"),
        "unknown_anticoagulant_names": _texts(meds, "anticoagulant_unknown"),
        "doac_names": _names(meds, "doac"),
        "heparin_names": _names(meds, "heparin"),
        "antiplatelet_names": _names(meds, "antiplatelet"),
        "antibiotic_names": _names(meds, "antibiotic"),
        "nmtt_names": _names(meds, "cephalosporin_nmtt"),
        "bas_names": _names(meds, "bile_acid_sequestrant"),
        "anticonvulsant_names": _names(meds, "anticonvulsant_inducer"),
        "unrecognised_count": len(unrec),
        "unrecognised_names": ", ".join(f"'{m.text}'" for m in unrec),
        "inr": labs.inr,
        "inr_target": inr_target,
        "inr_out_of_range": inr_out,
        "vitamin_d_nmol": vd_nmol,
        "vitamin_d_possibly_too_high": None if vd_band is None else vd_band == "possibly_too_high",
        "vitamin_d_deficiency_risk": None if vd_band is None else vd_band == "deficiency_risk",
        "osteoporosis": c.osteoporosis,
        "osteopenia": c.osteopenia,
        "fragility_fracture": c.fragility_fracture,
        "family_history_osteoporosis": c.family_history_osteoporosis,
        "arterial_calcification": c.arterial_calcification or bool(cac and cac > 0),
        "cac_text": f" (CAC score {cac:g})" if cac is not None else "",
        "cardiovascular_disease": c.cardiovascular_disease,
        "family_history_cvd": c.family_history_cvd,
        "kidney": c.chronic_kidney_disease or c.dialysis,
        "dialysis_text": " on dialysis" if c.dialysis else "",
        "liver_disease": c.liver_disease,
        "clotting_disorder": c.clotting_disorder,
        "malabsorption": profile.malabsorption,
        "malabsorption_text": ", ".join(_MALAB_LABEL[x] for x in c.fat_malabsorption),
        "takes_k_supplement": supp_k > 0 or bool(k_meds),
        "k_supplement_text": k_text,
        "vitamin_k_medicine": bool(k_meds),
        "vitamin_k_medicine_names": ", ".join(f"'{m.text}'" for m in k_meds),
        "supp_k_ug": supp_k,
        "supp_mk4_ug": float(table["mk4_ug"]["supplements"] or 0.0),
        "supp_mk7_ug": float(table["mk7_ug"]["supplements"] or 0.0),
        "supp_vitamin_d_ug": float(table["vitamin_d_ug"]["supplements"] or 0.0),
        "supp_calcium_mg": float(table["calcium_mg"]["supplements"] or 0.0),
        "magnesium_supp_mg": float(table["magnesium_mg"]["supplements"] or 0.0),
        "k_total_ug": k_total,
        "k_intake_text": k_text_unknown,
        "vitamin_k_ai_ug": _tv(targets.vitamin_k_us),
        "calcium_total_mg": ca_total,
        "calcium_ul_mg": _tv(targets.calcium_ul),
        "calcium_basis": ca_basis,
        "vitamin_d_total_ug": d_total,
        "vitamin_d_total_iu": ug_to_iu_vitamin_d(d_total),
        "vitamin_d_ul_ug": _tv(targets.vitamin_d_ul),
        "vitamin_d_basis": d_basis,
        "magnesium_ul_mg": _tv(targets.magnesium_ul),
        **_diary_facts(summary),
        **_days_above_ul_facts(
            summary,
            skip={
                f
                for f in ("calcium_mg", "vitamin_d_ug", "magnesium_mg")
                if basis.supplement_source[f] == "profile"
            },
        ),
    }
    facts[LOWER_BOUNDS] = frozenset(lower_bounds)
    return facts


def _vitamin_e_line(m: MedicationMatch) -> str:
    """A vitamin E medicine line as written, with the daily dose where one was read."""
    text = f"'{m.text}'"
    if m.supplement_dose is None or not m.supplement_unit:
        return f"{text}, no daily dose read"
    return f"{text}, read as {m.supplement_dose:,.0f} {m.supplement_unit} a day"


def _diary_facts(summary: IntakeSummary | None) -> dict[str, Any]:
    """Consistency of daily total vitamin K, and days with a lot of MK-7 from food."""
    out: dict[str, Any] = {
        "k_diary_days": None,
        "k_mean_ug": None,
        "k_sd_ug": None,
        "k_cv_pct": None,
        "k_band_pct": None,
        "k_days_outside_band": None,
        "mk7_food_threshold_ug": MK7_FOOD_DAY_THRESHOLD_UG,
        "mk7_food_high_days": None,
        "mk7_food_max_ug": None,
        "mk7_food_max_date": None,
    }
    if summary is None or not summary.days:
        return out
    cons = summary.consistency
    out.update(
        k_diary_days=cons.n_days,
        k_mean_ug=float(cons.mean_ug),
        k_sd_ug=float(cons.sd_ug),
        k_cv_pct=float(cons.cv_pct),
        k_band_pct=float(cons.band_pct),
        k_days_outside_band=len(cons.days_outside_band),
    )
    food_mk7 = [
        (float(d.values.get("mk7_ug", 0.0)) - float(d.supplements.get("mk7_ug", 0.0)), d.date)
        for d in summary.days
    ]
    high = [x for x in food_mk7 if x[0] >= MK7_FOOD_DAY_THRESHOLD_UG]
    top = max(food_mk7, key=lambda x: x[0])
    out.update(
        mk7_food_high_days=len(high),
        mk7_food_max_ug=top[0],
        mk7_food_max_date=top[1].isoformat(),
    )
    return out


def _days_above_ul_facts(
    summary: IntakeSummary | None, skip: AbstractSet[str] = frozenset()
) -> dict[str, str]:
    """ "; N of M diary days were above the UL" per nutrient, where the intake engine
    reports days above the UL in its comparison (empty text otherwise).

    Fields in ``skip`` (whose supplement comes from the profile, not the diary, so the
    diary's days do not include it) get no text.
    """
    out = {
        "calcium_days_above_ul_text": "",
        "vitamin_d_days_above_ul_text": "",
        "magnesium_days_above_ul_text": "",
    }
    if summary is None or not summary.days:
        return out
    names = {"calcium_ul": "calcium", "vitamin_d_ul": "vitamin_d", "magnesium_ul": "magnesium"}
    for row in summary.comparison or ():
        target = names.get(str(row.get("target", row.get("key", ""))))
        n = row.get("days_above_ul")
        if target is None or n is None or row.get("field") in skip:
            continue
        if isinstance(n, list | tuple):
            n = len(n)
        out[f"{target}_days_above_ul_text"] = (
            f"; {int(n)} of {len(summary.days)} diary days were above the UL"
        )
    return out
