"""SR28 reader: pristine `~~` layout, the empty-field copy, and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vitk.errors import ImportDataError
from vitk.usda.sr28 import read_release

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "sr28-pristine"
FILES = ("FD_GROUP.txt", "FOOD_DES.txt", "NUT_DATA.txt", "WEIGHT.txt")


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def emptied(tmp_path: Path) -> Path:
    """The same release with `~~` written as empty fields (as in the shared NUT_DATA)."""
    out = tmp_path / "emptied"
    out.mkdir()
    for name in FILES:
        data = (FIXTURE / name).read_bytes()
        assert b"\r\n" in data
        (out / name).write_bytes(data.replace(b"~~", b""))
    return out


def test_fixture_is_pristine_layout() -> None:
    assert b"~~" in (FIXTURE / "NUT_DATA.txt").read_bytes()


@pytest.mark.parametrize("layout", ["pristine", "emptied"])
def test_both_layouts_read_the_same(layout: str, request: pytest.FixtureRequest) -> None:
    rel = read_release(request.getfixturevalue(layout))
    assert set(rel.foods) == {"01009", "16113"}
    assert rel.food_groups["0100"] == "Dairy and Egg Products"
    cheddar = rel.foods["01009"]
    assert cheddar.long_desc == "Cheese, cheddar"
    assert cheddar.common_name is None
    assert cheddar.manufacturer is None
    values = rel.values_for("01009")
    assert set(values) == {"208", "301", "428", "430", "324"}  # 203 (protein) is not read
    assert values["428"].value == 8.6
    assert (values["430"].min, values["430"].max, values["430"].n_data_points) == (2.3, 2.4, 2)
    assert values["208"].deriv_cd == "NC"
    assert values["208"].std_error is None
    assert values["301"].std_error == 6.2
    natto = rel.values_for("16113")["430"]
    assert (natto.value, natto.src_cd, natto.deriv_cd, natto.n_data_points) == (
        23.1,
        "4",
        "BFSN",
        0,
    )
    assert [w.label for w in rel.weights_for("01009")] == ["1 cup, diced", "1 oz"]
    assert rel.weights_for("01009")[1].grams == 28.35


def test_layouts_are_equal(pristine: Path, emptied: Path) -> None:
    a, b = read_release(pristine), read_release(emptied)
    assert a.foods == b.foods
    assert a.nutrient_values == b.nutrient_values
    assert a.weights == b.weights


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match="does not exist or is not a folder"):
        read_release(tmp_path / "nowhere")


def test_missing_file(pristine: Path) -> None:
    (pristine / "WEIGHT.txt").unlink()
    with pytest.raises(ImportDataError, match=r"SR28 file 'WEIGHT\.txt' not found"):
        read_release(pristine)


def test_malformed_line_names_file_and_line(pristine: Path) -> None:
    path = pristine / "NUT_DATA.txt"
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = b"~01009~^~428~^8.6"
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(ImportDataError, match=r"NUT_DATA\.txt line 3: expected 18"):
        read_release(pristine)


def test_non_numeric_value(pristine: Path) -> None:
    path = pristine / "WEIGHT.txt"
    path.write_bytes(path.read_bytes().replace(b"^28.35^", b"^x^"))
    with pytest.raises(ImportDataError, match=r"WEIGHT\.txt line 2: field Gm_Wgt .* 'x'"):
        read_release(pristine)


def test_latin1_text(pristine: Path) -> None:
    path = pristine / "FOOD_DES.txt"
    path.write_bytes(path.read_bytes().replace(b"Natto~", "Natto µ~".encode("latin-1")))
    assert read_release(pristine).foods["16113"].long_desc.endswith("µ")
