"""Report sections: the intake table by form, co-nutrients, and vitamin D status and testing.

Each section reads the :class:`~vitk.advisor.intake_table.IntakeBasis` computed once per
report; comparisons with reference intakes use :func:`vitk.intake.comparison.compare_intake`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vitk.advisor.intake_table import IntakeBasis, _r, _Targets, _tv
from vitk.advisor.profile import Profile
from vitk.intake.comparison import (
    LOWER_BOUND,
    MEASURED,
    NOT_MEASURED,
    NOT_RECORDED,
    compare_intake,
)
from vitk.nutrients import FIELD, VITAMIN_K_FIELDS
from vitk.units import ug_to_iu_vitamin_d

__all__ = [
    "COVERAGE_KEYS",
    "FORMS",
    "VITAMIN_D_TESTING_CONDITIONS",
    "co_nutrients",
    "intake_section",
    "vitamin_d_status_section",
    "vitamin_d_testing",
]

#: Vitamin K forms reported, with the intake-summary field they come from.
FORMS: tuple[tuple[str, str], ...] = tuple((FIELD[f].label, f) for f in VITAMIN_K_FIELDS)
#: Coverage and composition caveat keys (evidence.md 1: K2 food data are sparse and variable).
COVERAGE_KEYS = ("Booth2012", "Vermeer2018")
#: Conditions for which a 25(OH)D test is reasonable (evidence.md 2c: "Testing remains
#: reasonable in at-risk groups (malabsorption, CKD, osteoporosis treatment, etc.)";
#: Demay2024; USPSTF2021); liver disease is added as a cause of fat malabsorption
#: (evidence.md 3.5). For these the "routine testing is not advised" line is not shown.
VITAMIN_D_TESTING_CONDITIONS = ("malabsorption", "kidney", "liver_disease", "osteoporosis")


def _target_dict(t: Any, covers: str) -> dict[str, Any]:
    return {
        "value": _tv(t),
        "unit": getattr(t, "unit", "ug"),
        "kind": getattr(t, "kind", ""),
        "body": getattr(t, "body", ""),
        "covers": covers,
        "source_keys": list(getattr(t, "source_keys", ())),
        "note": getattr(t, "note", ""),
        "stage_note": getattr(t, "stage_note", ""),
    }


def intake_section(
    profile: Profile,
    targets: _Targets,
    basis: IntakeBasis,
    facts: Mapping[str, Any],
) -> dict[str, Any]:
    """The report's ``intake`` section: vitamin K by form, and the AIs it is compared with."""
    summary, table, marks, food_keys = basis.summary, basis.table, basis.marks, basis.food_keys
    med_notes = basis.med_notes
    rows: list[dict[str, Any]] = [
        {
            "form": label,
            "field": field,
            "diet_ug": _r(table[field]["diet"]),
            "supplements_ug": _r(table[field]["supplements"]),
            "total_ug": _r(table[field]["total"]),
            # Unknown is not zero: measured | lower_bound | not_measured (None: no diary).
            "diet_status": marks[field]["diet"],
            "total_status": marks[field]["total"],
            # Source keys of the food values behind the diet number; supplements are
            # amounts the person logged or listed (supplement_source), with no key.
            "source_keys": food_keys.get(field, []),
            "supplement_source": basis.supplement_source[field],
        }
        for label, field in FORMS
    ]
    us = _target_dict(targets.vitamin_k_us, "total vitamin K (K1 plus all menaquinones)")
    efsa = _target_dict(targets.vitamin_k1_efsa, "phylloquinone (K1) only")
    by = {r["field"]: r for r in rows}
    comparison = []
    for name, tgt, fld in (("US FNB AI", us, "k_total_ug"), ("EFSA AI", efsa, "k1_ug")):
        intake = by[fld]["total_ug"]
        measure = by[fld]["total_status"]
        pct = (
            None
            if intake is None or not tgt["value"] or measure == "not_measured"
            else round(100 * intake / tgt["value"])
        )
        comparison.append(
            {
                "target": name,
                "target_ug": tgt["value"],
                "covers": tgt["covers"],
                "compares": by[fld]["form"],
                "intake_ug": intake,
                "intake_status": measure,
                "percent_of_target": pct,
                "source_keys": tgt["source_keys"],
                "intake_source_keys": by[fld]["source_keys"],
            }
        )
    if profile.weight_kg is not None and profile.age_y >= 18:
        # UK (DHSC via NHS): adults need about 1 µg per kg body weight per day (NHS-K).
        uk = round(profile.weight_kg)
        intake = by["k_total_ug"]["total_ug"]
        measure = by["k_total_ug"]["total_status"]
        comparison.append(
            {
                "target": "UK guidance",
                "target_ug": float(uk),
                "covers": "total vitamin K; about 1 µg per kg body weight for adults",
                "compares": by["k_total_ug"]["form"],
                "intake_ug": intake,
                "intake_status": measure,
                "percent_of_target": None
                if intake is None or measure == "not_measured"
                else round(100 * float(intake) / uk),
                "source_keys": ["NHS-K"],
                "intake_source_keys": by["k_total_ug"]["source_keys"],
            }
        )
    caveat = (
        "No authority sets a K2-specific requirement: the US AI covers all vitamin K and EFSA's "
        "covers K1 only [EFSA2017; ODS-K]. Menaquinones are measured in few foods and vary "
        "widely (cheese especially), so K2 totals from a diary are lower bounds "
        "[Booth2012; Vermeer2018]."
    )
    section: dict[str, Any] = {
        "basis": "diary"
        if summary is not None
        else "supplements only (no diary: diet unknown, not zero)",
        "diary_days": len(summary.days) if summary is not None else 0,
        "life_stage": facts.get("life_stage_label", ""),
        "by_form": rows,
        "targets": {"us": us, "efsa": efsa},
        "comparison": comparison,
        "caveat": caveat,
        "caveat_citations": ["EFSA2017", "ODS-K", *COVERAGE_KEYS],
        "marks_note": (
            "n.m. = not measured: no logged food (or supplement) has a value for that form, so "
            "the intake is unknown, not zero. ≥ = lower bound: some logged foods have no value "
            "for that form (they add nothing), or some diary days have no food logged."
        ),
        "coverage": summary.coverage.to_dict() if summary is not None else None,
        "consistency": None,
        # Vitamin K listed among the medicines: how each line was counted (or why not).
        "medication_notes": med_notes,
    }
    if summary is not None and facts.get("vka_or_unknown"):
        section["consistency"] = summary.consistency.to_dict()
    return section


