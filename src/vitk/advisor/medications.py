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
from typing import TYPE_CHECKING, Any, Literal

from vitk.advisor.medication_doses import k_dose_ug, supplement_dose
from vitk.errors import DataValidationError
from vitk.nutrients import DOSED_FORMS

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ANTICOAGULANT_CLASSES",
    "CLASSES",
    "POSSIBLE_ANTIBIOTIC",
    "POSSIBLE_ANTICOAGULANT",
    "SUPPLEMENT_CLASSES",
    "Drug",
    "MedicationMatch",
    "current_medications",
    "drugs",
    "k_dose_ug",
    "normalise",
    "normalise_all",
    "supplement_dose",
    "treated_as_vka",
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
    "vitamin_k",
    "vitamin_e",
    "vitamin_d",
    "calcium",
    "magnesium",
    "multivitamin",
    "other_supplement",
    "other",
)
#: Supplement classes whose daily dose is read from the line: the unit it is given in
#: (vitamin D in µg, 40 IU = 1 µg; calcium and magnesium in mg; vitamin E in IU or mg, as
#: written, since the IU-to-mg factor depends on the natural or synthetic form).
SUPPLEMENT_CLASSES = ("vitamin_e", "vitamin_d", "calcium", "magnesium")
#: Classes of the anticoagulants in evidence.md 3.2 (antiplatelets are not anticoagulants).
ANTICOAGULANT_CLASSES = frozenset({"vka", "anticoagulant_unknown", "doac", "heparin"})
#: Class given to an *unrecognised* name whose closest candidates include an anticoagulant,
#: or that contains a coumarin/indandione word stem: which anticoagulant it is, is unknown,
#: so it is treated as a VKA (evidence.md 3.2). The name stays unrecognised.
POSSIBLE_ANTICOAGULANT = "anticoagulant_possible"
#: Word stems of VKA names (warfarin, coumarins, indandiones) that mark an unknown name as a
#: possible VKA even when no candidate is close enough ("Miniwarfarin", "Kumarin-X").
_VKA_STEMS = ("farin", "coumar", "coumad", "cumar", "kumar", "procoum", "indion")
#: Class given to an *unrecognised* name with an antibiotic word stem ("cef…", "…cillin",
#: "…mycin", "…floxacin", "…cycline", "…penem"): it may be an antibiotic. The name stays
#: unrecognised (and is reported back); the match carries a note saying so.
POSSIBLE_ANTIBIOTIC = "antibiotic_possible"
_ANTIBIOTIC_STEM_RE = re.compile(
    r"\b(?:ce(?:f|ph)[a-z]{3,}|[a-z]+cillin|[a-z]+mycin|[a-z]+floxacin|[a-z]*cyclines?|"
    r"[a-z]+penem)\b"
)
#: The dictionary entry for a vitamin K antagonist named without a drug name.
VKA_UNNAMED = "vitamin K antagonist (name not given)"
#: Descriptors ("blood thinner", "antibiotic") absorbed into a drug named on the same line
#: that has one of these classes ("Eliquis (blood thinner)", "Marcumar (vitamin K
#: antagonist)", "cipro (antibiotic)"); otherwise they stay, as an unnamed drug.
_DESCRIPTORS: dict[str, frozenset[str]] = {
    "unspecified anticoagulant": frozenset({"vka", "doac", "heparin"}),
    VKA_UNNAMED: frozenset({"vka"}),
    "low-molecular-weight heparin (name not given)": frozenset({"heparin"}),
    "antibiotic (unspecified)": frozenset({"antibiotic"}),
}
#: Vitamin K forms a medication line can name (``K2``: a menaquinone, form not given).
K_FORMS: tuple[str, ...] = (*DOSED_FORMS.values(), "K2")

#: Fuzzy matches need this rapidfuzz ratio (0–100) ...
FUZZY_MIN_SCORE = 85.0
#: ... a query of at least this many letters ...
FUZZY_MIN_LENGTH = 5
#: ... and a lead of this many points over the best match from another drug.
FUZZY_MIN_MARGIN = 4.0

