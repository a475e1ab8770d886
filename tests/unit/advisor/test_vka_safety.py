"""VKA safety that must not fail silently: vitamin K listed as a medicine, unrecognised
names that may be anticoagulants, uneven diaries and large MK-7 days, and food lists."""

from __future__ import annotations

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.medications import normalise, normalise_all, treated_as_vka
from vitk.advisor.render import render


# ------------------------------------------------------------------ 1. vitamin K as a medicine
@pytest.mark.parametrize(
    ("text", "form", "dose_ug"),
    [
        ("vitamin K2 MK-7 100 mcg", "MK-7", 100.0),
        ("MK-7 100 mcg", "MK-7", 100.0),
        ("vitamin K2 (MK-7) 100 µg", "MK-7", 100.0),
        ("phytonadione", "K1", None),
        ("phylloquinone", "K1", None),
        ("Konakion", "K1", None),
        ("Konakion 10 mg", "K1", 10_000.0),
        ("menatetrenone", "MK-4", None),
        ("Glakay", "MK-4", None),
        ("Glakay 15 mg three times daily", "MK-4", 45_000.0),
        ("vitamin K", None, None),
        ("K2", "K2", None),
        ("MK-7", "MK-7", None),
        ("MK-4", "MK-4", None),
        ("MK-7 700 mcg weekly", "MK-7", 100.0),
        ("MK-7 100 mcg as needed", "MK-7", None),  # irregular: the daily dose is unknown
    ],
)
def test_vitamin_k_lines_are_recognised_with_form_and_dose(text, form, dose_ug):
    (m,) = normalise_all([text])
    assert m.recognised, m
    assert "vitamin_k" in m.classes
    assert m.k_form == form
    assert m.k_dose_ug == dose_ug
    assert m.to_dict()["vitamin_k"] == {"form": form, "dose_ug": dose_ug}


@pytest.mark.parametrize(
    "med",
    [
        "vitamin K2 MK-7 100 mcg",
        "phytonadione",
        "phylloquinone",
        "Konakion",
        "menatetrenone",
        "Glakay",
        "vitamin K",
        "K2",
        "MK-7",
        "MK-4",
    ],
)
def test_vitamin_k_medicine_fires_the_vka_supplement_warning(med):
    report = advise(prof(age=60, medications=["warfarin", med]))
    ids = [s.rule_id for s in report.safety]
    assert "SAF-VKA-03" in ids, ids
    assert "SAF-MED-UNREC-01" not in ids
    assert report.unrecognised_medications == []
    msg = next(s.message for s in report.safety if s.rule_id == "SAF-VKA-03")
    assert "Do not stop or change it on your own" in msg


def test_vka_supplement_warning_states_the_dose_or_that_none_was_given():
    dosed = advise(prof(medications=["warfarin", "vitamin K2 MK-7 100 mcg"]))
    msg = next(s.message for s in dosed.safety if s.rule_id == "SAF-VKA-03")
    assert msg.startswith("You report 100 µg/d of supplemental vitamin K")
    undosed = advise(prof(medications=["warfarin", "Konakion"]))
    msg = next(s.message for s in undosed.safety if s.rule_id == "SAF-VKA-03")
    assert "vitamin K listed among your medicines without a dose ('Konakion')" in msg
    assert "You report 0" not in msg


def test_vitamin_k_medicine_without_vka_is_counted_as_a_supplement():
    report = advise(prof(medications=["vitamin K2 MK-7 100 mcg"]))
    assert "SAF-VKA-03" not in report.fired_rule_ids
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["mk7_ug"]["supplements_ug"] == 100.0
    assert rows["k_total_ug"]["supplements_ug"] == 100.0
    assert rows["k1_ug"]["supplements_ug"] == 0.0
    assert rows["mk7_ug"]["supplement_source"] == "profile"
    assert any(
        "counted as a supplement of 100 µg/d" in n for n in report.intake["medication_notes"]
    )


def test_vitamin_k_medicine_without_a_dose_is_noted_not_counted():
    report = advise(prof(medications=["Konakion"]))
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["k_total_ug"]["supplements_ug"] == 0.0
    (note,) = report.intake["medication_notes"]
    assert "'Konakion'" in note and "not counted" in note
    assert "Konakion" in render(report, "md")  # the note is shown, in the person's own words


