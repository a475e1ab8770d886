"""Sentence cues for the claim checker: concepts, claim-ness, promotion, advice, hedging.

All patterns work on normalised text (:func:`vitk.checker.text.normalise`). They are
deliberately general (no article-specific words): a claim is a declarative sentence about
a health topic; promotion is selling or booking; hedging is a softened claim; negation is
a denial of the predicate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache

from vitk.evidence import EvidenceBase

__all__ = [
    "TOPIC_CONCEPTS",
    "concepts_in",
    "is_anecdote",
    "is_call_to_action",
    "is_discourse",
    "is_evidence_denial",
    "is_hedged",
    "is_medical_advice",
    "is_negated_advice",
    "is_product_heading",
    "is_promotional",
    "is_safety_statement",
    "negation_count",
]


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


#: Concepts that make a sentence a health, nutrition, dose, food or safety topic.
TOPIC_CONCEPTS = (
    "vitamin_k",
    "vitamin_d",
    "calcium",
    "magnesium",
    "natto",
    "bone",
    "arteries",
    "heart",
    "teeth",
    "blood_thinner",
    "clotting",
    "osteocalcin",
    "mgp",
    "greens",
    "cheese",
    "deficiency",
    "pregnancy",
    "newborn",
    "kidney",
    "liver",
    "haemophilia",
    "imaging",
    "vitamin_d_test",
    "other_disease",
    "antibiotic",
    "inr_word",
    "vka",
    "doac",
    "antiplatelet",
)

_CTA = _rx(
    r"\b(?:buy|order|shop|purchase|subscribe|add to (?:cart|basket)|check ?out)\b",
    r"\bbook (?:a |an |your )?(?:free )?(?:consultation|appointment|session|call|visit|assessment|scan|test)",
    r"\b(?:call|contact|email|visit|message) (?:us|our)\b",
    r"\bclick (?:here|below|the)\b",
    r"\bsign up\b",
    r"\bask (?:our|my) (?:pharmacists?|team|experts?|doctors?|nurses?|staff|specialists?)\b",
    r"\bfree (?:[a-z]+ ){0,2}(?:review|consultation|check-?up|assessment|trial|sample)s?\b",
    r"\bschedule (?:a|an|your)\b",
    r"\b(?:get|claim|grab) (?:your (?:free|first|bottle|copy|discount)|\d+ ?%|up to)\b",
    r"\bsave (?:\d+ ?%|up to|\$|£|€)",
    r"\buse (?:the )?(?:code|coupon)\b",
    r"\blimited[- ](?:time|stock|offer)\b",
    r"\bwhile (?:stocks|supplies) last\b",
    r"\bfree shipping\b",
    r"\b\d+ ?% off\b",
    r"\bdiscount\b",
    # Newer selling formats: codes, affiliate links, shop links, subscriptions, bookings.
    r"\b(?:promo|coupon|discount|affiliate|referral) (?:code|link)s?\b",
    r"\bcode [a-z]*\d+[a-z0-9]*\b",
    r"\b(?:link|linked) in (?:my |our )?bio\b",
    r"\b(?:affiliate|sponsored|paid partnership|in partnership with|ad:|#ad\b)",
    r"\b(?:shop|buy|order) (?:it |them |now |here |online |today )",
    r"\b(?:first|next|every) (?:order|purchase|box|delivery)\b",
    r"\b(?:register|enrol+|sign up|join) (?:online |now |today |here )?(?:for|in|at) (?:our|my|the|a|an)\b",
    r"\b(?:book|schedule|reserve) (?:online|now|today|yours|a (?:slot|place|spot))\b",
    r"\b(?:get|claim) (?:your |a )?(?:first )?[a-z-]+ free\b",
    r"\bfree (?:delivery|gift|bonus|e-?book|guide|webinar)\b",
)
_PROMO = _rx(
    r"\bour (?:[a-z0-9-]+ ){0,3}(?:product|formula|supplement|capsule|softgel|tablet|drop|blend|clinic|practice|team|programme|program|protocol|therapy|treatment|service|centre|center|store|shop|brand|range|k2|coaching|course|workshop|e-?book|membership|masterclass)s?\b",
    # "my" sells a service or a brand of the writer's; "my drops" is personal use.
    r"\bmy (?:[a-z0-9-]+ ){0,3}(?:formula|blend|clinic|practice|programme|program|protocol|service|centre|center|store|shop|brand|range|coaching|course|workshop|e-?book|membership|masterclass)s?\b",
    r"\bwe (?:offer|sell|provide|recommend our|make|formulated|developed|created)\b(?! (?:every|all|each)\b)",
    r"[™®]",
    r"\b(?:money[- ]back|satisfaction) guarantee",
    r"\bbest[- ]?sell(?:er|ing)\b",
    r"\bpremium\b",
    r"\b(?:doctor|clinically)[- ](?:formulated|proven|designed|approved|recommended) (?:formula|product|supplement|blend)",
    r"\bpharmaceutical[- ]grade\b",
    r"\b(?:superior|unique|exclusive|patented|proprietary) (?:formula|blend|form|technology)",
    r"\bavailable (?:now|today|in our|at our|online)\b",
    r"\bper (?:bottle|pack|month's supply)\b",
    r"[$€£] ?\d",
    r"\bsupply\b.*\bbottle\b",
    r"\bnew patients?\b",
    r"\bwhy choose\b",
    r"\b(?:our|my)? ?(?:top|best|favou?rite) (?:pick|choice|buy)\b",
    r"\b(?:every|each) (?:batch|bottle|capsule|softgel|jar|pack|dropper(?:ful)?|gumm(?:y|ies)|tablet|lozenge|sachet|spray)\b",
    r"\b(?:our|the) (?:clinic|practice)\b.*\b(?:offer|provide|specialis|specializ)",
    # First-person-plural commercial offers ("our pharmacists offer", "we ship"); an
    # offer to every patient ("we offer every baby …") is care, not selling.
    r"\b(?:we|our [a-z-]+(?: [a-z-]+){0,2}) (?:offer|sell|ship|stock|carry|deliver|run|host)s?\b(?! (?:every|all|each)\b)",
    r"\b(?:our|my) (?:[a-z0-9-]+ ){0,3}(?:consultations?|packages?|plans?|subscriptions?|screenings?|kits?|bundles?|memberships?|webinars?|challenges?|club|app)\b",
    r"\b(?:my|our) (?:favou?rite|go-to|daily pick)\b.*\b(?:is|are)\b",
    r"\b(?:every|each|per) serving\b",
    r"\bask (?:at|in) (?:the|our) (?:counter|pharmacy|shop|store|till)\b",
)
_ADVICE = _rx(
    r"\b(?:you )?should (?:get|have|ask|book|consider|try|see|start|stop|take)\b",
    r"^(?:get|ask|book|consider|try|see|start|make sure|insist|demand|request|have)\b",
    r"\b(?:ask|talk to|see) (?:your|a) (?:doctor|gp|physician|practitioner|dentist|chiropractor|therapist)\b",
    r"\b(?:we|i) (?:recommend|advise|suggest)\b",
    r"\bis the (?:best|only) way to\b",
    r"\bdon'?t wait\b",
)
_TREATMENT = _rx(
    r"\b(?:test|tests|testing|tested|screening|scan|scans|mri|x-?ray|ct|ultrasound|blood work|panel|lab)\b",
    r"\b(?:therapy|therapies|treatment|treatments|infusion|infusions|injection|injections|drip|detox|chelation|ozone|acupuncture|chiropract\w*|adjustment|hormone|thyroid|cleanse|iv)\b",
)
_OWN_PRODUCT = _rx(
    r"\bour\b",
    r"[™®]",
    r"\bwhy choose\b",
    r"\b(?:our|my)? ?(?:top|best|favou?rite) (?:pick|choice|buy)\b",
    r"\b(?:buy|order|shop|purchase|add to cart|use (?:the )?code)\b",
)
_INSTRUCTION = _rx(
    r"^(?:contact|call|tell|ask|check|talk|see|speak|read|remember|make sure|don'?t forget|note|write|bring|show|keep a|seek)\b",
)
_MARKET = _rx(
    r"\b(?:most popular|popularity|sales of|sales have|market for|best-known|trendy|trending|buzz|hype)\b",
    r"\b(?:marketers|manufacturers|sellers|advertisers|influencers|proponents|advocates|some (?:people|practitioners|websites|sites|companies))\b.*\b(?:claim|promis|say|argue|tout|insist)",
    r"\bpromising\b",
)
_HEDGE = _rx(
    r"\b(?:may|might|could|can possibly|possibly|perhaps|potentially|probably|likely)\b",
    r"\bsuggests?\b",
    r"\bappears? to\b",
    r"\bseems? to\b",
    r"\b(?:is|are) (?:thought|believed|considered) to\b",
    r"\bsome (?:studies|research|evidence|experts|scientists)\b",
    r"\bpreliminary\b",
    r"\bearly (?:research|evidence|studies)\b",
    r"\bmore research is needed\b",
    r"\bto some extent\b",
)
_NEG = re.compile(
    r"\b(?:not|no|never|none|neither|nor|without|cannot|isn't|aren't|doesn't|don't|didn't|"
    r"wasn't|weren't|won't|can't|couldn't|shouldn't|fails? to|failed to|unrelated)\b|n't\b",
    re.IGNORECASE,
)
_EVIDENCE_DENIAL = _rx(
    r"\bno (?:good |solid |strong |convincing |reliable |clear |clinical |human |real |hard )?(?:evidence|proof|trials?|studies|data)\b",
    r"\b(?:not|never) (?:been )?(?:shown|proven|demonstrated|established|tested)\b",
    r"\b(?:unproven|unsupported|lacks? evidence|lack of evidence|insufficient evidence|evidence is (?:lacking|weak|thin|limited|mixed))\b",
    r"\bhas yet to be (?:shown|proven)\b",
    r"\b(?:little|limited|scant|few|sparse) (?:good |solid |human |clinical )?(?:research|evidence|data|studies|trials)\b",
    r"\bremains? (?:unproven|uncertain|unclear)\b",
)
_DISCOURSE = _rx(
    r"^(?:in this (?:article|post|guide|piece)|read on|keep reading|let'?s|here'?s (?:what|how|why)|"
    r"we'?ll|below,? we|we (?:tested|reviewed|compared|tried|analy[sz]ed|ranked|rated)\b|this (?:article|post|guide) (?:covers|explains|looks)|learn more|"
    r"find out|share this|follow us|related:|references?:?$|sources?:?$|disclaimer|"
    r"(?:posted|written|updated|reviewed|published) (?:by|on)|by (?:a|an|the|dr\.?) [a-z]|tags?:|photo|image|table of contents|"
    r"all rights reserved|copyright|©)",
)
_ANECDOTE = _rx(
    r"^(?:i|my|when i|after i|since i|last (?:year|month|week)|years ago|one of my)\b",
    r"\b(?:(?:you|people|readers|clients) (?:have )?asked (?:me|us)|"
    r"i (?:started|began|was|had|felt|noticed|tried|remember|decided|took|used)|my (?:mother|mom|mum|father|dad|wife|husband|friend|patient|grandmother|sister|brother|daughter|son|doctor|dentist|client))\b",
)
_GENERAL = _rx(
    r"\b(?:studies|research|trials?|evidence|scientists|experts|everyone|people|adults|women|men|you|your body)\b",
)


@lru_cache(maxsize=1)
def _drug_patterns() -> dict[str, re.Pattern[str]]:
    """Regexes of medication names (generic, brands, aliases) by concept, from the
    advisor's medication rules (medications.yaml), so that any named drug counts."""
    from vitk.advisor.medications import drugs

    names: dict[str, set[str]] = {
        "vka": set(),
        "doac": set(),
        "antiplatelet": set(),
        "heparin": set(),
    }
    for d in drugs():
        for cls in d.classes:
            if cls in names:
                names[cls].add(d.generic.lower())
                names[cls].update(a.lower() for a in d.aliases)
                for brands in d.brands.values():
                    names[cls].update(b.lower() for b in brands)
    return {
        cls: re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(v) if len(n) > 3) + r")\b")
        for cls, v in names.items()
        if v
    }


