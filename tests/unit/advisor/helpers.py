"""Profiles used across the advisor tests (each is a plain dict, as in a YAML file)."""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {"age": 45, "sex": "female", "weight": "65 kg"}


def prof(**kw: Any) -> dict[str, Any]:
    """BASE updated with ``kw`` (nested mappings merged one level deep)."""
    out = copy.deepcopy(BASE)
    for k, v in kw.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = {**out[k], **v}
        else:
            out[k] = v
    return out


# Named profiles: at least 25, covering every rule (see RULE_CASES in test_rules.py).
PROFILES: dict[str, dict[str, Any]] = {
    "healthy_adult": prof(),
    "warfarin_us_brand": prof(medications=["Coumadin 5 mg"]),
    "warfarin_uk_brand": prof(medications=["Marevan"]),
    "warfarin_misspelled": prof(medications=["warfrin"]),
    "acenocoumarol_es_brand": prof(medications=["Sintrom 4"]),
    "phenprocoumon_de_brand": prof(medications=["Marcumar"]),
    "fluindione_fr_brand": prof(medications=["Previscan 20 mg"]),
    "phenindione": prof(medications=["phenindione"]),
    "vka_with_mk7": prof(medications=["warfarin"], supplements={"vitamin_k": ["MK-7 90 ug"]}),
    "vka_inr_high": prof(medications=["warfarin"], labs={"inr": 3.8, "inr_target": "2.0-3.0"}),
    "vka_inr_in_range": prof(medications=["warfarin"], labs={"inr": 2.5, "inr_target": "2.0-3.0"}),
    "blood_thinner_unknown": prof(medications=["blood thinner"]),
    "doac_apixaban_alone": prof(
        medications=["Eliquis 5 mg"], supplements={"vitamin_k": ["MK-7 180 ug"]}
    ),
    "doac_misspelled": prof(medications=["rivaroxabn"]),
    "doac_and_vka": prof(medications=["Xarelto", "warfarin"]),
    "heparin_user": prof(medications=["Clexane 40 mg"]),
    "aspirin_only": prof(medications=["aspirin 81 mg"]),
    "antibiotic_alone": prof(medications=["amoxycillin"]),
    "antibiotic_with_vka": prof(medications=["cipro", "Jantoven"]),
    "nmtt_cephalosporin": prof(medications=["cefotetan"]),
    "bile_acid_sequestrant": prof(medications=["Questran"]),
    "orlistat_alone": prof(medications=["Xenical"]),
    "orlistat_with_vka": prof(medications=["alli", "acenocoumarol"]),
    "anticonvulsant": prof(medications=["phenytoin"]),
    "mineral_oil": prof(medications=["liquid paraffin"]),
    "unrecognised_med": prof(medications=["zorblax forte"]),
    "liver_disease": prof(conditions={"liver_disease": True}),
    "clotting_disorder": prof(conditions={"clotting_disorder": True}),
    "pregnant_teen": {"age": 16, "sex": "female", "pregnant": True, "weight": "58 kg"},
    "lactating_adult": prof(age=31, lactating=True),
    "ckd_stage3": prof(age=67, sex="male", conditions={"chronic_kidney_disease": True}),
    "dialysis_patient": prof(
        age=58,
        sex="male",
        conditions={"dialysis": True},
        supplements={"magnesium": "250 mg", "calcium": "500 mg"},
    ),
    "malabsorption_cf": prof(age=24, conditions={"fat_malabsorption": ["cystic fibrosis"]}),
    "calcium_over_ul": prof(age=60, supplements={"calcium": "2.2 g"}),
    "vitamin_d_over_ul": prof(supplements={"vitamin_d": "10000 IU"}),
    "magnesium_over_ul": prof(supplements={"magnesium": "500 mg"}),
    "vitamin_d_level_high": prof(labs={"vitamin_d_25oh": "70 ng/mL"}),
    "mk4_pharmacological": prof(
        age=70, supplements={"vitamin_k": [{"form": "MK-4", "dose": "45 mg"}]}
    ),
    "osteoporosis": prof(age=68, conditions={"osteoporosis": True, "fragility_fracture": True}),
    "cac_positive": prof(age=63, sex="male", conditions={"cac_score": 240}),
    "cvd_family_history": prof(conditions={"family_history_cvd": True}),
    "vegan": prof(diet={"pattern": "vegan"}),
    "vegetarian_dairy_free": prof(diet={"pattern": "vegetarian", "dairy_free": True}),
    "soy_free_omnivore": prof(diet={"soy_free": True}),
    "d_and_calcium_supplements": prof(supplements={"vitamin_d": "25 ug", "calcium": "500 mg"}),
    "vka_possible_name": prof(medications=["Miniwarfarin"]),
    "vka_with_k_medicine": prof(medications=["warfarin", "vitamin K2 MK-7 100 mcg"]),
}
