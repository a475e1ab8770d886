"""``vitk.foods.values.food_row``: the library's one JSON shape for a food (CLI and web)."""

import ast
from pathlib import Path

import pytest
from tests.unit.foods.fakes import GOUDA, NATTO, obs

from vitk.foods.model import Food, Portion
from vitk.foods.values import food_row, mk_long_other_per_100g

SRC = Path(__file__).resolve().parents[3] / "src" / "vitk"

KEYS = {"food_id", "name", "source_db", "typical_serving", "serving_g", "values"}
VALUE_KEYS = {"status", "per_100g_ug", "per_serving_ug", "source_keys"}
RANGE_KEYS = {"low_per_100g_ug", "high_per_100g_ug"}


def test_row_keys_are_stable():
    row = food_row(GOUDA)
    assert set(row) == KEYS
    assert list(row["values"]) == ["k1", "mk4", "mk7", "mk_long_other", "k2_total", "k_total"]
    assert set(row["values"]["mk4"]) == VALUE_KEYS | RANGE_KEYS
    # Natto's MK-4 was never measured: unknown, not zero, and no range keys.
    assert row["values"]["mk4"]["per_100g_ug"] == pytest.approx(20.8)
    assert food_row(NATTO)["values"]["mk4"] == {
        "status": "not_measured",
        "per_100g_ug": None,
        "per_serving_ug": None,
        "source_keys": [],
    }


def test_other_long_chain_mk_uses_the_library_sum():
    other = food_row(GOUDA)["values"]["mk_long_other"]
    # Vermeer2018 Gouda: MK-8 9.3 + MK-9 30.0 µg/100 g; serving 1 oz = 28.35 g.
    assert other["per_100g_ug"] == pytest.approx(39.3)
    assert other["per_serving_ug"] == pytest.approx(39.3 * 28.35 / 100, abs=0.01)
    assert other["forms"] == ["mk8", "mk9"]
    assert other["status"] == "measured"
    assert other["low_per_100g_ug"] == pytest.approx(39.3)
    assert other["high_per_100g_ug"] == pytest.approx(39.3)
    assert other["source_keys"] == ["Vermeer2018"]


def test_other_long_chain_mk_keeps_range_and_imputed_status():
    food = Food(
        food_id="mk-test",
        name="mk test",
        food_group="cheese",
        source_db="curated",
        observations=(
            obs("mk8", 10.0, low_per_100g=6.0, high_per_100g=14.0),
            obs("mk9", 20.0, key="USDA-SR28", priority=1, status="imputed", usda_src_cd="4"),
        ),
        portions=(Portion("1 oz", 28.35, "USDA-SR28"),),
        typical_serving="1 oz",
    )
    other = food_row(food)["values"]["mk_long_other"]
    lib = mk_long_other_per_100g(food)
    assert lib is not None and lib.status == "imputed"
    # The hand-made sum this replaced called every total "measured" and dropped the range.
    assert other["status"] == "imputed"
    assert other["per_100g_ug"] == pytest.approx(30.0)
    assert other["low_per_100g_ug"] == pytest.approx(26.0)
    assert other["high_per_100g_ug"] == pytest.approx(34.0)


def test_library_modules_do_not_import_the_cli():
    """Layering: the CLI and the web app sit on the library, never on each other."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.parent.name == "cli" or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [
                f"{path.relative_to(SRC)}: {n}" for n in names if n.startswith("vitk.cli")
            ]
    assert offenders == []