def co_nutrients(targets: _Targets, basis: IntakeBasis) -> list[dict[str, Any]]:
    """The report's co-nutrient rows: calcium, vitamin D and magnesium against RDA/AI and UL."""
    table, marks, food_keys = basis.table, basis.marks, basis.food_keys
    out = []
    spec = (
        ("calcium_mg", targets.calcium, targets.calcium_ul, "diet plus supplements"),
        ("vitamin_d_ug", targets.vitamin_d, targets.vitamin_d_ul, "diet plus supplements"),
        ("magnesium_mg", targets.magnesium, targets.magnesium_ul, "supplements only"),
    )
    for field, rda, ul, ul_applies in spec:
        name, unit = FIELD[field].label, FIELD[field].unit_symbol
        diet = table[field]["diet"]
        supp = float(table[field]["supplements"] or 0.0)
        total = table[field]["total"]
        rda_v, ul_v = _tv(rda), _tv(ul)
        kind = getattr(rda, "kind", "") or "RDA/AI"
        total_status = marks[field]["total"]
        status = _co_status(
            supp=supp,
            total=total,
            total_status=total_status,
            target=rda_v,
            kind=kind,
            ul=ul_v,
            ul_supplements_only=ul_applies == "supplements only",
        )
        # Calcium met "from supplements alone": the RDA counts food and supplements
        # together, so say what the evidence base says about it (CA-SUPPLEMENT-ALONE).
        caveat: str = ""
        caveat_id: str | None = None
        caveat_keys: tuple[str, ...] = ()
        if field == "calcium_mg" and status.startswith("meets") and "supplements alone" in status:
            from vitk.evidence import load_evidence

            a = load_evidence().get("CA-SUPPLEMENT-ALONE")
            caveat, caveat_id, caveat_keys = a.explanation, a.id, a.citations
        row = {
            "nutrient": name,
            "unit": unit,
            "diet": _r(diet),
            "supplements": _r(supp),
            "total": _r(total),
            "target": _r(rda_v),
            "target_kind": getattr(rda, "kind", ""),
            "ul": _r(ul_v),
            "ul_applies_to": ul_applies,
            "status": status,
            "diet_status": marks[field]["diet"],
            "total_status": total_status,
            "intake_source_keys": food_keys.get(field, []),
            "supplement_source": basis.supplement_source[field],
            "source_keys": list(
                dict.fromkeys(
                    [
                        *getattr(rda, "source_keys", ()),
                        *getattr(ul, "source_keys", ()),
                        *caveat_keys,
                    ]
                )
            ),
            "caveat": caveat,
            "caveat_assertion_id": caveat_id,
            # Life-stage caveats (a value not set for the age, or no pregnancy value published
            # for it), shown beside the table.
            "stage_note": "; ".join(
                dict.fromkeys(
                    n for n in (getattr(rda, "stage_note", ""), getattr(ul, "stage_note", "")) if n
                )
            ),
        }
        if name == "vitamin D":
            row["supplements_iu"] = _r(ug_to_iu_vitamin_d(supp), 0)
        out.append(row)
    return out


