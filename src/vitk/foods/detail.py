"""Everything known about one food, and its values in words, for ``vitk foods show`` and web.

:func:`food_detail` gives the JSON form of a food (every nutrient's shown value, each
observation with its source, portions and full citations); :func:`value_text` and
:func:`headline_cell` word one value the way every table shows it. Unknown is not zero:
a value no source measured reads ``not measured``, a total with unmeasured forms gets
``≥`` (a lower bound), and USDA's assumed zeros and imputed values say so
(:data:`vitk.foods.values.VALUE_MARKS_NOTE` explains the marks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vitk.foods.values import shown_value

if TYPE_CHECKING:
    from vitk.foods.catalogue import Catalogue
    from vitk.foods.model import Food

__all__ = [
    "NOT_MEASURED_TEXT",
    "food_by_id_or_name",
    "food_detail",
    "headline_cell",
    "value_text",
]

#: Shown instead of a value no source measured (unknown, not zero).
NOT_MEASURED_TEXT = "not measured"


def _sig3(x: float) -> str:
    """``x`` to 3 significant figures without an exponent: 1500, not 1.5e+03."""
    return f"{float(f'{x:.3g}'):g}"


def headline_cell(value: Mapping[str, Any]) -> str:
    """One headline value of :func:`vitk.foods.values.food_row` as a table shows it.

    ``≥`` marks a lower bound (a total with some forms not measured), the per-serving
    amount follows in brackets, and ``ND``, ``(assumed)`` or ``(imputed)`` mark the status.

    Examples
    --------
    >>> headline_cell({"per_100g_ug": 12.5, "per_serving_ug": 3.51234, "status": "partial"})
    '≥12.5 (3.51)'
    >>> headline_cell({"per_100g_ug": None, "per_serving_ug": None, "status": "not_measured"})
    'not measured'
    """
    if value["per_100g_ug"] is None:
        return "range only" if value["status"] == "range_only" else NOT_MEASURED_TEXT
    # "partial": some forms of this total were never measured, so it is a lower bound.
    text = ("≥" if value["status"] == "partial" else "") + f"{value['per_100g_ug']:g}"
    if value["per_serving_ug"] is not None:
        text += f" ({_sig3(value['per_serving_ug'])})"
    if value["status"] == "not_detected":
        text += " ND"
    elif value["status"] == "assumed_zero":
        text += " (assumed)"
    elif value["status"] == "imputed":
        text += " (imputed)"
    return text


def value_text(value: Mapping[str, Any]) -> str:
    """One nutrient of :func:`food_detail` per 100 g, in words.

    Examples
    --------
    >>> value_text({"value_per_100g": 0.0, "status": "assumed_zero"})
    '0 (assumed, not measured)'
    >>> value_text({"value_per_100g": None, "status": "range_only"})
    'range only'
    """
    if value["value_per_100g"] is None:
        return "range only" if value["status"] == "range_only" else NOT_MEASURED_TEXT
    if value["status"] == "assumed_zero":
        return f"{value['value_per_100g']:g} (assumed, not measured)"
    return f"{value['value_per_100g']:g}"


def food_by_id_or_name(catalogue: Catalogue, text: str) -> tuple[Food, str | None]:
    """The food with id ``text``, else the food a diary row naming ``text`` would mean.

    Returns
    -------
    (Food, str or None)
        The food, and how a name was matched (``"name or synonym"`` or
        ``"fuzzy match, score 91"``; None for an id).

    Raises
    ------
    UnknownFoodError
        Neither an id nor a name matches (the message is the one for the id).
    """
    from vitk.errors import UnknownFoodError

    try:
        return catalogue.get(text), None
    except UnknownFoodError as by_id:
        try:
            food, hit = catalogue.resolve(text)
        except UnknownFoodError:
            raise by_id from None
    return food, "name or synonym" if hit.exact else f"fuzzy match, score {hit.score:g}"


def food_detail(food: Food) -> dict[str, Any]:
    """Every nutrient, observation and portion of ``food``, with full citations.

    The JSON form of ``vitk foods show --format json``: ``nutrients`` (per nutrient code:
    label, unit and the shown value with its status and source keys, or
    ``not_measured``), ``observations`` (each value as published, with its source),
    ``portions`` and ``references`` (full citations of every source key used).
    """
    from vitk import references
    from vitk.nutrients import NUTRIENTS

    data: dict[str, Any] = {
        "food_id": food.food_id,
        "name": food.name,
        "food_group": food.food_group,
        "source_db": food.source_db,
        "country": food.country,
        "usda_ndb": food.usda_ndb,
        "synonyms": list(food.synonyms),
        "typical_serving": food.typical_serving,
        "note": food.note,
        "nutrients": {},
        "observations": [],
        "portions": [],
        "references": [],
    }
    keys: list[str] = []
    for code, n in NUTRIENTS.items():
        sv = shown_value(food, code)
        data["nutrients"][code] = (
            {"label": n.label, "unit": n.unit, "status": "not_measured", "value_per_100g": None}
            if sv is None
            else {"label": n.label, "unit": n.unit, **sv.to_dict()}
        )
    for o in food.observations:
        keys.append(o.source_key)
        data["observations"].append(
            {
                "nutrient": o.nutrient,
                "value_per_100g": o.value_per_100g,
                "status": o.status,
                "low_per_100g": o.low_per_100g,
                "high_per_100g": o.high_per_100g,
                "n_samples": o.n_samples,
                "country": o.country,
                "source_key": o.source_key,
                "source_location": o.source_location,
                "origin": o.origin,
                "priority": o.priority,
                "note": o.note,
                "usda_src_cd": o.usda_src_cd or None,
                "status_label": o.status_label,
            }
        )
    for p in food.portions:
        keys.append(p.source_key)
        data["portions"].append({"label": p.label, "grams": p.grams, "source_key": p.source_key})
    data["references"] = references.cited(dict.fromkeys(keys))
    return data
