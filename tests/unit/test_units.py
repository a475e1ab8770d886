import pytest

from vitk import units
from vitk.errors import UnitError


@pytest.mark.parametrize(
    ("text", "expected_ug"),
    [
        ("180ug", 180.0),
        ("180 mcg", 180.0),
        ("180 µg", 180.0),
        ("0.2 mg", 200.0),
        ("1 g", 1e6),
        ("1000 IU", 25.0),
        ("1/2 mg", 500.0),
        ("1,5 mg", 1500.0),
        ("1,000 IU", 25.0),
        ("2,500 mcg", 2500.0),
    ],
)
def test_parse_mass_ug(text, expected_ug):
    assert units.parse_mass_ug(text) == pytest.approx(expected_ug)


@pytest.mark.parametrize("text", ["180", "180 cups", "abc", "", "1/0 mg"])
def test_parse_mass_ug_rejects(text):
    with pytest.raises(UnitError) as exc:
        units.parse_mass_ug(text)
    assert "\n" not in str(exc.value)


def test_vitamin_d_iu_is_40_per_ug():
    # IOM2011: 1 µg vitamin D = 40 IU
    assert units.iu_to_ug_vitamin_d(400) == 10
    assert units.ug_to_iu_vitamin_d(15) == 600


def test_molar_masses_match_sato2012_nmol():
    # Sato2012 states 420 µg MK-7 = 647 nmol and 420 µg MK-4 = 945 nmol.
    assert units.ug_to_nmol(420, "MK-7") == pytest.approx(647, abs=0.5)
    assert units.ug_to_nmol(420, "MK-4") == pytest.approx(945, abs=0.5)


def test_molar_mass_unknown_form():
    with pytest.raises(UnitError, match="MK-5"):
        units.ug_to_nmol(1, "MK-5")


def test_ounce_to_gram():
    assert units.convert(3, "oz", "g") == pytest.approx(85.05, abs=0.01)


def test_is_mass_unit():
    assert units.is_mass_unit("mcg")
    assert not units.is_mass_unit("IU")
    assert not units.is_mass_unit("cup")


@pytest.mark.parametrize("unit", sorted(units.FAST_MASS_G))
def test_fast_mass_factors_equal_pint(unit):
    ureg = units.registry()
    assert ureg.Quantity(1.0, unit).to("g").magnitude == pytest.approx(
        units.FAST_MASS_G[unit], rel=1e-12
    )


def test_units_outside_fast_table_go_through_pint():
    assert units.convert(1, "tonne", "kg") == pytest.approx(1000)
    assert units.is_mass_unit("grain")


@pytest.mark.parametrize(
    ("text", "expected_ug"), [("0,500 mg", 500.0), ("0,125 mg", 125.0), ("1,500 mg", 1.5e6)]
)
def test_leading_zero_comma_is_decimal(text, expected_ug):
    # "0,500" cannot be a thousands separator: it is a decimal comma.
    assert units.parse_mass_ug(text) == pytest.approx(expected_ug)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("½ cup", (0.5, "cup")),
        ("¼cup", (0.25, "cup")),
        ("¾ cup", (0.75, "cup")),
        ("⅓ cup", (1 / 3, "cup")),
        ("⅔ cup", (2 / 3, "cup")),
        ("⅛ tsp", (0.125, "tsp")),
        ("1 1/2 cup", (1.5, "cup")),
        ("1½ cups", (1.5, "cups")),
        ("1 ½ cups", (1.5, "cups")),
        ("2 3/4 oz", (2.75, "oz")),
        ("1⁄2 cup", (0.5, "cup")),
        ("1 / 2 cup", (0.5, "cup")),
        ("-1 1/2 g", (-1.5, "g")),
        ("2 tablespoons", (2.0, "tablespoons")),
        ("1e3 mg", (1000.0, "mg")),
        ("10", (10.0, "")),
    ],
)
def test_parse_amount_fractions_and_mixed_numbers(text, expected):
    value, unit = units.parse_amount(text)
    assert (value, unit) == (pytest.approx(expected[0]), expected[1])


@pytest.mark.parametrize("text", ["1e999 g", "1/0 cup", "1 1/0 cup", "cup", "½½ cup"])
def test_parse_amount_rejects(text):
    with pytest.raises(UnitError) as exc:
        units.parse_amount(text)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    ("text", "expected_ug"),
    [
        ("3 OZ", 3 * 28.349523125e6),
        ("85 G", 85e6),
        ("500 MG", 500e3),
        ("500 Mg", 500e3),  # never a megagram: vitk has no use for one
        ("500 mG", 500e3),
        ("2 Grams", 2e6),
        ("2 OUNCES", 2 * 28.349523125e6),
        ("180 MCG", 180.0),
        ("180 UG", 180.0),
        ("1000 iu", 25.0),
        ("1 KG", 1e9),
        ("2 mgs", 2000.0),
    ],
)
def test_units_ignore_case_and_accept_long_forms(text, expected_ug):
    assert units.parse_mass_ug(text) == pytest.approx(expected_ug)


def test_megagrams_are_never_accepted():
    assert not units.is_mass_unit("megagram")
    with pytest.raises(UnitError):
        units.parse_mass_ug("1 megagram")
    with pytest.raises(UnitError):
        units.convert(1, "megagram", "g")
    assert units.convert(1, "Mg", "g") == pytest.approx(1e-3)


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (1e308, "1e+308"),
        (5000.0, "5,000"),
        (12345.0, "12,345"),
        (12.5, "12.5"),
        (0.25, "0.25"),
        (3.0, "3"),
        (12_345_678.0, "1.235e+07"),
        (float("inf"), "inf"),
    ],
)
def test_compact_number(x, text):
    assert units.compact_number(x) == text