#: One alternation per concept, built once per evidence base (id → (base, patterns)): a
#: search per concept instead of one per pattern.
_COMBINED: dict[int, tuple[EvidenceBase, tuple[tuple[str, re.Pattern[str]], ...]]] = {}


def _lower_only(pattern: str) -> bool:
    """No upper-case letter outside an escape (\\S, \\b …): the pattern can run without
    IGNORECASE (twice as fast) on normalised, lower-case text."""
    return not re.search(r"[A-Z]", re.sub(r"\\[A-Za-z]", "", pattern))


def _combined(base: EvidenceBase) -> tuple[tuple[str, re.Pattern[str]], ...]:
    held = _COMBINED.get(id(base))
    if held is None or held[0] is not base:
        pats = tuple(
            (name, re.compile(alt, 0 if _lower_only(alt) else re.IGNORECASE))
            for name, ps in base.concepts.items()
            for alt in ["|".join(f"(?:{p.pattern})" for p in ps)]
        )
        held = _COMBINED[id(base)] = (base, pats)
    return held[1]


def concepts_in(
    base: EvidenceBase, normalised: str, only: AbstractSet[str] | None = None
) -> set[str]:
    """Names of the concepts (concepts.yaml, plus named drugs) present in ``normalised``
    (the lower-case text of :func:`vitk.checker.text.normalise`).

    ``only`` limits the concepts of concepts.yaml that are looked for (drugs always are).
    """
    found = {
        name
        for name, pat in _combined(base)
        if (only is None or name in only) and pat.search(normalised)
    }
    for cls, pattern in _drug_patterns().items():
        if pattern.search(normalised):
            found.add(cls if cls != "heparin" else "blood_thinner")
            found.add("blood_thinner")
    return found


