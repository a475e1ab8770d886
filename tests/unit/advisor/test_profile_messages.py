"""Profile errors speak the user's terms: the keys they wrote and what is allowed."""

from __future__ import annotations

import json

import pytest

from vitk.advisor.profile_input import load_profile, profile_from_dict, read_profile_file
from vitk.errors import InputError, UnitError

JARGON = ("Input should", "type=", "http", "pydantic", "age_y", "Value error", "_ug'", "\n")


def base(**kw):
    return {"age": 50, "sex": "female", **kw}


@pytest.mark.parametrize(
    ("data", "exc", "expected"),
    [
        (
            {"age": 300, "sex": "female"},
            InputError,
            "Profile field 'age' must be a number of years from 0 to 120; got 300.",
        ),
        (
            {"age": "fifty", "sex": "female"},
            InputError,
            "Profile field 'age' must be a number of years from 0 to 120; got 'fifty'.",
        ),
        (
            {"age": 40, "sex": "male", "pregnant": True},
            InputError,
            "Profile has contradictory flags: sex is male and pregnant is true; "
            "correct 'sex' or remove 'pregnant'.",
        ),
        (
            base(favourite="tea"),
            InputError,
            "Unknown profile field 'favourite'; allowed: name, age, sex, pregnant, lactating, "
            "menopause, weight, country, conditions, medications, supplements, labs, diet.",
        ),
        (
            base(sex="x"),
            InputError,
            "Profile field 'sex' must be one of: female, male; got 'x'.",
        ),
        (
            base(labs={"inr": 0}),
            InputError,
            "Profile field 'labs.inr' must be a number greater than 0 and at most 20; got 0.",
        ),
        (
            base(conditions={"osteoporosis": "maybe"}),
            InputError,
            "Profile field 'conditions.osteoporosis' must be true or false; got 'maybe'.",
        ),
        (
            base(medications=["warfarin", 5]),
            InputError,
            "Profile field 'medications' (entry 2) must be text (one name per entry); got 5.",
        ),
        (
            base(supplements={"vitamin_k": [{"form": "MK-7"}]}),
            InputError,
            "Missing profile field 'supplements.vitamin_k.dose' (entry 1): "
            "a daily amount with a unit, e.g. '180 ug'.",
        ),
        (
            base(supplements={"vitamin_k": [{"form": "MK-7", "dose_ug": -5}]}),
            InputError,
            "Profile field 'supplements.vitamin_k.dose_ug' (entry 1) must be a number of µg "
            "from 0 to 100000; got -5.",
        ),
        (
            base(supplements={"calcium_mg": "abc"}),
            InputError,
            "Profile field 'supplements.calcium_mg' must be a number of mg from 0 to 20000; "
            "got 'abc'.",
        ),
    ],
)
def test_messages_name_the_users_key_and_what_is_allowed(data, exc, expected):
    with pytest.raises(exc) as info:
        profile_from_dict(data)
    assert str(info.value) == expected


