"""Every packaged table loads and validates against its sidecar; the validator rejects bad cells."""

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from vitk.errors import DataValidationError
from vitk.references import get
from vitk.tables import load_table, packaged_tables, read_table


def test_every_packaged_table_validates():
    tables = packaged_tables()
    assert {
        "intakes/reference_intakes.csv",
        "intakes/vitamin_d_status.csv",
        "foods/foods.csv",
        "foods/food_values.csv",
        "foods/food_portions.csv",
    } <= set(tables)
    for rel in tables:
        rows = load_table(rel)
        assert rows, rel
        folder, name = rel.rsplit("/", 1)
        sidecar = resources.files("vitk").joinpath("data", folder, name[:-4] + ".meta.json")
        meta = json.loads(sidecar.read_text("utf-8"))
        for field in ("title", "version", "licence", "columns"):
            assert field in meta, (rel, field)
        for col, spec in meta["columns"].items():
            if spec.get("reference"):
                for row in rows:
                    keys = row[col] if isinstance(row[col], tuple) else (row[col],)
                    for k in keys:
                        if k is not None:
                            assert get(k).key == k


def _copy(tmp_path: Path, name: str) -> Path:
    src = resources.files("vitk").joinpath("data", "intakes")
    for suffix in (".csv", ".meta.json"):
        (tmp_path / f"{name}{suffix}").write_text(
            src.joinpath(name + suffix).read_text("utf-8"), "utf-8"
        )
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        (
            "vitamin_k,US FNB,AI,0,0.5,any,any,2.0,ug,IOM2001;ODS-K",
            "vitamin_k,US FNB,AI,0,0.5,any,any,-2,ug,IOM2001;ODS-K",
            "out of range",
        ),
        (
            "vitamin_k,US FNB,AI,0,0.5,any,any,2.0,ug,IOM2001;ODS-K",
            "vitamin_k,US FNB,AI,0,0.5,any,any,2.0,ug,IOM2001;Nobody2020",
            "Nobody2020",
        ),
        (
            "vitamin_k,US FNB,AI,0,0.5,any,any,2.0,ug,IOM2001;ODS-K",
            "vitamin_k,US FNB,XX,0,0.5,any,any,2.0,ug,IOM2001;ODS-K",
            "not allowed",
        ),
        (
            "vitamin_k,US FNB,AI,0,0.5,any,any,2.0,ug,IOM2001;ODS-K",
            "vitamin_k,US FNB,AI,0,0.5,any,any,two,ug,IOM2001;ODS-K",
            "must be number",
        ),
    ],
)
def test_validator_rejects_bad_cells(tmp_path, old, new, match):
    folder = _copy(tmp_path, "reference_intakes")
    csv_path = folder / "reference_intakes.csv"
    text = csv_path.read_text("utf-8")
    assert old in text
    csv_path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(DataValidationError, match=match) as exc:
        read_table(folder, "reference_intakes")
    assert "reference_intakes.csv row 1" in str(exc.value)


def test_validator_rejects_changed_header(tmp_path):
    folder = _copy(tmp_path, "vitamin_d_status")
    p = folder / "vitamin_d_status.csv"
    p.write_text(p.read_text("utf-8").replace("band,", "bands,", 1), "utf-8")
    with pytest.raises(DataValidationError, match="differ from the schema"):
        read_table(folder, "vitamin_d_status")
    shutil.rmtree(folder)