def test_vitamin_k_medicine_is_not_counted_twice_with_the_same_supplement():
    report = advise(prof(medications=["MK-7 100 mcg"], supplements={"vitamin_k": ["MK-7 180 ug"]}))
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["mk7_ug"]["supplements_ug"] == 180.0
    assert "counted twice" in report.intake["medication_notes"][0]


def test_pharmacological_mk4_listed_as_a_medicine_fires_the_mk4_warning():
    report = advise(prof(age=70, medications=["Glakay 15 mg three times daily"]))
    assert "SAF-MK4-01" in report.fired_rule_ids


def test_warfarin_and_vitamin_k_on_one_line_are_two_medicines():
    meds = normalise_all(["warfarin and vitamin K"])
    assert [m.generic for m in meds] == ["warfarin", "vitamin K (form not given)"]


def test_empty_medication_lines_are_ignored():
    assert normalise_all(["", "   "]) == []
    report = advise(prof(medications=["", "  "]))
    assert report.unrecognised_medications == []
    assert "SAF-MED-UNREC-01" not in report.fired_rule_ids


# ------------------------------------------------------------------ 2. unknown: treat as a VKA
def test_orfarin_is_a_warfarin_brand():
    m = normalise("Orfarin 3 mg")
    assert m.generic == "warfarin"
    assert "vka" in m.classes


@pytest.mark.parametrize("name", ["Miniwarfarin", "Befarin 3 mg", "Kumarinex"])
def test_unrecognised_name_that_may_be_a_vka_is_treated_as_one(name):
    m = normalise(name)
    assert not m.recognised
    assert "anticoagulant_possible" in m.classes
    assert treated_as_vka([m])
    report = advise(prof(medications=[name]))
    ids = [s.rule_id for s in report.safety]
    assert "SAF-VKA-05" in ids
    assert "SAF-MED-UNREC-01" in ids  # the unrecognised warning stays
    assert [u["text"] for u in report.unrecognised_medications] == [name]
    msg = next(s.message for s in report.safety if s.rule_id == "SAF-VKA-05")
    assert f"'{name}'" in msg and "warfarin" in msg
    assert "do not start, stop or change" in msg
    # VKA rules apply: a K supplement now fires the VKA supplement warning
    with_k = advise(prof(medications=[name], supplements={"vitamin_k": ["MK-7 90 ug"]}))
    assert "SAF-VKA-03" in with_k.fired_rule_ids
    assert with_k.food_options["vka_note"]


def test_unrecognised_name_not_close_to_an_anticoagulant_is_not_treated_as_a_vka():
    report = advise(prof(medications=["zorblax forte"]))
    assert "SAF-VKA-05" not in report.fired_rule_ids
    assert "SAF-MED-UNREC-01" in report.fired_rule_ids
    assert report.food_options["vka_note"] is None


# ------------------------------------------------------------------ 3. uneven diaries, MK-7 days
def test_uneven_vka_diary_fires_the_consistency_rule(uneven_vka_diary):
    report = advise(prof(age=60, medications=["warfarin"]), uneven_vka_diary)
    item = next(s for s in report.safety if s.rule_id == "SAF-VKA-06")
    assert item.severity == "warning" and item.category == "vka"
    assert "28 of 28 days outside ±20 %" in item.message
    assert "Do not change your diet on your own" in item.message
    assert "anticoagulation clinic" in item.message
    assert set(item.citations) == {"ODS-K", "Lurie2010"}


def test_consistency_rule_does_not_fire_for_a_steady_diary_or_without_a_vka(
    steady_diary, uneven_vka_diary
):
    assert "SAF-VKA-06" not in advise(prof(medications=["warfarin"]), steady_diary).fired_rule_ids
    assert "SAF-VKA-06" not in advise(prof(), uneven_vka_diary).fired_rule_ids
    assert "SAF-VKA-06" not in advise(prof(medications=["warfarin"])).fired_rule_ids


