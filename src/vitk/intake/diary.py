"""Diary files: rows of ``date,kind,item,amount`` in CSV, YAML or JSON.

``kind`` is ``food`` or ``supplement``. A food ``item`` is a food name (fuzzy-matched)
or id; a supplement ``item`` is one of :data:`SUPPLEMENT_FORMS`. ``amount`` is a
quantity with its unit (``85 g``, ``3 oz``, ``1 slice``, ``2 tbsp``, ``1½ cups``,
``180 mcg``, ``1000 IU``; see :mod:`vitk.units`), or a bare count in the food's
natural unit (``2`` eggs). A row without an amount may carry it in the item (``2 eggs``,
``K2 100 mcg``, ``vit D3 1000 IU``); see :mod:`vitk.intake.amounts`. Such readings are
kept in :attr:`DiaryEntry.reading` for the report.

Every problem is reported with its row number (1-based data row of a CSV file; the
N-th entry of a YAML or JSON list), the value received and what is allowed. Reading
collects *every* bad row, in file order, into one :class:`DiaryRowsError` (one line
per row, at most :data:`MAX_REPORTED_PROBLEMS` of them, then "… and N more"), so a
whole file can be fixed at once; nothing is returned when any row is bad.

Dates are ISO ``YYYY-MM-DD`` (a date-time such as ``2026-01-01T08:00`` is read as its
date) from :data:`EARLIEST_DATE` (1900-01-01) to one year after today
(:data:`FUTURE_DAYS`); see :func:`accepted_date_range`. Nobody keeps a food diary of
days before 1900, and a day more than a year ahead is a typo (``9999-12-31``,
``2062`` for ``2026``), not a plan: such dates would otherwise skew the day-to-day
consistency figures. Up to a year ahead stays allowed for planned meals and for
clocks and time zones that disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from vitk.errors import DiaryError
from vitk.intake.amounts import split_item_amount, supplement_form

__all__ = [
    "EARLIEST_DATE",
    "FUTURE_DAYS",
    "MAX_REPORTED_PROBLEMS",
    "SUPPLEMENT_FORMS",
    "Diary",
    "DiaryEntry",
    "DiaryRowsError",
    "accepted_date_range",
    "check_date",
    "parse_diary",
    "read_diary",
    "rows_error",
    "supplement_nutrient",
    "supplement_reading",
]

#: Earliest diary date accepted.
EARLIEST_DATE = dt.date(1900, 1, 1)
#: Latest diary date accepted: this many days after today (one year, leap years too).
FUTURE_DAYS = 366
#: Bad rows listed in one error; the rest are counted ("… and N more bad rows").
MAX_REPORTED_PROBLEMS = 20
_FORMATS = {".csv": "csv", ".txt": "csv", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}

#: Supplement item names (lower case) → nutrient code.
SUPPLEMENT_FORMS: dict[str, str] = {
    "k1": "k1",
    "vitamin k1": "k1",
    "phylloquinone": "k1",
    "mk-4": "mk4",
    "mk4": "mk4",
    "menatetrenone": "mk4",
    "mk-7": "mk7",
    "mk7": "mk7",
    "vitamin d3": "vitamin_d",
    "vitamin d": "vitamin_d",
    "vitamin d2": "vitamin_d",
    "d3": "vitamin_d",
    "d2": "vitamin_d",
    "cholecalciferol": "vitamin_d",
    "calcium": "calcium",
    "magnesium": "magnesium",
}
_ALLOWED_SUPPLEMENTS = "K1, MK-4, MK-7, K2, vitamin D3 (or vit D3), calcium, magnesium"
REQUIRED_COLUMNS = ("date", "kind", "item", "amount")


@dataclass(frozen=True)
class DiaryEntry:
    row: int
    date: dt.date
    kind: Literal["food", "supplement"]
    item: str
    amount: str
    #: How the row was read when not literally ("amount '2 eggs' taken from the item").
    reading: str = ""


class DiaryRowsError(DiaryError):
    """One or more bad diary rows: ``problems`` holds one line per row, in file order.

    ``str(error)`` lists at most :data:`MAX_REPORTED_PROBLEMS` of them, one per line.
    ``entries`` holds the rows that were read well (when reading a file), so that a
    caller can check them further and report every bad row in one pass
    (:func:`vitk.intake.check.summarise_checked`).
    """

    def __init__(
        self, problems: Sequence[str], entries: Sequence[DiaryEntry] = (), source: str = ""
    ) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.entries: tuple[DiaryEntry, ...] = tuple(entries)
        self.source = source
        shown = list(self.problems[:MAX_REPORTED_PROBLEMS])
        if len(self.problems) > MAX_REPORTED_PROBLEMS:
            shown.append(f"… and {len(self.problems) - MAX_REPORTED_PROBLEMS} more bad rows.")
        super().__init__("\n".join(shown))


def rows_error(
    problems: Sequence[str], entries: Sequence[DiaryEntry] = (), source: str = ""
) -> DiaryRowsError:
    """The error to raise for ``problems`` (one line per bad row, in file order).

    ``entries`` are the rows read well, kept on the error for further checks.
    """
    return DiaryRowsError(problems, entries, source)


def accepted_date_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last diary date accepted: 1900-01-01 to one year after ``today``."""
    today = today or dt.date.today()
    return EARLIEST_DATE, today + dt.timedelta(days=FUTURE_DAYS)