@pytest.mark.parametrize(
    ("data", "exc", "starts", "needles"),
    [
        # negative dose (text with a unit)
        (
            base(supplements={"vitamin_k": "MK-7 -5 ug"}),
            InputError,
            "Profile field 'supplements.vitamin_k': ",
            ["MK-7 dose must be ≥ 0", "'-5 ug'"],
        ),
        (
            base(supplements={"calcium": "-5 mg"}),
            InputError,
            "Profile field 'supplements.calcium': ",
            ["≥ 0", "'-5 mg'"],
        ),
        # unknown unit: the key, the value and the allowed units
        (
            base(supplements={"vitamin_k": ["K1 100 ug", "MK-7 5 bananas"]}),
            UnitError,
            "Profile field 'supplements.vitamin_k' (entry 2): ",
            ["'bananas'", "'5 bananas'", "allowed: ", "ug"],
        ),
        (
            base(supplements={"vitamin_d": "5 furlongs"}),
            UnitError,
            "Profile field 'supplements.vitamin_d': ",
            ["'furlongs'", "IU"],
        ),
        (
            base(labs={"vitamin_d_25oh": "50 mg"}),
            UnitError,
            "Profile field 'labs.vitamin_d_25oh': ",
            ["nmol/L", "ng/mL"],
        ),
        # an unknown key inside a section lists that section's keys and a close match
        (
            base(conditions={"osteoporsis": True}),
            InputError,
            "Unknown profile field 'conditions.osteoporsis'; allowed under 'conditions': ",
            ["chronic_kidney_disease", "did you mean 'osteoporosis'?"],
        ),
        (
            base(conditions={"ckd_stage": 3}),
            InputError,
            "Unknown profile field 'conditions.ckd_stage'",
            ["chronic_kidney_disease"],
        ),
        # a section that is not a mapping
        (
            base(conditions="yes"),
            InputError,
            "Profile field 'conditions' must be a mapping of keys (osteoporosis, ",
            ["got 'yes'"],
        ),
        (
            base(weight=0),
            InputError,
            "Profile field 'weight' must be a number of kg greater than 0 and at most 400",
            ["'68 kg'", "got 0"],
        ),
        (
            {"age": 70, "sex": "female", "pregnant": True},
            InputError,
            "Profile field 'pregnant' is accepted for ages 9–60 years only",
            ["got age 70"],
        ),
        (base(labs={"inr_target": "3-2"}), InputError, "labs.inr_target must be", ["low < high"]),
        (
            {"age": 300, "sex": "x"},
            InputError,
            "Profile field 'age' must be",
            ["(and 1 more problem(s))."],
        ),
    ],
)
def test_messages_are_one_plain_line(data, exc, starts, needles):
    with pytest.raises(exc) as info:
        profile_from_dict(data)
    msg = str(info.value)
    assert msg.startswith(starts), msg
    for needle in needles:
        assert needle in msg, (needle, msg)
    for word in JARGON:
        assert word not in msg, (word, msg)


def test_the_internal_key_is_shown_when_the_user_wrote_it():
    with pytest.raises(InputError, match=r"^Profile field 'age_y' must be a number of years"):
        profile_from_dict({"age_y": 300, "sex": "female"})


# -- reading files -----------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("me.png", PNG, "Cannot read profile '{p}': not a UTF-8 YAML or JSON text file."),
        (
            "me.yaml",
            "age: 50\nsex: f\xe9male\n".encode("latin-1"),
            "Cannot read profile '{p}': not a UTF-8 YAML or JSON text file.",
        ),
        (
            "me.yaml",
            b"age: 50\x00\x00\n",
            "Cannot read profile '{p}': a binary file, not a YAML or JSON text file.",
        ),
        (
            "me.yaml",
            b"",
            "Profile file '{p}' is empty; expected fields such as 'age: 50' and 'sex: female'.",
        ),
        (
            "me.yaml",
            b"# nothing yet\n",
            "Profile file '{p}' is empty; expected fields such as 'age: 50' and 'sex: female'.",
        ),
        (
            "me.yaml",
            b"- age: 50\n- sex: female\n",
            "Profile '{p}' must be a mapping of fields (age, sex, \u2026); got a list.",
        ),
        (
            "me.json",
            b'"hello"',
            "Profile '{p}' must be a mapping of fields (age, sex, \u2026); got a single text value.",
        ),
        (
            "me.json",
            b'{"age": 5,',
            "Cannot parse profile '{p}': not valid JSON "
            "(line 1: Expecting property name enclosed in double quotes).",
        ),
    ],
)
def test_unreadable_files_name_the_file(tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    for reader in (read_profile_file, load_profile):
        with pytest.raises(InputError) as info:
            reader(p)
        assert str(info.value) == expected.format(p=p)


def test_binary_program_file(tmp_path):
    p = tmp_path / "ls"
    p.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    with pytest.raises(InputError, match=r"^Cannot read profile '.*ls': not a UTF-8"):
        load_profile(p)


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_profile(tmp_path)
    assert str(info.value) == (
        f"Cannot read profile '{tmp_path}': it is a directory, not a YAML or JSON text file."
    )
    with pytest.raises(InputError, match=r"Profile file not found: '.*nope\.yaml'"):
        load_profile(tmp_path / "nope.yaml")


def test_yaml_error_names_the_file_and_line(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("age: [1,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^Cannot parse profile '.*bad.yaml': .* at line 2\.$"):
        load_profile(p)


def test_a_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"age": 50, "sex": "male"}).encode())
    assert load_profile(p).age_y == 50
