"""The curated table is built from the curation CSVs, and the committed files are its output."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"
SHIPPED = REPO / "src" / "vitk" / "data" / "foods"
CURATION = SHIPPED / "curation"
OUTPUTS = ("foods.csv", "food_values.csv", "food_portions.csv")


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_food_table", REPO / "scripts" / "build_food_table.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_food_table"] = module
    spec.loader.exec_module(module)
    return module


def _build(builder: ModuleType, out: Path, curation: Path = CURATION) -> None:
    builder.build(
        REPO,
        out,
        curation,
        literature=DATA / "vitamin-k-literature.csv",
        sr28=DATA / "sr28-curated",
    )


def test_rebuild_from_curation_csvs_is_byte_identical(builder, tmp_path: Path) -> None:
    _build(builder, tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_script_holds_no_curation_tables() -> None:
    text = (REPO / "scripts" / "build_food_table.py").read_text("utf-8")
    for literal in ("Natto (fermented soybeans)", "Kamao2007", "Collards, frozen, boiled"):
        assert literal not in text


def test_edited_curation_csv_changes_the_output(builder, tmp_path: Path) -> None:
    curation = tmp_path / "curation"
    shutil.copytree(CURATION, curation)
    path = curation / "food_list.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"Kale, raw",', '"Kale (curly), raw",', 1), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _build(builder, out, curation)
    with (out / "foods.csv").open(encoding="utf-8") as fh:
        names = {row["food_id"]: row["name"] for row in csv.DictReader(fh)}
    assert names["kale-raw"] == "Kale (curly), raw"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("food_list.csv", ",1 cup,2;73,", ",1 cup,2;73;74,", "assigned twice"),
        ("food_list.csv", ",1 cup,2;73,", ",1 cup,2;x7,", "'x7' is not N or N-M"),
        ("literature_duplicates.csv", "1,79", "", "not assigned to a food: \\[1\\]"),
    ],
)
def test_inconsistent_curation_is_refused(builder, tmp_path, file, old, new, message) -> None:
    curation = tmp_path / "curation"
    shutil.copytree(CURATION, curation)
    path = curation / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(SystemExit, match=message):
        _build(builder, tmp_path, curation)