def check_date(value: object, row: int | None = None, *, today: dt.date | None = None) -> dt.date:
    """``value`` (a date, date-time or ISO text) as a diary date; DiaryError if not one.

    Raises
    ------
    DiaryError
        One line: ``row N: date '2026-02-30' is not a date (day is out of range for
        month); use YYYY-MM-DD.`` or ``row N: date 9999-12-31 is outside the accepted
        range 1900-01-01 to 2027-12-02.``
    """
    where = f"row {row}: " if row is not None else ""
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        text = str(value).strip()
        try:
            date = dt.date.fromisoformat(text)
        except ValueError as exc:
            try:
                date = dt.datetime.fromisoformat(text).date()
            except ValueError:
                reason = str(exc)
                why = "" if reason.startswith("Invalid isoformat") else f" ({reason})"
                raise DiaryError(
                    f"{where}date '{text}' is not a date{why}; use YYYY-MM-DD."
                ) from None
    lo, hi = accepted_date_range(today)
    if not lo <= date <= hi:
        raise DiaryError(
            f"{where}date {date.isoformat()} is outside the accepted range "
            f"{lo.isoformat()} to {hi.isoformat()}."
        )
    return date


@dataclass(frozen=True)
class Diary:
    entries: tuple[DiaryEntry, ...]
    source: str = ""

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], source: str = "") -> Diary:
        """Check every row (date, kind, item, amount present) and build the diary.

        Raises
        ------
        DiaryRowsError
            Every bad row, one line each, in order (a :class:`DiaryError`).
        """
        return _build(rows, source, {})

    @property
    def dates(self) -> list[dt.date]:
        return sorted({e.date for e in self.entries})


def _build(rows: Iterable[Mapping[str, Any]], source: str, bad: Mapping[int, str]) -> Diary:
    """The diary of ``rows``; ``bad`` holds problems found while parsing (by row)."""
    entries: list[DiaryEntry] = []
    problems: list[str] = []
    today = dt.date.today()
    dates: dict[Any, dt.date] = {}  # a diary repeats each date on several rows
    for n, row in enumerate(rows, start=1):
        if n in bad:
            problems.append(bad[n])
            continue
        try:
            entries.append(_entry(n, row, today, dates))
        except DiaryError as exc:
            problems.append(str(exc))
    if problems:
        raise rows_error(problems, entries, source)
    if not entries:
        name = f" '{source}'" if source else ""
        raise DiaryError(f"Diary{name} has no rows; expected columns {','.join(REQUIRED_COLUMNS)}.")
    return Diary(tuple(entries), source)


