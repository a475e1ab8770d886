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
