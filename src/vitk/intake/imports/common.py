"""What every diary import shares: source rows, food-name matching, amounts, the result.

An import reads another app's export into :class:`SourceRow` objects (one per logged
food), then :func:`build_import` turns them into a vitk :class:`~vitk.intake.diary.Diary`:

- **Names.** Each distinct food name is matched once (:func:`match_name`): a food id
  or exact name/synonym; else the catalogue's whole-word match
  (:meth:`~vitk.foods.catalogue.Catalogue.resolve`); else the name without a leading
  brand (``Brand - Food`` → ``Food``, as MyFitnessPal writes names); else the best
  suggestion of :func:`~vitk.intake.suggest.suggest_foods` when it shares at least
  two words and :data:`PARTIAL_SHARE_PCT` of the name's words. A name that matches
  nothing stays in the diary under its own name: it adds nothing and its day is a
  lower bound (see :mod:`vitk.intake.engine`), with suggestions. ``corrections``
  (name → food id) override any of these, as the web's match table does.
- **Amounts.** The export's amount is read in grams for the matched food: a mass, a
  household measure or one of the food's portions (``1.00 cup``, ``2.00 medium``),
  a mass written beside it (``0.5 cup (78g)``) first; failing that, from the row's
  energy and the food's energy per 100 g. The app's own "serving" (``0.52 Serving``,
  ``2 serving(s)``), whose size vitk does not know, is read through the energy when the
  row has one. The diary row then holds the grams.
- **Supplements.** A row the export files under supplements, or whose name is a
  supplement vitk knows (``Vitamin K2 MK-7``), becomes a supplement row whose amount
  is the export's own figure for that nutrient (Vitamin K (µg), Vitamin D, Calcium,
  Magnesium), else the amount written in its name (``Vitamin D3 1000 IU``). A supplement
  of no tracked form (fish oil), or of no known amount, is listed as skipped.

Every bad row (a date, a number, an amount that cannot be read) is collected, in file
order, into one :class:`~vitk.intake.diary.DiaryRowsError` whose lines name the file,
the row (1-based data row, after the header) and what was expected; nothing is
returned, so nothing is half-imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from vitk.errors import DiaryError, UnknownFoodError, VitkError
from vitk.foods.catalogue import Catalogue
from vitk.foods.model import Food
from vitk.foods.values import shown_value
from vitk.intake.amounts import split_item_amount, supplement_form
from vitk.intake.diary import SUPPLEMENT_FORMS, Diary, DiaryEntry, check_date, rows_error
from vitk.intake.quantities import food_grams
from vitk.intake.suggest import Suggestion, suggest_foods
from vitk.nutrients import DOSED_FORMS, NUTRIENT_FIELD, field_by_code

__all__ = [
    "MAX_IMPORT_BYTES",
    "PARTIAL_SHARE_PCT",
    "ImportResult",
    "ImportedRow",
    "NameMatch",
    "SkippedRow",
    "SourceRow",
    "build_import",
    "decode",
    "match_name",
    "number",
    "read_csv",
]

#: Largest export read (bytes): a year of Cronometer servings is about 1–2 MB.
MAX_IMPORT_BYTES = 20_000_000
#: Least share of a name's words the best suggestion must share to be taken as the match.
PARTIAL_SHARE_PCT = 66.0
#: Unit of each supplement nutrient code in a diary row.
_SUPPLEMENT_UNIT = {
    "k1": "µg",
    "mk4": "µg",
    "mk7": "µg",
    "vitamin_d": "µg",
    "calcium": "mg",
    "magnesium": "mg",
}


@dataclass(frozen=True)
class SourceRow:
    """One logged food of an export, as the export wrote it."""

    row: int
    date: dt.date
    name: str
    amount: str
    meal: str = ""
    #: Energy of the row as the export gives it, None when blank. [kcal]
    energy_kcal: float | None = None
    #: Per nutrient code (``vitamin_k``, ``vitamin_d``, ``calcium``, ``magnesium``), the
    #: export's own figure for the row, in µg (vitamin K, D) or mg (calcium, magnesium).
    nutrients: Mapping[str, float] = field(default_factory=dict)
    #: The export files the row under supplements.
    supplement: bool = False


@dataclass(frozen=True)
class NameMatch:
    """How one food name of the export was matched (shared by all its rows)."""

    name: str
    food_id: str | None
    food_name: str | None
    #: ``exact``, ``whole words``, ``brand dropped``, ``partial (3 of 4 words)``,
    #: ``corrected``, ``supplement`` or ``unknown``.
    how: str
    score: float
    suggestions: tuple[Suggestion, ...] = ()
    rows: tuple[int, ...] = ()

    @property
    def matched(self) -> bool:
        """The name was read as a vitk food or supplement (else its rows add nothing)."""
        return self.food_id is not None or self.how == "supplement"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "food_id": self.food_id,
            "food_name": self.food_name,
            "how": self.how,
            "score": round(self.score, 1),
            "rows": list(self.rows),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }

    def message(self) -> str:
        """One line for a report: ``'Kale, raw' → Kale, raw [kale-raw] (exact; 3 rows)``."""
        n = len(self.rows)
        rows = f"{n} row{'s' if n != 1 else ''}"
        if self.how == "supplement":
            return f"'{self.name}' → supplement {self.food_name} ({rows})"
        if self.food_id is None:
            hint = (
                "; did you mean: " + ", ".join(repr(s.name) for s in self.suggestions[:3]) + "?"
                if self.suggestions
                else "; no food shares a word with it"
            )
            verb = "adds" if n == 1 else "add"
            return f"'{self.name}' → no vitk food ({rows} {verb} nothing; days marked ≥){hint}"
        return f"'{self.name}' → {self.food_name} [{self.food_id}] ({self.how}; {rows})"


@dataclass(frozen=True)
class ImportedRow:
    """One source row as it went into the diary."""

    source: SourceRow
    kind: str
    item: str
    amount: str
    #: How the amount was read (``1 × 1 cup (30 g)``, ``from its 150 kcal`` …).
    reading: str

    def diary_row(self) -> dict[str, str]:
        return {
            "date": self.source.date.isoformat(),
            "kind": self.kind,
            "item": self.item,
            "amount": self.amount,
        }


@dataclass(frozen=True)
class SkippedRow:
    row: int
    name: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "name": self.name, "reason": self.reason}


@dataclass
class ImportResult:
    """An import: the diary, how each name was matched, skipped rows, and cross-checks."""

    source: str
    file: str
    rows: list[ImportedRow]
    matches: list[NameMatch]
    skipped: list[SkippedRow]
    diary: Diary
    #: Per day, the export's own vitamin K figure beside vitk's (see ``cross_check``).
    cross_check: list[dict[str, Any]] = field(default_factory=list)

    def diary_rows(self) -> list[dict[str, str]]:
        return [r.diary_row() for r in self.rows]

    def diary_csv(self) -> str:
        """The diary as CSV (``date,kind,item,amount``), readable by ``vitk intake``."""
        out = io.StringIO()
        w = csv.DictWriter(out, ["date", "kind", "item", "amount"], lineterminator="\n")
        w.writeheader()
        w.writerows(self.diary_rows())
        return out.getvalue()

    @property
    def days_differing(self) -> list[dict[str, Any]]:
        return [d for d in self.cross_check if d["differs"]]

    def report_lines(self, *, max_days: int = 20) -> list[str]:
        """The import report as lines: counts, each name's match, skipped rows, cross-check."""
        n_unknown = sum(len(m.rows) for m in self.matches if not m.matched)
        lines = [
            f"Imported {len(self.rows)} rows over {len(self.diary.dates)} "
            f"{'day' if len(self.diary.dates) == 1 else 'days'} from "
            f"{self.file} ({self.source}); {n_unknown} "
            f"{'row has' if n_unknown == 1 else 'rows have'} a food vitk does not know "
            "(adding nothing; their days are lower bounds, ≥).",
            "Food names matched:",
            *(f"  {m.message()}" for m in self.matches),
            *(f"Skipped row {s.row} ('{s.name}'): {s.reason}." for s in self.skipped),
        ]
        if self.cross_check:
            differing = self.days_differing
            lines.append(
                f"Vitamin K cross-check: the export's own figure and vitk's total differ by "
                f"more than 2× on {len(differing)} of {len(self.cross_check)} days"
                + (":" if differing else ".")
            )
            lines += [f"  {d['date']}: {d['note']}" for d in differing[:max_days]]
            if len(differing) > max_days:
                lines.append(f"  … and {len(differing) - max_days} more days.")
            if differing:
                lines.append(
                    "  Differences often come from K2 (MK-4, MK-7 …), which vitk counts per "
                    "form and many food tables leave out, or from a food matched to a "
                    "different vitk food: check the matches above."
                )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file": self.file,
            "n_rows": len(self.rows),
            "n_days": len(self.diary.dates),
            "matches": [m.to_dict() for m in self.matches],
            "skipped": [s.to_dict() for s in self.skipped],
            "readings": [
                {"row": r.source.row, "name": r.source.name, "reading": r.reading}
                for r in self.rows
                if r.reading
            ],
            "cross_check": self.cross_check,
            "days_differing": len(self.days_differing),
            "diary": self.diary_rows(),
        }


