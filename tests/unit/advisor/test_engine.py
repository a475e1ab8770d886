"""Scenario tests of the engine on named profiles (see helpers.PROFILES)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from tests.unit.advisor.helpers import PROFILES, prof

from vitk.advisor import Report, advise, profile_from_dict
from vitk.advisor.engine import build_facts, food_options
from vitk.advisor.medications import drugs, normalise_all
from vitk.advisor.rules import load_rules
from vitk.foods.model import Food, Observation, Portion
from vitk.references import get

ANIMAL_GROUPS = {
    "cheese",
    "fermented dairy",
    "dairy",
    "butter",
    "eggs",
    "meat",
    "poultry",
    "offal",
    "fish",
    "seafood",
    "shellfish",
}


def test_at_least_25_profiles_and_all_run():
    assert len(PROFILES) >= 25
    for name, data in PROFILES.items():
        report = advise(data)
        assert isinstance(report, Report), name
        assert report.recommendations, name


def test_json_contract():
    d = advise(PROFILES["vka_with_mk7"]).to_dict()
    for key in ("safety", "unrecognised_medications", "intake", "recommendations", "references"):
        assert key in d
    for item in d["safety"]:
        for key in ("rule_id", "category", "severity", "message", "citations"):
            assert item[key], key
    categories = set(load_rules().categories)
    assert all(item["category"] in categories for item in d["safety"])


def test_every_cited_key_is_in_references_and_resolves():
    for name in ("vka_with_mk7", "dialysis_patient", "pregnant_teen", "vegan"):
        d = advise(PROFILES[name]).to_dict()
        ref_keys = {r["key"] for r in d["references"]}
        cited = set()
        for item in d["safety"] + d["recommendations"]:
            cited |= set(item["citations"])
            cited |= (
                set(re.findall(r"\[([^\]]+)\]", item["message"])[0].split("; "))
                if "[" in item["message"]
                else set()
            )
        for o in d["food_options"]["options"]:
            cited |= set(o["source_keys"])
        assert cited <= ref_keys, cited - ref_keys
        for k in ref_keys:
            get(k)


def test_doac_alone_raises_no_vka_alarm():
    report = advise(PROFILES["doac_apixaban_alone"])
    assert "vka" not in report.safety_categories
    doac = [s for s in report.safety if s.category == "doac"]
    assert len(doac) == 1
    assert doac[0].severity == "info"
    assert "does not counteract" in doac[0].message
    assert "apixaban" in doac[0].message
    assert report.food_options["vka_note"] is None
    assert all(s.severity != "critical" for s in report.safety)


def test_unknown_blood_thinner_is_treated_as_vka():
    report = advise(PROFILES["blood_thinner_unknown"])
    vka = [s for s in report.safety if s.category == "vka"]
    assert vka
    assert vka[0].severity == "critical"
    assert "treats it as a vitamin K antagonist" in vka[0].message
    assert report.food_options["vka_note"]


@pytest.mark.parametrize(
    "name",
    [
        "warfarin_us_brand",
        "warfarin_uk_brand",
        "warfarin_misspelled",
        "acenocoumarol_es_brand",
        "phenprocoumon_de_brand",
        "fluindione_fr_brand",
        "phenindione",
    ],
)
def test_every_vka_gets_the_critical_warning_first(name):
    report = advise(PROFILES[name])
    first = report.safety[0]
    assert first.category == "vka"
    assert first.severity == "critical"
    assert "Do not start, stop or change" in first.message


def test_vka_user_with_diary_gets_consistency(high_k_diary):
    report = advise(prof(medications=["warfarin"]), high_k_diary)
    assert report.intake["consistency"] is not None
    assert report.intake["consistency"]["n_days"] == 3


def test_pregnant_teen_gets_life_stage_targets():
    report = advise(PROFILES["pregnant_teen"])
    assert "pregnancy" in report.safety_categories
    assert report.intake["targets"]["us"]["value"] == 75.0  # 14–18 y, pregnancy
    preg = next(s for s in report.safety if s.category == "pregnancy")
    assert "75 µg/d" in preg.message
    co = {c["nutrient"]: c for c in report.co_nutrients}
    assert co["calcium"]["target"] == 1300.0
    assert co["calcium"]["ul"] == 3000.0
    assert co["magnesium"]["target"] == 400.0
    assert report.person["life_stage"].endswith("(pregnant)")


def test_vegan_is_offered_no_animal_foods():
    report = advise(PROFILES["vegan"])
    options = report.food_options["options"]
    assert options, "natto should fit a vegan diet"
    assert all(o["food_group"] not in ANIMAL_GROUPS for o in options)
    assert any("natto" in o["name"].lower() for o in options)
    assert report.food_options["excluded"]["diet_pattern"] > 0


def test_vegan_filter_fails_closed_on_unknown_group():
    food = Food(
        "mystery",
        "Mystery ferment",
        "unknown group",
        "curated",
        observations=(Observation("mk7", 100.0, "ODS-K"),),
        portions=(Portion("1 cup", 100.0, "ODS-K"),),
        typical_serving="1 cup",
    )
    options, excluded = food_options(profile_from_dict(prof(diet={"pattern": "vegan"})), [food])
    assert options == []
    assert excluded["diet_pattern"] == 1


def test_omnivore_ranking_is_by_k2_per_serving_and_mapping_is_explicit():
    report = advise(PROFILES["healthy_adult"])
    values = [o["k2_ug_per_serving"] for o in report.food_options["options"]]
    assert values == sorted(values, reverse=True)
    assert all(o["source_keys"] for o in report.food_options["options"])
    groups = load_rules().diet_groups
    assert ANIMAL_GROUPS.isdisjoint(groups["plant"])


def test_dairy_free_and_soy_free_and_dislikes():
    df = advise(PROFILES["vegetarian_dairy_free"]).food_options["options"]
    assert all(o["food_group"] not in {"cheese", "fermented dairy", "dairy", "butter"} for o in df)
    sf = advise(PROFILES["soy_free_omnivore"]).food_options["options"]
    assert all(o["food_group"] != "fermented soy" for o in sf)
    assert sf
    dl = advise(prof(diet={"dislikes": ["natto"]})).food_options["options"]
    assert all("natto" not in o["name"].lower() for o in dl)


def test_dialysis_patient():
    report = advise(PROFILES["dialysis_patient"])
    kidney = [s for s in report.safety if s.category == "kidney"]
    assert {s.rule_id for s in kidney} == {"SAF-KIDNEY-01", "SAF-KIDNEY-02"}
    assert "dialysis" in kidney[0].message or "dialysis" in kidney[1].message
    assert any(s.severity == "critical" and "magnesium" in s.message for s in kidney)
    rel = {s.rule_id: s for s in report.relevance()}
    assert rel["REL-KIDNEY-01"].applies


def test_unrecognised_medication_is_reported_never_dropped():
    report = advise(prof(medications=["zorblax forte", "Eliquis"]))
    assert [m["text"] for m in report.unrecognised_medications] == ["zorblax forte"]
    assert "unrecognised_medication" in report.safety_categories
    assert len(report.medications) == 2


def test_no_diary_unknown_is_not_zero():
    report = advise(prof(supplements={"calcium": "500 mg"}))
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["k_total_ug"]["diet_ug"] is None
    assert rows["k_total_ug"]["total_ug"] is None
    co = {c["nutrient"]: c for c in report.co_nutrients}
    assert co["calcium"]["diet"] is None
    assert co["calcium"]["supplements"] == 500.0
    assert "not recorded" in co["calcium"]["status"]


def test_calcium_ul_from_supplement_alone_says_so():
    item = next(s for s in advise(PROFILES["calcium_over_ul"]).safety if s.category == "calcium_ul")
    assert "2200 mg/d" in item.message
    assert "2000 mg/d" in item.message
    assert "supplements alone" in item.message


def test_calcium_ul_with_diary_adds_diet(calcium_diary):
    # 45-year-old woman: UL 2,500 mg; 5 cups milk + 150 g cheddar + 800 mg supplement > 2,500
    report = advise(prof(), calcium_diary)
    item = next(s for s in report.safety if s.category == "calcium_ul")
    assert "diary" in item.message
    co = {c["nutrient"]: c for c in report.co_nutrients}
    assert co["calcium"]["supplements"] == pytest.approx(800.0)
    assert co["calcium"]["total"] > 2500


def test_diary_supplements_are_not_double_counted(calcium_diary):
    report = advise(prof(supplements={"calcium": "500 mg"}), calcium_diary)
    co = {c["nutrient"]: c for c in report.co_nutrients}
    assert co["calcium"]["supplements"] == pytest.approx(800.0)


def test_vitamin_d_ul_in_iu_and_status_band():
    report = advise(
        prof(supplements={"vitamin_d": "10000 IU"}, labs={"vitamin_d_25oh": "20 nmol/L"})
    )
    item = next(s for s in report.safety if s.category == "vitamin_d_ul")
    assert "250 µg/d" in item.message
    assert "10000 IU" in item.message
    assert report.vitamin_d_status is not None
    assert report.vitamin_d_status["band"] == "deficiency_risk"


def test_magnesium_ul_is_supplements_only():
    co = {c["nutrient"]: c for c in advise(PROFILES["magnesium_over_ul"]).co_nutrients}
    assert co["magnesium"]["ul_applies_to"] == "supplements only"
    assert co["magnesium"]["status"] == "above UL"


def test_relevance_lists_applying_and_not_applying_reasons():
    report = advise(PROFILES["osteoporosis"])
    rel = {s.rule_id: s for s in report.relevance()}
    assert rel["REL-BONE-01"].applies
    assert rel["REL-BONE-01"].grade == "mixed or limited"
    assert not rel["REL-VASC-01"].applies
    assert rel["REL-VASC-01"].message.startswith("No ")
    assert rel["REL-VASC-01"].grade == "mixed or limited"  # graded even when it does not apply
    assert rel["REL-VASC-01"].citations


def test_cac_score_text():
    rel = {s.rule_id: s for s in advise(PROFILES["cac_positive"]).relevance()}
    assert "CAC score 240" in rel["REL-VASC-01"].message


def test_no_brand_names_in_advice_text():
    brands = {b.lower() for d in drugs() for bs in d.brands.values() for b in bs}
    for name in (
        "warfarin_us_brand",
        "doac_apixaban_alone",
        "orlistat_with_vka",
        "bile_acid_sequestrant",
    ):
        d = advise(PROFILES[name]).to_dict()
        texts = [s["message"] for s in d["safety"] + d["recommendations"]]
        texts += [o["name"] for o in d["food_options"]["options"]]
        for text in texts:
            words = set(re.findall(r"[a-z][a-z-]+", text.lower()))
            assert not (words & brands), (name, words & brands)


def test_rule_trace_records_why():
    report = advise(PROFILES["calcium_over_ul"])
    trace = next(t for t in report.rule_trace if t["rule_id"] == "SAF-CA-UL-01")
    assert trace["fired"]
    # Without a diary the total is supplements alone: a lower bound (≥), still above the UL.
    assert trace["reasons"] == ["calcium_total_mg=≥2200 > calcium_ul_mg=2000"]
    assert len(report.rule_trace) == len(load_rules().rules)


def test_engine_with_plain_inputs_and_fake_targets():
    t = SimpleNamespace
    fake = t(
        vitamin_k_us=t(value=120.0),
        vitamin_k1_efsa=t(value=70.0),
        calcium=t(value=1000.0),
        calcium_ul=t(value=2500.0),
        vitamin_d=t(value=15.0),
        vitamin_d_ul=t(value=100.0),
        magnesium=t(value=420.0),
        magnesium_ul=t(value=350.0),
    )
    p = profile_from_dict(prof(sex="male", supplements={"magnesium": "400 mg"}))
    facts = build_facts(p, normalise_all(["Eliquis"]), fake)
    assert facts["doac"]
    assert not facts["vka_or_unknown"]
    assert facts["magnesium_supp_mg"] == 400.0
    assert facts["magnesium_ul_mg"] == 350.0
    assert facts["k_total_ug"] is None
    report = advise(p, targets=fake, foods=[])
    assert "magnesium_ul" in report.safety_categories
    assert report.food_options["options"] == []


def test_advise_accepts_a_path(tmp_path):
    f = tmp_path / "me.yaml"
    f.write_text("age: 50\nsex: male\nmedications: [Pradaxa]\n", encoding="utf-8")
    assert "doac" in advise(str(f)).safety_categories


def test_advise_rejects_other_types():
    from vitk.errors import InputError

    with pytest.raises(InputError, match="profile must be"):
        advise(42)  # type: ignore[arg-type]


def test_uk_weight_based_guidance_only_for_adults_with_weight(high_k_diary):
    report = advise(prof(weight="68 kg"), high_k_diary)
    uk = next(c for c in report.intake["comparison"] if c["target"] == "UK guidance")
    assert uk["target_ug"] == 68.0
    assert uk["source_keys"] == ["NHS-K"]
    assert uk["percent_of_target"] > 100
    assert "NHS-K" in {r["key"] for r in report.references}
    teen = advise({"age": 15, "sex": "male", "weight": "60 kg"})
    assert all(c["target"] != "UK guidance" for c in teen.intake["comparison"])
    no_weight = advise({"age": 40, "sex": "male"})
    assert all(c["target"] != "UK guidance" for c in no_weight.intake["comparison"])


def test_vitamin_d_level_rule_uses_the_same_band_as_the_status():
    # the rule follows vitk.intake.targets.vitamin_d_status exactly, boundaries included
    bands = set()
    for value in (
        "40 ng/mL",
        "49 ng/mL",
        "50 ng/mL",
        "51 ng/mL",
        "60 ng/mL",
        "125 nmol/L",
        "126 nmol/L",
    ):
        report = advise(prof(labs={"vitamin_d_25oh": value}))
        band = report.vitamin_d_status["band"]
        bands.add(band)
        assert ("vitamin_d_level" in report.safety_categories) == (band == "possibly_too_high"), (
            value
        )
    assert bands == {"adequate", "possibly_too_high"}


def test_food_with_unresolvable_serving_falls_back_to_100_g():
    food = Food(
        "odd",
        "Odd cheese",
        "cheese",
        "curated",
        observations=(Observation("mk9", 50.0, "Vermeer2018"),),
        portions=(),
        typical_serving="1 wheel",
    )
    options, _ = food_options(profile_from_dict(prof()), [food])
    assert options[0].serving == "100 g"
    assert options[0].k2_ug_per_serving == 50.0
