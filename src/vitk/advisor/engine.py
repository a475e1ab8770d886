"""The advisor engine: profile (+ optional diary) → facts → rules → :class:`Report`.

The engine builds a flat dict of *facts* from the profile, the normalised
medications, the life-stage reference intakes and (optionally) the diary summary;
evaluates every rule in ``rules.yaml`` against them; and assembles the report.
Every rule's outcome and the reasons for it are kept in ``Report.rule_trace``.

Unknown is not zero: without a diary, dietary intakes are ``None`` and comparisons
that need them are not made (the report says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.advisor.medications import (
    ANTICOAGULANT_CLASSES,
    POSSIBLE_ANTICOAGULANT,
    MedicationMatch,
    normalise_all,
    treated_as_vka,
)
from vitk.advisor.profile import Profile, load_profile, profile_from_dict
from vitk.advisor.report import Report, SafetyItem, Statement
from vitk.advisor.rules import LOWER_BOUNDS, RuleSet, evaluate, load_rules
from vitk.errors import InputError, VitkError
from vitk.intake.comparison import (
    LOWER_BOUND,
    MEASURED,
    NOT_MEASURED,
    NOT_RECORDED,
    compare_intake,
)
from vitk.nutrients import FIELD, VITAMIN_K_FIELDS, fields_including
from vitk.units import ug_to_iu_vitamin_d

if TYPE_CHECKING:
    from vitk.foods.model import Food
    from vitk.intake.diary import Diary
    from vitk.intake.engine import IntakeSummary

__all__ = ["FORMS", "FoodOption", "advise", "build_facts", "food_options"]

#: Vitamin K forms reported, with the intake-summary field they come from.
FORMS: tuple[tuple[str, str], ...] = tuple((FIELD[f].label, f) for f in VITAMIN_K_FIELDS)
_MALAB_LABEL = {
    "cystic_fibrosis": "cystic fibrosis",
    "ibd": "inflammatory bowel disease",
    "coeliac": "coeliac disease",
    "bariatric_surgery": "bariatric surgery",
    "short_bowel": "short bowel",
    "other": "other cause",
}
#: How many food options to show.
N_FOOD_OPTIONS = 8
#: Coverage and composition caveat keys (evidence.md 1: K2 food data are sparse and variable).
COVERAGE_KEYS = ("Booth2012", "Vermeer2018")
#: MK-7 from food on one diary day that rule SAF-VKA-07 calls large for a VKA user: MK-7
#: supplements from 50 µg/d may interfere with a VKA in a clinically relevant way
#: (Schurgers2007, evidence.md 3.3); MK-7 stays in the blood for days, so one large day
#: matters. [µg]
MK7_FOOD_DAY_THRESHOLD_UG = 50.0
#: For VKA users, foods with at least this much K2 per usual serving are not listed as food
#: options but flagged (same basis as above: a single serving exceeds the MK-7 doses that
#: moved the INR, Schurgers2007; Theuwissen2013). [µg per serving]
VKA_FOOD_FLAG_UG = 50.0
#: Below this age [years] the report lists no foods or supplements and points to the
#: paediatrician (infant feeding is not a matter for a generic food list).
INFANT_MAX_AGE_Y = 1.0
#: Conditions for which a 25(OH)D test is reasonable (evidence.md 2c: "Testing remains
#: reasonable in at-risk groups (malabsorption, CKD, osteoporosis treatment, etc.)";
#: Demay2024; USPSTF2021); liver disease is added as a cause of fat malabsorption
#: (evidence.md 3.5). For these the "routine testing is not advised" line is not shown.
VITAMIN_D_TESTING_CONDITIONS = ("malabsorption", "kidney", "liver_disease", "osteoporosis")
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


def _names(matches: Iterable[MedicationMatch], cls: str) -> str:
    names = [m.generic for m in matches if m.generic and cls in m.classes]
    return ", ".join(dict.fromkeys(n for n in names if n))


def _texts(matches: Iterable[MedicationMatch], cls: str) -> str:
    return ", ".join(f"'{m.text}'" for m in matches if cls in m.classes)


def _tv(target: Any) -> float | None:
    return None if target is None or target.value is None else float(target.value)


_PROFILE_SUPP = (
    "k1_ug",
    "mk4_ug",
    "mk7_ug",
    "k2_total_ug",
    "k_total_ug",
    "calcium_mg",
    "vitamin_d_ug",
    "magnesium_mg",
)


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


def build_facts(
    profile: Profile,
    meds: Sequence[MedicationMatch],
    targets: _Targets,
    summary: IntakeSummary | None = None,
) -> dict[str, Any]:
    """The flat fact dict that rules are evaluated against (see rules.FACTS)."""
    c = profile.conditions
    classes = {cl for m in meds for cl in m.classes}
    unrec = [m for m in meds if not m.recognised]
    med_k, _ = medication_k(profile, meds)
    table = intake_table(profile, summary, med_k)
    marks = intake_marks(profile, summary, med_k)
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
                if _supplement_source(profile, summary, f, med_k) == "profile"
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
    from vitk.intake.engine import measurement_marks

    table = intake_table(profile, summary, med_k)
    if summary is None:
        return {f: {"diet": None, "total": None} for f in table}
    diet_nm, diet_lb = summary.marks(supplements=False)
    supplied = {f for f, row in table.items() if (row["supplements"] or 0.0) > 0}
    total_nm, total_lb = measurement_marks(summary.food_measured | supplied, summary.lacking)

    def status(f: str, nm: frozenset[str], lb: frozenset[str]) -> str:
        return "not_measured" if f in nm else "lower_bound" if f in lb else "measured"

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


# --------------------------------------------------------------------------- foods
@dataclass(frozen=True)
class FoodOption:
    food_id: str
    name: str
    food_group: str
    serving: str
    serving_g: float
    k2_ug_per_serving: float
    k2_low_ug: float | None
    k2_high_ug: float | None
    forms: tuple[str, ...]
    source_keys: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        r = _r
        return {
            "food_id": self.food_id,
            "name": self.name,
            "food_group": self.food_group,
            "serving": self.serving,
            "serving_g": round(self.serving_g, 1),
            "k2_ug_per_serving": r(self.k2_ug_per_serving),
            "k2_range_ug_per_serving": [r(self.k2_low_ug), r(self.k2_high_ug)],
            "forms": list(self.forms),
            "source_keys": list(self.source_keys),
        }


def allowed_groups(profile: Profile, rules: RuleSet) -> set[str]:
    """Food groups that fit the diet pattern (explicit mapping in rules.yaml)."""
    dg = rules.diet_groups
    allowed: set[str] = set()
    for family in dg["patterns"][profile.diet.pattern]:
        allowed |= set(dg[family])
    if profile.diet.dairy_free:
        allowed -= set(dg["dairy"])
    if profile.diet.soy_free:
        allowed -= set(dg["soy"])
    return allowed


def food_options(
    profile: Profile, foods: Iterable[Food], rules: RuleSet | None = None, n: int = N_FOOD_OPTIONS
) -> tuple[list[FoodOption], dict[str, int]]:
    """Foods that fit the diet, ranked by K2 per usual serving; plus exclusion counts."""
    rules = rules or load_rules()
    candidates, excluded = _food_candidates(profile, foods, rules)
    return _rank_options(candidates, rules, n), excluded


def _food_candidates(
    profile: Profile, foods: Iterable[Food], rules: RuleSet
) -> tuple[list[FoodOption], dict[str, int]]:
    """Every food that fits the diet and has K2 data, by K2 per serving (highest first)."""
    from vitk.foods.values import k2_per_100g, portion_grams

    allowed = allowed_groups(profile, rules)
    dislikes = [d.lower() for d in profile.diet.dislikes if d.strip()]
    excluded = {"diet_pattern": 0, "dislikes": 0, "no_k2_data": 0, "specialist_product": 0}
    skip_words = [w.lower() for w in rules.diet_groups.get("exclude_name_words", [])]
    preg = rules.diet_groups.get("pregnancy_avoid") or {}
    preg_groups = {g.lower() for g in preg.get("groups", [])} if profile.pregnant else set()
    preg_words = [w.lower() for w in preg.get("name_words", [])]
    if profile.pregnant:
        excluded["pregnancy_food_safety"] = 0
    out: list[FoodOption] = []
    for food in foods:
        if food.food_group.strip().lower() not in allowed:
            excluded["diet_pattern"] += 1
            continue
        names = [food.name.lower(), *(s.lower() for s in food.synonyms)]
        if any(w in food.name.lower() for w in skip_words):
            excluded["specialist_product"] += 1
            continue
        if food.food_group.strip().lower() in preg_groups and any(
            w in n_ for w in preg_words for n_ in names
        ):
            excluded["pregnancy_food_safety"] += 1
            continue
        if any(d in n_ for d in dislikes for n_ in names):
            excluded["dislikes"] += 1
            continue
        sv = k2_per_100g(food)
        if sv is None or sv.value_per_100g is None or sv.value_per_100g <= 0:
            excluded["no_k2_data"] += 1
            continue
        label = food.typical_serving or (food.portions[0].label if food.portions else "")
        try:
            grams = portion_grams(food, label) if label else 100.0
        except VitkError:  # a serving label the food's portions do not resolve
            label, grams = "", 100.0
        label = label or "100 g"
        f = grams / 100.0
        out.append(
            FoodOption(
                food_id=food.food_id,
                name=food.name,
                food_group=food.food_group,
                serving=label,
                serving_g=grams,
                k2_ug_per_serving=sv.value_per_100g * f,
                k2_low_ug=None if sv.low_per_100g is None else sv.low_per_100g * f,
                k2_high_ug=None if sv.high_per_100g is None else sv.high_per_100g * f,
                forms=tuple(getattr(sv, "forms", ()) or ()),
                source_keys=tuple(sv.source_keys),
            )
        )
    out.sort(key=lambda o: (-o.k2_ug_per_serving, o.name))
    return out, excluded


def _rank_options(out: Sequence[FoodOption], rules: RuleSet, n: int) -> list[FoodOption]:
    """The first ``n`` options, at most ``max_per_group`` from one food group."""
    cap = int(rules.diet_groups.get("max_per_group", n))
    per_group: dict[str, int] = {}
    ranked: list[FoodOption] = []
    for o in out:
        if per_group.get(o.food_group, 0) < cap:
            per_group[o.food_group] = per_group.get(o.food_group, 0) + 1
            ranked.append(o)
    return ranked[:n]


# --------------------------------------------------------------------------- report parts
def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(float(x), nd)


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


def _intake_section(
    profile: Profile,
    targets: _Targets,
    summary: IntakeSummary | None,
    facts: Mapping[str, Any],
    meds: Sequence[MedicationMatch] = (),
) -> dict[str, Any]:
    med_k, med_notes = medication_k(profile, meds)
    table = intake_table(profile, summary, med_k)
    marks = intake_marks(profile, summary, med_k)
    food_keys = summary.source_keys() if summary is not None else {}
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
            "supplement_source": _supplement_source(profile, summary, field, med_k),
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


def _co_nutrients(
    profile: Profile, targets: _Targets, summary: IntakeSummary | None
) -> list[dict[str, Any]]:
    table = intake_table(profile, summary)
    marks = intake_marks(profile, summary)
    food_keys = summary.source_keys() if summary is not None else {}
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
            "supplement_source": _supplement_source(profile, summary, field),
            "source_keys": list(
                dict.fromkeys([*getattr(rda, "source_keys", ()), *getattr(ul, "source_keys", ())])
            ),
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


def _vitamin_d_status(profile: Profile, facts: Mapping[str, Any]) -> dict[str, Any] | None:
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


def _coerce_profile(profile: Profile | Mapping[str, Any] | str | Path) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str | Path):
        return load_profile(profile)
    if isinstance(profile, Mapping):
        return profile_from_dict(profile)
    raise InputError(
        f"profile must be a Profile, a mapping of fields or a YAML/JSON file path; "
        f"got {type(profile).__name__}."
    )


_DIARY_KINDS = (
    "None, a diary file path (CSV/YAML/JSON), a list of rows with date, kind, item and "
    "amount, a vitk.intake.Diary or a vitk.intake.IntakeSummary"
)


def _coerce_diary(diary: Any) -> Diary | IntakeSummary | None:
    """A diary as the intake engine takes it, from any of the accepted forms.

    Accepted: None; a path (``str`` or ``Path``) to a diary file; a list (or tuple) of
    row mappings with ``date``, ``kind``, ``item`` and ``amount``, or of
    :class:`~vitk.intake.DiaryEntry`; a mapping with an ``entries`` list (the YAML/JSON
    diary layout); a :class:`~vitk.intake.Diary`; an already summarised
    :class:`~vitk.intake.IntakeSummary`. Anything else raises InputError naming the type.
    """
    from vitk.errors import DiaryError
    from vitk.intake import Diary, DiaryEntry, IntakeSummary, read_diary

    if diary is None or isinstance(diary, Diary | IntakeSummary):
        return diary
    if isinstance(diary, str | Path):
        return read_diary(diary)
    rows: Any = diary
    if isinstance(diary, Mapping):
        rows = diary.get("entries", diary.get("diary"))
        if not isinstance(rows, list | tuple):
            raise DiaryError(
                "diary mapping must hold a list of rows under 'entries', each with date, "
                f"kind, item and amount; got keys {', '.join(map(str, diary)) or '(none)'}."
            )
    if isinstance(rows, list | tuple):
        if rows and all(isinstance(r, DiaryEntry) for r in rows):
            return Diary(tuple(rows), "diary")
        return Diary.from_rows(rows, source="diary")
    raise InputError(f"diary must be {_DIARY_KINDS}; got {type(diary).__name__}.")


def _summarise(diary: Any, stage: Any) -> IntakeSummary | None:
    from vitk.intake import IntakeSummary, summarise

    coerced = _coerce_diary(diary)
    if coerced is None or isinstance(coerced, IntakeSummary):
        return coerced
    return summarise(coerced, stage=stage)


def advise(
    profile: Profile | Mapping[str, Any] | str | Path,
    diary: Any = None,
    *,
    targets: _Targets | None = None,
    foods: Iterable[Food] | None = None,
) -> Report:
    """A cited vitamin K report for one person.

    Parameters
    ----------
    profile : Profile, mapping or path
        The person (see :class:`vitk.advisor.Profile`; a YAML/JSON path is read).
    diary : path, list of rows, Diary or IntakeSummary, optional
        A food and supplement diary, read through :mod:`vitk.intake`: a CSV/YAML/JSON
        file path, a list of row mappings with ``date``, ``kind``, ``item`` and
        ``amount`` (``{"date": "2026-01-01", "kind": "food", "item": "natto",
        "amount": "40 g"}``), a :class:`~vitk.intake.Diary` or an already summarised
        :class:`~vitk.intake.IntakeSummary`.
    targets : ReferenceIntakes, optional
        Reference intakes; by default looked up for the profile's life stage.
    foods : iterable of Food, optional
        Foods to suggest from; by default the curated catalogue.

    Returns
    -------
    Report
        Safety items first, then intake, relevance, food options, supplement facts,
        co-nutrients and references. ``Report.to_dict()`` is the JSON form.

    Raises
    ------
    InputError
        If the profile or diary is invalid, or of a type not listed above (one-line
        message naming what was received and what is allowed); a bad diary row raises
        :class:`~vitk.errors.DiaryError`, a subclass.
    """
    p = _coerce_profile(profile)
    from vitk.lifestage import life_stage

    stage = life_stage(p.age_y, p.sex, p.pregnant, p.lactating)
    if targets is None:
        from vitk.intake.targets import reference_intakes

        targets = reference_intakes(stage)
    summary = _summarise(diary, stage)
    meds = normalise_all(list(p.medications))
    rules = load_rules()
    facts = build_facts(p, meds, targets, summary)
    facts["life_stage_label"] = stage.label

    infant = p.age_y < INFANT_MAX_AGE_Y
    safety: list[SafetyItem] = []
    statements: list[Statement] = []
    trace: list[dict[str, Any]] = []
    for rule in rules.rules:
        ev = evaluate(rule, facts)
        trace.append({"rule_id": rule.id, "fired": ev.fired, "reasons": list(ev.reasons)})
        if rule.section == "safety":
            if ev.fired:
                safety.append(
                    SafetyItem(
                        rule.id,
                        rule.category,
                        rule.severity,
                        rule.grade,
                        rule.render(facts),
                        rule.citations,
                        ev.reasons,
                        rule.unverified,
                    )
                )
        elif rule.section == "facts" and infant:
            continue  # no supplement facts for a baby: the food section points to the paediatrician
        else:
            applies = ev.applies
            if applies or rule.section == "facts":
                message = rule.render(facts)
            elif applies is None:
                message = rule.render_unknown(facts)
            else:
                message = rule.not_applies
            statements.append(
                Statement(
                    rule.id,
                    rule.section,
                    rule.title,
                    rule.grade,
                    applies,
                    message,
                    rule.citations,
                    ev.reasons,
                    rule.unverified,
                )
            )

    if foods is None:
        from vitk.foods.catalogue import default_catalogue

        foods = default_catalogue().curated_foods()
    vka = bool(facts["vka_or_unknown"])
    # A clotting disorder with no anticoagulant listed: which one (if any) they take must be
    # checked first (evidence.md 3.5 "Refer; check anticoagulant type first"), so the food
    # list gets the same steady-intake framing as for a VKA user, never "eat more".
    clot_unlisted = bool(facts["clotting_disorder"]) and not facts["any_anticoagulant"]
    steady = vka or clot_unlisted
    candidates, excluded = _food_candidates(p, foods, rules)
    flagged: list[FoodOption] = []
    if infant:
        excluded["infant"] = len(candidates)
        candidates = []
    if steady and not infant:
        # For a VKA user the list is about keeping intake steady, never "eat more": foods
        # with a large amount of K2 per serving are flagged, not offered.
        flagged = [o for o in candidates if o.k2_ug_per_serving >= VKA_FOOD_FLAG_UG]
        candidates = [o for o in candidates if o.k2_ug_per_serving < VKA_FOOD_FLAG_UG]
        excluded["flagged_high_k2_for_vka"] = len(flagged)
    options = _rank_options(candidates, rules, N_FOOD_OPTIONS)
    food_section: dict[str, Any] = {
        "title": "Food options",
        "diet": p.diet.model_dump(mode="json"),
        "allowed_groups": sorted(allowed_groups(p, rules)),
        "excluded": excluded,
        "options": [o.to_dict() for o in options],
        "note": (
            "Ranked by K2 (sum of measured menaquinones) per usual serving; values vary widely "
            "between samples [Vermeer2018]."
        ),
        "note_citations": ["Vermeer2018"],
        "vka_note": None,
        "flagged_high_k2": [o.to_dict() for o in flagged],
        "flag_threshold_ug": VKA_FOOD_FLAG_UG if steady and not infant else None,
        "flag_note": None,
        # A baby under 1 year: no food or supplement list (see the note).
        "infant": infant,
    }
    food_section["condition_notes"] = []
    if steady and not infant:
        food_section["title"] = (
            "Vitamin K content of common foods — for keeping intake steady, not a suggestion "
            "to eat more"
        )
        food_section["vka_note"] = (
            "You take (or are treated as taking) a vitamin K antagonist: these foods are listed "
            "for information only, not as suggestions. Do not add or remove them without your "
            "anticoagulation clinic; keep your intake steady [ODS-K; Lurie2010]."
            if vka
            else "You report a clotting disorder but list no anticoagulant. People with past "
            "clots are often on a vitamin K antagonist, so check with your haematologist which "
            "anticoagulant, if any, you take before changing vitamin K intake [Marles2017; "
            "Theuwissen2013]. Until then these foods are listed for information only, not as "
            "suggestions; keep your intake steady [ODS-K; Lurie2010]."
        )
        food_section["flag_note"] = (
            f"Not listed above: foods with {VKA_FOOD_FLAG_UG:g} µg or more of K2 per usual "
            "serving. One serving is more than the MK-7 amounts that moved the INR in studies "
            "of people on a VKA [Schurgers2007; Theuwissen2013]. If you already eat them, keep "
            "the amount and frequency steady and tell your clinic before any change [ODS-K; "
            "Lurie2010]."
        )
        food_section["note_citations"] = [
            "Vermeer2018",
            "ODS-K",
            "Lurie2010",
            "Schurgers2007",
            "Theuwissen2013",
            *(["Marles2017"] if not vka else []),
        ]
    if infant:
        food_section["title"] = "Food and supplements for a baby under 1 year"
        food_section["note"] = (
            "For a baby under 1 year this report lists no foods and no supplements: feeding and "
            "any vitamin K for a baby are for your paediatrician or health visitor to advise. "
            "Newborns routinely receive vitamin K1 at birth, because little crosses the "
            "placenta and breast milk is low in it [ODS-K; EFSA2017]."
        )
        food_section["note_citations"] = ["ODS-K", "EFSA2017"]
    if p.pregnant and not infant:
        food_section["condition_notes"].append(
            "Pregnancy: soft mould-ripened and blue-veined cheeses (such as Brie, Camembert, "
            "Roquefort, Stilton, other blue cheeses and Munster) are left out of this list, "
            "following the standard food-safety caution for pregnancy; ask your midwife which "
            "foods to avoid."
        )
    if facts["kidney"] and not infant:
        food_section["condition_notes"].append(
            "Kidney disease: your renal dietitian's potassium and phosphorus limits come first; "
            "potassium limits often restrict leafy greens [Neofytou2024]. Check with them "
            "before adding any food from this list."
        )
        food_section["note_citations"].append("Neofytou2024")
    if food_section["condition_notes"]:
        # Also in ``note``, which every renderer (the web page included) shows.
        food_section["note"] = " ".join([food_section["note"], *food_section["condition_notes"]])

    intake = _intake_section(p, targets, summary, facts, meds)
    co = _co_nutrients(p, targets, summary)
    vd = _vitamin_d_status(p, facts)
    vd_testing = vitamin_d_testing(facts)

    keys: list[str] = []
    for item in safety:
        keys += item.citations
    keys += list(intake["caveat_citations"])
    for comp in intake["comparison"]:
        keys += comp["source_keys"]
    for form_row in intake["by_form"]:
        keys += form_row["source_keys"]
    for t in ("us", "efsa"):
        keys += intake["targets"][t]["source_keys"]
    for st in statements:
        keys += st.citations
    keys += food_section["note_citations"]
    for o in [*options, *flagged]:
        keys += o.source_keys
    for row in co:
        keys += row["source_keys"] + row["intake_source_keys"]
    if vd is not None:
        keys += vd["source_keys"]
    keys += vd_testing["citations"]
    for m in meds:
        keys += m.citation_keys
    from vitk.references import cite, resolve

    refs = resolve(keys)
    cite(*(r.key for r in refs))
    return Report(
        person={
            "name": p.name,
            "life_stage": stage.label,
            "age_y": p.age_y,
            "sex": p.sex,
            "pregnant": p.pregnant,
            "lactating": p.lactating,
            "weight_kg": p.weight_kg,
        },
        safety=safety,
        unrecognised_medications=[m.to_dict() for m in meds if not m.recognised],
        medications=[m.to_dict() for m in meds],
        intake=intake,
        recommendations=statements,
        food_options=food_section,
        co_nutrients=co,
        vitamin_d_status=vd,
        vitamin_d_testing=vd_testing,
        rule_trace=trace,
        references=[{"key": r.key, "citation": r.formatted()} for r in refs],
    )