def _any(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


_FORM_WORDS = (
    r"drops?|liquid|softgels?|capsules?|caps|gumm(?:y|ies)|tablets?|spray|powder|complex|"
    r"formula|blend|tincture|chewables?|lozenges?|sachets?|shots?|elixir|oil"
)
_PRODUCT_FORM = re.compile(
    rf"\b(?:k2|mk-?7|mk-?4|d3|vitamin [dk]\d?)\b.*\b(?:{_FORM_WORDS})\b|\b(?:{_FORM_WORDS})\b.*\b(?:k2|mk-?7|d3)\b",
    re.IGNORECASE,
)
#: A coined brand word: an inner capital after lower-case letters ("GlowDrops", "OsteoPlus").
_COINED = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")
#: Product combinations written with a plus sign ("K2+D3", "D3 + K2").
_COMBO = re.compile(r"\b(?:[A-Z]{1,2}\d|MK-?\d)\s?\+\s?(?:[A-Z]{1,2}\d|MK-?\d)\b")


def is_product_heading(text: str) -> bool:
    """A heading naming a product: a coined brand word, a trademark sign, a plus-sign
    combination or a dosage form next to the vitamin ("… K2 drops", "… Liquid")."""
    t = text.strip().lstrip("#*_> ").strip()
    if not t or t.endswith("?") or len(t.split()) > 10:
        return False
    return bool(
        _COINED.search(t) or re.search(r"[™®]", t) or _COMBO.search(t) or _PRODUCT_FORM.search(t)
    )


_ADVICE_NEGATION = re.compile(
    r"^(?:if [^,]{3,80},\s*)?(?:please\s+)?(?:do not|don'?t|never|avoid|stop)\s+"
    r"(?:take|taking|use|using|start|starting|add|adding|combine|combining|mix|mixing|give|giving|"
    r"eat|eating|drink|drinking|double|increase|change|stop|switch)\b"
)
_SAFETY_STATEMENT = re.compile(
    r"\b(?:safe|safely|harmless|fine|no need|nothing to worry|no risk)\b"
)


def is_negated_advice(text: str) -> bool:
    """A negated imperative, alone or after a condition ("Do not take this product if you
    use warfarin", "If you take warfarin, do not start …"): safety advice whose negation
    belongs to the instruction, not a denial of a claim."""
    return _ADVICE_NEGATION.search(text.strip().lstrip("*_#>- ").strip()) is not None


def is_safety_statement(text: str) -> bool:
    """A statement that something is safe or needs no caution ("K2 is safe with …"): the
    one kind of statement that cautionary advice denies."""
    return _SAFETY_STATEMENT.search(text) is not None


def is_call_to_action(text: str) -> bool:
    """Buy, order, book, subscribe, discount codes."""
    return _any(_CTA, text)


def is_promotional(text: str) -> bool:
    """Selling a product or a service, or a call to buy or book."""
    return _any(_CTA, text) or _any(_PROMO, text)


def is_medical_advice(text: str) -> bool:
    """Advice to get a test, scan, therapy or treatment."""
    return _any(_ADVICE, text) and _any(_TREATMENT, text)


def is_own_product(text: str) -> bool:
    """Promotion of the writer's own product or service ("our …", a trademark, buy now)."""
    return _any(_OWN_PRODUCT, text)


def is_instruction(text: str) -> bool:
    """An imperative instruction ("Contact the clinic if …")."""
    return _any(_INSTRUCTION, text.lstrip("*_#> "))


def is_market_talk(text: str) -> bool:
    """Popularity, sales, or claims reported as others' ("marketers promise …")."""
    return _any(_MARKET, text)


_MAIN_CLAUSE_END = re.compile(r",\s+(?:so|because|since|as|which means)\s|;\s|\s+so that\s|:\s")


def main_clause(text: str) -> str:
    """The text before a consequence or reason clause (for negation scope)."""
    m = _MAIN_CLAUSE_END.search(text)
    return text[: m.start()] if m else text


_CONTRAST_TAIL = re.compile(r"(?:,\s*not|,?\s+rather than|,?\s+instead of)\s+[^,;.]{1,40}[.!]?\s*$")


def without_contrast(text: str) -> str:
    """The text without a trailing contrast ("…, not K2", "… rather than K2"), which
    qualifies the claim rather than negating it."""
    return _CONTRAST_TAIL.sub("", text)


def is_hedged(text: str) -> bool:
    return _any(_HEDGE, text)


def negation_count(text: str) -> int:
    return len(_NEG.findall(text))


def is_evidence_denial(text: str) -> bool:
    """ "There is no evidence that …", "… has not been shown"."""
    return _any(_EVIDENCE_DENIAL, text)


def is_discourse(text: str) -> bool:
    """Signposting, bylines, captions: text about the article, not about health."""
    return _any(_DISCOURSE, text.strip().lstrip("*_#> "))


def is_anecdote(text: str) -> bool:
    """A personal story (first person, a relative, a patient) rather than a general claim."""
    return _any(_ANECDOTE, text) and not _any(_GENERAL, text.split(",", 1)[-1])


def any_concept(found: Iterable[str], names: Iterable[str]) -> bool:
    s = set(found)
    return any(n in s for n in names)
