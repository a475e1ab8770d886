"""Number checks of claims against vitk's own data.

* Food contents go against the curated food table, per form (K1, MK-4, MK-7, all K2, all
  vitamin K). A claimed amount is consistent when it lies within the range of the
  table's observations for the foods named, widened by :data:`FOOD_TOLERANCE` (food
  composition varies widely between samples, varieties and sources [Booth2012;
  Vermeer2018]). "Rich in" / "excellent source" and "good source" are judged by the US
  labelling thresholds (20 % and 10 % of the 120 µg Daily Value per serving
  [FDA-CFR101.54; ODS-K]).
* Vitamin K reference intakes go against the packaged reference-intake table (within
  :data:`INTAKE_TOLERANCE`).
* MK-7 supplement doses go against the trial doses of the evidence base (10–720 µg/d
  [Theuwissen2013; Diederichsen2022]).
* Half-lives go against the PK parameter sets of the form (within :data:`PK_TOLERANCE`
  of their range) and accumulation against the Schurgers2007 set: its once-daily
  accumulation ratio, or 7–8-fold when the claim compares MK-7 with K1.

Each finding carries vitk's value and its source keys, and whether the claim is off by
more than the tolerance (``mismatch``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from vitk.foods.model import Food
from vitk.nutrients import DOSED_FORMS

__all__ = [
    "FOOD_TOLERANCE",
    "INTAKE_TOLERANCE",
    "MK7_TRIAL_DOSES_UG",
    "PK_TOLERANCE",
    "NumericFinding",
    "check_numbers",
]

#: A claimed food content may lie this factor outside the observed range (×/÷).
FOOD_TOLERANCE = 1.5
#: A claimed reference intake may differ this much (relative) from a table value.
INTAKE_TOLERANCE = 0.05
#: A claimed half-life may lie this factor outside the parameter sets' range (×/÷).
PK_TOLERANCE = 1.5
#: A claimed accumulation ratio may differ this much (relative) from vitk's value.
ACCUMULATION_TOLERANCE = 0.25
#: MK-7 daily doses studied in the evidence base's trials [µg/d].
MK7_TRIAL_DOSES_UG = (10.0, 720.0)
#: US Daily Value of vitamin K used by the labelling thresholds [µg].
DAILY_VALUE_UG = 120.0

_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = _NUM + r"(?:\s*(?:-|to|and)\s*" + _NUM + r")?"
_UG = re.compile(_RANGE + r"\s*(µg|mg)\b")
_HOURS = re.compile(_RANGE + r"\s*(hours?|hrs?|h|days?)\b")
_FOLD = re.compile(_RANGE + r"\s*(?:-?fold|times|x)\b")
_BASIS_100G = re.compile(r"(?:per|/|in|every|each) ?(?:100|a hundred) ?(?:g|grams?)\b|/100 ?g\b")
_BASIS_G = re.compile(
    r"(?:per|in|a|one|each|every) (\d+(?:\.\d+)?) ?(?:g|grams?)\b"
    r"|(\d+(?:\.\d+)?)[- ]?(?:g|gram)[- ](?:serving|portion|pack|packet|tub|helping|slice)"
)
_BASIS_OZ = re.compile(r"(\d+(?:\.\d+)?)[- ]?(?:oz|ounces?)\b")
_BASIS_SERVING = re.compile(
    r"\b(?:per|a|one|each|every|single|typical) (?:serving|portion|helping)\b"
)
_RICH = re.compile(
    r"\b(?:rich in|high in|excellent source|great source|loaded with|packed with|full of"
    r"|abundant in|brimming with|one of the best sources|top source)\b"
)
_GOOD = re.compile(
    r"\b(?:good source|decent source|source of|contains? (?:some|plenty of|lots of|a lot of))\b"
)


@dataclass(frozen=True)
class NumericFinding:
    """The result of one number check."""

    kind: str
    claimed: str
    vitk_value: str
    sources: tuple[str, ...]
    mismatch: bool
    #: How far the claim lies outside vitk's range (≥ 1; 1 when inside).
    factor: float = 1.0
    #: A verdict this finding gives on its own (food richness claims), else None.
    verdict: str | None = None
    #: False when vitk has no measured value to check the claim against.
    checked: bool = True

    def sentence(self) -> str:
        """One sentence for the explanation."""
        keys = "; ".join(self.sources)
        if not self.checked:
            return f"Number check: vitk cannot check {self.claimed}: {self.vitk_value} [{keys}]."
        if self.mismatch:
            return (
                f"Number check: the claim says {self.claimed}; vitk has {self.vitk_value} [{keys}]."
            )
        return f"Number check: {self.claimed} agrees with vitk's {self.vitk_value} [{keys}]."


def _amounts(match: re.Match[str]) -> list[float]:
    a = float(match.group(1))
    b = match.group(2)
    return [a] if b is None else [a, float(b)]


def _fmt(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.0f}"
    return f"{x:.2g}"


def _outside(values: list[float], low: float, high: float, tol: float) -> float:
    """Factor by which the worst value lies outside [low/tol, high*tol] (1 if inside)."""
    worst = 1.0
    for v in values:
        if v <= 0:
            continue
        if v < low:
            worst = max(worst, low / v)
        elif v > high:
            worst = max(worst, v / high)
    return worst if worst > tol else 1.0


# ---------------------------------------------------------------- foods
@lru_cache(maxsize=1)
def _food_lexicon() -> tuple[tuple[str, tuple[Food, ...]], ...]:
    """Food words (names before the comma or bracket, synonyms) -> curated foods, longest
    first; laboratory and reinforced products left out (not ordinary foods)."""
    from vitk.foods.curated import load_curated_foods

    lex: dict[str, list[Food]] = {}
    for f in load_curated_foods():
        low = f.name.lower()
        if any(w in low for w in ("laboratory", "reinforced", "enriched", "experimental")):
            continue
        keys = {re.split(r"[,(]", f.name)[0].strip().lower(), *(s.lower() for s in f.synonyms)}
        for k in keys:
            if len(k) >= 3 and k.isascii():
                lex.setdefault(k, []).append(f)
    return tuple(sorted(((k, tuple(v)) for k, v in lex.items()), key=lambda kv: -len(kv[0])))


def _foods_named(text: str) -> tuple[str, list[Food]] | None:
    """The longest food name in ``text`` (its foods), or None.

    A key can match only if it is a substring of the text: that cheap test runs first, and
    the word-boundary regex only for those few keys (longest first, as before).
    """
    for key, foods in _food_lexicon():
        if key in text and re.search(r"\b" + re.escape(key) + r"(?:e?s)?\b", text):
            return key, list(foods)
    return None


_FORMS = (
    ("mk7", r"\bmk7\b", "mk7", "MK-7"),
    ("mk4", r"\bmk4\b", "mk4", "MK-4"),
    ("k1", r"\bk1\b", "k1", "K1"),
    ("k2", r"\bk2\b", "k2_total", "K2 (sum of the measured menaquinones)"),
    ("vitamin_k", r"\bvitamin k\b", "k_total", "vitamin K (all forms measured)"),
)


def _form(text: str, concepts: set[str] | frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(nutrient code, label) of the form a claim names, else of the form carried over
    from the sentence before (in ``concepts``); None if neither names one."""
    for _, pattern, code, label in _FORMS:
        if re.search(pattern, text):
            return code, label
    for concept, _, code, label in _FORMS:
        if concept in concepts:
            return code, label
    return None


