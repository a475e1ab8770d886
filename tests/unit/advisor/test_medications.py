"""Medication normalisation: generics, brands from several countries, misspellings."""

from __future__ import annotations

import pytest

from vitk.advisor.medications import CLASSES, drugs, normalise, normalise_all
from vitk.references import get


@pytest.mark.parametrize(
    ("text", "generic", "cls"),
    [
        # the five VKAs named in the issue, generic and brand (several countries)
        ("warfarin", "warfarin", "vka"),
        ("Coumadin", "warfarin", "vka"),  # US
        ("Jantoven 2 mg", "warfarin", "vka"),  # US
        ("Marevan", "warfarin", "vka"),  # UK, Nordics, Australia
        ("acenocoumarol", "acenocoumarol", "vka"),
        ("Sintrom", "acenocoumarol", "vka"),  # Spain, France, Italy
        ("phenprocoumon", "phenprocoumon", "vka"),
        ("Marcoumar", "phenprocoumon", "vka"),  # Switzerland, NL
        ("Falithrom", "phenprocoumon", "vka"),  # Germany
        ("fluindione", "fluindione", "vka"),
        ("Previscan", "fluindione", "vka"),  # France
        ("phenindione", "phenindione", "vka"),
        ("Dindevan", "phenindione", "vka"),
        # DOACs and heparins
        ("Eliquis", "apixaban", "doac"),
        ("Xarelto 20mg once daily", "rivaroxaban", "doac"),
        ("Lixiana", "edoxaban", "doac"),  # EU
        ("Savaysa", "edoxaban", "doac"),  # US
        ("Pradaxa 150 mg capsules", "dabigatran", "doac"),
        ("Clexane", "enoxaparin", "heparin"),  # UK
        ("Lovenox", "enoxaparin", "heparin"),  # US
        ("fondaparinux", "fondaparinux", "heparin"),
        ("Plavix", "clopidogrel", "antiplatelet"),
        # antibiotics by common name and class
        ("Augmentin", "amoxicillin-clavulanate", "antibiotic"),
        ("co-amoxiclav", "amoxicillin-clavulanate", "antibiotic"),
        ("Bactrim DS", "trimethoprim-sulfamethoxazole", "antibiotic"),
        ("cefotetan", "cefotetan", "cephalosporin_nmtt"),
        ("antibiotics", "antibiotic (unspecified)", "antibiotic"),
        # bile acid sequestrants and orlistat
        ("Questran", "cholestyramine", "bile_acid_sequestrant"),
        ("colestyramine", "cholestyramine", "bile_acid_sequestrant"),
        ("Welchol", "colesevelam", "bile_acid_sequestrant"),
        ("Colestid", "colestipol", "bile_acid_sequestrant"),
        ("Alli", "orlistat", "orlistat"),
        ("Xenical 120 mg", "orlistat", "orlistat"),
        # unknown anticoagulant
        ("blood thinner", "unspecified anticoagulant", "anticoagulant_unknown"),
        ("my blood thinners", "unspecified anticoagulant", "anticoagulant_unknown"),
    ],
)
def test_known_names(text, generic, cls):
    m = normalise(text)
    assert m.generic == generic
    assert cls in m.classes
    assert m.recognised


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("warfarn", "warfarin"),
        ("Warfarine", "warfarin"),
        ("Coumadinn", "warfarin"),
        ("acenocoumarl", "acenocoumarol"),
        ("phenprocumon", "phenprocoumon"),
        ("apixaben", "apixaban"),
        ("apixabn", "apixaban"),
        ("rivaroxabn", "rivaroxaban"),
        ("dabigatrn", "dabigatran"),
        ("Elliquis", "apixaban"),
        ("cholestyramin", "cholestyramine"),
        ("orlistatt", "orlistat"),
    ],
)
def test_misspellings(text, generic):
    assert normalise(text).generic == generic


@pytest.mark.parametrize(
    "text", ["zorblax forte", "vitamin x9", "xyz", "", "   ", "war", "Dr Smith's tonic"]
)
def test_unrecognised_names_are_kept(text):
    m = normalise(text)
    assert not m.recognised
    assert m.text == text
    assert m.classes == ()


def test_short_names_are_not_fuzzy_matched():
    # 'alli' is a real brand (exact match) but 'ali' must not become it
    assert normalise("ali").generic is None


def test_normalise_all_keeps_order_and_unknowns():
    out = normalise_all(["Eliquis", "mystery pill", "warfarin"])
    assert [m.generic for m in out] == ["apixaban", None, "warfarin"]


def test_dictionary_integrity():
    ds = drugs()
    generics = [d.generic for d in ds]
    assert len(generics) == len(set(generics))
    vkas = {d.generic for d in ds if "vka" in d.classes}
    assert {"warfarin", "acenocoumarol", "phenprocoumon", "fluindione", "phenindione"} <= vkas
    doacs = {d.generic for d in ds if "doac" in d.classes}
    assert doacs == {"apixaban", "rivaroxaban", "edoxaban", "dabigatran"}
    for d in ds:
        assert set(d.classes) <= set(CLASSES)
        for key in d.citation_keys:
            get(key)
        if d.classes not in (("other",), ("other_supplement",)):
            assert d.citation_keys, d.generic


def test_brands_cover_several_countries():
    countries = {c for d in drugs() for c in d.brands}
    assert {"US", "GB", "FR", "DE", "ES"} <= countries


def test_match_to_dict():
    d = normalise("Marevan 3 mg").to_dict()
    assert d["generic"] == "warfarin"
    assert d["classes"] == ["vka"]
    assert d["citations"]


@pytest.mark.parametrize(
    ("text", "generics"),
    [
        ("warfarin and aspirin", ["warfarin", "aspirin"]),
        ("Eliquis + cipro", ["apixaban", "ciprofloxacin"]),
        ("Marevan, zorblax", ["warfarin", None]),
        ("amoxicillin/clavulanic acid", ["amoxicillin-clavulanate"]),
    ],
)
def test_texts_naming_several_drugs_are_split(text, generics):
    assert [m.generic for m in normalise_all([text])] == generics


def test_vka_inside_a_combined_text_still_fires_the_vka_rule():
    from vitk.advisor import advise

    report = advise({"age": 60, "sex": "male", "medications": ["warfarin and aspirin daily"]})
    assert report.safety[0].category == "vka"


def test_dagger_items_are_flagged_unverified():
    assert normalise("Previscan").unverified  # brand is † in evidence.md
    assert not normalise("Coumadin").unverified
    assert normalise("Previscan").to_dict()["unverified"] is True
