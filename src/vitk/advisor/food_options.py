"""Food options: foods that fit the person's diet, ranked by K2 per usual serving.

For a person on (or treated as on) a vitamin K antagonist the list is about keeping
intake steady, never "eat more": foods with a large amount of K2 per serving are
flagged, not offered. A baby under 1 year gets no list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vitk.advisor.intake_table import _r
from vitk.advisor.profile import Profile
from vitk.advisor.rules import RuleSet, load_rules
from vitk.errors import VitkError

if TYPE_CHECKING:
    from vitk.foods.model import Food

__all__ = [
    "INFANT_MAX_AGE_Y",
    "N_FOOD_OPTIONS",
    "VKA_FOOD_FLAG_UG",
    "FoodOption",
    "allowed_groups",
    "food_options",
    "food_section",
    "plan_pointer",
]

#: How many food options to show.
N_FOOD_OPTIONS = 8
#: For VKA users, foods with at least this much K2 per usual serving are not listed as food
#: options but flagged (same basis as above: a single serving exceeds the MK-7 doses that
#: moved the INR, Schurgers2007; Theuwissen2013). [µg per serving]
VKA_FOOD_FLAG_UG = 50.0
#: Below this age [years] the report lists no foods or supplements and points to the
#: paediatrician (infant feeding is not a matter for a generic food list).
INFANT_MAX_AGE_Y = 1.0


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
    excluded = {"diet_pattern": 0, "dislikes": 0, "no_k2_data": 0, "specialist_product": 0}
    if profile.pregnant:
        excluded["pregnancy_food_safety"] = 0
    reason_of = _exclusion(profile, rules, allowed)
    out: list[FoodOption] = []
    for food in foods:
        reason = reason_of(food)
        if reason is not None:
            excluded[reason] += 1
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


def _exclusion(profile: Profile, rules: RuleSet, allowed: set[str]) -> Callable[[Food], str | None]:
    """Why a food does not fit the person (diet, specialist product, pregnancy, dislikes)."""
    dislikes = [d.lower() for d in profile.diet.dislikes if d.strip()]
    skip_words = [w.lower() for w in rules.diet_groups.get("exclude_name_words", [])]
    preg = rules.diet_groups.get("pregnancy_avoid") or {}
    preg_groups = {g.lower() for g in preg.get("groups", [])} if profile.pregnant else set()
    preg_words = [w.lower() for w in preg.get("name_words", [])]

    def reason(food: Food) -> str | None:
        if food.food_group.strip().lower() not in allowed:
            return "diet_pattern"
        names = [food.name.lower(), *(s.lower() for s in food.synonyms)]
        if any(w in food.name.lower() for w in skip_words):
            return "specialist_product"
        if food.food_group.strip().lower() in preg_groups and any(
            w in n_ for w in preg_words for n_ in names
        ):
            return "pregnancy_food_safety"
        if any(d in n_ for d in dislikes for n_ in names):
            return "dislikes"
        return None

    return reason


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


def plan_pointer(*, steady: bool) -> dict[str, str]:
    """Where to get a week's meal plan (``vitk plan``, the Plan page), in one sentence."""
    what = (
        "A steady-intake plan, each day's vitamin K near your usual amount, with an exchange "
        "list and never a supplement (agree it with your anticoagulation clinic)"
        if steady
        else "A week's plan of foods that reaches your vitamin K goal, with a supplement only "
        "where food cannot get there"
    )
    return {
        "sentence": f"{what}: run `vitk plan --profile FILE` or open the Plan page.",
        "command": "vitk plan --profile FILE [--diary FILE]",
        "page": "/plan",
        "api": "/api/plan",
    }


def food_section(
    profile: Profile, foods: Iterable[Food], rules: RuleSet, facts: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FoodOption], list[FoodOption]]:
    """The report's ``food_options`` section, the options listed and the foods flagged.

    For a person on (or treated as on) a vitamin K antagonist, or with a clotting
    disorder and no anticoagulant listed, the list is framed as keeping intake steady,
    and foods with :data:`VKA_FOOD_FLAG_UG` or more of K2 per serving are flagged, not
    offered. Below :data:`INFANT_MAX_AGE_Y` no food is listed.
    """
    p = profile
    infant = p.age_y < INFANT_MAX_AGE_Y
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
    from vitk.advisor.vka_foods import (
        MK4_CAVEAT,
        consistency_target,
        long_chain_k2_list,
        vka_food_list,
    )

    allowed = allowed_groups(p, rules)
    reason_of = _exclusion(p, rules, allowed)
    foods = [f for f in foods if reason_of(f) is None]
    by_total = vka_food_list(foods, allowed) if steady and not infant else []
    flagged_ids = {o.food_id for o in flagged}
    for entry in by_total:
        entry["flagged"] = entry["food_id"] in flagged_ids
    long_chain, mk4_apart = (
        long_chain_k2_list(foods, allowed) if not steady and not infant else ([], [])
    )
    mean = facts.get("k_mean_ug")
    target = (
        consistency_target(
            mean if mean is not None else facts.get("k_total_ug"),
            facts.get("k_band_pct"),
            from_diary=mean is not None,
        )
        if steady and not infant
        else None
    )
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
        # VKA users: foods by total vitamin K per usual serving (K1 greens first, then K2
        # foods), µg per serving by form with source keys; and a steady target.
        "vka_food_list": by_total,
        "vka_list_note": (
            "Listed by total vitamin K per usual serving, K1 greens first, then K2 foods; µg "
            "per serving by form, with the sources of each value (n.m. = not measured, so "
            "the total is at least the figure shown)."
            if by_total
            else None
        ),
        "consistency_target": target,
        # Other users: K2 foods by long-chain menaquinones, MK-4 foods apart with a caveat.
        "long_chain_k2": long_chain,
        "mk4_apart": mk4_apart,
        "mk4_caveat": MK4_CAVEAT if mk4_apart else None,
    }
    # Where the week's plan is (vitk.plan, issue #11): none for a baby.
    food_section["plan"] = None if infant else plan_pointer(steady=steady)
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
        names = ", ".join(o.name for o in flagged)
        food_section["flag_note"] = (
            f"Flagged: foods with {VKA_FOOD_FLAG_UG:g} µg or more of K2 per usual serving"
            + (f" ({names})" if names else " (none in this list)")
            + ". The threshold comes from studies of MK-7 in people on a VKA: one such "
            "serving is more than the MK-7 amounts that moved the INR there [Schurgers2007; "
            "Theuwissen2013]. They are not among the food options above. If you already eat "
            "them, keep the amount and frequency steady and tell your clinic before any "
            "change [ODS-K; Lurie2010]."
        )
        food_section["note_citations"] = [
            "Vermeer2018",
            "ODS-K",
            "Lurie2010",
            "Schurgers2007",
            "Theuwissen2013",
            *(["Marles2017"] if not vka else []),
        ]
    if mk4_apart:
        food_section["note_citations"].append("Sato2012")
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
    return food_section, options, flagged
