"""The advisor's report: a typed record with a stable JSON form.

JSON contract (top-level keys): ``schema``, ``person``, ``safety``,
``unrecognised_medications``, ``medications``, ``intake``, ``recommendations``,
``food_options``, ``co_nutrients``, ``vitamin_d_status``, ``vitamin_d_testing``, ``rule_trace``,
``references``, ``disclaimer``. Each ``safety`` item has ``rule_id``, ``category``,
``severity``, ``grade``, ``message``, ``citations``, ``reasons`` and ``unverified``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["DISCLAIMER", "SCHEMA", "Report", "SafetyItem", "Statement"]

SCHEMA = "vitk.advisor.report/1"

DISCLAIMER = (
    "Not medical advice. This report summarises published evidence for information only; "
    "it does not replace your doctor, pharmacist or anticoagulation clinic. Never start, "
    "stop or change a medicine or supplement because of it without asking them."
)

_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def _as_json(item: Any) -> dict[str, Any]:
    """A rule outcome's fields in declaration order, tuples as lists (its JSON form)."""
    return {
        f.name: list(value) if isinstance(value := getattr(item, f.name), tuple) else value
        for f in fields(item)
    }


@dataclass(frozen=True)
class SafetyItem:
    """A safety rule that fired."""

    rule_id: str
    category: str
    severity: str
    grade: str
    message: str
    citations: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    unverified: bool = False
    #: Evidence-base assertions the message is built from (the checker grades with them).
    assertion_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass(frozen=True)
class Statement:
    """A relevance item or supplement fact, graded and cited."""

    rule_id: str
    section: str
    title: str
    grade: str
    #: True, False, or None when it cannot be told (a fact it needs is unknown).
    applies: bool | None
    message: str
    citations: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    unverified: bool = False
    #: Evidence-base assertions the message is built from (the checker grades with them).
    assertion_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass
class Report:
    """Everything the renderers need; :meth:`to_dict` is the JSON form."""

    person: dict[str, Any]
    safety: list[SafetyItem]
    unrecognised_medications: list[dict[str, Any]]
    medications: list[dict[str, Any]]
    intake: dict[str, Any]
    recommendations: list[Statement]
    food_options: dict[str, Any]
    co_nutrients: list[dict[str, Any]]
    vitamin_d_status: dict[str, Any] | None
    rule_trace: list[dict[str, Any]]
    references: list[dict[str, str]] = field(default_factory=list)
    #: What to say about 25(OH)D testing (``note``, ``citations``, ``at_risk``), with or
    #: without a result.
    vitamin_d_testing: dict[str, Any] | None = None
    disclaimer: str = DISCLAIMER

    def __post_init__(self) -> None:
        self.safety = sorted(self.safety, key=lambda s: _SEVERITY_ORDER.get(s.severity, 9))

    @property
    def fired_rule_ids(self) -> list[str]:
        return [t["rule_id"] for t in self.rule_trace if t["fired"]]

    @property
    def safety_categories(self) -> set[str]:
        return {s.category for s in self.safety}

    def relevance(self) -> list[Statement]:
        return [s for s in self.recommendations if s.section == "relevance"]

    def facts(self) -> list[Statement]:
        return [s for s in self.recommendations if s.section == "facts"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "person": self.person,
            "safety": [s.to_dict() for s in self.safety],
            "unrecognised_medications": self.unrecognised_medications,
            "medications": self.medications,
            "intake": self.intake,
            "recommendations": [s.to_dict() for s in self.recommendations],
            "food_options": self.food_options,
            "co_nutrients": self.co_nutrients,
            "vitamin_d_status": self.vitamin_d_status,
            "vitamin_d_testing": self.vitamin_d_testing,
            "rule_trace": self.rule_trace,
            "references": self.references,
            "disclaimer": self.disclaimer,
        }
