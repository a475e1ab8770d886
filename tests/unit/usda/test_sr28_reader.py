"""SR28 reader: pristine `~~` layout, the empty-field copy, and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vitk.errors import ImportDataError
from vitk.usda.sr28 import SOURCE_CODES, read_release

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "sr28-pristine"
#: SR28 slice whose SRC_CD.txt is the release's whole file (scripts/slice_test_data.py).
SLICE = Path(__file__).resolve().parents[2] / "data" / "sr28-curated"
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


def test_built_in_source_codes_are_sr28s() -> None:
    raw = (SLICE / "SRC_CD.txt").read_text(encoding="latin-1")
    codes = dict(
        (parts[0].strip("~"), parts[1].strip("~"))
        for parts in (line.split("^") for line in raw.splitlines() if line.strip())
    )
    assert {k: d for k, (d, _) in SOURCE_CODES.items()} == codes
    assert read_release(SLICE).source_codes == codes


def test_src_cd_status_and_ref_ndb(pristine: Path) -> None:
    rel = read_release(pristine)
    natto = rel.values_for("16113")["430"]
    assert (natto.status, natto.ref_ndb_no) == ("imputed", "11450")
    cheddar_mk4 = rel.values_for("01009")["428"]
    assert (cheddar_mk4.src_cd, cheddar_mk4.status, cheddar_mk4.ref_ndb_no) == (
        "1",
        "measured",
        None,
    )


def _edit_line(path: Path, lineno: int, field: int, text: str) -> None:
    lines = path.read_bytes().decode("latin-1").split("\r\n")
    parts = lines[lineno - 1].split("^")
    parts[field] = text
    lines[lineno - 1] = "^".join(parts)
    path.write_bytes("\r\n".join(lines).encode("latin-1"))


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        (5, "~3~", r"NUT_DATA\.txt line 3: field Src_Cd is '3'; allowed: 1, 4, 5, 6, 7, 8, 9, 11"),
        (5, "~~", r"NUT_DATA\.txt line 3: field Src_Cd is empty; it is required"),
        (5, "~7~", r"NUT_DATA\.txt line 3: field Nutr_Val is 8\.6 with Src_Cd 7 .*allowed: 0\."),
    ],
)
def test_bad_src_cd_stops_the_read(pristine: Path, field: int, text: str, expected: str) -> None:
    _edit_line(pristine / "NUT_DATA.txt", 3, field, text)  # line 3: cheddar MK-4, 8.6
    with pytest.raises(ImportDataError, match=expected) as exc:
        read_release(pristine)
    assert "\n" not in str(exc.value)


def test_src_cd_file_is_used_and_checked(pristine: Path) -> None:
    (pristine / "SRC_CD.txt").write_bytes(b"~1~^~Analytical~\r\n~4~^~Imputed~\r\n")
    assert read_release(pristine).source_codes == {"1": "Analytical", "4": "Imputed"}
    (pristine / "SRC_CD.txt").write_bytes(b"~1~^~Analytical~\r\n~14~^~New kind~\r\n")
    with pytest.raises(ImportDataError, match=r"SRC_CD\.txt line 2: field Src_Cd is '14'"):
        read_release(pristine)