def _per_100g_bounds(food: Food, nutrient: str) -> tuple[float, float, tuple[str, ...]] | None:
    from vitk.foods.values import headline_value

    sv = headline_value(food, nutrient)
    if sv is None or sv.value_per_100g is None or not sv.counts_as_measured:
        return None
    value: float = sv.value_per_100g
    low = min(value, sv.low_per_100g if sv.low_per_100g is not None else value)
    high = max(value, sv.high_per_100g if sv.high_per_100g is not None else value)
    return low, high, tuple(sv.source_keys)


def _serving_grams(food: Food) -> float | None:
    from vitk.foods.values import portion_grams

    if not food.typical_serving:
        return None
    try:
        return portion_grams(food, food.typical_serving)
    except Exception:  # a food without that portion: no serving basis
        return None


def _basis(text: str, food: Food) -> tuple[float, str] | None:
    """Grams the claimed amount refers to, and how the claim said it."""
    if _BASIS_100G.search(text):
        return 100.0, "per 100 g"
    m = _BASIS_G.search(text)
    if m:
        g = float(m.group(1) or m.group(2))
        return g, f"per {_fmt(g)} g"
    m = _BASIS_OZ.search(text)
    if m:
        oz = float(m.group(1))
        return oz * 28.3495, f"per {_fmt(oz)} oz"
    if _BASIS_SERVING.search(text):
        serving_g = _serving_grams(food)
        if serving_g is not None:
            return serving_g, f"per serving ({food.typical_serving}, {_fmt(serving_g)} g)"
    return None


