"""One diary row's amount: grams of a food, or a supplement's amount in its unit.

The intake engine reads every row through these two functions; each refuses an amount it
cannot read, or one beyond the per-row limits, with one line that names the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vitk.errors import DiaryError, UnitError
from vitk.foods.values import portion_grams, resolve_portion
from vitk.intake.amounts import count_word_of, natural_portion
from vitk.units import (
    FAST_MASS_G,
    compact_number,
    convert,
    is_mass_unit,
    iu_to_ug_vitamin_d,
    normalise_unit,
    parse_amount,
)

if TYPE_CHECKING:
    from vitk.foods.model import Food
    from vitk.intake.diary import DiaryEntry

__all__ = ["MAX_FOOD_G", "MAX_SUPPLEMENT", "SUPPLEMENT_UNIT", "food_grams", "supplement_amount"]

#: Largest amount accepted in one diary row (beyond this it is a typo, not a meal).
MAX_FOOD_G = 5000.0
#: Largest supplement amount in one row, in the nutrient's unit. MK-4 is prescribed at
#: 45 mg/day in Japan (Inoue2009), so vitamin K forms allow up to 100 mg.
MAX_SUPPLEMENT = {
    "k1": 100_000.0,
    "mk4": 100_000.0,
    "mk7": 100_000.0,
    "vitamin_d": 2_500.0,
    "calcium": 5_000.0,
    "magnesium": 5_000.0,
}
SUPPLEMENT_UNIT = {
    "k1": "ug",
    "mk4": "ug",
    "mk7": "ug",
    "vitamin_d": "ug",
    "calcium": "mg",
    "magnesium": "mg",
}


def _amount(entry: DiaryEntry) -> tuple[float, str]:
    """The row's amount as (value, unit); DiaryError for text that is no amount or < 0."""
    try:
        value, unit = parse_amount(entry.amount)
    except UnitError as exc:
        raise DiaryError(f"row {entry.row}: {exc}") from None
    if value < 0:
        raise DiaryError(f"row {entry.row}: amount must be ≥ 0; got '{entry.amount}'.")
    return value, unit


def food_grams(food: Food, entry: DiaryEntry) -> tuple[float, str]:
    """Grams of ``food`` in a diary row, and how the amount was read.

    Mass units convert directly; a portion of the food (``1 cup``), ``serving`` (its
    typical serving) or a bare count in its natural unit (``2`` eggs) go through its
    portions.

    Returns
    -------
    (float, str)
        The grams [g] and the reading (``"2 × 1 large (50 g; a count read as 1 large)"``).

    Raises
    ------
    DiaryError
        One line naming the row, the amount received and what is allowed; also for more
        than :data:`MAX_FOOD_G` in one row.
    """
    value, unit = _amount(entry)
    natural = None
    if not unit or (resolve_portion(food, unit) is None and count_word_of(food, unit)):
        natural = natural_portion(food)
        if natural is None:
            raise DiaryError(
                f"row {entry.row}: amount '{entry.amount}' has no unit and '{food.name}' has no "
                "natural unit to count in; use g, oz, or a portion such as "
                f"{', '.join(p.label for p in food.portions[:3]) or 'serving'}."
            )
    u = normalise_unit(unit)
    portion = natural or (None if u in FAST_MASS_G else resolve_portion(food, unit))
    if natural is not None:
        grams = value * natural.grams
        how = f"{value:g} × {natural.label} ({natural.grams:g} g; a count read as {natural.label})"
    elif portion is not None:
        grams, how = value * portion.grams, f"{value:g} × {portion.label} ({portion.grams:g} g)"
    elif u.lower() in ("serving", "servings", "portion", "portions"):
        if not food.typical_serving:
            raise DiaryError(f"row {entry.row}: '{food.name}' has no typical serving; give grams.")
        grams = value * portion_grams(food, food.typical_serving)
        how = f"{value:g} × {food.typical_serving}"
    elif is_mass_unit(u):  # everyday units need no pint registry (see vitk.units)
        grams, how = convert(value, u, "g"), f"{value:g} {unit}"
    else:
        allowed = ", ".join(p.label for p in food.portions) or "none"
        raise DiaryError(
            f"row {entry.row}: unit '{unit}' is neither a mass nor a portion of "
            f"'{food.name}'; allowed: g, mg, kg, oz, lb, serving, or a portion ({allowed})."
        )
    if grams > MAX_FOOD_G:
        raise DiaryError(
            f"row {entry.row}: {entry.amount} of '{food.name}' is {compact_number(grams)} g; "
            f"the most one row may hold is {compact_number(MAX_FOOD_G)} g."
        )
    return grams, how


def supplement_amount(code: str, entry: DiaryEntry) -> float:
    """A supplement row's amount of nutrient ``code``, in :data:`SUPPLEMENT_UNIT`.

    IU is accepted for vitamin D only (through :func:`vitk.units.iu_to_ug_vitamin_d`).

    Raises
    ------
    DiaryError
        One line naming the row, the amount received and the units allowed; also for more
        than :data:`MAX_SUPPLEMENT` in one row.
    """
    value, unit = _amount(entry)
    u = normalise_unit(unit)
    target = SUPPLEMENT_UNIT[code]
    if u == "IU":
        if code != "vitamin_d":
            raise DiaryError(
                f"row {entry.row}: IU is only accepted for vitamin D; "
                f"got '{entry.amount}' of {entry.item}."
            )
        amount = iu_to_ug_vitamin_d(value)
    elif u and is_mass_unit(u):
        amount = convert(value, u, target)
    else:
        raise DiaryError(
            f"row {entry.row}: unknown unit '{unit or '(none)'}' in '{entry.amount}' "
            f"for {entry.item}; "
            f"allowed: mcg/µg/ug, mg, g{', IU' if code == 'vitamin_d' else ''}."
        )
    limit = MAX_SUPPLEMENT[code]
    if amount > limit:
        raise DiaryError(
            f"row {entry.row}: {entry.amount} of {entry.item} is {compact_number(amount)} "
            f"{target}; the most one row may hold is {compact_number(limit)} {target}."
        )
    return amount
