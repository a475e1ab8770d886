"""Unit round trips as properties."""

import math

from hypothesis import given
from hypothesis import strategies as st

from vitk import units

masses = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False)
mass_units = st.sampled_from(["ug", "mcg", "µg", "mg", "g", "kg", "oz", "lb"])


@given(masses, mass_units, mass_units)
def test_mass_round_trip(value, a, b):
    back = units.convert(units.convert(value, a, b), b, a)
    assert math.isclose(back, value, rel_tol=1e-9)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_iu_round_trip(iu):
    assert math.isclose(
        units.ug_to_iu_vitamin_d(units.iu_to_ug_vitamin_d(iu)), iu, rel_tol=1e-12, abs_tol=1e-12
    )


@given(masses, st.sampled_from(["K1", "MK-4", "MK-7", "MK-9"]))
def test_nmol_round_trip(ug, form):
    assert math.isclose(units.nmol_to_ug(units.ug_to_nmol(ug, form), form), ug, rel_tol=1e-12)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), mass_units)
def test_parse_then_convert(value, unit):
    text = f"{value!r} {unit}"
    assert math.isclose(
        units.parse_mass_ug(text), units.convert(value, unit, "ug"), rel_tol=1e-12, abs_tol=1e-12
    )


def _random_case(draw, text):
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))


# Spellings of each everyday mass unit, long and plural forms included.
SPELLINGS = {
    "ug": ["ug", "mcg", "µg", "microgram", "micrograms"],
    "mg": ["mg", "milligram", "milligrams"],
    "g": ["g", "gram", "grams"],
    "kg": ["kg", "kilogram", "kilograms"],
    "oz": ["oz", "ounce", "ounces"],
    "lb": ["lb", "lbs", "pound", "pounds"],
}


@st.composite
def spelled_units(draw):
    unit = draw(st.sampled_from(sorted(SPELLINGS)))
    spelling = draw(st.sampled_from(SPELLINGS[unit]))
    return unit, _random_case(draw, spelling)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), spelled_units())
def test_any_case_and_spelling_means_the_same_mass(value, spelled):
    """ "85 G", "85 grams" and "85 g" are the same amount; MG is a milligram, never more."""
    unit, text_unit = spelled
    assert math.isclose(
        units.parse_mass_ug(f"{value!r} {text_unit}"),
        units.convert(value, unit, "ug"),
        rel_tol=1e-12,
        abs_tol=1e-12,
    )


VULGAR = sorted(units.VULGAR_FRACTIONS.items())


@given(
    st.integers(0, 1000),
    st.sampled_from(VULGAR),
    st.sampled_from(["", " "]),
    st.sampled_from(["cup", "cups", "tbsp", "g"]),
)
def test_vulgar_and_mixed_numbers_round_trip(whole, frac, gap, unit):
    """ "1½ cups", "1 ½ cups" and "½ cup" read as whole + fraction, unit untouched."""
    char, value = frac
    text = f"{whole}{gap}{char} {unit}" if whole else f"{char} {unit}"
    number, rest = units.parse_amount(text)
    assert math.isclose(number, whole + value, rel_tol=1e-12)
    assert rest == unit


@given(
    st.integers(0, 1000),
    st.integers(1, 99),
    st.integers(1, 100),
    st.sampled_from(["/", "⁄"]),
)
def test_mixed_fraction_text_round_trip(whole, num, den, slash):
    """ "1 1/2" is 1.5: a mixed number written as text reads back to its value."""
    text = f"{whole} {num}{slash}{den} cup"
    number, rest = units.parse_amount(text)
    assert math.isclose(number, whole + num / den, rel_tol=1e-12)
    assert rest == "cup"


@given(st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False))
def test_compact_number_is_short_and_close(x):
    text = units.compact_number(x)
    assert len(text) <= 12
    assert math.isclose(float(text.replace(",", "")), x, rel_tol=1e-3, abs_tol=0.5)