def _not_in_food_table(claimed_text: str, label: str, word: str) -> NumericFinding:
    """A food claim the table cannot check: no measured value of the form for that food."""
    return NumericFinding(
        "food",
        claimed_text,
        f"its food table has no measured {label} for {word}",
        ("VitkCuration",),
        mismatch=False,
        verdict="unsupported",
        checked=False,
    )


def _food_check(text: str) -> NumericFinding | None:
    named = _foods_named(text)
    form = _form(text)
    if named is None or form is None:
        return None
    word, foods = named
    nutrient, label = form
    bounds = [b for b in (_per_100g_bounds(f, nutrient) for f in foods) if b is not None]
    amounts = [m for m in _UG.finditer(text)]
    if amounts:
        basis = _basis(text, foods[0])
        if basis is None:
            return None
        grams, how = basis
        claimed = [
            v * (1000.0 if m.group(3) == "mg" else 1.0) for m in amounts for v in _amounts(m)
        ]
        claimed_text = f"{'–'.join(_fmt(v) for v in claimed)} µg {label} {how} of {word}"
        if not bounds:
            return _not_in_food_table(claimed_text, label, word)
        low = min(b[0] for b in bounds) * grams / 100.0
        high = max(b[1] for b in bounds) * grams / 100.0
        keys = tuple(dict.fromkeys(k for b in bounds for k in b[2]))
        factor = _outside(claimed, low, high, FOOD_TOLERANCE)
        shown = f"{_fmt(low)}–{_fmt(high)} µg" if high > low * 1.001 else f"{_fmt(low)} µg"
        return NumericFinding(
            "food",
            claimed_text,
            f"{shown} {label} {how} ({len(foods)} food row(s))",
            keys,
            mismatch=factor > 1.0,
            factor=factor,
        )
    rich = _RICH.search(text)
    good = None if rich else _GOOD.search(text)
    if not (rich or good):
        return None
    threshold = DAILY_VALUE_UG * (0.2 if rich else 0.1)
    servings: list[tuple[float, Food]] = []
    keys_l: list[str] = []
    for f in foods:
        b = _per_100g_bounds(f, nutrient)
        g = _serving_grams(f)
        if b is not None and g is not None:
            servings.append((b[1] * g / 100.0, f))
            keys_l.extend(b[2])
    phrase = (rich or good).group(0)  # type: ignore[union-attr]
    claimed_text = f"{word} is '{phrase}' {label}"
    if not servings:
        return _not_in_food_table(claimed_text, label, word)
    best, food = max(servings, key=lambda s: s[0])
    keys = tuple(dict.fromkeys([*keys_l, "FDA-CFR101.54", "ODS-K"]))
    value = (
        f"at most {_fmt(best)} µg {label} per serving ({food.typical_serving}), against "
        f"{_fmt(threshold)} µg ({'20' if rich else '10'} % of the 120 µg Daily Value) for "
        f"'{'rich in' if rich else 'good source'}'"
    )
    ok = best >= threshold
    return NumericFinding(
        "food",
        claimed_text,
        value,
        keys,
        mismatch=False,
        verdict="supported" if ok else "contradicted",
    )


# ---------------------------------------------------------------- intakes and doses
@lru_cache(maxsize=1)
def _vitamin_k_reference_values() -> tuple[float, ...]:
    import csv
    from importlib import resources

    text = (
        resources.files("vitk")
        .joinpath("data", "intakes", "reference_intakes.csv")
        .read_text("utf-8")
    )
    values = {
        float(r["value"])
        for r in csv.DictReader(text.splitlines())
        if r["nutrient"] in ("vitamin_k", "vitamin_k1") and r["unit"] == "ug"
    }
    values.add(DAILY_VALUE_UG)
    return tuple(sorted(values))


def _intake_check(text: str) -> NumericFinding | None:
    amounts = [v for m in _UG.finditer(text) if m.group(3) == "µg" for v in _amounts(m)]
    if not amounts:
        return None
    refs = _vitamin_k_reference_values()
    bad = [v for v in amounts if not any(abs(v - r) <= INTAKE_TOLERANCE * r for r in refs)]
    near = min(refs, key=lambda r: min(abs(r - v) for v in amounts))
    factor = max((max(v / near, near / v) for v in bad), default=1.0)
    return NumericFinding(
        "intake",
        f"{'–'.join(_fmt(v) for v in amounts)} µg/d",
        "vitamin K adequate intakes of "
        + ", ".join(_fmt(r) for r in refs)
        + " µg/d by life stage and body (US adults: 90 µg women, 120 µg men)",
        ("IOM2001", "ODS-K", "EFSA2017"),
        mismatch=bool(bad),
        factor=factor,
    )