def test_natto_days_fire_the_mk7_day_rule(uneven_vka_diary):
    report = advise(prof(age=60, medications=["warfarin"]), uneven_vka_diary)
    item = next(s for s in report.safety if s.rule_id == "SAF-VKA-07")
    assert "On 7 of 28 diary days your food supplied 50 µg or more of MK-7" in item.message
    assert "about 400 µg on 2026-02-04" in item.message
    assert "[Schurgers2007]" in item.message
    assert "Do not change what you eat on your own" in item.message


def test_mk7_day_rule_does_not_fire_without_such_days_or_without_a_vka(
    steady_diary, uneven_vka_diary
):
    assert "SAF-VKA-07" not in advise(prof(medications=["warfarin"]), steady_diary).fired_rule_ids
    assert "SAF-VKA-07" not in advise(prof(), uneven_vka_diary).fired_rule_ids
    assert (
        "SAF-VKA-07" not in advise(prof(medications=["apixaban"]), uneven_vka_diary).fired_rule_ids
    )


def test_vka_user_is_not_offered_high_vitamin_k_foods():
    report = advise(prof(medications=["warfarin"]))
    fo = report.food_options
    assert fo["title"].startswith("Vitamin K content of common foods")
    assert "not a suggestion to eat more" in fo["title"]
    assert all(o["k2_ug_per_serving"] < 50 for o in fo["options"])
    flagged = {o["name"] for o in fo["flagged_high_k2"]}
    assert any("Natto" in n for n in flagged)
    assert not any("Natto" in o["name"] for o in fo["options"])
    assert fo["excluded"]["flagged_high_k2_for_vka"] == len(fo["flagged_high_k2"])
    md = render(report, "md")
    assert "## 4. Vitamin K content of common foods" in md
    assert "Food options" not in md
    assert "[Schurgers2007; Theuwissen2013]" in fo["flag_note"]


def test_non_vka_user_still_gets_ranked_food_options():
    fo = advise(prof()).food_options
    assert fo["title"] == "Food options"
    assert "Natto" in fo["options"][0]["name"]
    assert fo["flagged_high_k2"] == [] and fo["flag_note"] is None


# ------------------------------------------------------------------ 5. co-nutrients from supplements
def _co(report, name):
    return next(c for c in report.co_nutrients if c["nutrient"] == name)


def test_supplement_alone_meeting_the_rda_says_so_without_a_diary():
    report = advise(prof(supplements={"vitamin_d": "600 IU"}))
    assert (
        _co(report, "vitamin D")["status"]
        == "meets the RDA from supplements alone (diet not recorded)"
    )
    below = advise(prof(supplements={"vitamin_d": "200 IU"}))
    assert _co(below, "vitamin D")["status"] == "diet not recorded: cannot compare with the RDA"


def test_supplement_alone_above_the_ul_says_so_without_a_diary():
    report = advise(prof(supplements={"vitamin_d": "10000 IU", "calcium": "2.6 g"}))
    assert (
        _co(report, "vitamin D")["status"] == "above UL from supplements alone (diet not recorded)"
    )
    assert _co(report, "calcium")["status"] == "above UL from supplements alone (diet not recorded)"


@pytest.mark.parametrize(
    ("kw", "status"),
    [
        ({"total": 300.0, "total_status": "lower_bound"}, "at least 300: some logged foods"),
        ({"total": 300.0, "total_status": "measured"}, "below RDA"),
        ({"total": 1200.0, "total_status": "lower_bound"}, "meets RDA"),
        ({"total": 2600.0, "total_status": "lower_bound"}, "above UL (at least this much"),
        ({"total": None, "total_status": None, "supp": 1100.0}, "meets the RDA from supplements"),
        ({"total": 0.0, "total_status": "not_measured"}, "not measured in the logged foods"),
    ],
)
def test_co_nutrient_status_says_what_is_known(kw, status):
    from vitk.advisor.sections import _co_status

    args = {"supp": 0.0, "target": 1000.0, "kind": "RDA", "ul": 2500.0}
    args.update(kw)
    assert _co_status(ul_supplements_only=False, **args).startswith(status)
