"""A diary as an HL7 FHIR R5 Bundle of NutritionIntake resources, one per diary day.

Each day's ``NutritionIntake`` (status ``completed``, ``occurrenceDateTime`` the date)
lists every logged food and supplement in ``consumedItem`` (the food by its vitk id and
name, its amount in grams; a supplement by its form and amount) and the day's totals per
vitamin K form and co-nutrient in ``ingredientLabel``, one per reported field of
:data:`vitk.nutrients.FIELDS`:

- the nutrient is coded in :data:`NUTRIENT_SYSTEM` with the field's nutrient code
  (``k1``, ``dihydro_k1``, ``mk4``, ``mk7``, ``mk_long_other``, ``k2_total``,
  ``k_total``, ``calcium``, ``vitamin_d``, ``magnesium``) and its label;
- the amount is a UCUM quantity (``ug`` or ``mg``); a lower bound (some logged food
  has no value for that form, or an unknown food was logged) carries the comparator
  ``>=``; a field no logged source measured is left out (unknown is not zero).

Foods are coded in :data:`FOOD_SYSTEM` with their vitk id (``natto``, ``usda:11457``).
An unknown food is listed by its name with no amount, and a note on the resource says
it adds nothing. The Bundle (type ``collection``) is built and validated with the
``fhir.resources`` models (FHIR 5.0.0) and returned as its JSON form.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from typing import Any

from vitk.intake.diary import Diary, DiaryEntry, supplement_reading
from vitk.intake.engine import IntakeSummary
from vitk.intake.quantities import supplement_amount
from vitk.nutrients import FIELDS, field_by_code

__all__ = ["FOOD_SYSTEM", "NUTRIENT_SYSTEM", "UCUM", "fhir_bundle"]

#: Code system of the nutrient codes (vitk's field registry; no standard terminology
#: codes each menaquinone form, see docs/interop.md).
NUTRIENT_SYSTEM = "urn:vitk:fhir:nutrient"
#: Code system of vitk food ids.
FOOD_SYSTEM = "urn:vitk:fhir:food"
#: Unified Code for Units of Measure, FHIR's system for quantities.
UCUM = "http://unitsofmeasure.org"
_UCUM_CODE = {"ug": "ug", "mg": "mg", "g": "g"}
_UNIT_SHOWN = {"ug": "µg", "mg": "mg", "g": "g"}
#: Namespace of the resources' deterministic ids (same diary, same ids).
_NAMESPACE = uuid.UUID("6b1c2f0e-9d4a-5e7b-8c3d-2a1f0e9d4c7b")


def _quantity(value: float, unit: str, *, lower_bound: bool = False) -> dict[str, Any]:
    q: dict[str, Any] = {
        "value": round(float(value), 3),
        "unit": _UNIT_SHOWN[unit],
        "system": UCUM,
        "code": _UCUM_CODE[unit],
    }
    if lower_bound:
        q["comparator"] = ">="
    return q


def _food_item(entry: DiaryEntry, food_id: str, food_name: str, grams: float) -> dict[str, Any]:
    return {
        "type": {"text": "food"},
        "nutritionProduct": {
            "concept": {
                "coding": [{"system": FOOD_SYSTEM, "code": food_id, "display": food_name}],
                "text": food_name,
            }
        },
        "amount": _quantity(grams, "g"),
    }


def _supplement_item(entry: DiaryEntry) -> dict[str, Any]:
    code, _ = supplement_reading(entry.item, entry.row)
    fld = field_by_code(code)
    amount = supplement_amount(code, entry)
    return {
        "type": {"text": "supplement"},
        "nutritionProduct": {
            "concept": {
                "coding": [{"system": NUTRIENT_SYSTEM, "code": fld.code, "display": fld.label}],
                "text": f"{fld.label} supplement",
            }
        },
        "amount": _quantity(amount, fld.unit),
    }


def fhir_bundle(summary: IntakeSummary, diary: Diary) -> dict[str, Any]:
    """The FHIR R5 Bundle (JSON form) of ``diary``, one NutritionIntake per day.

    Parameters
    ----------
    summary : IntakeSummary
        ``summarise(diary)``: its day totals, matches and unknown foods.
    diary : Diary
        The diary that was summarised (its rows give the consumed items).

    Returns
    -------
    dict
        A ``Bundle`` of type ``collection``, validated by ``fhir.resources``.
    """
    from fhir.resources.bundle import Bundle

    matches = {m.row: m for m in summary.matches}
    unknown = {u.row: u for u in summary.unknown_foods}
    items: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    notes: dict[Any, list[dict[str, str]]] = defaultdict(list)
    for entry in diary.entries:
        if entry.kind == "supplement":
            items[entry.date].append(_supplement_item(entry))
        elif entry.row in matches:
            m = matches[entry.row]
            items[entry.date].append(_food_item(entry, m.food_id, m.food_name, m.grams))
        elif entry.row in unknown:
            items[entry.date].append(
                {"type": {"text": "food"}, "nutritionProduct": {"concept": {"text": entry.item}}}
            )
            notes[entry.date].append({"text": unknown[entry.row].message()})
    entries = []
    for day in summary.days:
        labels = []
        for f in FIELDS:
            status = day.status(f.name)
            if status == "not_measured":
                continue
            labels.append(
                {
                    "nutrient": {
                        "concept": {
                            "coding": [
                                {"system": NUTRIENT_SYSTEM, "code": f.code, "display": f.label}
                            ],
                            "text": f.label,
                        }
                    },
                    "amount": _quantity(
                        day.values[f.name], f.unit, lower_bound=status == "lower_bound"
                    ),
                }
            )
        rid = str(uuid.uuid5(_NAMESPACE, f"{diary.source}|{day.date.isoformat()}"))
        resource: dict[str, Any] = {
            "resourceType": "NutritionIntake",
            "id": rid,
            "status": "completed",
            "subject": {"display": "diary owner"},
            "occurrenceDateTime": day.date.isoformat(),
            "consumedItem": items[day.date],
            "ingredientLabel": labels,
        }
        if notes[day.date]:
            resource["note"] = notes[day.date]
        entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": resource})
    bundle = Bundle.model_validate(
        {"resourceType": "Bundle", "type": "collection", "entry": entries}
    )
    data: dict[str, Any] = json.loads(bundle.model_dump_json(exclude_none=True))
    return data
