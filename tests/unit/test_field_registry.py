"""The field registry (vitk.nutrients.FIELDS) is the one list every layer derives from."""

from __future__ import annotations

import pytest

from vitk.advisor.engine import FORMS as ADVISOR_FORMS
from vitk.errors import InputError
from vitk.foods.values import HEADLINE_FORMS
from vitk.intake import DAY_FIELDS
from vitk.nutrients import (
    BASE_FIELDS,
    FIELD,
    FIELDS,
    K1_FORMS,
    K2_FORMS,
    NUTRIENT_FIELD,
    NUTRIENTS,
    TOTALS,
    field_by_code,
    fields_including,
)


def test_intake_json_fields_are_the_registry_in_order() -> None:
    assert tuple(f.name for f in FIELDS) == DAY_FIELDS
    assert DAY_FIELDS[:7] == (
        "k1_ug",
        "dihydro_k1_ug",
        "mk4_ug",
        "mk7_ug",
        "mk_long_other_ug",
        "k2_total_ug",
        "k_total_ug",
    )


def test_every_field_name_carries_its_unit() -> None:
    for f in FIELDS:
        assert f.name.endswith("_" + f.unit), f.name
        for code in f.nutrients:
            assert NUTRIENTS[code].unit == f.unit, (f.name, code)


def test_each_nutrient_adds_into_exactly_one_base_field() -> None:
    owners: dict[str, list[str]] = {}
    for name in BASE_FIELDS:
        for code in FIELD[name].nutrients:
            owners.setdefault(code, []).append(name)
    assert all(len(v) == 1 for v in owners.values()), owners
    assert set(NUTRIENT_FIELD) == set(owners)
    # Energy is a nutrient of food tables, not a reported intake field.
    assert set(NUTRIENTS) - set(NUTRIENT_FIELD) == {"energy"}


def test_totals_are_sums_of_base_fields_covering_their_nutrients() -> None:
    assert set(TOTALS) == {"k2_total_ug", "k_total_ug"}
    for total, parts in TOTALS.items():
        assert all(p in BASE_FIELDS for p in parts)
        summed = [c for p in parts for c in FIELD[p].nutrients]
        assert sorted(summed) == sorted(FIELD[total].nutrients), total
    assert set(FIELD["k_total_ug"].nutrients) == {*K1_FORMS, *K2_FORMS}


def test_labels_are_unique_within_each_kind() -> None:
    for attr in ("label", "short_label", "abbreviation", "code"):
        values = [getattr(f, attr) for f in FIELDS]
        assert len(set(values)) == len(values), attr


def test_advisor_and_food_tables_use_registry_labels() -> None:
    assert ADVISOR_FORMS[4] == ("other MKs (MK-5, MK-6, MK-8 to MK-13)", "mk_long_other_ug")
    assert [f for _, f in ADVISOR_FORMS] == [f.name for f in FIELDS if f.kind == "vitamin_k"]
    assert [c for c, _ in HEADLINE_FORMS] == [
        "k1",
        "mk4",
        "mk7",
        "mk_long_other",
        "k2_total",
        "k_total",
    ]
    assert dict(HEADLINE_FORMS)["k_total"] == FIELD["k_total_ug"].abbreviation


def test_fields_including_says_what_a_supplement_form_adds_to() -> None:
    assert fields_including(("mk7",)) == ("mk7_ug", "k2_total_ug", "k_total_ug")
    assert fields_including(("k1",)) == ("k1_ug", "k_total_ug")
    assert fields_including(K2_FORMS) == ("k2_total_ug", "k_total_ug")
    assert fields_including(("calcium",)) == ("calcium_mg",)


def test_field_by_code_rejects_an_unknown_code_in_one_line() -> None:
    assert field_by_code("k2_total").name == "k2_total_ug"
    with pytest.raises(InputError, match=r"Unknown field code 'k3'; allowed: k1, "):
        field_by_code("k3")


def test_dosed_forms_are_one_list_for_supplements_pk_and_profiles() -> None:
    from vitk.advisor import medications, profile
    from vitk.nutrients import DOSED_FORMS, NUTRIENTS
    from vitk.pharmacology import labels, regimens

    assert DOSED_FORMS == {"k1": "K1", "mk4": "MK-4", "mk7": "MK-7"}
    assert labels.FORM_LABELS == DOSED_FORMS
    assert tuple(DOSED_FORMS) == regimens._PK_FORMS
    assert medications.K_FORMS[:-1] == tuple(DOSED_FORMS.values())
    # Every alias of a dosed form reads as that form in a profile's supplement line.
    for code, name in DOSED_FORMS.items():
        for alias in (code, *NUTRIENTS[code].aliases):
            assert profile.K_FORMS[alias.lower()] == name
