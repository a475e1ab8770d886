"""Declarative advisor rules: load, validate and evaluate ``data/advisor/rules.yaml``.

A rule is data: an id, a section, a condition over named *facts*, a message
template, an evidence grade and citation keys. :func:`evaluate` returns whether
a rule fires and the reasons (each atomic test with the values it saw), so a
report can show why every statement is there.

Unknown is not zero: a comparison with a missing fact (``None``) is *unknown*, and so
is a comparison that a lower bound cannot decide (``x < 90`` when x is "at least 3").
Conditions are evaluated in three-valued logic (true, false, unknown); a rule fires only
when its condition is true, and the reasons say which facts were unknown.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from vitk.errors import DataValidationError

__all__ = [
    "FACTS",
    "GRADES",
    "LOWER_BOUNDS",
    "SEVERITIES",
    "Evaluation",
    "Rule",
    "RuleSet",
    "evaluate",
    "load_rules",
]

GRADES = ("supported", "mixed or limited", "unsupported", "contradicted")
SEVERITIES = ("critical", "warning", "info")
SECTIONS = ("safety", "relevance", "facts")
_COMPARE = {
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}
_SYMBOL = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
#: Key in a fact dict holding the names of facts whose value is only a lower bound (some
#: logged foods had no value for it). ``x > b`` is still decided when x already exceeds
#: b, and ``x < b`` when x is already at least b; otherwise the comparison is unknown.
LOWER_BOUNDS = "_lower_bounds"

#: Every fact the engine provides; conditions and message placeholders may use only these.
FACTS: dict[str, str] = {
    # person
    "age_y": "age in years",
    "pregnant": "pregnant",
    "lactating": "breastfeeding",
    "postmenopausal": "past menopause (None: a woman who did not give her menopause status)",
    # medications (classes) and their display names
    "vka": "a named vitamin K antagonist is listed",
    "anticoagulant_unknown": "an unnamed blood thinner is listed",
    "vka_or_unknown": (
        "a VKA, an unnamed blood thinner or an unrecognised name that may be an "
        "anticoagulant (both treated as a VKA) is listed"
    ),
    "vka_possible": "an unrecognised name close to an anticoagulant is listed (treated as a VKA)",
    "vka_possible_names": "those names as written, with their closest candidates",
    "doac": "a direct oral anticoagulant is listed",
    "heparin": "a heparin or fondaparinux is listed",
    "antiplatelet": "an antiplatelet drug is listed",
    "antibiotic": "an antibiotic is listed",
    "cephalosporin_nmtt": "a cephalosporin with an NMTT side chain is listed",
    "bile_acid_sequestrant": "a bile acid sequestrant is listed",
    "orlistat": "orlistat is listed",
    "anticonvulsant_inducer": "an enzyme-inducing anticonvulsant is listed",
    "mineral_oil": "a mineral-oil laxative is listed",
    "vitamin_e": "a vitamin E supplement is listed among the medicines",
    "vka_stopped": "a VKA is listed but marked as stopped (still treated as a VKA, to be safe)",
    "vka_stopped_names": "those VKA lines as written",
    "vitamin_e_text": "those vitamin E lines as written (with the dose, where one was read)",
    "any_anticoagulant": (
        "any anticoagulant is listed (VKA, DOAC, heparin, an unnamed blood thinner or an "
        "unrecognised name that may be one)"
    ),
    "vka_names": "names of the VKAs listed",
    "unknown_anticoagulant_names": "the unnamed blood thinners as written",
    "doac_names": "names of the DOACs listed",
    "heparin_names": "names of the heparins listed",
    "antiplatelet_names": "names of the antiplatelets listed",
    "antibiotic_names": "names of the antibiotics listed",
    "nmtt_names": "names of the NMTT cephalosporins listed",
    "bas_names": "names of the bile acid sequestrants listed",
    "anticonvulsant_names": "names of the anticonvulsants listed",
    "unrecognised_count": "number of medication names not recognised",
    "unrecognised_names": "medication names not recognised, as written",
    # labs
    "inr": "reported INR",
    "inr_target": "reported INR target range",
    "inr_out_of_range": "INR outside the reported target range",
    "vitamin_d_nmol": "25(OH)D [nmol/L]",
    "vitamin_d_possibly_too_high": "25(OH)D above 125 nmol/L",
    "vitamin_d_deficiency_risk": "25(OH)D below 30 nmol/L (12 ng/mL): at risk of deficiency",
    # conditions
    "osteoporosis": "osteoporosis",
    "osteopenia": "osteopenia",
    "fragility_fracture": "previous fragility fracture",
    "family_history_osteoporosis": "family history of osteoporosis",
    "arterial_calcification": "arterial or coronary calcification (or CAC score > 0)",
    "cac_text": "CAC score text",
    "cardiovascular_disease": "cardiovascular disease",
    "family_history_cvd": "family history of cardiovascular disease",
    "kidney": "chronic kidney disease or dialysis",
    "dialysis_text": "dialysis text",
    "liver_disease": "liver disease",
    "clotting_disorder": "clotting disorder",
    "malabsorption": "fat malabsorption",
    "malabsorption_text": "causes of fat malabsorption",
    # supplements
    "takes_k_supplement": "any vitamin K supplement (or vitamin K listed among the medicines)",
    "k_supplement_text": "the vitamin K supplements reported, in words",
    "vitamin_k_medicine": "vitamin K is listed among the medicines",
    "vitamin_k_medicine_names": "those medicine lines as written",
    "supp_k_ug": "supplemental vitamin K, all forms [µg/d]",
    "supp_mk4_ug": "supplemental MK-4 [µg/d]",
    "supp_mk7_ug": "supplemental MK-7 [µg/d]",
    "supp_vitamin_d_ug": "supplemental vitamin D [µg/d]",
    "supp_calcium_mg": "supplemental calcium [mg/d]",
    "magnesium_supp_mg": "supplemental magnesium [mg/d]",
    # intake vs targets
    "k_total_ug": (
        "recorded vitamin K, all forms, diet + supplements [µg/d] (None without a diary or "
        "when no logged food measured it; a lower bound when some foods have no data)"
    ),
    "k_intake_text": "why the recorded vitamin K intake is unknown or only a lower bound",
    # diary: day-to-day consistency of total vitamin K, and single days of food MK-7
    "k_diary_days": "diary days with total vitamin K (None without a diary)",
    "k_mean_ug": "mean daily total vitamin K in the diary [µg/d]",
    "k_sd_ug": "standard deviation of daily total vitamin K [µg/d]",
    "k_cv_pct": "coefficient of variation of daily total vitamin K [%]",
    "k_band_pct": "consistency band around the person's own mean [± %]",
    "k_days_outside_band": "diary days outside that band",
    "mk7_food_threshold_ug": "MK-7 from food on one day that counts as a large amount [µg]",
    "mk7_food_high_days": "diary days with at least that much MK-7 from food",
    "mk7_food_max_ug": "largest MK-7 from food on one diary day [µg]",
    "mk7_food_max_date": "the date of that day",
    "vitamin_k_ai_ug": "US adequate intake of vitamin K for the life stage [µg/d]",
    "calcium_total_mg": "calcium, diet (if recorded) + supplements [mg/d]",
    "calcium_ul_mg": "calcium UL for the life stage [mg/d]",
    "calcium_basis": "what the calcium total includes",
    "vitamin_d_total_ug": "vitamin D, diet (if recorded) + supplements [µg/d]",
    "vitamin_d_total_iu": "the same in IU",
    "vitamin_d_ul_ug": "vitamin D UL for the life stage [µg/d]",
    "vitamin_d_basis": "what the vitamin D total includes",
    "magnesium_ul_mg": "magnesium UL (supplements only) for the life stage [mg/d]",
    "calcium_days_above_ul_text": "diary days above the calcium UL, in words ('' if none known)",
    "vitamin_d_days_above_ul_text": "diary days above the vitamin D UL, in words",
    "magnesium_days_above_ul_text": "diary days above the magnesium UL, in words",
}


@dataclass(frozen=True)
class Rule:
    """One advisor rule (see the header of rules.yaml)."""

    id: str
    section: Literal["safety", "relevance", "facts"]
    when: Any
    message: str
    grade: str
    citations: tuple[str, ...]
    category: str = ""
    severity: str = ""
    title: str = ""
    not_applies: str = ""
    #: Relevance rules: text shown when the condition is unknown (e.g. no diary).
    if_unknown: str = ""
    unverified: bool = False
    #: Ids of the evidence-base assertions (``data/evidence/assertions.yaml``) whose
    #: explanations make up the message: the report and the claim checker say the same.
    assertion_ids: tuple[str, ...] = ()

    def render(self, facts: Mapping[str, Any]) -> str:
        """The message with its placeholders filled from ``facts``."""
        return str(_FORMATTER.format(self.message, **facts))

    def render_unknown(self, facts: Mapping[str, Any]) -> str:
        """The ``if_unknown`` text (or ``not_applies``) with its placeholders filled."""
        return str(_FORMATTER.format(self.if_unknown or self.not_applies, **facts))


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return "unknown"
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    categories: dict[str, str]
    diet_groups: dict[str, Any]

    def by_id(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def section(self, name: str) -> list[Rule]:
        return [r for r in self.rules if r.section == name]


@dataclass(frozen=True)
class Evaluation:
    fired: bool
    reasons: tuple[str, ...]
    #: The condition could not be decided (a fact it needs is unknown or a lower bound).
    unknown: bool = False

    @property
    def applies(self) -> bool | None:
        """True, False, or None when unknown."""
        return None if self.unknown else self.fired


def _facts_in(cond: Any) -> list[str]:
    if isinstance(cond, str):
        return [cond]
    if isinstance(cond, Mapping):
        ((op, arg),) = cond.items()
        if op == "always":
            return []
        if op == "not":
            return _facts_in(arg)
        if op in ("all", "any"):
            return [f for c in arg for f in _facts_in(c)]
        if op in _COMPARE:
            return [a for a in arg if isinstance(a, str)]
    raise DataValidationError(f"rules.yaml: cannot read condition {cond!r}.")


_CITE_RE = re.compile(r"\[([^\]]+)\]")


def _validate(rule: Rule, categories: Mapping[str, str]) -> None:
    from vitk.references import get

    where = f"rules.yaml rule {rule.id}"
    if rule.section not in SECTIONS:
        raise DataValidationError(
            f"{where}: section must be one of {SECTIONS}; got {rule.section!r}."
        )
    if rule.grade not in GRADES:
        raise DataValidationError(f"{where}: grade must be one of {GRADES}; got {rule.grade!r}.")
    if rule.section in ("relevance", "facts") and not rule.assertion_ids:
        raise DataValidationError(
            f"{where}: a {rule.section} rule must name its evidence-base 'assertions' "
            "(data/evidence/assertions.yaml), so the report says what the checker says."
        )
    if rule.section == "safety":
        if rule.category not in categories:
            raise DataValidationError(f"{where}: unknown category {rule.category!r}.")
        if rule.severity not in SEVERITIES:
            raise DataValidationError(f"{where}: severity must be one of {SEVERITIES}.")
    if not rule.citations:
        raise DataValidationError(f"{where}: no citation keys.")
    for key in rule.citations:
        get(key)
    for f in _facts_in(rule.when):
        if f not in FACTS:
            raise DataValidationError(f"{where}: condition uses unknown fact {f!r}.")
    for text in (rule.message, rule.if_unknown):
        for _, field_name, _, _ in string.Formatter().parse(text):
            if field_name is not None and field_name not in FACTS:
                raise DataValidationError(f"{where}: message uses unknown fact {field_name!r}.")
        for group in _CITE_RE.findall(text):
            for key in (k.strip() for k in group.split(";")):
                if key not in rule.citations:
                    raise DataValidationError(
                        f"{where}: [{key}] in the message is not in citations."
                    )


def _words(text: Any) -> str:
    return " ".join(str(text or "").split())


def _from_evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    """Message, grade, citations and unverified flag of a rule built from assertions.

    A rule that names ``assertions`` has no message of its own: its message is ``lead``
    (the person-specific opening, with fact placeholders), then the explanation of each
    assertion in order, then ``tail``. A relevance or fact rule's grade is the verdict of
    its first assertion (a safety rule keeps the grade of its advice);
    its citations are the lead's and tail's own plus every assertion's; it is unverified
    when any assertion is.
    """
    rid = item.get("id", "?")
    ids = list(item.get("assertions") or [])
    if not ids:
        return {
            "message": _words(item.get("message")),
            "grade": item.get("grade", ""),
            "citations": tuple(item.get("citations") or ()),
            "unverified": bool(item.get("unverified", False)),
        }
    if item.get("message"):
        raise DataValidationError(
            f"rules.yaml rule {rid}: has both 'message' and 'assertions'; a rule built from "
            "assertions takes its message from them (use 'lead' and 'tail' for the rest)."
        )
    from vitk.evidence import load_evidence

    base = load_evidence()
    found = []
    for aid in ids:
        try:
            found.append(base.get(aid))
        except KeyError:
            raise DataValidationError(
                f"rules.yaml rule {rid}: assertion {aid!r} is not in the evidence base "
                "(data/evidence/assertions.yaml)."
            ) from None
    grade = found[0].verdict
    if item.get("section") == "safety":
        # A safety rule grades its advice; the assertions supply the evidence it states.
        grade = item.get("grade", "")
    elif item.get("grade") and item["grade"] != grade:
        raise DataValidationError(
            f"rules.yaml rule {rid}: grade {item['grade']!r} differs from the verdict "
            f"{grade!r} of its first assertion {ids[0]}; the report and the checker must agree."
        )
    parts = [_words(item.get("lead")), *(a.evidence_text for a in found), _words(item.get("tail"))]
    citations = list(item.get("citations") or ())
    for a in found:
        citations += a.citations
    return {
        "message": " ".join(p for p in parts if p),
        "grade": grade,
        "citations": tuple(dict.fromkeys(citations)),
        "unverified": bool(item.get("unverified", False)) or any(a.unverified for a in found),
    }


def _parse(raw: Mapping[str, Any]) -> RuleSet:
    categories = dict(raw["categories"])
    rules: list[Rule] = []
    seen: set[str] = set()
    for item in raw["rules"]:
        composed = _from_evidence(item)
        rule = Rule(
            id=item["id"],
            section=item["section"],
            when=item["when"],
            message=composed["message"],
            grade=composed["grade"],
            citations=composed["citations"],
            category=item.get("category", ""),
            severity=item.get("severity", ""),
            title=item.get("title", ""),
            not_applies=" ".join(str(item.get("not_applies", "")).split()),
            if_unknown=" ".join(str(item.get("if_unknown", "")).split()),
            unverified=composed["unverified"],
            assertion_ids=tuple(item.get("assertions") or ()),
        )
        if rule.id in seen:
            raise DataValidationError(f"rules.yaml: duplicate rule id {rule.id!r}.")
        seen.add(rule.id)
        _validate(rule, categories)
        rules.append(rule)
    return RuleSet(rules=tuple(rules), categories=categories, diet_groups=dict(raw["diet_groups"]))


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """The packaged rule set, validated (ids unique, facts known, keys resolve)."""
    import yaml

    text = resources.files("vitk").joinpath("data", "advisor", "rules.yaml").read_text("utf-8")
    return _parse(yaml.safe_load(text))


def _show(v: Any) -> str:
    if v is None:
        return "unknown"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _eval(cond: Any, facts: Mapping[str, Any], reasons: list[str]) -> bool | None:
    """Three-valued: True, False or None (unknown)."""
    if isinstance(cond, str):
        value = facts.get(cond)
        if value is None:
            reasons.append(f"{cond} is unknown")
            return None
        ok = bool(value)
        reasons.append(f"{cond} is {'true' if ok else 'false'}")
        return ok
    ((op, arg),) = cond.items()
    if op == "always":
        reasons.append("always shown")
        return bool(arg)
    if op == "not":
        sub: list[str] = []
        inner = _eval(arg, facts, sub)
        reasons.append("not (" + "; ".join(sub) + ")")
        return None if inner is None else not inner
    if op in ("all", "any"):
        results: list[bool | None] = []
        for c in arg:
            sub = []
            results.append(_eval(c, facts, sub))
            reasons.extend(sub)
        decisive: bool = op == "any"  # any: one True decides; all: one False decides
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    a_name, b_name = arg
    a = facts.get(a_name) if isinstance(a_name, str) else a_name
    b = facts.get(b_name) if isinstance(b_name, str) else b_name
    bounds = facts.get(LOWER_BOUNDS) or ()
    a_low = isinstance(a_name, str) and a_name in bounds
    left = f"{a_name}={'≥' if a_low else ''}{_show(a)}" if isinstance(a_name, str) else _show(a)
    right = f"{b_name}={_show(b)}" if isinstance(b_name, str) else _show(b_name)
    label = f"{left} {_SYMBOL[op]} {right}"
    if a is None or b is None:
        reasons.append(label + " (unknown: not evaluated)")
        return None
    ok = bool(_COMPARE[op](float(a), float(b)))
    if a_low and ok != (op in ("gt", "gte")):
        # "at least a": a true "greater than" and a false "less than" are decided.
        reasons.append(label + " (unknown: a lower bound; some foods have no data)")
        return None
    reasons.append(label + ("" if ok else " (no)"))
    return ok


def evaluate(rule: Rule, facts: Mapping[str, Any]) -> Evaluation:
    """Whether ``rule`` fires on ``facts``, with the reasons (every atomic test and its values)."""
    reasons: list[str] = []
    result = _eval(rule.when, facts, reasons)
    return Evaluation(fired=result is True, reasons=tuple(reasons), unknown=result is None)
