"""Fuzzy food-name search: diacritics, plurals, synonyms and "did you mean".

Names and synonyms are normalised once (accents stripped, lower case, punctuation to
spaces, simple English plurals to singular, word synonyms such as courgette →
zucchini) and scored with rapidfuzz's WRatio, then nudged: every query word found as
a word prefix +8, name starting with the query +5, curated foods +4.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MIN_SCORE", "NameIndex", "SearchHit", "normalise"]

#: Below this score a match is a guess: resolve() refuses it and offers suggestions.
MIN_SCORE = 75.0
#: With a good match, hits more than this many points below the best are dropped.
RELATIVE_FLOOR = 30.0
#: Raw WRatio below which a name is not considered (when anything scores above it).
SCORE_CUTOFF = 55.0

_WORD_SYNONYMS = {
    "courgette": "zucchini",
    "aubergine": "eggplant",
    "rocket": "arugula",
    "coriander": "cilantro",
    "yoghurt": "yogurt",
    "minced": "ground",
    "mince": "ground",
    "emmentaler": "emmental",
    "emmenthal": "emmental",
    "gruyere": "gruyere",
    "pate": "pate",
    "prawn": "shrimp",
    "beetroot": "beet",
    "chickpea": "garbanzo",
    "porridge": "oatmeal",
    "rapeseed": "canola",
    "soya": "soy",
    "soybean": "soy",
    "liverwurst": "liver sausage",
    "kraut": "sauerkraut",
    "munster": "muenster",
}

_PUNCT = re.compile(r"[^a-z0-9%]+")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "oes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, singularise, apply word synonyms."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    words = _PUNCT.sub(" ", ascii_text.lower()).split()
    out = []
    for w in words:
        s = _singular(w)
        out.append(_WORD_SYNONYMS.get(s, _WORD_SYNONYMS.get(w, s)))
    return " ".join(out)


@dataclass(frozen=True)
class SearchHit:
    food_id: str
    name: str
    score: float
    source_db: str
    matched: str  # the name or synonym that matched


class NameIndex:
    """A search index over (food_id, name, synonyms, source) entries."""

    def __init__(self, entries: Sequence[tuple[str, str, Sequence[str], str]]) -> None:
        self._choices: list[str] = []
        self._owner: list[int] = []
        self._raw: list[str] = []
        self._foods: list[tuple[str, str, str]] = []
        for i, (food_id, name, synonyms, source) in enumerate(entries):
            self._foods.append((food_id, name, source))
            for label in (name, *synonyms):
                n = normalise(label)
                if n:
                    self._choices.append(n)
                    self._owner.append(i)
                    self._raw.append(label)

    def __len__(self) -> int:
        return len(self._foods)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        from rapidfuzz import fuzz, process

        q = normalise(query)
        if not q:
            return []
        q_words = q.split()
        n = max(200, limit * 20)
        # A score cutoff lets rapidfuzz skip most names early (about 3x faster); if
        # nothing passes, look again without it so that "did you mean" has suggestions.
        raw = process.extract(
            q, self._choices, scorer=fuzz.WRatio, processor=None, limit=n, score_cutoff=SCORE_CUTOFF
        ) or process.extract(q, self._choices, scorer=fuzz.WRatio, processor=None, limit=5)
        best: dict[int, SearchHit] = {}
        for choice, score, idx in raw:
            owner = self._owner[idx]
            food_id, name, source = self._foods[owner]
            words = choice.split()
            bonus = 0.0
            if all(any(w.startswith(qw) for w in words) for qw in q_words):
                bonus += 8.0
            if choice.startswith(q):
                bonus += 5.0
            if source == "curated":
                bonus += 4.0
            bonus -= len(choice) / 60.0
            total = float(score) + bonus
            prev = best.get(owner)
            if prev is None or total > prev.score:
                best[owner] = SearchHit(food_id, name, total, source, self._raw[idx])
        hits = sorted(best.values(), key=lambda h: (-h.score, len(h.name), h.name))
        if hits and hits[0].score >= MIN_SCORE:
            # With a good match, drop the long tail of weak partial matches.
            floor = max(MIN_SCORE - 10.0, hits[0].score - RELATIVE_FLOOR)
            hits = [h for h in hits if h.score >= floor]
        return hits[:limit]
