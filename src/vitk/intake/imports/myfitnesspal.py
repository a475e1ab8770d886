"""MyFitnessPal's food diary CSV as a vitk diary.

MyFitnessPal's own CSV export (Premium: "Nutrition Summary") has one row per *meal* and
no food names, so no vitamin K form can be known from it; it is refused with a message
that says so. What vitk reads is the food diary: the "Printable Diary" report (Food →
View Full Report) saved as CSV, one row per food:
``Date,Meal,Food,Amount,Calories,Carbs,Fat,Protein,Cholest,Sodium,Sugars,Fiber``
(``Meal`` may be called ``Entry``, ``Food`` may be ``Item`` or ``Food Name``, ``Amount``
may be ``Quantity``). Dates are ``January 1, 2019`` or ``2019-01-01``; food names are
``Brand - Food`` (the brand is dropped when the whole name matches nothing); amounts are
``4.8 oz``, ``2 serving(s)``, ``0.75 lb(s)``, ``1 c`` (cup) or ``0.5 cup (78g)``;
nutrient cells carry their unit (``552mg``, ``--g`` for none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vitk.errors import DiaryError
from vitk.foods.catalogue import Catalogue, default_catalogue
from vitk.intake.imports.common import (
    ImportResult,
    SourceRow,
    build_import,
    decode,
    number,
    parse_date,
    read_csv,
)

__all__ = ["EXPECTED_HEADER", "import_myfitnesspal"]

#: What the header must hold (shown in errors).
EXPECTED_HEADER = "MyFitnessPal's food diary: Date,Meal,Food,Amount,Calories,…"
_REQUIRED = {
    "date": ("Date",),
    "name": ("Food", "Item", "Food Name"),
    "amount": ("Amount", "Quantity", "Servings"),
}
_OPTIONAL = {"meal": ("Meal", "Entry"), "energy": ("Calories", "Energy (kcal)")}


def _summary_export(text: str) -> bool:
    """True for MyFitnessPal's per-meal Nutrition Summary (no food column)."""
    first = text.splitlines()[0].lower() if text.strip() else ""
    return "meal" in first and "calories" in first and "food" not in first and "item" not in first


def import_myfitnesspal(
    data: bytes | str,
    *,
    name: str = "MyFitnessPal export",
    catalogue: Catalogue | None = None,
    corrections: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a MyFitnessPal food diary CSV into a vitk diary.

    Parameters are those of :func:`vitk.intake.imports.import_cronometer`.
    MyFitnessPal gives no vitamin K figure, so ``cross_check`` stays empty.

    Raises
    ------
    DiaryError
        The file is the per-meal Nutrition Summary, is not UTF-8, lacks a required
        column, or has bad rows: every bad row, one line each naming the file and row.
    """
    cat = catalogue or default_catalogue()
    text = decode(data, name)
    if _summary_export(text):
        raise DiaryError(
            f"{name}: this is MyFitnessPal's Nutrition Summary (one row per meal, no food "
            "names), from which no vitamin K form can be known; expected the food diary "
            "(Printable Diary saved as CSV): Date,Meal,Food,Amount,Calories,…"
        )
    raw_rows = read_csv(text, name, _REQUIRED, EXPECTED_HEADER, _OPTIONAL)
    today = today or dt.date.today()
    rows: list[SourceRow] = []
    problems: list[str] = []
    seen: dict[str, dt.date] = {}
    for n, raw in raw_rows:

        def cell(key: str, raw: Mapping[str, str] = raw) -> str:
            return raw.get(key, "")

        try:
            food, amount = " ".join(cell("name").split()), cell("amount")
            if not food or not amount:
                missing = [c for c, v in (("Food", food), ("Amount", amount)) if not v]
                raise DiaryError(
                    f"row {n}: {' and '.join(missing)} empty; every row needs a food and an amount."
                )
            date = parse_date(cell("date"), n, today, what="Date", seen=seen)
            energy = number(cell("energy"), "Calories", n)
            rows.append(SourceRow(n, date, food, amount, meal=cell("meal"), energy_kcal=energy))
        except DiaryError as exc:
            problems.append(str(exc))
    return build_import(
        "myfitnesspal", name, rows, problems, catalogue=cat, corrections=corrections
    )