def _co_status(
    *,
    supp: float,
    total: float | None,
    total_status: str | None,
    target: float | None,
    kind: str,
    ul: float | None,
    ul_supplements_only: bool,
) -> str:
    """A co-nutrient's status against its RDA/AI and UL, saying what is known.

    Both comparisons are :func:`vitk.intake.comparison.compare_intake`. Without a diary
    the diet is unknown, but supplements alone may already meet the RDA/AI or exceed
    the UL: that is known and said. A total that is only a lower bound (some logged
    foods have no data) can meet a target but cannot be called below it.
    """
    if ul_supplements_only:
        upper = compare_intake(supp, MEASURED, ul, is_ul=True)
    else:
        upper = compare_intake(total, total_status, ul, is_ul=True, supplements=supp)
    if upper.outcome == "above":
        if ul_supplements_only:
            return "above UL"
        if upper.from_supplements_alone:
            return f"above UL from supplements alone ({_UNKNOWN_DIET[upper.intake_status]})"
        return "above UL" + (
            " (at least this much; some foods have no data)"
            if upper.intake_status == LOWER_BOUND
            else ""
        )
    cmp = compare_intake(total, total_status, target, is_ul=False, supplements=supp)
    why = _UNKNOWN_DIET.get(cmp.intake_status)
    if cmp.outcome == "meets":
        if cmp.from_supplements_alone:
            return f"meets the {kind} from supplements alone ({why})"
        return f"meets {kind}"
    if why is not None:  # diet not recorded, or not measured in the logged foods
        return f"{why}: cannot compare with the {kind}"
    if cmp.outcome == "no_reference":
        return f"no {kind} set for this life stage: cannot compare"
    if cmp.outcome == "undetermined":
        return (
            f"at least {total or 0.0:,.0f}: some logged foods have no data, so whether it "
            f"meets the {kind} is unknown"
        )
    return f"below {kind}"


#: Why the diet part of an intake is unknown, by intake status.
_UNKNOWN_DIET = {
    NOT_RECORDED: "diet not recorded",
    NOT_MEASURED: "not measured in the logged foods",
}


_TESTING_LABELS = {
    "malabsorption": "fat malabsorption",
    "kidney": "kidney disease",
    "liver_disease": "liver disease",
    "osteoporosis": "osteoporosis",
}


def vitamin_d_testing(facts: Mapping[str, Any]) -> dict[str, Any]:
    """What to say about 25(OH)D testing: ``note``, ``citations`` and ``at_risk`` (the
    conditions, in words, that make testing reasonable; empty if none).

    Routine testing is not advised without a specific reason, but remains reasonable in
    at-risk groups (evidence.md 2c; Demay2024; USPSTF2021): for them the "not advised"
    line is not shown.
    """
    at_risk = [_TESTING_LABELS[c] for c in VITAMIN_D_TESTING_CONDITIONS if facts.get(c)]
    if at_risk:
        note = (
            f"With {', '.join(at_risk)}, a 25(OH)D test is reasonable; your doctor decides "
            "whether and when to test [Demay2024; USPSTF2021]."
        )
    else:
        note = (
            "Routine 25(OH)D testing is not advised for people without a specific reason "
            "(malabsorption, kidney disease, osteoporosis treatment and similar) "
            "[Demay2024; USPSTF2021]."
        )
    return {"note": note, "citations": ["Demay2024", "USPSTF2021"], "at_risk": at_risk}


def vitamin_d_status_section(profile: Profile, facts: Mapping[str, Any]) -> dict[str, Any] | None:
    """The report's ``vitamin_d_status``: the 25(OH)D result's band, or None without one."""
    labs = profile.labs
    if labs.vitamin_d_25oh_value is None or labs.vitamin_d_25oh_unit is None:
        return None
    from vitk.intake.targets import vitamin_d_status

    st = vitamin_d_status(labs.vitamin_d_25oh_value, labs.vitamin_d_25oh_unit)
    d = st.to_dict()
    d["reported"] = f"{labs.vitamin_d_25oh_value:g} {labs.vitamin_d_25oh_unit}"
    testing = vitamin_d_testing(facts)
    d["testing_note"] = testing["note"]
    d["testing_note_citations"] = testing["citations"]
    return d
