"""Migration 0005: SR28 source codes and Ref_NDB_No for data imported before it."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, select

from vitk.foods.usda_foods import get_usda_foods
from vitk.storage.db import _alembic_config, current_revision, get_engine, head_revision, upgrade
from vitk.storage.schema import usda_food, usda_nutrient_value, usda_release, usda_source_code
from vitk.usda.sr28 import SOURCE_CODES

MIGRATION = importlib.import_module("vitk.storage.migrations.versions.0005_usda_value_source")


@pytest.fixture
def engine(tmp_path: Path):
    eng = get_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    yield eng
    eng.dispose()


def _old_import(engine) -> None:
    """Natto with K1 (Src_Cd 4) and vitamin D (Src_Cd 7), as stored before 0005."""
    row = {"ndb_no": "16113", "value": 0.0, "n_data_points": 0, "std_error": None}
    with engine.begin() as conn:
        conn.execute(
            insert(usda_release),
            {"release_id": 1, "source_dir": "x", "imported_at": datetime.now(UTC), "n_foods": 1},
        )
        conn.execute(
            insert(usda_food),
            {
                "ndb_no": "16113",
                "release_id": 1,
                "food_group_code": "1600",
                "food_group": "Legumes and Legume Products",
                "long_desc": "Natto",
                "short_desc": "NATTO",
            },
        )
        for nutr, value, src in (("430", 23.1, "4"), ("328", 0.0, "7"), ("301", 217.0, "1")):
            conn.execute(
                insert(usda_nutrient_value).values(
                    {**row, "nutr_no": nutr, "value": value, "src_cd": src}
                )
            )


def test_upgrade_keeps_values_and_seeds_source_codes(engine) -> None:
    upgrade(engine, MIGRATION.down_revision)
    assert "usda_source_code" not in inspect(engine).get_table_names()
    _old_import(engine)
    # before the upgrade the store still reads it, with SR28's built-in codes
    (natto,) = get_usda_foods(engine, ["usda:16113"])
    assert {o.nutrient: o.status for o in natto.observations}["k1"] == "imputed"
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        codes = {
            r.src_cd: (r.description, r.status) for r in conn.execute(select(usda_source_code))
        }
        refs = conn.execute(select(usda_nutrient_value.c.ref_ndb_no)).scalars().all()
    assert codes == SOURCE_CODES
    assert refs == [None, None, None]  # filled by the next import
    (natto,) = get_usda_foods(engine, ["usda:16113"])
    status = {o.nutrient: (o.status, o.usda_src_cd) for o in natto.observations}
    assert status == {
        "k1": ("imputed", "4"),
        "vitamin_d": ("assumed_zero", "7"),
        "calcium": ("measured", "1"),
    }


def test_downgrade_removes_only_what_it_added(engine) -> None:
    from alembic import command

    upgrade(engine)
    _old_import(engine)
    command.downgrade(_alembic_config(engine), MIGRATION.down_revision)
    insp = inspect(engine)
    assert "usda_source_code" not in insp.get_table_names()
    assert "ref_ndb_no" not in {c["name"] for c in insp.get_columns("usda_nutrient_value")}
    with engine.connect() as conn:
        assert len(conn.execute(select(usda_nutrient_value.c.value)).all()) == 3


def test_migration_codes_match_the_package() -> None:
    # The migration keeps its own copy; it must say what the reader says.
    assert {c: (d, s) for c, d, s in MIGRATION._SR28_CODES} == SOURCE_CODES
