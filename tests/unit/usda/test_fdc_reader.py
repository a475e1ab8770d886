"""FoodData Central CSV downloads (SR Legacy, Foundation Foods) read as a release.

The SR Legacy fixture holds exact SR28 records written in the FDC layout
(``scripts/make_fdc_fixture.py``): both formats must give the same foods, values, codes
and portions. The Foundation fixture is synthetic (see its README).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vitk.errors import ImportDataError
from vitk.foods.catalogue import default_catalogue
from vitk.foods.usda_foods import foods_from_release, get_usda_foods
from vitk.storage.db import get_engine
from vitk.usda.fdc import FOUNDATION_KEY, is_fdc_directory, read_fdc
from vitk.usda.importer import import_fdc, import_release
from vitk.usda.sr28 import read_release

DATA = Path(__file__).resolve().parents[2] / "data"
SR_LEGACY = DATA / "fdc-sr-legacy"
FOUNDATION = DATA / "fdc-foundation"
NDBS = ("01009", "16113", "11457", "01001", "05027", "11164")


@pytest.fixture(scope="module")
def sr28():
    return read_release(DATA / "sr28-curated")


def test_sr_legacy_values_equal_the_sr28_records(sr28) -> None:
    fdc = read_fdc(SR_LEGACY)
    rel = fdc.release
    assert sorted(rel.foods) == sorted(NDBS)  # the sample food is not a food
    compared = 0
    for ndb in NDBS:
        assert rel.foods[ndb].long_desc == sr28.foods[ndb].long_desc
        assert (
            rel.food_groups[rel.foods[ndb].food_group_code]
            == sr28.food_groups[sr28.foods[ndb].food_group_code]
        )
        mine = rel.values_for(ndb)
        for nutr_no, v in sr28.values_for(ndb).items():
            if v.deriv_cd is None:  # no derivation in FDC: source unknown, left out
                assert nutr_no not in mine
                continue
            got = mine[nutr_no]
            assert (got.value, got.src_cd, got.deriv_cd, got.n_data_points, got.min, got.max) == (
                v.value,
                v.src_cd,
                v.deriv_cd,
                v.n_data_points,
                v.min,
                v.max,
            ), (ndb, nutr_no)
            assert got.status == v.status
            compared += 1
        assert [(w.label, w.grams) for w in rel.weights_for(ndb)] == [
            (w.label, w.grams) for w in sr28.weights_for(ndb)
        ]
    assert compared >= 30
    left_out = sum(1 for n in NDBS for v in sr28.values_for(n).values() if v.deriv_cd is None)
    assert fdc.values_without_source == left_out > 0
    assert "203" not in rel.values_for("01009")  # protein is not read
    assert rel.source_key == "USDA-SR28"  # SR Legacy is SR28 re-published


def test_status_follows_the_source_code_through_the_derivation() -> None:
    rel = read_fdc(SR_LEGACY).release
    assert rel.values_for("16113")["430"].status == "imputed"  # natto K1: Src_Cd 4, BFSN
    assert rel.values_for("01001")["328"].status == "assumed_zero"  # butter vitamin D
    assert rel.values_for("01009")["430"].status == "measured"


def test_foundation_download(tmp_path: Path) -> None:
    fdc = read_fdc(FOUNDATION)
    rel = fdc.release
    assert sorted(rel.foods) == ["01009", "11233"]  # NDB 1009 padded; sample rows skipped
    assert fdc.data_types == ("foundation_food",)
    assert fdc.foods_without_ndb == 1
    assert fdc.values_without_source == 1  # cheddar vitamin D has no derivation
    assert fdc.portions_incomplete == 1
    kale = rel.values_for("11233")
    assert (kale["430"].value, kale["430"].status, kale["430"].n_data_points) == (
        389.6,
        "measured",
        8,
    )
    assert (kale["430"].min, kale["430"].max) == (310.2, 455.1)
    assert "208" not in kale  # empty amount; Atwater energy (957) is not SR energy (208)
    assert rel.values_for("01009")["208"].status == "imputed"  # derivation NC -> source 4
    assert [w.label for w in rel.weights_for("11233")] == ["1 cup, chopped", "1 leaf"]
    assert [(w.seq, w.label) for w in rel.weights_for("01009")] == [
        (1, "1 oz"),
        (2, "1 cup, shredded"),
    ]
    assert rel.source_key == FOUNDATION_KEY
    (food,) = foods_from_release(rel, ["11233"])
    k1 = food.observations_for("k1")[0]
    assert (k1.source_key, k1.origin) == (FOUNDATION_KEY, "FDC Foundation food_nutrient 11233/430")


def test_import_detects_the_format_and_foods_are_searchable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fdc.sqlite'}"
    engine = get_engine(url)
    try:
        summary = import_release(FOUNDATION, engine)  # import-usda on an FDC folder
        assert summary.foods == 2
        assert "FoodData Central data types: foundation_food" in summary.lines()
        assert "foods left out (no NDB number): 1" in summary.lines()
        (kale,) = get_usda_foods(engine, ["usda:11233"])
        k1 = kale.observations_for("k1")[0]
        assert (k1.value_per_100g, k1.source_key) == (389.6, FOUNDATION_KEY)
        assert kale.portions[0].origin == "FDC food_portion 11233/1"
        # re-import SR Legacy: replaces the Foundation foods, cites SR28 again
        import_fdc(SR_LEGACY, engine)
        (cheddar,) = get_usda_foods(engine, ["usda:01009"])
        assert cheddar.observations_for("k1")[0].source_key == "USDA-SR28"
    finally:
        engine.dispose()
    cat = default_catalogue(url)
    assert any(h.food_id == "usda:01009" for h in cat.search("cheddar", limit=5))


def test_is_fdc_directory() -> None:
    assert is_fdc_directory(FOUNDATION) and is_fdc_directory(SR_LEGACY)
    assert not is_fdc_directory(DATA / "sr28-curated")


def _copy(tmp_path: Path, src: Path = FOUNDATION) -> Path:
    dst = tmp_path / "fdc"
    shutil.copytree(src, dst)
    return dst


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "food_nutrient.csv",
            '"389.6","8"',
            '"-3","8"',
            r"food_nutrient\.csv line 2: column amount \(vitamin K1, fdc_id 321001\) is -3",
        ),
        (
            "food_nutrient.csv",
            '"389.6","8"',
            '"lots","8"',
            r"line 2: column amount .* must be a number from 0 .*; got 'lots'",
        ),
        ("nutrient.csv", '"UG","430"', '"MG","430"', r"nutrient_nbr 430 has unit_name 'MG'"),
        (
            "food_nutrient_source.csv",
            '"1","1","Analytical',
            '"1","99","Analytical',
            r"source code '99' .* vitk does not classify",
        ),
        (
            "food_nutrient.csv",
            '"8","1","310.2"',
            '"8","12345","310.2"',
            r"derivation_id '12345' is not in food_nutrient_derivation\.csv",
        ),
        (
            "food_portion.csv",
            '"21","3"',
            '"-21","3"',
            r"food_portion\.csv line 2: column gram_weight",
        ),
        ("foundation_food.csv", '"11233"', '"1123X"', r"NDB_number must be up to 5 digits"),
        (
            "food.csv",
            '"fdc_id","data_type"',
            '"fdc","data_type"',
            r"food\.csv line 1: missing column",
        ),
        (
            "food.csv",
            '"321003","foundation_food"',
            '"321003","sr_legacy_food"',
            r"holds both SR Legacy and Foundation foods",
        ),
    ],
)
def test_bad_download_is_one_line_naming_file_line_and_value(tmp_path, file, old, new, message):
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(ImportDataError, match=message) as err:
        read_fdc(folder)
    assert "\n" not in str(err.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "nutrient.csv").unlink()
    with pytest.raises(ImportDataError, match=r"'nutrient\.csv' not found"):
        read_fdc(folder)
    with pytest.raises(ImportDataError, match="does not exist"):
        read_fdc(tmp_path / "nope")


def test_a_folder_without_sr_legacy_or_foundation_foods_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "food.csv").write_text(
        '"fdc_id","data_type","description","food_category_id","publication_date"\n'
        '"1","branded_food","A branded bar","1","2024-01-01"\n',
        "utf-8",
    )
    with pytest.raises(ImportDataError, match="no food of data type sr_legacy_food or foundation"):
        read_fdc(folder)


def test_failed_import_keeps_the_previous_release(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'keep.sqlite'}")
    try:
        import_fdc(SR_LEGACY, engine)
        bad = _copy(tmp_path)
        _edit(bad / "food_nutrient.csv", '"389.6","8"', '"-3","8"')
        with pytest.raises(ImportDataError):
            import_fdc(bad, engine)
        (cheddar,) = get_usda_foods(engine, ["usda:01009"])
        assert cheddar.name == "Cheese, cheddar"
    finally:
        engine.dispose()
