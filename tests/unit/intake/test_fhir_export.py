"""A diary as a FHIR R5 Bundle of NutritionIntake, validated by fhir.resources."""

from __future__ import annotations

import json
from pathlib import Path

import fhir.resources
import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.nutritionintake import NutritionIntake
from tests.cli.helpers import run

from vitk.intake import summarise
from vitk.intake.diary import parse_diary
from vitk.intake.fhir import FOOD_SYSTEM, NUTRIENT_SYSTEM, UCUM, fhir_bundle
from vitk.nutrients import FIELDS

DIARY = (
    "date,kind,item,amount\n"
    "2026-03-01,food,natto,40 g\n"
    "2026-03-01,food,kale,1 cup\n"
    "2026-03-01,supplement,MK-7,90 mcg\n"
    "2026-03-02,food,xqzzy pie,50 g\n"
    "2026-03-02,food,spinach,60 g\n"
    "2026-03-03,supplement,vitamin D3,1000 IU\n"
)


@pytest.fixture(scope="module")
def made():
    diary = parse_diary(DIARY, name="d.csv")
    summary = summarise(diary)
    return diary, summary, fhir_bundle(summary, diary)


def test_the_bundle_is_valid_fhir_r5(made):
    _, _, data = made
    assert fhir.resources.__fhir_version__.startswith("5.")
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    for e in data["entry"]:
        NutritionIntake.model_validate(e["resource"])  # raises when not valid


def test_one_nutrition_intake_per_day_with_its_items(made):
    diary, summary, data = made
    resources = [e["resource"] for e in data["entry"]]
    assert [r["occurrenceDateTime"] for r in resources] == [d.isoformat() for d in diary.dates]
    for r in resources:
        n_rows = sum(1 for e in diary.entries if e.date.isoformat() == r["occurrenceDateTime"])
        assert len(r["consumedItem"]) == n_rows
    natto = resources[0]["consumedItem"][0]
    match = next(m for m in summary.matches if m.row == 1)
    assert natto["nutritionProduct"]["concept"]["coding"][0] == {
        "system": FOOD_SYSTEM,
        "code": match.food_id,
        "display": match.food_name,
    }
    assert natto["amount"]["value"] == pytest.approx(match.grams)
    mk7 = resources[0]["consumedItem"][2]
    assert mk7["amount"] == {"value": 90.0, "unit": "µg", "system": UCUM, "code": "ug"}
    vit_d = resources[2]["consumedItem"][0]["amount"]
    assert vit_d["value"] == pytest.approx(25.0) and vit_d["code"] == "ug"


def test_per_form_amounts_follow_the_day_totals_and_marks(made):
    _, summary, data = made
    codes = {f.code: f for f in FIELDS}
    for day, entry in zip(summary.days, data["entry"], strict=True):
        labels = {
            lab["nutrient"]["concept"]["coding"][0]["code"]: lab["amount"]
            for lab in entry["resource"]["ingredientLabel"]
        }
        for f in FIELDS:
            status = day.status(f.name)
            if status == "not_measured":
                assert f.code not in labels  # unknown is not zero: left out
                continue
            q = labels[f.code]
            assert q["value"] == pytest.approx(day.values[f.name], abs=1e-3)
            assert q["code"] == f.unit and q["system"] == UCUM
            assert (q.get("comparator") == ">=") == (status == "lower_bound")
        assert set(labels) <= set(codes)
        for lab in entry["resource"]["ingredientLabel"]:
            assert lab["nutrient"]["concept"]["coding"][0]["system"] == NUTRIENT_SYSTEM


def test_an_unknown_food_is_listed_and_noted(made):
    _, _, data = made
    day2 = data["entry"][1]["resource"]
    assert day2["consumedItem"][0]["nutritionProduct"]["concept"] == {"text": "xqzzy pie"}
    assert "unknown food 'xqzzy pie'" in day2["note"][0]["text"]
    k_total = next(
        lab["amount"]
        for lab in day2["ingredientLabel"]
        if lab["nutrient"]["concept"]["coding"][0]["code"] == "k_total"
    )
    assert k_total["comparator"] == ">="


def test_ids_are_stable_for_the_same_diary(made):
    diary, summary, data = made
    again = fhir_bundle(summary, diary)
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in data["entry"]]
    assert len({e["fullUrl"] for e in data["entry"]}) == len(data["entry"])


def test_cli_intake_format_fhir(tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_text(DIARY, encoding="utf-8")
    code, out, err = run(capsys, "intake", str(path), "--format", "fhir")
    assert code == 0
    bundle = Bundle.model_validate(json.loads(out))
    assert len(bundle.entry) == 3 and "xqzzy pie" in err


def test_every_code_is_documented():
    text = (Path(__file__).parents[3] / "docs" / "interop.md").read_text(encoding="utf-8")
    for f in FIELDS:
        assert f"| `{f.code}` |" in text, f.code
    assert NUTRIENT_SYSTEM in text and FOOD_SYSTEM in text
