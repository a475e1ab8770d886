"""vitk's evidence base: one set of graded assertions for the claim checker and the advisor.

``data/evidence/assertions.yaml`` holds every assertion (id, canonical statement, verdict,
evidence grade, explanation, citation keys, the phrasings it should match);
``data/evidence/concepts.yaml`` holds the subject/relation word patterns that both the
assertions' ``requires`` and the checker use. The advisor's supplement-fact and relevance
statements name assertion ids (``rules.yaml``), so a report and a checked article say the
same thing in the same words.

Explanations may hold placeholders filled from vitk's own models (for example the MK-7
accumulation ratio of daily dosing from the Schurgers2007 PK parameter set), so a number
in the base never drifts from the number the simulator uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from vitk.errors import DataValidationError, UnknownReferenceError

__all__ = [
    "EVIDENCE_GRADES",
    "VERDICTS",
    "Assertion",
    "EvidenceBase",
    "load_evidence",
    "model_values",
]

#: The verdict vocabulary of an assertion (and of a graded claim).
VERDICTS = ("supported", "mixed or limited", "unsupported", "contradicted")
#: Kinds of evidence behind a verdict.
EVIDENCE_GRADES = (
    "systematic review",
    "randomised trials",
    "observational",
    "mechanistic",
    "pharmacokinetic trial",
    "reference values",
    "food composition",
    "guideline",
    "none found",
)
NUMERIC_KINDS = ("food", "dose", "half_life", "accumulation", "intake")
_DEFAULT_NEGATION = {
    "supported": "contradicted",
    "contradicted": "supported",
    "mixed or limited": "mixed or limited",
    # absence of evidence is not evidence of absence
    "unsupported": "mixed or limited",
}
_CITE_RE = re.compile(r"\[([^\]]+)\]")
#: A verdict label opening an explanation ("Contradicted: ", "Unsupported as written: ").
_VERDICT_LABEL_RE = re.compile(
    r"^(?:Supported|Contradicted|Unsupported|Mixed|Accurate)(?: as written)?: "
)


@dataclass(frozen=True)
class Assertion:
    """One graded statement of the evidence base."""

    id: str
    statement: str
    verdict: str
    grade: str
    explanation: str
    citations: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...]
    phrasings: tuple[str, ...]
    if_negated: str
    numeric: str = ""
    unverified: bool = False

    @property
    def evidence_text(self) -> str:
        """The explanation without its leading verdict label ("Contradicted: …").

        A report shows the grade beside the text, so it states the evidence without the
        label; the words are otherwise the checker's explanation.
        """
        m = _VERDICT_LABEL_RE.match(self.explanation)
        if m is None:
            return self.explanation
        rest = self.explanation[m.end() :]
        return rest[:1].upper() + rest[1:]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "verdict": self.verdict,
            "grade": self.grade,
            "explanation": self.explanation,
            "citations": list(self.citations),
            "unverified": self.unverified,
        }


@dataclass(frozen=True)
class EvidenceBase:
    """The validated assertions and concept patterns."""

    assertions: tuple[Assertion, ...]
    concepts: dict[str, tuple[re.Pattern[str], ...]]

    def get(self, assertion_id: str) -> Assertion:
        """The assertion with this id.

        Raises
        ------
        KeyError
            If no assertion has that id.
        """
        for a in self.assertions:
            if a.id == assertion_id:
                return a
        raise KeyError(assertion_id)

    def ids(self) -> list[str]:
        return [a.id for a in self.assertions]


@lru_cache(maxsize=1)
def model_values() -> dict[str, float]:
    """Numbers the explanations take from vitk's own models (placeholders in the YAML).

    ``mk7_half_life_h`` and ``mk7_accumulation_ratio`` come from the Schurgers2007 MK-7
    parameter set: the accumulation ratio of once-daily dosing is 1 / (1 − exp(−ke·24 h)).
    """
    import math

    from vitk.pharmacology import sets

    p = sets.load("Schurgers2007")
    ke = float(p["ke [1/h]"])
    return {
        "mk7_half_life_h": math.log(2) / ke,
        "mk7_accumulation_ratio": 1.0 / (1.0 - math.exp(-ke * 24.0)),
    }


def _read_yaml(name: str) -> Any:
    import yaml

    text = resources.files("vitk").joinpath("data", "evidence", name).read_text("utf-8")
    return yaml.safe_load(text)


def _compile_concepts(raw: Mapping[str, Any]) -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for name, patterns in raw["concepts"].items():
        try:
            out[name] = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        except re.error as exc:
            raise DataValidationError(
                f"concepts.yaml: concept {name!r} has a bad pattern: {exc}."
            ) from None
    return out


def _validate(item: Mapping[str, Any], concepts: Mapping[str, Any], seen: set[str]) -> None:
    from vitk.references import get

    aid = item.get("id", "?")
    where = f"assertions.yaml assertion {aid}"
    for field in ("id", "statement", "verdict", "grade", "explanation", "phrasings"):
        if not item.get(field):
            raise DataValidationError(f"{where}: missing {field!r}.")
    if aid in seen:
        raise DataValidationError(f"assertions.yaml: duplicate assertion id {aid!r}.")
    if item["verdict"] not in VERDICTS:
        raise DataValidationError(
            f"{where}: verdict must be one of {VERDICTS}; got {item['verdict']!r}."
        )
    if item.get("if_negated", VERDICTS[0]) not in VERDICTS:
        raise DataValidationError(f"{where}: if_negated {item['if_negated']!r} is not a verdict.")
    if item["grade"] not in EVIDENCE_GRADES:
        raise DataValidationError(
            f"{where}: grade must be one of {EVIDENCE_GRADES}; got {item['grade']!r}."
        )
    if item.get("numeric", "") and item["numeric"] not in NUMERIC_KINDS:
        raise DataValidationError(f"{where}: numeric must be one of {NUMERIC_KINDS}.")
    citations = list(item.get("citations") or [])
    if not citations and item["grade"] != "none found":
        raise DataValidationError(f"{where}: no citation keys (only 'none found' may have none).")
    for key in citations:
        try:
            get(key)
        except UnknownReferenceError as exc:
            raise DataValidationError(f"{where}: {exc}") from None
    for group in _CITE_RE.findall(item["explanation"]):
        for key in (k.strip() for k in group.split(";")):
            if key not in citations:
                raise DataValidationError(f"{where}: [{key}] in the explanation is not cited.")
    for group in item.get("requires") or []:
        for name in group:
            if name not in concepts:
                raise DataValidationError(f"{where}: requires unknown concept {name!r}.")


def _parse(raw: Mapping[str, Any], raw_concepts: Mapping[str, Any]) -> EvidenceBase:
    concepts = _compile_concepts(raw_concepts)
    values = model_values()
    seen: set[str] = set()
    out: list[Assertion] = []
    for item in raw["assertions"]:
        _validate(item, concepts, seen)
        seen.add(item["id"])
        explanation = " ".join(str(item["explanation"]).split())
        try:
            explanation = explanation.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise DataValidationError(
                f"assertions.yaml assertion {item['id']}: bad placeholder {exc}."
            ) from None
        verdict = item["verdict"]
        out.append(
            Assertion(
                id=item["id"],
                statement=" ".join(str(item["statement"]).split()),
                verdict=verdict,
                grade=item["grade"],
                explanation=explanation,
                citations=tuple(item.get("citations") or ()),
                requires=tuple(tuple(g) for g in item.get("requires") or ()),
                phrasings=tuple(str(p) for p in item["phrasings"]),
                if_negated=item.get("if_negated", _DEFAULT_NEGATION[verdict]),
                numeric=item.get("numeric", "") or "",
                unverified=bool(item.get("unverified", False)),
            )
        )
    return EvidenceBase(assertions=tuple(out), concepts=concepts)


@lru_cache(maxsize=1)
def load_evidence() -> EvidenceBase:
    """The packaged evidence base, validated (ids unique, verdicts known, keys resolve)."""
    return _parse(_read_yaml("assertions.yaml"), _read_yaml("concepts.yaml"))
