"""The curated loader rejects broken tables with a message naming file, row and value."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from vitk.errors import DataValidationError
from vitk.foods.curated import load_curated_foods, load_curated_foods_from


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    src = resources.files("vitk").joinpath("data", "foods")
    for name in ("foods", "food_values", "food_portions"):
        for suffix in (".csv", ".meta.json"):
            with resources.as_file(src.joinpath(name + suffix)) as p:
                shutil.copy(p, tmp_path / (name + suffix))
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_copy_loads(tables: Path) -> None:
    assert len(load_curated_foods_from(tables)) == len(load_curated_foods())


def test_load_is_cached() -> None:
    assert load_curated_foods()[0] is load_curated_foods()[0]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "food_values.csv",
            "natto,mk7,1000,",
            "natto,mk7,6000,",
            r"food_values\.csv row \d+: .*6000",
        ),
        ("food_values.csv", "natto,mk7,1000,", "natto,mk7,-1,", r"food_values\.csv row \d+: .*-1"),
        ("food_values.csv", "natto,mk7,1000,", "natto,mk77,1000,", r"nutrient 'mk77' is unknown"),
        ("food_values.csv", "natto,mk7,1000,", "natto,mk7,abc,", r"must be number; got 'abc'"),
        (
            "food_values.csv",
            ",US,ODS-K,",
            ",US,NoSuchKey2020,",
            r"'NoSuchKey2020' does not resolve",
        ),
        (
            "food_values.csv",
            ",measured,US,ODS-K,",
            ",measuredd,US,ODS-K,",
            r"'measuredd' is not allowed",
        ),
        (
            "food_values.csv",
            "natto,mk7,1000,",
            "nato,mk7,1000,",
            r"food_id 'nato' is not in foods\.csv",
        ),
        (
            "food_portions.csv",
            "natto,3 oz,85,",
            "natto,3 oz,-5,",
            r"food_portions\.csv row \d+: grams -5",
        ),
        ("food_portions.csv", "natto,3 oz,85,", "natto,1 cup,85,", r"duplicate portion '1 cup'"),
        (
            "foods.csv",
            "\nspinach-raw,",
            "\nnatto,",
            r"foods\.csv row \d+: duplicate food_id 'natto'",
        ),
        ("foods.csv", ",3 oz,ordinary", ",1 bowl,ordinary", r"typical_serving '1 bowl'"),
        (
            "food_values.csv",
            "natto,vitamin_d,0,,,0,assumed_zero,",
            "natto,vitamin_d,0.5,,,0,assumed_zero,",
            r"status 'assumed_zero' needs value 0; got 0\.5",
        ),
        (
            "food_values.csv",
            "natto,k1,23.1,,,0,imputed,",
            "natto,k1,,,,0,imputed,",
            r"status 'imputed' needs value_per_100g",
        ),
        (
            "food_values.csv",
            '(Miso)",1,4\n',
            '(Miso)",1,\n',
            r"status 'imputed' needs usda_src_cd",
        ),
        (
            "food_values.csv",
            '(Miso)",1,4\n',
            '(Miso)",1,3\n',
            r"'3' is not allowed",
        ),
    ],
)
def test_broken_tables_are_rejected(
    tables: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(tables / file, old, new)
    with pytest.raises(DataValidationError, match=message):
        load_curated_foods_from(tables)


def test_header_must_match_meta(tables: Path) -> None:
    _edit(tables / "food_portions.csv", "food_id,label,grams", "food_id,label,gram")
    with pytest.raises(DataValidationError, match="differ from the schema"):
        load_curated_foods_from(tables)
