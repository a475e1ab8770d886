"""Cronometer's "Servings" export (Food & Recipe Entries) as a vitk diary.

Layout (one row per logged food; Cronometer's web app, More → Account → Export Data):
``Day,Time,Group,Food Name,Amount,Energy (kcal),…,Vitamin D (IU),Vitamin E (mg),
Vitamin K (µg),Calcium (mg),…,Magnesium (mg),…,Category``. Older exports have no
``Time``, ``Group`` or ``Category`` column and write days without zero padding
(``2016-9-26``). ``Amount`` holds the quantity and its unit in one cell
(``100.00 g``, ``1.00 cup``, ``2.00 medium (2-2/3" dia)``, ``0.52 Serving (…)``).
Columns are found by name, so their order and any extra column do not matter;
``Day``, ``Food Name`` and ``Amount`` are required.

Cronometer's own vitamin K figure (``Vitamin K (µg)``) is kept per day beside vitk's
per-form totals (:func:`vitamin_k_cross_check`); a day where the two differ by more
than :data:`CROSS_CHECK_RATIO` is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue, default_catalogue
from vitk.intake.engine import IntakeSummary, summarise
from vitk.intake.imports.common import (
    ImportResult,
    SourceRow,
    build_import,
    decode,
    number,
    parse_date,
    read_csv,
)
from vitk.nutrients import FIELDS
from vitk.units import iu_to_ug_vitamin_d

__all__ = ["CROSS_CHECK_RATIO", "EXPECTED_HEADER", "import_cronometer", "vitamin_k_cross_check"]

#: A day is flagged when Cronometer's vitamin K and vitk's total differ by more than this
#: factor (either way), or when only one of them has a value.
CROSS_CHECK_RATIO = 2.0
#: What the header must hold (shown in errors).
EXPECTED_HEADER = "Cronometer's Servings export: Day,Time,Group,Food Name,Amount,…"
_REQUIRED = {"day": ("Day", "Date"), "name": ("Food Name",), "amount": ("Amount",)}
_OPTIONAL = {
    "group": ("Group",),
    "energy": ("Energy (kcal)",),
    "vitamin_k": ("Vitamin K (µg)", "Vitamin K (ug)", "Vitamin K (mcg)"),
    "vitamin_d_iu": ("Vitamin D (IU)",),
    "vitamin_d": ("Vitamin D (µg)", "Vitamin D (ug)"),
    "calcium": ("Calcium (mg)",),
    "magnesium": ("Magnesium (mg)",),
    "category": ("Category",),
}
#: The vitamin K fields of the registry, in order (vitk's per-form totals).
_K_FIELDS = tuple(f.name for f in FIELDS if f.kind == "vitamin_k")


def import_cronometer(
    data: bytes | str,
    *,
    name: str = "Cronometer export",
    catalogue: Catalogue | None = None,
    corrections: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a Cronometer Servings export into a vitk diary with a vitamin K cross-check.

    Parameters
    ----------
    data : bytes or str
        The CSV file's contents (UTF-8).
    name : str
        How messages name the file (``servings.csv``).
    catalogue : Catalogue, optional
        Foods to match against; the default catalogue otherwise.
    corrections : mapping, optional
        Cronometer food name → vitk food id, overriding the automatic match.
    today : date, optional
        For the accepted date range (tests).

    Returns
    -------
    ImportResult
        With ``cross_check`` filled (:func:`vitamin_k_cross_check`).

    Raises
    ------
    DiaryError
        The file is not UTF-8 or lacks a required column, or rows are bad: every bad row,
        one line each naming the file, the row and what was expected
        (:class:`~vitk.intake.diary.DiaryRowsError`).
    """
    cat = catalogue or default_catalogue()
    text = decode(data, name)
    raw_rows = read_csv(text, name, _REQUIRED, EXPECTED_HEADER, _OPTIONAL)
    today = today or dt.date.today()
    rows: list[SourceRow] = []
    problems: list[str] = []
    seen: dict[str, dt.date] = {}
    for n, raw in raw_rows:
        try:
            rows.append(_source_row(n, raw, today, seen))
        except DiaryError as exc:
            problems.append(str(exc))
    result = build_import(
        "cronometer", name, rows, problems, catalogue=cat, corrections=corrections
    )
    summary = summarise(result.diary, catalogue=cat)
    result.cross_check = vitamin_k_cross_check(rows, summary)
    return result