_DOSE_WORDS = re.compile(
    r"\b(\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|iu|i u|ie|units?|%|x|h|hrs?|hours?)?|x\s*\d+|q\d+h|"
    r"hours?|hrs?|tablets?|tabs?|pills?|"
    r"capsules?|caps?|daily|once|twice|thrice|times|x|bd|od|tds|qds|qd|bid|tid|qid|prn|"
    r"mane|nocte|injections?|oral|po|sc|iv|film[- ]coated|extended[- ]release|er|xr|sr|ds|"
    r"mg/day|per|day|days|a|an|at|in|the|every|each|other|weekly|nightly|night|morning|"
    r"evening|bedtime|with|food|meals?|dose|as needed)\b"
)
#: Separators between the drugs named in one free-text line ("rivaroxaban/Xarelto",
#: "warfarin (Coumadin)", "Eliquis + cipro", "warfarin and aspirin").
_SPLIT_RE = re.compile(r"\s*(?:[,;/&+()\[\]]|\band\b|\bplus\b|\bwith\b)\s*", re.IGNORECASE)
#: "Vitamin K antagonist" and its variants (anti-vitamin K, vitamin K blocker, VKA, AVK):
#: a *kind of anticoagulant*, never vitamin K itself. Matched on the normalised text.
_VKA_PHRASE = re.compile(
    r"\b(?:anti[- ]?vit(?:amin[e]?)?[- ]?k|"
    r"vit(?:amin[e]?)?[- ]?k[- ]?(?:antagonist(?:s|en|e)?|blockers?|blocking|inhibitors?)|"
    r"vkas?|avk)\b"
)
#: Words that may stand beside a vitamin K antagonist phrase without naming a drug.
_VKA_PHRASE_FILLER = re.compile(
    r"\b(?:my|on|a|an|the|some|drug|drugs|medication|medicine|therapy|treatment|type|kind|"
    r"unknown|name|tablets?|pills?|oral|anticoagulants?|blood|thinners?)\b"
)
#: Words that mark a drug as no longer taken ("warfarin stopped 2023", "previously on …") ...
_STOPPED_RE = re.compile(
    r"\b(?:stopped|stop(?:ped)? taking|previously|no longer|was on|were on|used to take|"
    r"discontinued|formerly|former|ceased|quit|gestoppt|abgesetzt|arrêté|arrete)\b"
)
#: ... unless the same piece says it was taken up again.
_RESTARTED_RE = re.compile(r"\b(?:restarted|resumed|re-?started|again|currently|still)\b")
#: Line pieces that are only a status ("- stopped", "since 2023") attach to the drug before.
_STATUS_ONLY = re.compile(
    r"\b(?:stopped|previously|no longer|discontinued|formerly|ceased|since|until|till|in|"
    r"restarted|resumed|now|current|currently|still|on|off|was|were|jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec|ago|months?|years?|weeks?|last|year)\b"
)