def _dose_check(text: str) -> NumericFinding | None:
    if not re.search(r"\b(?:mk7|k2)\b", text) or re.search(r"\bmk4\b", text):
        return None
    doses = [
        v * (1000.0 if m.group(3) == "mg" else 1.0) for m in _UG.finditer(text) for v in _amounts(m)
    ]
    if not doses:
        return None
    low, high = MK7_TRIAL_DOSES_UG
    factor = _outside(doses, low, high, 1.0)
    return NumericFinding(
        "dose",
        f"{'–'.join(_fmt(v) for v in doses)} µg/d MK-7",
        f"MK-7 doses studied in trials: {_fmt(low)}–{_fmt(high)} µg/d",
        ("Theuwissen2013", "Knapen2013", "Diederichsen2022"),
        mismatch=factor > 1.0,
        factor=factor,
    )


# ---------------------------------------------------------------- pharmacokinetics
@lru_cache(maxsize=1)
def _half_lives_h() -> dict[str, tuple[float, float, tuple[str, ...]]]:
    from vitk.pharmacology import sets

    out: dict[str, tuple[float, float, tuple[str, ...]]] = {}
    for form, names in sets.PK_SETS.items():
        values: list[float] = []
        for name in names:
            p = sets.load(name)
            values.append(math.log(2) / float(p["ke [1/h]"]))
            values.extend(float(x) for x in p.get("half-life range [h]", ()))
        out[form] = (min(values), max(values), tuple(names))
    return out


def _half_life_check(text: str, concepts: set[str]) -> NumericFinding | None:
    form = _form(text, concepts)
    if form is None or form[0] not in DOSED_FORMS:
        return None
    m = _HOURS.search(text)
    if m is None:
        return None
    scale = 24.0 if m.group(3).startswith("d") else 1.0
    claimed = [v * scale for v in _amounts(m)]
    low, high, keys = _half_lives_h()[form[0]]
    factor = _outside(claimed, low, high, PK_TOLERANCE)
    return NumericFinding(
        "half_life",
        f"a {form[1]} half-life of {'–'.join(_fmt(v) for v in claimed)} h",
        f"{_fmt(low)}–{_fmt(high)} h in its PK parameter sets",
        keys,
        mismatch=factor > 1.0,
        factor=factor,
    )


def _accumulation_check(text: str, concepts: set[str]) -> NumericFinding | None:
    from vitk.evidence import model_values

    if not ({"mk7", "k2"} & concepts):
        return None
    m = _FOLD.search(text)
    if m is None:
        return None
    claimed = _amounts(m)
    versus_k1 = re.search(r"\bk1\b", text) is not None
    if versus_k1:
        low, high = 7.0, 8.0
        what = "7–8-fold higher serum MK-7 than K1 at equal daily doses"
    else:
        r = model_values()["mk7_accumulation_ratio"]
        low, high = r, r
        what = (
            f"an accumulation ratio of {r:.1f} for daily MK-7 (PK model; the 7–8-fold figure "
            "compares MK-7 with K1)"
        )
    factor = _outside(claimed, low, high, 1.0 + ACCUMULATION_TOLERANCE)
    return NumericFinding(
        "accumulation",
        f"{'–'.join(_fmt(v) for v in claimed)}-fold",
        what,
        ("Schurgers2007",),
        mismatch=factor > 1.0,
        factor=factor,
    )


def check_numbers(normalised: str, concepts: set[str], kind: str = "") -> list[NumericFinding]:
    """Number checks that apply to a claim (normalised text, its concepts).

    ``kind`` is the matched assertion's ``numeric`` field; checks also run on their own
    cues (a food and a form; a half-life word and hours or days; a fold change).
    """
    out: list[NumericFinding] = []
    if "half_life" in concepts or kind == "half_life":
        f = _half_life_check(normalised, concepts)
        if f:
            out.append(f)
    if "accumulate" in concepts or kind == "accumulation":
        f = _accumulation_check(normalised, concepts)
        if f:
            out.append(f)
    if not out and "requirement" in concepts and "vitamin_k" in concepts and "k2" not in concepts:
        f = _intake_check(normalised)
        if f:
            out.append(f)
    if not out:
        f = _food_check(normalised)
        if f:
            out.append(f)
    if not out and kind == "dose":
        f = _dose_check(normalised)
        if f:
            out.append(f)
    return out
