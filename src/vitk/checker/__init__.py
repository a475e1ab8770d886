"""Claim checker: grade every claim of a vitamin K article against vitk's evidence base.

``vitk.check(text)`` (or ``vitk check ARTICLE`` on the command line) splits an article
into sentences, decides which make a health, nutrition, dose, food, mechanism or safety
claim, grades each against the assertions of :mod:`vitk.evidence` and vitk's own data
(food table, reference intakes, PK parameter sets, medication rules), and flags
promotion, off-topic medical advice, hedging and numbers that do not match.
"""

from __future__ import annotations

from vitk.checker.core import (
    CheckResult,
    check,
    check_article,
    check_bytes,
    check_pasted,
    check_source,
)
from vitk.checker.grading import CLAIM_VERDICTS, FLAGS, NOT_A_CLAIM, Claim

__all__ = [
    "CLAIM_VERDICTS",
    "FLAGS",
    "NOT_A_CLAIM",
    "CheckResult",
    "Claim",
    "check",
    "check_article",
    "check_bytes",
    "check_pasted",
    "check_source",
]
