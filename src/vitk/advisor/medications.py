"""Normalise free-text medication names to a generic name and interaction classes.

The dictionary (``vitk/data/advisor/medications.yaml``) lists generic names, brand
names by country, salt forms and common misspellings. Matching goes, in order:
exact name → name with dose and form words removed → a known name inside the
text → a fuzzy match (rapidfuzz) with a conservative threshold. A fuzzy match
must be clearly better than the runner-up from a different drug; otherwise the
name is *unrecognised* and reported back, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from vitk.errors import DataValidationError

__all__ = [
    "CLASSES",
    "Drug",
    "MedicationMatch",
    "drugs",
    "normalise",
    "normalise_all",
]

CLASSES = (
    "vka",
    "anticoagulant_unknown",
    "doac",
    "heparin",
    "antiplatelet",
    "antibiotic",
    "cephalosporin_nmtt",
    "bile_acid_sequestrant",
    "orlistat",
    "anticonvulsant_inducer",
    "mineral_oil",
    "other",
)

#: Fuzzy matches need this rapidfuzz ratio (0–100) ...
FUZZY_MIN_SCORE = 85.0
#: ... a query of at least this many letters ...
FUZZY_MIN_LENGTH = 5
#: ... and a lead of this many points over the best match from another drug.
FUZZY_MIN_MARGIN = 4.0

_DOSE_WORDS = re.compile(
    r"\b(\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|iu|units?|%)?|tablets?|tabs?|capsules?|caps?|"
    r"daily|once|twice|bd|od|tds|qd|bid|tid|prn|injections?|oral|po|sc|iv|film[- ]coated|"
    r"extended[- ]release|er|xr|sr|ds|mg/day|per|day|a|at|night|morning|with|food)\b"
)


@dataclass(frozen=True)
class Drug:
    generic: str
    classes: tuple[str, ...]
    brands: dict[str, tuple[str, ...]]
    aliases: tuple[str, ...]
    dagger: bool
    citation_keys: tuple[str, ...]


@dataclass(frozen=True)
class MedicationMatch:
    """The result of normalising one medication name."""

    text: str
    generic: str | None
    classes: tuple[str, ...] = ()
    matched_by: Literal["exact", "cleaned", "contained", "fuzzy", "none"] = "none"
    matched_name: str = ""
    score: float = 0.0
    candidates: tuple[str, ...] = field(default_factory=tuple)
    citation_keys: tuple[str, ...] = ()
    #: True when the name or class assignment rests on a † (unverified) item of evidence.md.
    unverified: bool = False

    @property
    def recognised(self) -> bool:
        return self.generic is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "generic": self.generic,
            "classes": list(self.classes),
            "matched_by": self.matched_by,
            "matched_name": self.matched_name,
            "score": round(self.score, 1),
            "candidates": list(self.candidates),
            "citations": list(self.citation_keys),
            "unverified": self.unverified,
        }


def _key(text: str) -> str:
    t = text.lower().replace("®", "").replace("™", "")
    t = re.sub(r"[^a-z0-9/+\- ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


@lru_cache(maxsize=1)
def drugs() -> tuple[Drug, ...]:
    """The medication dictionary, validated on load."""
    import yaml

    raw = yaml.safe_load(
        resources.files("vitk").joinpath("data", "advisor", "medications.yaml").read_text("utf-8")
    )
    class_keys: dict[str, list[str]] = raw["class_keys"]
    out: list[Drug] = []
    for item in raw["drugs"]:
        classes = tuple(item["classes"])
        bad = [c for c in classes if c not in CLASSES]
        if bad:
            raise DataValidationError(
                f"medications.yaml: {item['generic']} has unknown class {bad}."
            )
        keys: list[str] = []
        for c in classes:
            for k in class_keys.get(c, []):
                if k not in keys:
                    keys.append(k)
        out.append(
            Drug(
                generic=item["generic"],
                classes=classes,
                brands={c: tuple(b) for c, b in (item.get("brands") or {}).items()},
                aliases=tuple(item.get("aliases") or ()),
                dagger=bool(item.get("dagger", False)),
                citation_keys=tuple(keys),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Drug, str]]:
    idx: dict[str, tuple[Drug, str]] = {}
    for d in drugs():
        names = [d.generic, *d.aliases, *(b for bs in d.brands.values() for b in bs)]
        for n in names:
            k = _key(n)
            if k in idx and idx[k][0].generic != d.generic:
                raise DataValidationError(
                    f"medications.yaml: name '{n}' maps to both {idx[k][0].generic} "
                    f"and {d.generic}."
                )
            idx[k] = (d, n)
    return idx


def _match(text: str, drug: Drug, how: Any, name: str, score: float = 100.0) -> MedicationMatch:
    return MedicationMatch(
        text=text,
        generic=drug.generic,
        classes=drug.classes,
        matched_by=how,
        matched_name=name,
        score=score,
        citation_keys=drug.citation_keys,
        unverified=drug.dagger,
    )


def normalise(text: str) -> MedicationMatch:
    """Map one free-text medication name to its generic name and classes.

    Examples
    --------
    >>> normalise("Marevan 3 mg").generic
    'warfarin'
    >>> normalise("apixiban").generic
    'apixaban'
    >>> normalise("zzqx").recognised
    False
    """
    from rapidfuzz import fuzz, process

    idx = _index()
    k = _key(text)
    if not k:
        return MedicationMatch(text=text, generic=None)
    if k in idx:
        d, n = idx[k]
        return _match(text, d, "exact", n)
    cleaned = re.sub(r"\s+", " ", _DOSE_WORDS.sub(" ", k)).strip()
    if cleaned and cleaned in idx:
        d, n = idx[cleaned]
        return _match(text, d, "cleaned", n)
    # A known multi-letter name inside the text ("my warfarin pills"): longest wins.
    words = cleaned.split()
    found: list[tuple[int, Drug, str]] = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) >= 4 and phrase in idx:
                d, n = idx[phrase]
                found.append((len(phrase), d, n))
    if found:
        generics = {d.generic for _, d, _ in found}
        if len(generics) == 1:
            _, d, n = max(found, key=lambda t: t[0])
            return _match(text, d, "contained", n)
        return MedicationMatch(text=text, generic=None, candidates=tuple(sorted(generics)))
    query = cleaned or k
    if len(query.replace(" ", "")) < FUZZY_MIN_LENGTH:
        return MedicationMatch(text=text, generic=None)
    results = process.extract(query, list(idx), scorer=fuzz.ratio, limit=10)
    if not results or results[0][1] < FUZZY_MIN_SCORE:
        near = tuple(dict.fromkeys(idx[r[0]][0].generic for r in results if r[1] >= 70))[:3]
        return MedicationMatch(text=text, generic=None, candidates=near)
    best_name, best_score, _ = results[0]
    best = idx[best_name][0]
    rival = next((r for r in results[1:] if idx[r[0]][0].generic != best.generic), None)
    if rival is not None and best_score - rival[1] < FUZZY_MIN_MARGIN:
        return MedicationMatch(
            text=text,
            generic=None,
            candidates=(best.generic, idx[rival[0]][0].generic),
            score=best_score,
        )
    return _match(text, best, "fuzzy", idx[best_name][1], best_score)


_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\+|\band\b|\bplus\b)\s*", re.IGNORECASE)


def normalise_all(texts: tuple[str, ...] | list[str]) -> list[MedicationMatch]:
    """Normalise every name; unrecognised names are kept with ``generic=None``.

    A text that names several drugs ("warfarin and aspirin", "Eliquis + cipro") is split
    and each part is normalised, so that no drug, and above all no VKA, is lost.
    """
    out: list[MedicationMatch] = []
    for text in texts:
        m = normalise(text)
        if m.matched_by not in ("exact", "cleaned"):
            parts = [p for p in _SPLIT_RE.split(text) if p.strip()]
            if len(parts) > 1:
                out.extend(normalise(p) for p in parts)
                continue
        out.append(m)
    return out
