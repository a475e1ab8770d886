"""Reference intakes against the tables of IOM2001/IOM2011/IOM1997 (via ODS) and EFSA2017."""

import pytest

from vitk.errors import InputError
from vitk.intake.targets import reference_intakes, vitamin_d_status
from vitk.lifestage import life_stage


@pytest.mark.parametrize(
    ("age", "sex", "flags", "k_us", "k1_efsa"),
    [
        (0.3, "female", {}, 2.0, None),  # EFSA sets no AI under 7 months
        (0.8, "male", {}, 2.5, 10),
        (2, "male", {}, 30, 12),
        (5, "female", {}, 55, 20),
        (10, "male", {}, 60, 30),
        (16, "female", {"pregnant": True}, 75, 65),
        (30, "male", {}, 120, 70),
        (30, "female", {}, 90, 70),
        (30, "female", {"lactating": True}, 90, 70),
    ],
)
def test_vitamin_k(age, sex, flags, k_us, k1_efsa):
    r = reference_intakes(life_stage(age, sex, **flags))
    assert r.vitamin_k_us.value == k_us
    assert r.vitamin_k1_efsa.value == k1_efsa
    assert "IOM2001" in r.vitamin_k_us.source_keys
    if k1_efsa is not None:
        assert r.vitamin_k1_efsa.source_keys == ("EFSA2017",)
        assert "K1" in r.vitamin_k1_efsa.note


@pytest.mark.parametrize(
    ("age", "sex", "flags", "ca", "ca_ul", "d", "d_ul", "mg", "mg_ul"),
    [
        (16, "female", {"pregnant": True}, 1300, 3000, 15, 100, 400, 350),
        (25, "female", {"pregnant": True}, 1000, 2500, 15, 100, 350, 350),
        (25, "female", {}, 1000, 2500, 15, 100, 310, 350),
        (60, "female", {}, 1200, 2000, 15, 100, 320, 350),
        (60, "male", {}, 1000, 2000, 15, 100, 420, 350),
        (75, "male", {}, 1200, 2000, 20, 100, 420, 350),
        (2, "male", {}, 700, 2500, 15, 63, 80, 65),
        (0.2, "male", {}, 200, 1000, 10, 25, 30, None),
    ],
)
def test_co_nutrients(age, sex, flags, ca, ca_ul, d, d_ul, mg, mg_ul):
    r = reference_intakes(life_stage(age, sex, **flags))
    assert (r.calcium.value, r.calcium_ul.value) == (ca, ca_ul)
    assert (r.vitamin_d.value, r.vitamin_d_ul.value) == (d, d_ul)
    assert (r.magnesium.value, r.magnesium_ul.value) == (mg, mg_ul)


def test_magnesium_ul_is_supplements_only():
    r = reference_intakes(life_stage(40, "male"))
    assert "supplement" in r.magnesium_ul.note


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((300, "female"), "between 0 and 120"),
        ((-1, "female"), "between 0 and 120"),
        ((30, "x"), "sex"),
        ((30, "male", True), "male"),
        ((5, "female", True), "9–60"),
        ((30, "female", True, True), "either"),
    ],
)
def test_impossible_life_stages(args, match):
    with pytest.raises(InputError, match=match):
        life_stage(*args)


@pytest.mark.parametrize(
    ("value", "unit", "band"),
    [
        (25, "nmol/L", "deficiency_risk"),
        (12, "ng/mL", "possibly_inadequate"),
        (20, "ng/mL", "adequate"),
        (49.9, "nmol/L", "possibly_inadequate"),
        (130, "nmol/L", "possibly_too_high"),
        (50, "ng/mL", "adequate"),
        (51, "ng/mL", "possibly_too_high"),
    ],
)
def test_vitamin_d_bands(value, unit, band):
    assert vitamin_d_status(value, unit).band == band


def test_vitamin_d_conversion():
    s = vitamin_d_status(20, "ng/mL")
    assert s.nmol_per_l == pytest.approx(49.92)


def test_vitamin_d_bad_unit():
    with pytest.raises(InputError, match="nmol/L, ng/mL"):
        vitamin_d_status(20, "mg")


@pytest.mark.parametrize(
    ("flags", "k_us", "mg", "ca", "state_word"),
    [
        ({"pregnant": True}, 75, 400, 1300, "pregnancy"),
        ({"lactating": True}, 75, 360, 1300, "lactation"),
    ],
)
def test_pregnant_or_lactating_girl_under_14_gets_the_14_to_18_values(
    flags, k_us, mg, ca, state_word
):
    """The FNB tables start pregnancy and lactation at 14 y: a 12-year-old gets those values,
    not the non-pregnant 9–13 y ones (60 µg vitamin K, 240 mg magnesium), and a note says so."""
    r = reference_intakes(life_stage(12, "female", **flags))
    assert r.vitamin_k_us.value == k_us
    assert r.magnesium.value == mg
    assert r.calcium.value == ca
    for t in (r.vitamin_k_us, r.magnesium, r.calcium, r.magnesium_ul):
        assert f"FNB sets {state_word} values from 14 years" in t.note
        assert "age 12" in t.note
    assert "no separate EFSA value" in r.vitamin_k1_efsa.note


def test_non_pregnant_girl_under_14_keeps_her_age_values_without_the_note():
    r = reference_intakes(life_stage(12, "female"))
    assert (r.vitamin_k_us.value, r.magnesium.value) == (60, 240)
    assert "from 14 years" not in r.vitamin_k_us.note + r.magnesium.note


@pytest.mark.parametrize("unit", ["µg/L", "ug/L", "mcg/L"])
def test_vitamin_d_in_micrograms_per_litre_equals_ng_per_ml(unit):
    s = vitamin_d_status(15, unit)
    assert s.band == "possibly_inadequate"
    assert s.ng_per_ml == pytest.approx(15.0)


def test_vitamin_d_top_band_marks_the_unverified_detail():
    top = vitamin_d_status(200, "nmol/L")
    assert top.unverified and "†" in top.meaning
    assert not vitamin_d_status(60, "nmol/L").unverified


def test_values_not_set_for_infants_say_so():
    t = reference_intakes(life_stage(0.3, "female"))
    assert t.vitamin_k1_efsa.value is None
    assert t.vitamin_k1_efsa.stage_note == "EFSA set no AI for this life stage"
    assert t.magnesium_ul.value is None
    assert t.magnesium_ul.stage_note == "US FNB set no UL for this life stage"
    assert reference_intakes(life_stage(30, "female")).magnesium_ul.stage_note == ""


def test_pregnant_over_50_gets_the_value_for_her_age_with_a_note():
    t = reference_intakes(life_stage(52, "female", pregnant=True))
    assert t.magnesium.value == 320.0
    assert "no pregnancy-specific value is published for age 52" in t.magnesium.stage_note
    assert "no pregnancy-specific value" in t.calcium.stage_note
    young = reference_intakes(life_stage(30, "female", pregnant=True))
    assert young.magnesium.value == 350.0
    assert young.magnesium.stage_note == ""
