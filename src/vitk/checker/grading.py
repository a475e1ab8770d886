"""Grade the sentences of an article against the evidence base.

For each sentence: decide whether it is a claim (not a heading, question, signpost,
personal story or topic-free sentence), split it when it holds several claims, find the
best assertion whose ``requires`` concepts are all present (TF-IDF similarity to its
statement and phrasings), turn the assertion's verdict by negation or by a denial of
evidence ("there is no evidence that …"), run the number checks, and apply the
promotion and off-topic rules. Rules (the same as docs/checker.md):

* no assertion above :data:`MATCH_THRESHOLD` → ``unsupported``, "no evidence found";
* a number off by more than its tolerance → flag ``numeric_mismatch``; a ``supported``
  verdict becomes ``mixed or limited`` within a factor :data:`MISMATCH_FACTOR` of vitk's
  value and ``contradicted`` beyond it;
* promotion → flag ``promotional`` and ``unsupported`` unless the matched assertion is
  ``supported``;
* medical advice or health claims without any vitamin K topic → flag ``off_topic``;
* hedging ("may", "some studies suggest") → flag ``hedged``; it does not change the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vitk.checker import cues
from vitk.checker.numbers import NumericFinding, check_numbers
from vitk.checker.retrieval import Hit, TfidfIndex
from vitk.checker.text import Segment, normalise
from vitk.evidence import VERDICTS, Assertion, EvidenceBase

__all__ = [
    "CLAIM_VERDICTS",
    "FLAGS",
    "MATCH_THRESHOLD",
    "NOT_A_CLAIM",
    "Claim",
    "Grader",
]

NOT_A_CLAIM = "not a health claim"
#: Every verdict a checked sentence can get.
CLAIM_VERDICTS = (*VERDICTS, NOT_A_CLAIM)
FLAGS = ("promotional", "off_topic", "numeric_mismatch", "hedged")
#: Lowest TF-IDF similarity (plus specificity bonus) at which an assertion matches.
MATCH_THRESHOLD = 0.16
#: Bonus per ``requires`` group of an assertion (prefers the more specific assertion).
SPECIFICITY_BONUS = 0.03
#: A mismatched number within this factor of vitk's value gives "mixed or limited".
MISMATCH_FACTOR = 2.0
_SUBJECTS = ("vitamin_k", "k2", "k1", "mk7", "mk4", "vitamin_d", "calcium", "magnesium", "natto")
#: Medication concepts carried to the next sentences (a leaflet about warfarin keeps
#: talking about warfarin) for :data:`MEDICATION_CONTEXT_SENTENCES` sentences.
_MEDICATIONS = ("vka", "doac", "antiplatelet", "blood_thinner")
_MEDICATION_SET = frozenset(_MEDICATIONS)
MEDICATION_CONTEXT_SENTENCES = 4
_PRONOUN = re.compile(
    r"^(?:it|its|this|these|they|both|that|such|the vitamin|this vitamin|this nutrient"
    r"|the nutrient|the supplement)\b"
)
_SPLIT = re.compile(
    r";\s+|\s+[-–—]\s+|,\s+(?:and|but|while|whereas|yet)\s+"
    r"|\s+(?:and it|and they|and also|while it|whereas it)\s+"
)
_HEALTH_WORDS = re.compile(
    r"\b(?:health|healthy|disease|immune|immunity|inflammation|cure|cures|heal|heals|treat|"
    r"treats|symptoms?|pain|cancer|infection|detox|toxins?|hormones?|thyroid|blood pressure|"
    r"cholesterol|sleep|anxiety|weight)\b"
)


@dataclass(frozen=True)
class Claim:
    """One graded sentence or part of a sentence."""

    text: str
    start: int
    end: int
    verdict: str
    flags: tuple[str, ...]
    assertion_id: str | None
    explanation: str
    citations: tuple[str, ...]
    confidence: float
    numbers: tuple[NumericFinding, ...] = field(default=(), compare=False)

    @property
    def is_claim(self) -> bool:
        return self.verdict != NOT_A_CLAIM

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of one claim."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "flags": list(self.flags),
            "assertion_id": self.assertion_id,
            "explanation": self.explanation,
            "citations": list(self.citations),
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class _Match:
    assertion: Assertion
    hit: Hit
    score: float


def _requires_met(a: Assertion, concepts: set[str]) -> bool:
    return all(any(c in concepts for c in group) for group in a.requires)


#: Drug classes under the generic "blood thinner" concept.
_DRUG_CLASSES = frozenset({"vka", "doac", "antiplatelet"})


def _too_generic(a: Assertion, concepts: set[str], specific: set[str]) -> bool:
    """An assertion about blood thinners in general, when the claim names drugs of other
    classes only and an assertion about those classes matched too ("Vitamin K does not
    interfere with dabigatran" is about DOACs, not about all blood thinners)."""
    named = concepts & _DRUG_CLASSES
    if not named or "vka" in named:
        return False
    groups = [set(g) for g in a.requires]
    generic = any("blood_thinner" in g and not g & named for g in groups)
    return generic and bool(specific)


def _flags(*pairs: tuple[str, bool]) -> tuple[str, ...]:
    return tuple(name for name, on in pairs if on)


_DENIAL_VERDICT = {
    "supported": "contradicted",
    "contradicted": "supported",
    "mixed or limited": "supported",
    "unsupported": "supported",
}


class Grader:
    """Grades sentences against one evidence base (build once, reuse)."""

    def __init__(self, base: EvidenceBase) -> None:
        self.base = base
        self.index = TfidfIndex(base)

    # ------------------------------------------------------------------ matching
    def best_match(self, norm: str, concepts: set[str]) -> _Match | None:
        hits = self.index.search(norm)
        best: _Match | None = None
        named = concepts & _DRUG_CLASSES
        specific = {
            aid
            for aid in hits
            if _requires_met(a := self.base.get(aid), concepts)
            and any(set(g) & named for g in a.requires)
        }
        for aid, hit in hits.items():
            a = self.base.get(aid)
            if not _requires_met(a, concepts) or _too_generic(a, concepts, specific):
                continue
            score = hit.score + SPECIFICITY_BONUS * len(a.requires)
            if best is None or score > best.score:
                best = _Match(a, hit, score)
        return best if best is not None and best.score >= MATCH_THRESHOLD else None

    # ------------------------------------------------------------------ one piece
    def _grade(
        self,
        text: str,
        start: int,
        end: int,
        seg: Segment,
        subject: set[str],
        inherit: bool = False,
        medication: frozenset[str] = frozenset(),
    ) -> tuple[Claim, set[str]]:
        norm = normalise(text)
        concepts = cues.concepts_in(self.base, norm)
        if not concepts & set(_MEDICATIONS):
            concepts |= medication
        if not concepts & set(_SUBJECTS) and (inherit or _PRONOUN.match(norm) or seg.list_item):
            concepts |= subject
        promo = cues.is_promotional(norm) or (seg.heading and cues.is_product_heading(text))
        hedged = cues.is_hedged(norm)
        topical = bool(concepts & set(cues.TOPIC_CONCEPTS))
        k_topic = bool(concepts & {"vitamin_k", "natto", "blood_thinner", "osteocalcin", "mgp"})
        advice = cues.is_medical_advice(norm)
        health_other = (advice or bool(_HEALTH_WORDS.search(norm))) and not k_topic and not topical
        off_topic = (advice and not k_topic) or health_other
        words = len(norm.split())

        def not_claim(reason: str, conf: float) -> tuple[Claim, set[str]]:
            return Claim(text, start, end, NOT_A_CLAIM, (), None, reason, (), conf), concepts

        if not promo:
            if seg.heading:
                return not_claim("A heading, not a claim.", 0.9)
            if norm.rstrip().endswith("?"):
                return not_claim("A question, not a claim.", 0.85)
            if cues.is_discourse(norm):
                return not_claim("Text about the article (signpost, byline or caption).", 0.85)
            if words < 3 or (words < 4 and not topical):
                return not_claim("Too short to state a claim.", 0.8)
            if cues.is_anecdote(norm):
                return not_claim("A personal story, not a general claim.", 0.7)
            if cues.is_market_talk(norm) and not cues.is_evidence_denial(norm):
                return not_claim("About popularity or sales, or reporting what others claim.", 0.6)
            if not topical and not off_topic:
                return not_claim("No health, nutrition, dose or safety topic.", 0.75)

        match = self.best_match(norm, concepts) if (topical or off_topic) else None
        numbers = check_numbers(norm, concepts, match.assertion.numeric if match else "")
        own = next((n for n in numbers if n.verdict is not None), None)
        mismatch = any(n.mismatch for n in numbers)

        if (
            match is None
            and not promo
            and not off_topic
            and own is None
            and cues.is_instruction(norm)
        ):
            return not_claim("An instruction without a claim that can be checked.", 0.6)

        if match is not None:
            a = match.assertion
            claim_neg = cues.negation_count(cues.without_contrast(cues.main_clause(norm))) > 0
            # Negation is read in the main clause of the claim, of the matched phrasing and
            # of the statement alike ("D3 must be taken with K2, because D3 without K2 …").
            negated = claim_neg != (
                cues.negation_count(cues.main_clause(normalise(match.hit.document))) > 0
            ) and claim_neg != (cues.negation_count(cues.main_clause(normalise(a.statement))) > 0)
            if cues.is_evidence_denial(norm) and not cues.is_evidence_denial(
                normalise(match.hit.document)
            ):
                verdict = _DENIAL_VERDICT[a.verdict]
                lead = "The claim denies evidence for: " + a.statement.rstrip(".") + ". "
            elif claim_neg and cues.is_negated_advice(norm):
                # Cautionary advice ("Do not take this product if you use warfarin"): the
                # negation belongs to the instruction. It denies only a statement that
                # something is safe; otherwise it agrees with the matched statement.
                if cues.is_safety_statement(normalise(a.statement)):
                    verdict = a.if_negated
                    lead = "The advice denies: " + a.statement.rstrip(".") + ". "
                else:
                    verdict = a.verdict
                    lead = ""
            elif negated:
                verdict = a.if_negated
                lead = "The claim denies: " + a.statement.rstrip(".") + ". "
            else:
                verdict = a.verdict
                lead = ""
            if own is not None and a.numeric == "food":
                verdict = own.verdict or verdict
            explanation = lead + a.explanation
            citations = list(a.citations)
            confidence = min(0.95, 0.45 + match.score)
            aid: str | None = a.id
        elif own is not None:
            verdict = own.verdict or "unsupported"
            explanation = "No assertion of the evidence base matches; graded on vitk's food table."
            citations = []
            confidence = 0.6
            aid = None
        else:
            verdict = "unsupported"
            explanation = (
                "No evidence found: no assertion of vitk's evidence base matches this claim."
            )
            citations = []
            confidence = 0.5
            aid = None

        if mismatch and verdict == "supported":
            factor = max(n.factor for n in numbers if n.mismatch)
            verdict = "mixed or limited" if factor <= MISMATCH_FACTOR else "contradicted"
        for n in numbers:
            explanation += " " + n.sentence()
            citations.extend(n.sources)
        if off_topic:
            explanation = (
                "Off topic: medical advice or a health claim outside vitamin K. " + explanation
            )
        if promo:
            if verdict != "supported" or cues.is_own_product(norm):
                verdict = "unsupported"
            explanation = (
                "Promotional: selling a product or service, or a call to buy or book; "
                "promotion is not evidence. " + explanation
            )
        if hedged:
            explanation += " The claim is hedged; hedging does not change the verdict."
        flags = _flags(
            ("promotional", promo),
            ("off_topic", off_topic),
            ("numeric_mismatch", mismatch),
            ("hedged", hedged),
        )
        claim = Claim(
            text,
            start,
            end,
            verdict,
            flags,
            aid,
            explanation.strip(),
            tuple(dict.fromkeys(citations)),
            round(confidence, 2),
            tuple(numbers),
        )
        return claim, concepts

    # ------------------------------------------------------------------ one sentence
    def _pieces(self, seg: Segment) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = 0
        for m in _SPLIT.finditer(seg.text):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(seg.text)))
        return [(s, e) for s, e in out if len(seg.text[s:e].split()) >= 3]

    def grade_segment(
        self, seg: Segment, subject: set[str], medication: frozenset[str] = frozenset()
    ) -> tuple[list[Claim], set[str]]:
        """Claims of one sentence (one, or several when its parts match different
        assertions), and the concepts to carry to the next sentence."""
        whole, concepts = self._grade(
            seg.text, seg.start, seg.end, seg, subject, medication=medication
        )
        pieces = self._pieces(seg)
        carried = (concepts & set(_SUBJECTS)) or subject
        if len(pieces) >= 2 and whole.is_claim:
            parts: list[Claim] = []
            for s, e in pieces:
                c, _ = self._grade(
                    seg.text[s:e],
                    seg.start + s,
                    seg.start + e,
                    seg,
                    concepts & set(_SUBJECTS),
                    inherit=True,
                    medication=frozenset(concepts & set(_MEDICATIONS)) or medication,
                )
                parts.append(c)
            ids = {c.assertion_id for c in parts if c.assertion_id}
            if len(ids) >= 2:
                return [c for c in parts if c.is_claim], carried
        return [whole], carried

    def grade(self, segments: Iterable[Segment]) -> list[Claim]:
        out: list[Claim] = []
        subject: set[str] = set()
        medication: frozenset[str] = frozenset()
        age = 0
        for seg in segments:
            claims, subject = self.grade_segment(seg, subject, medication)
            named = frozenset(
                cues.concepts_in(self.base, normalise(seg.text), only=_MEDICATION_SET)
                & _MEDICATION_SET
            )
            if named:
                specific = named - {"blood_thinner"}
                medication, age = (specific or named), 0
            else:
                age += 1
                if age > MEDICATION_CONTEXT_SENTENCES:
                    medication = frozenset()
            out.extend(claims)
        return out
