"""TF-IDF retrieval of evidence-base assertions for a claim.

Every assertion contributes its canonical statement and its phrasings as documents
(unigram and bigram stems, sublinear term frequency, smoothed IDF, L2-normalised). A
claim's score for an assertion is the best cosine similarity over its documents.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from vitk.checker.text import normalise, tokens
from vitk.evidence import EvidenceBase

__all__ = ["Hit", "TfidfIndex"]


def _terms(text: str) -> list[str]:
    words = tokens(normalise(text))
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True)
class Hit:
    """The best document of one assertion for a query."""

    assertion_id: str
    score: float
    #: The statement or phrasing that matched best.
    document: str


class TfidfIndex:
    """An inverted TF-IDF index over the statements and phrasings of an evidence base."""

    def __init__(self, base: EvidenceBase) -> None:
        docs: list[tuple[str, str, Counter[str]]] = []
        for a in base.assertions:
            for text in (a.statement, *a.phrasings):
                docs.append((a.id, text, Counter(_terms(text))))
        df: Counter[str] = Counter()
        for _, _, counts in docs:
            df.update(counts.keys())
        n = len(docs)
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self._docs: list[tuple[str, str]] = []
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, (aid, text, counts) in enumerate(docs):
            weights = self._weights(counts)
            self._docs.append((aid, text))
            for t, w in weights.items():
                self._postings[t].append((i, w))

    def _weights(self, counts: Counter[str]) -> dict[str, float]:
        w = {t: (1.0 + math.log(c)) * self._idf.get(t, 0.0) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {t: v / norm for t, v in w.items() if v > 0}

    def search(self, text: str) -> dict[str, Hit]:
        """Best hit per assertion id (only assertions sharing a term with ``text``)."""
        q = self._weights(Counter(_terms(text)))
        scores: dict[int, float] = defaultdict(float)
        for t, wq in q.items():
            for i, wd in self._postings.get(t, ()):
                scores[i] += wq * wd
        best: dict[str, Hit] = {}
        for i, s in scores.items():
            aid, doc = self._docs[i]
            if aid not in best or s > best[aid].score:
                best[aid] = Hit(aid, s, doc)
        return best