@dataclass(frozen=True)
class Drug:
    generic: str
    classes: tuple[str, ...]
    brands: dict[str, tuple[str, ...]]
    aliases: tuple[str, ...]
    dagger: bool
    citation_keys: tuple[str, ...]
    #: For class ``vitamin_k``: K1, MK-4, MK-7, K2 (menaquinone, form not given) or None.
    k_form: str | None = None


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
    #: Vitamin K listed as a medicine: its form (K1, MK-4, MK-7, K2 or None: not given) ...
    k_form: str | None = None
    #: ... and the daily dose read from the line (None: no dose, or one that cannot be read).
    k_dose_ug: float | None = None
    #: Vitamin D, calcium, magnesium or vitamin E (SUPPLEMENT_CLASSES): the daily dose read
    #: from the line (None: no dose, or one that cannot be read) ...
    supplement_dose: float | None = None
    #: ... and its unit: "µg" (vitamin D), "mg" (calcium, magnesium), "IU" or "mg" (vitamin E).
    supplement_unit: str | None = None
    #: True when the line says the drug is no longer taken ("warfarin stopped 2023",
    #: "previously on warfarin"). The match keeps its classes (the safe direction): callers
    #: decide what a stopped drug means (see :func:`current_medications`).
    stopped: bool = False
    #: Notes for the report ("may be an antibiotic: …").
    notes: tuple[str, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.generic is not None

    @property
    def is_vitamin_k(self) -> bool:
        return "vitamin_k" in self.classes

    @property
    def supplement_class(self) -> str | None:
        """The first of SUPPLEMENT_CLASSES this match has, or None."""
        return next((c for c in SUPPLEMENT_CLASSES if c in self.classes), None)

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
            "vitamin_k": {"form": self.k_form, "dose_ug": self.k_dose_ug}
            if self.is_vitamin_k
            else None,
            "supplement": {
                "nutrient": self.supplement_class,
                "dose": self.supplement_dose,
                "unit": self.supplement_unit,
            }
            if self.supplement_class is not None
            else None,
            "stopped": self.stopped,
            "notes": list(self.notes),
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
        if item.get("k_form") not in (None, *K_FORMS):
            raise DataValidationError(
                f"medications.yaml: {item['generic']} has k_form {item.get('k_form')!r}; "
                f"allowed: {', '.join(K_FORMS)} or null."
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
                k_form=item.get("k_form"),
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
    m = MedicationMatch(
        text=text,
        generic=drug.generic,
        classes=drug.classes,
        matched_by=how,
        matched_name=name,
        score=score,
        citation_keys=drug.citation_keys,
        unverified=drug.dagger,
    )
    if "vitamin_k" in drug.classes:
        form = drug.k_form
        if form in (None, "K2"):  # "vitamin K2 MK-7": the line may name the form
            found = _k_forms_named(_key(text))
            specific = found - {"K2"}
            form = next(iter(specific)) if len(specific) == 1 else form
            if form is None and found == {"K2"}:
                form = "K2"
        m = replace(m, k_form=form, k_dose_ug=k_dose_ug(text))
    cls = m.supplement_class
    if cls is not None:
        dose, unit = supplement_dose(text, cls)
        m = replace(m, supplement_dose=dose, supplement_unit=unit)
    return m


# --------------------------------------------------------------------------- vitamin K lines
_K_FORM_RE: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    ("MK-7", re.compile(r"\bmk\s?-?\s?7\b|\bmenaquinone\s?-?\s?7\b")),
    ("MK-4", re.compile(r"\bmk\s?-?\s?4\b|\bmenaquinone\s?-?\s?4\b|\bmenatetrenone\b")),
    ("K1", re.compile(r"\bk-?1\b|\bphyt(?:o|ome)nadione\b|\bphylloquinone\b")),
    ("K2", re.compile(r"\bk-?2\b|\bmenaquinones?\b")),
    (None, re.compile(r"\bvit(?:amin[e]?)?\s?k\b")),
)


def _k_forms_named(key: str) -> set[str]:
    """The vitamin K forms a (normalised) text names; ``None`` is dropped."""
    key = _VKA_PHRASE.sub(" ", key)
    return {form for form, rx in _K_FORM_RE if form is not None and rx.search(key)}


def _names_vitamin_k(key: str) -> bool:
    """True if the (normalised) text names vitamin K itself, not inside "vitamin K
    antagonist", "anti-vitamin K" or "vitamin K blocker"."""
    key = _VKA_PHRASE.sub(" ", key)
    return any(rx.search(key) for _, rx in _K_FORM_RE)


def _vitamin_k_match(text: str, how: Any) -> MedicationMatch | None:
    """A vitamin K line ("vitamin K2 MK-7 100 mcg") as a match, or None if it names none."""
    key = _key(text)
    if not _names_vitamin_k(key):
        return None
    forms = _k_forms_named(key)
    specific = forms - {"K2"}
    form: str | None
    if len(specific) == 1:
        form = next(iter(specific))
    elif not specific and forms == {"K2"}:
        form = "K2"
    else:  # no form, or several forms in one line without a separator
        form = None
    generic = {
        "K1": "phytonadione (vitamin K1)",
        "MK-4": "menatetrenone (MK-4)",
        "MK-7": "menaquinone-7 (MK-7)",
        "K2": "vitamin K2 (menaquinone, form not given)",
        None: "vitamin K (form not given)",
    }[form]
    drug = next(d for d in drugs() if d.generic == generic)
    m = _match(text, drug, how, drug.generic)
    return replace(m, k_form=form)


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
    phrase = _VKA_PHRASE.search(k)
    if phrase:
        # "vitamin K antagonist", "anti-vitamin K", "VKA": an anticoagulant of an unknown
        # kind, never vitamin K itself. A drug named beside it is matched on its own.
        rest = _VKA_PHRASE.sub(" ", k)
        # Matched "contained" when the text names more than the phrase, so that a line is
        # then split and each part reported ("Marcumar (VKA)", "VKA, zorblax").
        vka = _match(text, idx[_key(VKA_UNNAMED)][0], "contained", phrase.group(0))
        if not _VKA_PHRASE_FILLER.sub(" ", _cleaned(rest)).strip(" /+-"):
            return replace(vka, matched_by="cleaned")
        inner = normalise(rest)
        return replace(inner, text=text, matched_by="contained") if inner.recognised else vka
    # Vitamin K itself ("vitamin K2 MK-7 100 mcg", "MK-7 100 mcg", "Menaquinone-7 100mcg"):
    # the dose words would otherwise eat the "7" of "MK-7". Only when nothing but vitamin K
    # words is left.
    if _names_vitamin_k(k) and not _k_rest(k):
        found_k = _vitamin_k_match(text, "cleaned")
        if found_k is not None:
            return found_k
    cleaned = _cleaned(text)
    if cleaned and cleaned in idx:
        d, n = idx[cleaned]
        return _match(text, d, "cleaned", n)
    # A salt named after the drug ("heparin calcium", "atorvastatin calcium") is not calcium.
    desalted = _SALT_SUFFIX.sub("", cleaned)
    if desalted != cleaned and desalted in idx:
        d, n = idx[desalted]
        if not set(d.classes) & {"calcium", "magnesium"}:
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
        if all("vitamin_k" in d.classes for _, d, _ in found):  # "vitamin K2 MK-7 softgels"
            vk = _vitamin_k_match(text, "contained")
            if vk is not None:
                return vk
        return _unrecognised(text, tuple(sorted(generics)))
    if _names_vitamin_k(k):  # "vitamin K2 from natto 100 mcg": vitamin K, no drug named
        vk = _vitamin_k_match(text, "contained")
        if vk is not None:
            return vk
    query = cleaned or k
    if len(query.replace(" ", "")) < FUZZY_MIN_LENGTH:
        return _unrecognised(text, ())
    results = [
        r
        for r in process.extract(query, list(idx), scorer=fuzz.ratio, limit=25)
        if _fuzzy_allowed(query, r[0], idx[r[0]][0])
    ][:10]
    if not results or results[0][1] < FUZZY_MIN_SCORE:
        near = tuple(dict.fromkeys(idx[r[0]][0].generic for r in results if r[1] >= 70))[:3]
        return _unrecognised(text, near)
    best_name, best_score, _ = results[0]
    best = idx[best_name][0]
    rival = next((r for r in results[1:] if idx[r[0]][0].generic != best.generic), None)
    if rival is not None and best_score - rival[1] < FUZZY_MIN_MARGIN:
        return _unrecognised(text, (best.generic, idx[rival[0]][0].generic), best_score)
    return _match(text, best, "fuzzy", idx[best_name][1], best_score)


#: The vitamin letter a text names ("vitamin d3" → d, "vit. K2" → k).
_VITAMIN_LETTER = re.compile(r"\bvit[a-z]*[\s-]+([a-z])(?:[\s-]*\d+)?\b")
#: Words that name vitamin K or one of its forms: a fuzzy match to a vitamin K entry
#: needs one of them ("vitamin D" must never become vitamin K, "vitamin B1" never K1).
_K_MARKER = re.compile(
    r"\bk\b|\bk[\s-]?\d|\bmk|menaquin|phyll|phyto|menatetr|konakion|glakay|kaytwo"
)
_SALT_SUFFIX = re.compile(r"\s(?:calcium|magnesium|sodium|potassium)$")


def _fuzzy_allowed(query: str, name: str, drug: Drug) -> bool:
    """Whether a fuzzy match of ``query`` to the dictionary name ``name`` may stand: never
    across vitamin letters, and never to vitamin K without a K word in the query."""
    if "vitamin_k" in drug.classes and not _K_MARKER.search(query):
        return False
    q = _VITAMIN_LETTER.search(query)
    c = _VITAMIN_LETTER.search(name)
    return not (q and c and q.group(1) != c.group(1))


#: Words that may stand beside a vitamin K name without naming anything else.
_K_FILLER = re.compile(
    r"\b(?:vit(?:amin[e]?)?|k|k1|k2|supplements?|softgels?|gels?|drops?|liquid|oil|spray|"
    r"chewables?|gummies|gummy|natural|all[- ]trans|trans|form|from|natto)\b"
)


def _k_rest(key: str) -> str:
    """What is left of a vitamin K line once vitamin K words and doses are removed."""
    rest = _VKA_PHRASE.sub(" vka ", key)
    for _, rx in _K_FORM_RE:
        rest = rx.sub(" ", rest)
    rest = _K_FILLER.sub(" ", rest)
    rest = _DOSE_WORDS.sub(" ", rest)
    return re.sub(r"[\s/+\-]+", " ", rest).strip()


def _unrecognised(text: str, candidates: tuple[str, ...], score: float = 0.0) -> MedicationMatch:
    """An unrecognised name; a possible anticoagulant (treated as a VKA) if its closest
    candidates include an anticoagulant or it contains a VKA word stem (evidence.md 3.2)."""
    by_name = {d.generic: d for d in drugs()}
    key = _key(text).replace(" ", "")
    possible = any(
        set(by_name[c].classes) & ANTICOAGULANT_CLASSES for c in candidates if c in by_name
    ) or any(stem in key for stem in _VKA_STEMS)
    if possible and not any(
        set(by_name[c].classes) & ANTICOAGULANT_CLASSES for c in candidates if c in by_name
    ):
        candidates = (*candidates, "warfarin")  # a VKA stem with no close candidate
    classes: tuple[str, ...] = (POSSIBLE_ANTICOAGULANT,) if possible else ()
    keys: tuple[str, ...] = ("ODS-K", "Lurie2010") if possible else ()
    notes: tuple[str, ...] = ()
    stem = _ANTIBIOTIC_STEM_RE.search(_key(text))
    if stem:
        classes = (*classes, POSSIBLE_ANTIBIOTIC)
        keys = tuple(dict.fromkeys((*keys, "ODS-K", "StLukesK")))
        notes = (
            f"'{stem.group(0)}' looks like the name of an antibiotic, but it was not "
            "recognised; ask your pharmacist what it is.",
        )
    return MedicationMatch(
        text=text,
        generic=None,
        classes=classes,
        candidates=candidates,
        score=score,
        citation_keys=keys,
        notes=notes,
    )


def treated_as_vka(matches: Iterable[MedicationMatch]) -> bool:
    """True if any match is a VKA or is treated as one (an unnamed blood thinner, or an
    unrecognised name that may be an anticoagulant; evidence.md 3.2)."""
    return any(
        {"vka", "anticoagulant_unknown", POSSIBLE_ANTICOAGULANT} & set(m.classes) for m in matches
    )


def current_medications(matches: Iterable[MedicationMatch]) -> list[MedicationMatch]:
    """The matches the line does not mark as stopped (``MedicationMatch.stopped``)."""
    return [m for m in matches if not m.stopped]


_RANK = {"exact": 0, "cleaned": 1, "contained": 2, "fuzzy": 3, "none": 4}


def _pieces(text: str) -> list[tuple[str, str]]:
    """The pieces of a line and the separator before each ("" for the first).

    Split on ``_SPLIT_RE``; a "vitamin K antagonist" phrase is a piece of its own. A piece
    that is only a dose, a frequency or a status ("90 mcg", "- stopped 2023") is joined to
    the piece before it (to the next one if it comes first), so no dose is lost.
    """
    raw: list[tuple[str, str]] = []
    pos, sep = 0, ""
    for m in _SPLIT_RE.finditer(text):
        raw.append((sep, text[pos : m.start()]))
        pos, sep = m.end(), m.group(0).strip().lower()
    raw.append((sep, text[pos:]))
    split: list[tuple[str, str]] = []
    for sep, piece in raw:  # "Marcumar Vitamin-K-Antagonist": two pieces
        low = piece.lower()
        spans = [m.span() for m in _VKA_PHRASE.finditer(_key_keep_len(low))]
        cut = 0
        for a, b in spans:
            if piece[cut:a].strip():
                split.append((sep, piece[cut:a]))
                sep = ""
            split.append((sep, piece[a:b]))
            sep, cut = "", b
        split.append((sep, piece[cut:]))
    out: list[tuple[str, str]] = []
    for sep, piece in split:
        if not piece.strip(" -–:"):
            continue
        key = _key(piece)
        dose_only = not _cleaned(piece) or not _STATUS_ONLY.sub(" ", _cleaned(piece)).strip(" /+-")
        k_only = _names_vitamin_k(key) and not _k_rest(key)
        if out and dose_only:
            out[-1] = (out[-1][0], f"{out[-1][1]} {piece.strip()}")
        elif out and k_only and sep in ("(", "/") and _k_only(out[-1][1]):
            out[-1] = (out[-1][0], f"{out[-1][1]} ({piece.strip()})")  # "K2 (MK-7)"
        else:
            out.append((sep, piece.strip()))
    # a dose or status before any drug ("(stopped) warfarin") goes with the next piece
    if len(out) > 1 and (
        not _cleaned(out[0][1]) or not _STATUS_ONLY.sub(" ", _cleaned(out[0][1])).strip(" /+-")
    ):
        out[1] = (out[1][0], f"{out[0][1]} {out[1][1]}")
        out = out[1:]
    return out


def _key_keep_len(low: str) -> str:
    """``low`` with every character _key would drop replaced by a space (same length)."""
    return re.sub(r"[^a-z0-9/+\- ]", " ", low)


def _k_only(piece: str) -> bool:
    key = _key(piece)
    return _names_vitamin_k(key) and not _k_rest(key)


def _is_stopped(piece: str) -> bool:
    low = piece.lower()
    return bool(_STOPPED_RE.search(low)) and not _RESTARTED_RE.search(low)


def _normalise_line(text: str) -> list[MedicationMatch]:
    """The medications named in one free-text line (at least one match, maybe unrecognised)."""
    whole = normalise(text)
    if whole.matched_by in ("exact", "cleaned"):
        return [whole]
    if whole.is_vitamin_k and _k_only(text):
        # "vitamin K2 (MK-7) 100 mcg": one vitamin K product, its form and dose together.
        return [whole]
    # A decimal comma ("2,5 mg") is not a separator.
    unsplit = re.sub(r"(\d),(\d)", r"\1.\2", text)
    parts = [p for _, p in _pieces(unsplit) if _cleaned(p)]
    matches = [replace(normalise(p), stopped=_is_stopped(p)) for p in parts]
    recognised = [m for m in matches if m.recognised]
    if not recognised:  # nothing known in it: report the line back as typed
        return [replace(whole, stopped=_is_stopped(text))]
    # A descriptor beside a drug of its kind ("Eliquis (blood thinner)") is not a second drug.
    named = {c for m in recognised if m.generic not in _DESCRIPTORS for c in m.classes}
    matches = [
        m for m in matches if not (m.generic in _DESCRIPTORS and _DESCRIPTORS[m.generic] & named)
    ]
    recognised = [m for m in matches if m.recognised]
    if len({m.generic for m in recognised}) == 1 and len(recognised) == len(matches):
        # One drug, perhaps named twice ("rivaroxaban/Xarelto"): one medication.
        best = min(recognised, key=lambda m: _RANK[m.matched_by])
        one = replace(best, text=text, stopped=any(m.stopped for m in matches))
        return [_match_redosed(one, text)]
    out: list[MedicationMatch] = []
    seen: set[str] = set()
    for m in matches:
        if m.generic is not None:
            if m.generic in seen:
                continue
            seen.add(m.generic)
        out.append(m)
    return out


def _match_redosed(m: MedicationMatch, text: str) -> MedicationMatch:
    """``m`` with its doses read again from the whole line ``text``."""
    if m.is_vitamin_k:
        m = replace(m, k_dose_ug=k_dose_ug(text))
    cls = m.supplement_class
    if cls is not None:
        dose, unit = supplement_dose(text, cls)
        m = replace(m, supplement_dose=dose, supplement_unit=unit)
    return m


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
        if not str(text).strip():  # an empty line names nothing
            continue
        out.extend(_normalise_line(text))
    return out