def supplement_nutrient(item: str, row: int | None = None) -> str:
    """Nutrient code of a supplement form name; DiaryError if unknown."""
    return supplement_reading(item, row)[0]


def supplement_reading(item: str, row: int | None = None) -> tuple[str, str]:
    """Nutrient code of a supplement name and how it was read ('' when literal).

    ``vit D3`` is vitamin D3, ``K2 MK-7`` is MK-7, and ``K2`` alone is read as MK-7
    (see :func:`vitk.intake.amounts.supplement_form`).

    Raises
    ------
    DiaryError
        The name is no supplement vitk knows (one line with the allowed names).
    """
    code, reading = supplement_form(item, SUPPLEMENT_FORMS)
    if code is None:
        where = f"row {row}: " if row is not None else ""
        raise DiaryError(f"{where}unknown supplement '{item}'; allowed: {_ALLOWED_SUPPLEMENTS}.")
    return code, reading


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()


def _entry(
    i: int, row: Mapping[str, Any], today: dt.date, dates: dict[Any, dt.date] | None = None
) -> DiaryEntry:
    if not isinstance(row, Mapping):
        raise DiaryError(
            f"row {i}: expected a mapping with {', '.join(REQUIRED_COLUMNS)}; got {_short(row)}."
        )
    raw_date, raw_kind = row.get("date"), row.get("kind")
    raw_item, raw_amount = row.get("item"), row.get("amount")
    kind = raw_kind.strip() if type(raw_kind) is str else _text(raw_kind)
    item = raw_item.strip() if type(raw_item) is str else _text(raw_item)
    amount = raw_amount.strip() if type(raw_amount) is str else _text(raw_amount)
    reading = ""
    if item and not amount and (split := split_item_amount(kind.lower(), item)) is not None:
        item, amount = split
        reading = f"amount '{amount}' taken from the item '{_short(raw_item)}'"
    cacheable = dates is not None and type(raw_date) is str
    date = dates.get(raw_date) if cacheable else None  # type: ignore[union-attr]
    if not (kind and item and amount) or (date is None and not _text(raw_date)):
        missing = [c for c in REQUIRED_COLUMNS if not _text(row.get(c))]
        raise DiaryError(
            f"row {i}: missing {', '.join(missing)}; every row needs {','.join(REQUIRED_COLUMNS)}."
        )
    if date is None:
        date = check_date(raw_date, i, today=today)
        if cacheable:
            dates[raw_date] = date  # type: ignore[index]
    kind = kind.lower()
    if kind not in ("food", "supplement"):
        raise DiaryError(
            f"row {i}: kind '{_short(raw_kind)}' is not allowed; use 'food' or 'supplement'."
        )
    return DiaryEntry(i, date, kind, " ".join(item.split()), amount, reading)  # type: ignore[arg-type]


def _short(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=1)
def _yaml_loader() -> type:
    """yaml's safe loader without implicit timestamps: dates stay text, so an impossible
    date (2026-02-30) is reported with its row like any other bad value."""
    import yaml

    class DiaryLoader(yaml.SafeLoader):
        pass

    DiaryLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return DiaryLoader


def _too_deep(source: str, fmt: str) -> str:
    """The one-line message for a file whose lists/mappings nest beyond the parser's limit."""
    return (
        f"{source}: the {fmt} is nested too deeply to read; expected a list of rows, "
        f"each a mapping with {', '.join(REQUIRED_COLUMNS)}."
    )