def _source_row(
    n: int,
    raw: Mapping[str, str],
    today: dt.date,
    seen: dict[str, dt.date],
) -> SourceRow:
    def cell(key: str) -> str:
        return raw.get(key, "")

    food = cell("name")
    amount = cell("amount")
    if not food or not amount:
        missing = [c for c, v in (("Food Name", food), ("Amount", amount)) if not v]
        raise DiaryError(
            f"row {n}: {' and '.join(missing)} empty; every row needs a food and an amount."
        )
    date = parse_date(cell("day"), n, today, what="Day", seen=seen)
    nutrients: dict[str, float] = {}
    for key, what in (
        ("vitamin_k", "Vitamin K (µg)"),
        ("vitamin_d", "Vitamin D (µg)"),
        ("calcium", "Calcium (mg)"),
        ("magnesium", "Magnesium (mg)"),
    ):
        value = number(cell(key), what, n)
        if value is not None:
            nutrients[key] = value
    iu = number(cell("vitamin_d_iu"), "Vitamin D (IU)", n)
    if iu is not None and "vitamin_d" not in nutrients:
        nutrients["vitamin_d"] = iu_to_ug_vitamin_d(iu)
    category = cell("category").lower()
    return SourceRow(
        n,
        date,
        " ".join(food.split()),
        amount,
        meal=cell("group"),
        energy_kcal=number(cell("energy"), "Energy (kcal)", n),
        nutrients=nutrients,
        supplement=category.startswith("supplement"),
    )


def vitamin_k_cross_check(
    rows: Sequence[SourceRow], summary: IntakeSummary
) -> list[dict[str, Any]]:
    """Per day: Cronometer's own vitamin K beside vitk's per-form totals, flagged at > 2×.

    Returns
    -------
    list of dict
        ``{date, cronometer_k_ug, vitk: {k1_ug … k_total_ug}, vitk_k_total_status,
        ratio, differs, note}``. ``cronometer_k_ug`` is None when no row of that day
        had a figure; a vitk number is None when not measured. ``ratio`` is
        Cronometer ÷ vitk (None when either is missing or zero).
    """
    reported: dict[dt.date, float] = defaultdict(float)
    has_value: set[dt.date] = set()
    for r in rows:
        if "vitamin_k" in r.nutrients:
            reported[r.date] += r.nutrients["vitamin_k"]
            has_value.add(r.date)
    out: list[dict[str, Any]] = []
    for day in summary.days:
        status = day.status("k_total_ug")
        vitk_total = None if status == "not_measured" else day.values["k_total_ug"]
        cron = round(reported[day.date], 2) if day.date in has_value else None
        ratio = None
        differs = False
        note = ""
        if cron is None:
            note = "Cronometer gives no vitamin K figure for this day."
        elif vitk_total is None or vitk_total <= 0 or cron <= 0:
            differs = max(cron, vitk_total or 0.0) >= 1.0
            note = (
                "Only one of Cronometer and vitk has a vitamin K value for this day."
                if differs
                else ""
            )
        else:
            ratio = cron / vitk_total
            differs = ratio > CROSS_CHECK_RATIO or ratio < 1.0 / CROSS_CHECK_RATIO
            if differs:
                note = (
                    f"Cronometer's {cron:g} µg and vitk's {'≥' if status == 'lower_bound' else ''}"
                    f"{vitk_total:.1f} µg differ by more than {CROSS_CHECK_RATIO:g}×."
                )
        out.append(
            {
                "date": day.date.isoformat(),
                "cronometer_k_ug": cron,
                "vitk": {
                    f: None if day.status(f) == "not_measured" else round(day.values[f], 2)
                    for f in _K_FIELDS
                },
                "vitk_k_total_status": status,
                "ratio": None if ratio is None else round(ratio, 2),
                "differs": differs,
                "note": note,
            }
        )
    return out
