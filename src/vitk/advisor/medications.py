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
from dataclasses import dataclass, field, replace
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
    r"\b(\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|iu|units?|%|x|h|hrs?|hours?)?|x\s*\d+|q\d+h|"
    r"hours?|hrs?|tablets?|tabs?|pills?|"
    r"capsules?|caps?|daily|once|twice|thrice|times|x|bd|od|tds|qds|qd|bid|tid|qid|prn|"
    r"mane|nocte|injections?|oral|po|sc|iv|film[- ]coated|extended[- ]release|er|xr|sr|ds|"
    r"mg/day|per|day|days|a|an|at|in|the|every|each|other|weekly|nightly|night|morning|"
    r"evening|bedtime|with|food|meals?|dose|as needed)\b"
)
#: Separators between the drugs named in one free-text line ("rivaroxaban/Xarelto",
#: "warfarin (Coumadin)", "Eliquis + cipro", "warfarin and aspirin").
_SPLIT_RE = re.compile(r"\s*(?:[,;/&+()\[\]]|\band\b|\bplus\b)\s*", re.IGNORECASE)


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


def _contained(words: list[str], idx: dict[str, tuple[Drug, str]]) -> list[tuple[int, Drug, str]]:
    found: list[tuple[int, Drug, str]] = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) >= 4 and phrase in idx:
                d, n = idx[phrase]
                found.append((len(phrase), d, n))
    return found


def _cleaned(text: str) -> str:
    """The text without dose, form and frequency words ('' if nothing else is left)."""
    return re.sub(r"\s+", " ", _DOSE_WORDS.sub(" ", _key(text))).strip(" /+-")


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
    cleaned = _cleaned(text)
    if cleaned and cleaned in idx:
        d, n = idx[cleaned]
        return _match(text, d, "cleaned", n)
    # A known multi-letter name inside the text ("my warfarin pills"): longest wins.
    # Hyphenated words are tried whole first, then split ("Apo-Warfarin").
    found = _contained(cleaned.split(), idx)
    if not found and "-" in cleaned:
        found = _contained(cleaned.replace("-", " ").split(), idx)
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


_RANK = {"exact": 0, "cleaned": 1, "contained": 2, "fuzzy": 3, "none": 4}


def _normalise_line(text: str) -> list[MedicationMatch]:
    """The medications named in one free-text line (at least one match, maybe unrecognised)."""
    whole = normalise(text)
    if whole.matched_by in ("exact", "cleaned"):
        return [whole]
    # Pieces that are only a dose or a frequency ("5 mg twice daily") name no drug.
    # A decimal comma ("2,5 mg") is not a separator.
    unsplit = re.sub(r"(\d),(\d)", r"\1.\2", text)
    parts = [p.strip() for p in _SPLIT_RE.split(unsplit) if p and p.strip() and _cleaned(p)]
    matches = [normalise(p) for p in parts]
    recognised = [m for m in matches if m.recognised]
    if not recognised:  # nothing known in it: report the line back as typed
        return [whole]
    if len({m.generic for m in recognised}) == 1 and len(recognised) == len(matches):
        # One drug, perhaps named twice ("rivaroxaban/Xarelto"): one medication.
        best = min(recognised, key=lambda m: _RANK[m.matched_by])
        return [replace(best, text=text)]
    out: list[MedicationMatch] = []
    seen: set[str] = set()
    for m in matches:
        if m.generic is not None:
            if m.generic in seen:
                continue
            seen.add(m.generic)
        out.append(m)
    return out


def normalise_all(texts: tuple[str, ...] | list[str]) -> list[MedicationMatch]:
    """Normalise every name; unrecognised names are kept with ``generic=None``.

    A line is cleaned of doses, forms and frequency words ("apixaban, 5 mg twice daily")
    and split on ``/``, ``,``, ``;``, ``+``, ``&``, brackets, "and" and "plus"; each piece
    is normalised. A line that names one drug twice ("rivaroxaban/Xarelto",
    "warfarin (Coumadin)") is one medication; a line naming several drugs ("warfarin and
    aspirin") gives one match per drug, so that no drug, and above all no VKA, is lost;
    a piece that is not recognised ("Marevan, zorblax") is reported back on its own.

    Examples
    --------
    >>> [m.generic for m in normalise_all(["rivaroxaban/Xarelto", "Waran 2.5 mg"])]
    ['rivaroxaban', 'warfarin']
    >>> [(m.text, m.generic) for m in normalise_all(["Eliquis (zorblax)"])]
    [('Eliquis', 'apixaban'), ('zorblax', None)]
    """
    out: list[MedicationMatch] = []
    for text in texts:
        out.extend(_normalise_line(text))
    return out