def decode(data: bytes | str, name: str) -> str:
    """``data`` as text (UTF-8, a BOM allowed); DiaryError naming the file if not."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_IMPORT_BYTES:
        raise DiaryError(
            f"{name}: {len(data):,} bytes; the most an import reads is {MAX_IMPORT_BYTES:,}."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DiaryError(f"{name}: not UTF-8 text; expected a CSV export.") from None


def read_csv(
    text: str,
    name: str,
    required: Mapping[str, Sequence[str]],
    expected: str,
    optional: Mapping[str, Sequence[str]] | None = None,
) -> list[tuple[int, dict[str, str]]]:
    """The data rows of ``text``, each ``(row number, {key: cell text})``.

    ``required`` and ``optional`` map a key to the column names accepted for it (any
    case); a row holds the keys whose column the header has, stripped of spaces.

    Raises
    ------
    DiaryError
        The header lacks a required column (one line naming the file, the columns found
        and ``expected``).
    """
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None) or []
    by_low = {h.strip().lower(): i for i, h in enumerate(header)}
    index: dict[str, int] = {}
    missing: list[str] = []
    for key, names in [*required.items(), *(optional or {}).items()]:
        col = next((by_low[n.lower()] for n in names if n.lower() in by_low), None)
        if col is not None:
            index[key] = col
        elif key in required:
            missing.append(names[0])
    if missing:
        shown = ",".join(h.strip() for h in header[:8]) or "(empty)"
        more = ",…" if len(header) > 8 else ""
        raise DiaryError(
            f"{name}: header {shown}{more} lacks {', '.join(missing)}; expected {expected}."
        )
    items = list(index.items())
    rows: list[tuple[int, dict[str, str]]] = []
    for n, values in enumerate(reader, start=1):
        if not any(v.strip() for v in values):
            continue
        width = len(values)
        rows.append((n, {k: values[i].strip() if i < width else "" for k, i in items}))
    return rows


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def number(text: str, what: str, row: int) -> float | None:
    """A numeric cell (``1,718``, ``12.50``, ``5g``, ``3,436mg``); None when blank or ``--``."""
    t = text.strip().replace(",", "")
    t = re.sub(r"(?i)\s*(kcal|mg|µg|mcg|ug|g|iu)$", "", t)
    if not t or set(t) <= {"-"}:
        return None
    if not _NUMBER.match(t) or float(t) < 0:
        raise DiaryError(f"row {row}: {what} '{text.strip()}' is not a number ≥ 0.")
    return float(t)


def parse_date(
    text: str,
    row: int,
    today: dt.date,
    *,
    what: str = "date",
    seen: dict[str, dt.date] | None = None,
) -> dt.date:
    """An export's date: ``2026-09-25``, ``2016-9-26`` or ``January 1, 2019``.

    ``seen`` caches dates already read (an export repeats each day on many rows).
    """
    t = text.strip()
    if seen is not None and t in seen:
        return seen[t]
    date = _parse_date(t, row, today, what)
    if seen is not None:
        seen[t] = date
    return date


def _parse_date(t: str, row: int, today: dt.date, what: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", t)
    try:
        if m:
            date = dt.date(int(m[1]), int(m[2]), int(m[3]))
        else:
            date = dt.datetime.strptime(t, "%B %d, %Y").date()
    except ValueError:
        raise DiaryError(
            f"row {row}: {what} '{t}' is not a date; expected YYYY-MM-DD or 'January 1, 2019'."
        ) from None
    return check_date(date, row, today=today)


def _energy_per_g(food: Food) -> float | None:
    sv = shown_value(food, "energy")
    if sv is None or not sv.value_per_100g:
        return None
    return sv.value_per_100g / 100.0


_MASS_BESIDE = re.compile(r"(\d+(?:\.\d+)?)\s*g\b\.?", re.IGNORECASE)
_PLURAL_S = re.compile(r"\(s\)", re.IGNORECASE)
_SHORT_UNITS = {"c": "cup", "C": "cup"}
#: "0.52 Serving (…)", "2 serving(s)": the app's own serving, whose size vitk does not know.
_GENERIC_SERVING = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*servings?\b", re.IGNORECASE)


def _amount_candidates(amount: str) -> list[tuple[str, str]]:
    """Amount texts to try, each with how it was derived from ``amount``."""
    out: list[tuple[str, str]] = []
    text = " ".join(amount.replace("—", " ").split())
    bracket = re.search(r"\(([^)]*)\)", text)
    main = re.sub(r"\s*\([^)]*\)?", " ", _PLURAL_S.sub("", text)).strip()
    beside = _MASS_BESIDE.search(bracket[1] if bracket else main.partition(" ")[2])
    if beside:
        out.append((f"{beside[1]} g", f"the mass written beside it ({beside[1]} g)"))
    parts = main.split(" ", 1)
    if len(parts) == 2 and parts[1] in _SHORT_UNITS:
        main = f"{parts[0]} {_SHORT_UNITS[parts[1]]}"
    if main:
        out.append((main, ""))
    return out


def _read_amount(food: Food, src: SourceRow) -> tuple[float, str] | None:
    """Grams of ``src.amount`` of ``food`` from the text alone (mass, measure, portion)."""
    for text, why in _amount_candidates(src.amount):
        entry = DiaryEntry(src.row, src.date, "food", food.name, text)
        try:
            grams, how = food_grams(food, entry)
        except VitkError:
            continue
        return grams, (f"{src.amount} read as {how}" + (f", {why}" if why else ""))
    return None


def _grams(
    food: Food,
    src: SourceRow,
    cache: dict[tuple[str, str], tuple[float, str] | None] | None = None,
) -> tuple[float, str] | None:
    per_g = _energy_per_g(food)
    if _GENERIC_SERVING.match(src.amount) and src.energy_kcal and per_g:
        # The app's own serving size is unknown to vitk: its energy figure is the better
        # measure of how much was eaten.
        return _from_energy(food, src, per_g, src.energy_kcal)
    key = (food.food_id, src.amount)
    if cache is not None and key in cache:
        got = cache[key]
    else:
        got = _read_amount(food, src)
        if cache is not None:
            cache[key] = got
    if got is not None:
        return got
    if src.energy_kcal and per_g:
        return _from_energy(food, src, per_g, src.energy_kcal)
    return None


def _from_energy(food: Food, src: SourceRow, per_g: float, kcal: float) -> tuple[float, str]:
    grams = kcal / per_g
    return grams, (
        f"{src.amount} read as {grams:.0f} g from its {kcal:g} kcal "
        f"({per_g * 100:g} kcal per 100 g of {food.name})"
    )


def _partial(catalogue: Catalogue, name: str) -> tuple[Suggestion | None, tuple[Suggestion, ...]]:
    sugg = tuple(suggest_foods(catalogue, name))
    best = sugg[0] if sugg else None
    if best is not None and len(best.shared_words) >= 2 and best.score >= PARTIAL_SHARE_PCT:
        return best, sugg
    return None, sugg


def match_name(
    catalogue: Catalogue, name: str, corrections: Mapping[str, str] | None = None
) -> NameMatch:
    """The vitk food an export's food ``name`` means (see the module's rules).

    Raises
    ------
    UnknownFoodError
        A correction names a food id that does not exist.
    """
    fixed = _corrected(corrections, name)
    if fixed is not None:
        food = catalogue.get(fixed)
        return NameMatch(name, food.food_id, food.name, "corrected", 100.0)
    tries = [(name, "")]
    if " - " in name:  # MyFitnessPal: "Brand - Food"; keep the food part
        tries.append((name.split(" - ", 1)[1], "brand dropped"))
    for query, how in tries:
        try:
            food, hit = catalogue.resolve(query)
        except UnknownFoodError:
            continue
        how = how or ("exact" if hit.exact else "whole words")
        return NameMatch(name, food.food_id, food.name, how, 100.0 if hit.exact else hit.score)
    best, sugg = _partial(catalogue, name)
    if best is not None:
        n_words = round(100 * len(best.shared_words) / best.score)
        how = f"partial ({len(best.shared_words)} of {n_words} words)"
        return NameMatch(name, best.food_id, best.name, how, best.score, sugg)
    return NameMatch(name, None, None, "unknown", 0.0, sugg)


def _corrected(corrections: Mapping[str, str] | None, name: str) -> str | None:
    if not corrections:
        return None
    low = {k.strip().lower(): v for k, v in corrections.items()}
    value = low.get(name.strip().lower())
    return value.strip() if value and value.strip() else None


@lru_cache(maxsize=4096)
def _supplement_name(name: str) -> tuple[str | None, str, tuple[str, str] | None]:
    """The supplement form a name gives (or None), how it was read, and an amount in it."""
    split = split_item_amount("supplement", name)
    code, reading = supplement_form(name, SUPPLEMENT_FORMS)
    if code is None:
        base = split[0] if split else name
        base = base.split(" - ", 1)[1] if " - " in base else base  # "Brand - Vitamin D3"
        code, reading = supplement_form(base, SUPPLEMENT_FORMS)
    return code, reading, split


def _supplement_row(src: SourceRow) -> tuple[str, str, str] | None:
    """``(item, amount, reading)`` of a supplement row, None for no tracked form.

    The amount is the export's own figure for the nutrient (Cronometer's columns), else
    one written in the name (``Vitamin D3 1000 IU``, as MyFitnessPal names often hold).

    Raises
    ------
    DiaryError
        A tracked form with no figure and no amount in the name.
    """
    code, reading, split = _supplement_name(src.name)
    if code is None:
        return None
    source_code = "vitamin_k" if code in DOSED_FORMS else code
    value = src.nutrients.get(source_code)
    unit = _SUPPLEMENT_UNIT[code]
    label = field_by_code(code).label if code in NUTRIENT_FIELD else code
    extra = f"; {reading}" if reading else ""
    if value is not None:
        how = f"{label} {value:g} {unit} from the export's own column{extra}"
        return label, f"{value:g} {unit}", how
    if split is not None:
        return label, split[1], f"{label} {split[1]} from the name{extra}"
    raise DiaryError(
        f"row {src.row}: supplement '{src.name}' has no {label} figure in the export's own "
        f"column ({unit}) and no amount in its name; not imported."
    )


def build_import(
    source: str,
    file: str,
    rows: Sequence[SourceRow],
    problems: Sequence[str],
    *,
    catalogue: Catalogue,
    corrections: Mapping[str, str] | None = None,
) -> ImportResult:
    """Match names, read amounts and build the diary of ``rows``.

    Parameters
    ----------
    source : str
        ``cronometer`` or ``myfitnesspal``.
    file : str
        How messages name the file.
    rows : sequence of SourceRow
        The export's food rows.
    problems : sequence of str
        Bad rows found while reading the file (``row N: …``), reported with the rest.
    catalogue : Catalogue
        The foods to match against.
    corrections : mapping, optional
        Export food name (any case) → vitk food id, overriding the automatic match.

    Raises
    ------
    DiaryRowsError
        Every bad row, one line each naming the file and the row.
    UnknownFoodError
        A correction names no vitk food.
    """
    bad: dict[int, str] = {}
    for p in problems:
        m = re.match(r"row (\d+):", p)
        bad.setdefault(int(m[1]) if m else 0, p)
    for key, food_id in (corrections or {}).items():
        if food_id and food_id.strip():
            try:
                catalogue.get(food_id.strip())
            except VitkError:
                raise UnknownFoodError(
                    f"{file}: correction '{key}' → '{food_id}' names no vitk food; "
                    "give a food id from vitk foods search."
                ) from None
    matches: dict[str, NameMatch] = {}
    rows_of: dict[str, list[int]] = {}
    out: list[ImportedRow] = []
    skipped: list[SkippedRow] = []
    grams: dict[tuple[str, str], tuple[float, str] | None] = {}
    for src in rows:
        key = src.name.strip().lower()
        rows_of.setdefault(key, []).append(src.row)
        try:
            imported = _import_row(src, key, matches, catalogue, corrections, grams)
        except DiaryError as exc:
            bad.setdefault(src.row, str(exc))
            continue
        if isinstance(imported, SkippedRow):
            skipped.append(imported)
        else:
            out.append(imported)
    if bad:
        raise rows_error([f"{file}: {bad[n]}" for n in sorted(bad)])
    if not out:
        raise DiaryError(f"{file}: no food or supplement rows to import.")
    diary = Diary.from_rows([r.diary_row() for r in out], source=file)
    ordered = [
        NameMatch(m.name, m.food_id, m.food_name, m.how, m.score, m.suggestions, tuple(rows_of[k]))
        for k, m in matches.items()
    ]
    return ImportResult(source, file, out, ordered, skipped, diary)


def _import_row(
    src: SourceRow,
    key: str,
    matches: dict[str, NameMatch],
    catalogue: Catalogue,
    corrections: Mapping[str, str] | None,
    grams_cache: dict[tuple[str, str], tuple[float, str] | None],
) -> ImportedRow | SkippedRow:
    corrected = _corrected(corrections, src.name)
    if src.supplement and corrected is None:
        try:
            supp = _supplement_row(src)
        except DiaryError as exc:
            return SkippedRow(src.row, src.name, str(exc).split(": ", 1)[1].rstrip("."))
        if supp is None:
            return SkippedRow(
                src.row,
                src.name,
                "a supplement of no form vitk tracks (K1, MK-4, MK-7, vitamin D, calcium, "
                "magnesium); not imported",
            )
        matches.setdefault(key, NameMatch(src.name, None, supp[0], "supplement", 100.0))
        return ImportedRow(src, "supplement", supp[0], supp[1], supp[2])
    if corrected is None:  # a supplement by its name ("Vitamin K2 MK-7") comes first
        try:
            supp = _supplement_row(src)
        except DiaryError as exc:  # a supplement of no known amount: listed as skipped
            return SkippedRow(src.row, src.name, str(exc).split(": ", 1)[1].rstrip("."))
        if supp is not None:
            matches.setdefault(key, NameMatch(src.name, None, supp[0], "supplement", 100.0))
            return ImportedRow(src, "supplement", supp[0], supp[1], supp[2])
    if key not in matches:
        matches[key] = match_name(catalogue, src.name, corrections)
    match = matches[key]
    if match.food_id is None:
        return ImportedRow(src, "food", src.name, src.amount.strip() or "1 serving", "")
    food = catalogue.get(match.food_id)
    got = _grams(food, src, grams_cache)
    if got is None:
        portions = ", ".join(p.label for p in food.portions[:4]) or "none"
        raise DiaryError(
            f"row {src.row}: amount '{src.amount}' of '{src.name}' cannot be read in grams for "
            f"{food.name}; expected a mass (g, oz), a household measure, one of its portions "
            f"({portions}), or an energy figure."
        )
    grams, how = got
    return ImportedRow(src, "food", food.food_id, f"{grams:.1f} g", how)