def _parse_text(text: str, fmt: str, source: str) -> tuple[list[Mapping[str, Any]], dict[int, str]]:
    """Rows of ``text`` and the problems found in them while parsing (by row number)."""
    if fmt == "yaml":
        import yaml

        try:
            data = yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise DiaryError(f"{source}: not valid YAML{where}.") from None
        except ValueError as exc:  # a value yaml cannot build
            raise DiaryError(f"{source}: not a valid diary ({exc}).") from None
        except RecursionError:
            raise DiaryError(_too_deep(source, "YAML")) from None
        return _rows_from_data(data, source), {}
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DiaryError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg}).") from None
        except RecursionError:
            raise DiaryError(_too_deep(source, "JSON")) from None
        return _rows_from_data(data, source), {}
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DiaryError(
            f"{source}: CSV header {','.join(header) or '(empty)'} lacks {', '.join(missing)}; "
            f"expected {','.join(REQUIRED_COLUMNS)}."
        )
    rows: list[Mapping[str, Any]] = []
    bad: dict[int, str] = {}
    for raw in reader:
        n = len(rows) + 1
        extra = raw.pop(None, None)  # type: ignore[call-overload]
        if extra is not None:
            bad[n] = (
                f"row {n}: too many fields ({len(raw) + len(extra)}); expected "
                f"{len(header)} ({','.join(header)}). Quote amounts that contain commas."
            )
        rows.append({(k or "").strip().lower(): v for k, v in raw.items()})
    return rows, bad


def _rows_from_data(data: Any, source: str) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping):
        data = data.get("entries", data.get("diary"))
    if not isinstance(data, list):
        raise DiaryError(
            f"{source}: expected a list of rows (or a mapping with 'entries'), each with "
            f"{', '.join(REQUIRED_COLUMNS)}."
        )
    return data


def parse_diary(data: bytes | str, *, name: str, format: str = "csv") -> Diary:
    """Read a diary from the contents of a file (e.g. an upload), not from a path.

    Parameters
    ----------
    data : bytes or str
        The file's contents; bytes must be UTF-8 (a BOM is allowed).
    name : str
        How messages name the file, e.g. ``"uploaded file 'diary.csv'"``; also
        :attr:`Diary.source`.
    format : str
        ``csv``, ``yaml`` or ``json``.

    Raises
    ------
    DiaryError
        ``uploaded file 'x.csv' is not UTF-8 text.``, a bad header, or every bad row
        (:class:`DiaryRowsError`).
    """
    fmt = str(format).strip().lower().lstrip(".")
    fmt = {"yml": "yaml", "txt": "csv"}.get(fmt, fmt)
    if fmt not in ("csv", "yaml", "json"):
        raise DiaryError(f"Diary format '{format}' is not allowed; allowed: csv, yaml, json.")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DiaryError(f"{name} is not UTF-8 text.") from None
    else:
        text = data.removeprefix("\ufeff")
    rows, bad = _parse_text(text, fmt, name)
    return _build(rows, name, bad)


def read_diary(path: str | Path, *, name: str | None = None) -> Diary:
    """Read a diary from a CSV, YAML or JSON file.

    Parameters
    ----------
    path : str or Path
        The file; its suffix (.csv, .yaml, .yml, .json) gives the format.
    name : str, optional
        How messages name the file instead of ``Diary file '<path>'``, e.g.
        ``"uploaded file 'diary.csv'"`` when ``path`` is a temporary copy.

    Raises
    ------
    DiaryError
        A missing or unreadable file, or every bad row (:class:`DiaryRowsError`).
    """
    p = Path(path)
    label = name if name is not None else f"Diary file '{path}'"
    if not p.is_file():
        raise DiaryError(f"{label} does not exist or is not a file.")
    suffix = p.suffix.lower()
    if suffix not in _FORMATS:
        raise DiaryError(f"{label} has suffix '{suffix}'; allowed: .csv, .yaml, .yml, .json.")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DiaryError(f"{label} is not UTF-8 text.") from None
    except OSError as exc:
        raise DiaryError(f"{label} cannot be read ({exc.strerror}).") from None
    return parse_diary(text, name=name if name is not None else p.name, format=_FORMATS[suffix])
