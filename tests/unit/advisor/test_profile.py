"""Profile validation: canonical units, one-line errors, contradictory flags."""

from __future__ import annotations

import json

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import Profile, load_profile, profile_from_dict
from vitk.errors import InputError, UnitError


def test_units_are_converted():
    p = profile_from_dict(
        prof(
            supplements={
                "vitamin_d": "1000 IU",
                "calcium": "1.2 g",
                "magnesium": "250 mg",
                "vitamin_k": ["MK-7 0.18 mg", {"form": "k1", "dose": "100 mcg"}],
            }
        )
    )
    assert p.supplements.vitamin_d_ug == pytest.approx(25.0)
    assert p.supplements.calcium_mg == pytest.approx(1200.0)
    assert p.supplements.k_ug("MK-7") == pytest.approx(180.0)
    assert p.supplements.k_ug("K1") == pytest.approx(100.0)
    assert p.supplements.k_ug() == pytest.approx(280.0)


def test_weight_and_aliases():
    p = profile_from_dict({"age": 30, "sex": "F", "weight": "150 lb"})
    assert p.sex == "female"
    assert p.weight_kg == pytest.approx(68.04, abs=0.01)


def test_labs_are_parsed():
    p = profile_from_dict(
        prof(labs={"vitamin_d_25oh": "21 ng/mL", "inr": 2.4, "inr_target": "2.5–3.5"})
    )
    assert p.labs.vitamin_d_25oh_unit == "ng/mL"
    assert (p.labs.inr_target_low, p.labs.inr_target_high) == (2.5, 3.5)


@pytest.mark.parametrize(
    ("data", "exc", "needle"),
    [
        ({"age": 300, "sex": "female"}, InputError, "120"),
        ({"age": -1, "sex": "female"}, InputError, "Profile field 'age' must be"),
        ({"age": 40, "sex": "male", "pregnant": True}, InputError, "contradictory"),
        ({"age": 40, "sex": "male", "lactating": True}, InputError, "contradictory"),
        (
            {"age": 30, "sex": "female", "pregnant": True, "lactating": True},
            InputError,
            "contradictory",
        ),
        ({"age": 70, "sex": "female", "pregnant": True}, InputError, "9–60"),
        ({"age": 40, "sex": "other"}, InputError, "sex"),
        ({"age": 40}, InputError, "Missing profile field 'sex'"),
        (prof(supplements={"calcium": "-5 mg"}), InputError, "≥ 0"),
        (prof(supplements={"vitamin_k": ["MK-7 -10 ug"]}), InputError, "≥ 0"),
        (prof(supplements={"calcium": "500 furlongs"}), UnitError, "furlongs"),
        (prof(supplements={"vitamin_d": "1000"}), UnitError, "needs a unit"),
        (prof(supplements={"vitamin_d": 1000}), InputError, "needs a unit"),
        (prof(supplements={"vitamin_k": ["MK-9 100 ug"]}), InputError, "MK-9"),
        (prof(labs={"vitamin_d_25oh": "50 mg"}), UnitError, "25(OH)D"),
        (prof(labs={"vitamin_d_25oh": 50}), InputError, "unit"),
        (prof(labs={"inr_target": "3-2"}), InputError, "low < high"),
        (prof(favourite_colour="blue"), InputError, "Unknown profile field 'favourite_colour'"),
        (prof(conditions={"gout": True}), InputError, "conditions.gout"),
        (prof(diet={"pattern": "carnivore"}), InputError, "diet.pattern"),
    ],
)
def test_bad_input_raises_one_line(data, exc, needle):
    with pytest.raises(exc) as info:
        profile_from_dict(data)
    msg = str(info.value)
    assert needle in msg
    assert "\n" not in msg


def test_not_a_mapping():
    with pytest.raises(InputError, match="mapping"):
        profile_from_dict(["age", 3])  # type: ignore[arg-type]


def test_load_yaml_and_json(tmp_path):
    y = tmp_path / "p.yaml"
    y.write_text("age: 50\nsex: male\nmedications: [Eliquis]\n", encoding="utf-8")
    j = tmp_path / "p.json"
    j.write_text(json.dumps({"age": 50, "sex": "male"}), encoding="utf-8")
    assert load_profile(y).medications == ("Eliquis",)
    assert isinstance(load_profile(j), Profile)


@pytest.mark.parametrize(("content", "needle"), [("", "empty"), ("age: [1,\n", "Cannot parse")])
def test_load_bad_files(tmp_path, content, needle):
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        load_profile(f)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_profile(tmp_path / "nope.yaml")


def test_example_profile_is_valid():
    from importlib import resources

    path = resources.files("vitk").joinpath("data", "advisor", "example_profile.yaml")
    p = load_profile(str(path))
    assert p.medications
    assert p.supplements.k_ug("MK-7") > 0
