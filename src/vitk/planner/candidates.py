"""Candidate foods: every plannable food once, then the few that fit one person.

The model stays small because it sees only foods that (1) can be planned at all (a whole
food with a household portion and a known or bounded energy, never a brand, a mixed dish or
a baby food), (2) fit the person (diet pattern, dairy-free, soy-free, dislikes, pregnancy,
a vitamin K antagonist), and (3) bring a useful amount of a nutrient the plan is after (the
best few per serving and per kcal for each goal).

Values per serving use the value each food shows (:func:`vitk.foods.values.shown_value`).
A value that was not measured adds nothing, so a food whose K2 was not measured never
counts toward a K2 goal; an SR28 "assumed zero" is not a measurement either.

Energy: a curated food whose energy was not measured is counted at the highest measured
energy density among the curated foods of its food group (a bound, so the energy budget is
never exceeded); where its group has none, the food is not planned. A USDA food without an
energy value is not planned.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vitk.errors import VitkError
from vitk.nutrients import BASE_FIELDS, FIELD, NUTRIENT_FIELD, TOTALS
from vitk.planner.goals import planner_settings

if TYPE_CHECKING:
    from vitk.advisor.profile import Profile
    from vitk.foods.catalogue import Catalogue
    from vitk.foods.model import Food

__all__ = [
    "FAMILIES",
    "LONG_CHAIN_FIELDS",
    "Candidate",
    "candidate_pool",
    "exclusion_reason",
    "field_label",
    "select_candidates",
    "spread_candidates",
    "usda_family",
    "variety_key",
]

#: Diet families, as in ``rules.yaml`` (``diet_groups.patterns``).
FAMILIES = ("plant", "dairy", "eggs", "fish", "meat")
#: Long-chain menaquinones (the K2 goal): MK-7 and MK-5, MK-6, MK-8 to MK-13.
LONG_CHAIN_FIELDS = ("mk7_ug", "mk_long_other_ug")
#: Portion weights a USDA food's household measure must fall within to be planned. [g]
USDA_PORTION_G = (10.0, 300.0)


@dataclass(frozen=True)
class Candidate:
    """One plannable food with its values per serving (measured values only)."""

    food_id: str
    name: str
    food_group: str
    source_db: str
    family: str
    soy: bool
    portion: str
    grams: float
    #: Base fields (``k1_ug`` … ``magnesium_mg``) per serving; not measured = absent.
    per_serving: dict[str, float]
    energy_kcal: float
    energy_estimated: bool
    #: Source keys by base field (and ``energy``).
    source_keys: dict[str, tuple[str, ...]]
    matrix: str
    leafy_green: bool
    synonyms: tuple[str, ...] = ()
    #: Foods with the same key count as one food for the days-a-week limit (variety).
    variety_key: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def value(self, name: str) -> float:
        """Per serving of a reported field (a total sums its measured parts); 0 if none."""
        if name == "k2_long_ug":
            return sum(self.per_serving.get(f, 0.0) for f in LONG_CHAIN_FIELDS)
        if name in TOTALS:
            return sum(self.per_serving.get(p, 0.0) for p in TOTALS[name])
        return self.per_serving.get(name, 0.0)

    def measured(self, name: str) -> bool:
        """Whether a value of ``name`` was measured (any part of a total)."""
        if name == "k2_long_ug":
            return any(f in self.per_serving for f in LONG_CHAIN_FIELDS)
        if name in TOTALS:
            return any(p in self.per_serving for p in TOTALS[name])
        return name in self.per_serving

    def keys_for(self, name: str) -> tuple[str, ...]:
        parts = LONG_CHAIN_FIELDS if name == "k2_long_ug" else TOTALS.get(name, (name,))
        return tuple(dict.fromkeys(k for p in parts for k in self.source_keys.get(p, ())))


def _families_of_groups() -> tuple[dict[str, str], set[str], list[str]]:
    """Curated food group → family, the soy groups, and the specialist-product words."""
    from vitk.advisor.rules import load_rules

    dg = load_rules().diet_groups
    family: dict[str, str] = {}
    for fam in FAMILIES:
        for group in dg[fam]:
            family.setdefault(str(group).lower(), fam)
    soy = {str(g).lower() for g in dg["soy"]}
    return family, soy, [str(w).lower() for w in dg.get("exclude_name_words", [])]


@lru_cache(maxsize=1)
def _usda_rules() -> tuple[tuple[str, str, str, bool], ...]:
    from vitk.tables import load_table

    rows = load_table("planner/usda_food_families.csv")
    return tuple(
        (str(r["food_group"]), str(r["name_prefix"] or ""), str(r["family"]), r["soy"] == "true")
        for r in rows
    )


def usda_family(name: str, group: str) -> tuple[str, bool]:
    """Diet family and soy flag of an SR28 food (longest matching name prefix wins)."""
    best: tuple[int, str, bool] = (-1, "none", False)
    for g, prefix, fam, soy in _usda_rules():
        if g == group and name.startswith(prefix) and len(prefix) > best[0]:
            best = (len(prefix), fam, soy)
    return best[1], best[2]


def _branded(name: str) -> bool:
    """A name with a word in capitals (KRAFT, MORI-NU): a brand, never proposed."""
    return any(len(w) >= 3 and w.isupper() and w.isalpha() for w in name.replace("-", " ").split())


def _usda_ids(catalogue: Catalogue, linked: set[str]) -> list[tuple[str, str, bool]]:
    """USDA foods that can be planned: ``(food_id, family, soy)``."""
    settings = planner_settings()
    words = [str(w).lower() for w in settings["exclude_name_words"]]
    cooked_only = set(settings["cooked_only_families"])
    out = []
    for fid, name, group in catalogue.usda_names():
        if fid in linked or _branded(name):
            continue
        fam, soy = usda_family(name, group)
        low = name.lower()
        if fam == "none" or any(w in low for w in words):
            continue
        if fam in cooked_only and "raw" in low.replace(",", " ").split():
            continue
        out.append((fid, fam, soy))
    return out


def _usda_portion(food: Food) -> tuple[str, float] | None:
    lo, hi = USDA_PORTION_G
    for p in food.portions:
        if lo <= p.grams <= hi:
            return p.label, p.grams
    return None


def _values(food: Food) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """Base-field values per 100 g (measured only) and their source keys."""
    from vitk.foods.values import shown_value

    per_100g: dict[str, float] = {}
    keys: dict[str, dict[str, None]] = {}
    for code, fld in NUTRIENT_FIELD.items():
        sv = shown_value(food, code)
        if sv is None or sv.value_per_100g is None or not sv.counts_as_measured:
            continue
        per_100g[fld] = per_100g.get(fld, 0.0) + sv.value_per_100g
        keys.setdefault(fld, {}).update(dict.fromkeys(sv.source_keys))
    e = shown_value(food, "energy")
    if e is not None and e.value_per_100g is not None and e.counts_as_measured:
        per_100g["energy"] = e.value_per_100g
        keys["energy"] = dict.fromkeys(e.source_keys)
    return per_100g, {k: tuple(v) for k, v in keys.items()}


#: First name words that name a category, not a food ("Nuts, almonds"): the variety key
#: then takes the next part of the name too.
_CATEGORY_WORDS = frozenset(
    {
        "nuts",
        "seeds",
        "cheese",
        "beans",
        "spices",
        "oil",
        "fish",
        "beef",
        "pork",
        "chicken",
        "lamb",
        "veal",
        "milk",
        "yogurt",
        "vegetables",
        "fruit",
        "cereals",
        "game meat",
        "egg",
        "mollusks",
        "crustaceans",
        "turkey",
        "duck",
        "goose",
        "lentils",
        "peas",
    }
)


def variety_key(name: str) -> str:
    """The food a name is a kind of, for variety: ``Natto, black soybean`` → ``natto``.

    The first part of the name (before a comma or parenthesis), lower case; when that part
    is a category (``Nuts, almonds``), the next part too.

    Examples
    --------
    >>> variety_key("Natto (fermented soybeans)"), variety_key("Nuts, almonds, dry roasted")
    ('natto', 'nuts, almonds')
    """
    parts = [p.strip().lower() for p in name.replace("(", ",").split(",") if p.strip()]
    if not parts:
        return name.lower()
    if parts[0] in _CATEGORY_WORDS and len(parts) > 1:
        return f"{parts[0]}, {parts[1]}"
    return parts[0]


def _leafy(name: str, synonyms: Iterable[str]) -> bool:
    words = [str(w).lower() for w in planner_settings()["leafy_green_words"]]
    names = [name.lower(), *(s.lower() for s in synonyms)]
    return any(w in n for w in words for n in names)


def _candidate(
    food: Food, family: str, soy: bool, portion: tuple[str, float], energy_bound: float | None
) -> Candidate | None:
    from vitk.pharmacology.matrix import matrix_of_food_group

    per_100g, keys = _values(food)
    label, grams = portion
    energy = per_100g.pop("energy", None)
    estimated = energy is None
    if energy is None:
        if energy_bound is None:
            return None
        energy = energy_bound
    f = grams / 100.0
    return Candidate(
        food_id=food.food_id,
        name=food.name,
        food_group=food.food_group,
        source_db=food.source_db,
        family=family,
        soy=soy,
        portion=label,
        grams=grams,
        per_serving={k: v * f for k, v in per_100g.items() if k in BASE_FIELDS},
        energy_kcal=energy * f,
        energy_estimated=estimated,
        source_keys=keys,
        matrix=matrix_of_food_group(food.food_group),
        leafy_green=family == "plant" and _leafy(food.name, food.synonyms),
        synonyms=food.synonyms,
        variety_key=variety_key(food.name),
    )


@lru_cache(maxsize=4)
def candidate_pool(catalogue: Catalogue) -> tuple[Candidate, ...]:
    """Every food of ``catalogue`` that can be planned, with values per serving.

    Built once per catalogue (the first call reads the USDA foods; later calls are free).
    """
    from vitk.foods.values import portion_grams

    family_of, soy_groups, specialist = _families_of_groups()
    curated = catalogue.curated_foods()
    bound: dict[str, float] = {}
    for food in curated:
        per_100g, _ = _values(food)
        if "energy" in per_100g:
            g = food.food_group.lower()
            bound[g] = max(bound.get(g, 0.0), per_100g["energy"])
    out: list[Candidate] = []
    linked = {f"usda:{f.usda_ndb}" for f in curated if f.usda_ndb}
    for food in curated:
        fam = family_of.get(food.food_group.strip().lower())
        if fam is None or any(w in food.name.lower() for w in specialist):
            continue
        if not food.typical_serving:
            continue
        try:
            grams = portion_grams(food, food.typical_serving)
        except VitkError:
            continue
        cand = _candidate(
            food,
            fam,
            food.food_group.strip().lower() in soy_groups,
            (food.typical_serving, grams),
            bound.get(food.food_group.lower()),
        )
        if cand is not None:
            out.append(cand)
    usda = _usda_ids(catalogue, linked)
    if usda:
        info = {fid: (fam, soy) for fid, fam, soy in usda}
        for food in catalogue.get_many([fid for fid, _, _ in usda]):
            portion = _usda_portion(food)
            if portion is None:
                continue
            fam, soy = info[food.food_id]
            cand = _candidate(food, fam, soy, portion, None)
            if cand is not None:
                out.append(cand)
    return tuple(out)


def exclusion_reason(
    cand: Candidate,
    profile: Profile,
    *,
    vka: bool = False,
    vka_mk7_max_ug: float = 50.0,
) -> str | None:
    """Why a candidate does not fit the person, or None.

    Reasons: ``diet_pattern``, ``dairy_free``, ``soy_free``, ``pregnancy_food_safety``,
    ``dislikes``; for a vitamin K antagonist user also ``vka_high_mk7`` (MK-7 per serving
    at or above ``vka_mk7_max_ug``) and ``vka_k1_not_measured`` (the day's total would be
    a lower bound).
    """
    from vitk.advisor.rules import load_rules

    dg = load_rules().diet_groups
    allowed = set(dg["patterns"][profile.diet.pattern])
    if cand.family not in allowed:
        return "diet_pattern"
    if profile.diet.dairy_free and cand.family == "dairy":
        return "dairy_free"
    if profile.diet.soy_free and cand.soy:
        return "soy_free"
    names = [cand.name.lower(), *(s.lower() for s in cand.synonyms)]
    if profile.pregnant:
        preg = dg.get("pregnancy_avoid") or {}
        groups = {str(g).lower() for g in preg.get("groups", [])}
        words = [str(w).lower() for w in preg.get("name_words", [])]
        cheese = cand.food_group.lower() in groups or (
            cand.family == "dairy" and "cheese" in cand.name.lower()
        )
        if cheese and any(w in n for w in words for n in names):
            return "pregnancy_food_safety"
    dislikes = [d.strip().lower() for d in profile.diet.dislikes if d.strip()]
    if any(d in n for d in dislikes for n in names):
        return "dislikes"
    if vka:
        if cand.value("mk7_ug") >= vka_mk7_max_ug:
            return "vka_high_mk7"
        if not cand.measured("k1_ug"):
            return "vka_k1_not_measured"
    return None


def _top(pool: Sequence[Candidate], key: Any, n: int) -> list[Candidate]:
    scored = [(key(c), c) for c in pool]
    scored = [(s, c) for s, c in scored if s > 0]
    scored.sort(key=lambda sc: (-sc[0], sc[1].food_id))
    return [c for _, c in scored[:n]]


def select_candidates(
    pool: Sequence[Candidate], targets: Iterable[str], *, n: int = 10
) -> list[Candidate]:
    """The best few candidates for each target field, per serving and per kcal.

    ``targets`` names fields (``k_total_ug``, ``k2_long_ug``, ``calcium_mg`` …). Foods are
    kept in pool order, each once.
    """
    keep: dict[str, None] = {}
    for name in targets:
        for c in _top(pool, lambda c, name=name: c.value(name), n):
            keep[c.food_id] = None
        for c in _top(pool, lambda c, name=name: c.value(name) / max(c.energy_kcal, 1.0), n):
            keep[c.food_id] = None
    return [c for c in pool if c.food_id in keep]


def spread_candidates(
    pool: Sequence[Candidate], name: str, *, per_band: int = 4
) -> list[Candidate]:
    """A few foods in each band of ``name`` per serving (1-5, 5-15 … µg), best per kcal.

    Gives the steady-intake model small and large steps to land inside a band.
    """
    edges = (1.0, 5.0, 15.0, 40.0, 100.0, 300.0, float("inf"))
    out: list[Candidate] = []
    for lo, hi in itertools.pairwise(edges):
        band = [c for c in pool if lo <= c.value(name) < hi]
        out += _top(band, lambda c: c.value(name) / max(c.energy_kcal, 1.0), per_band)
    return out


def field_label(name: str) -> str:
    """Label of a field the planner uses (``k2_long_ug`` is the long-chain K2 sum)."""
    if name == "k2_long_ug":
        return "long-chain K2 (MK-7 and MK-5, 6, 8-13)"
    return FIELD[name].label
