"""Range checks of the SR28 reader: corrupt rows stop the import with one clear line.

Each case is the tiny pristine release (tests/data/sr28-pristine) with one field changed.
NUT_DATA.txt line 4 is cheddar (01009) vitamin K1 (430): Nutr_Val 2.4, Min 2.3, Max 2.4;
line 2 is cheddar calcium (301); line 1 cheddar energy (208); line 5 vitamin D in IU (324).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from vitk.errors import ImportDataError
from vitk.storage.db import get_engine
from vitk.storage.schema import usda_food, usda_nutrient_value, usda_portion
from vitk.usda.importer import import_release
from vitk.usda.sr28 import NUTRIENT_RANGES, WEIGHT_RANGES, read_release

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "sr28-pristine"
FILES = ("FD_GROUP.txt", "FOOD_DES.txt", "NUT_DATA.txt", "WEIGHT.txt")
# NUT_DATA fields: 0 NDB_No, 1 Nutr_No, 2 Nutr_Val, 3 Num_Data_Pts, 4 Std_Error, 10 Min, 11 Max
VAL, NPTS, SE, MIN, MAX = 2, 3, 4, 10, 11


def crafted(tmp_path: Path, file: str, lineno: int, field: int, text: str) -> Path:
    """A copy of the fixture release with one field of one line replaced."""
    out = tmp_path / "release"
    out.mkdir()
    for name in FILES:
        shutil.copy(FIXTURE / name, out / name)
    lines = (out / file).read_bytes().decode("latin-1").split("\r\n")
    parts = lines[lineno - 1].split("^")
    parts[field] = text
    lines[lineno - 1] = "^".join(parts)
    (out / file).write_bytes("\r\n".join(lines).encode("latin-1"))
    return out


def read_error(directory: Path) -> str:
    with pytest.raises(ImportDataError) as exc:
        read_release(directory)
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


@pytest.mark.parametrize(
    ("line", "field", "text", "expected"),
    [
        (
            4,
            VAL,
            "-3",
            "field Nutr_Val (vitamin K1, NDB_No 01009) is -3; allowed: from 0 to "
            "100,000 µg per 100 g.",
        ),
        (4, VAL, "150000", "is 150000; allowed: from 0 to 100,000 µg per 100 g."),
        (
            4,
            VAL,
            "abc",
            "field Nutr_Val (vitamin K1, NDB_No 01009) must be a number from 0 to "
            "100,000 µg per 100 g; got 'abc'.",
        ),
        (4, VAL, "nan", "is nan; allowed: from 0 to 100,000 µg per 100 g."),
        (4, VAL, "inf", "is inf; allowed"),
        (4, MIN, "-1", "field Min (vitamin K1, NDB_No 01009) is -1"),
        (4, MAX, "1e9", "field Max (vitamin K1, NDB_No 01009) is 1e9"),
        (
            2,
            VAL,
            "100001",
            "field Nutr_Val (calcium, NDB_No 01009) is 100001; allowed: from 0 "
            "to 100,000 mg per 100 g.",
        ),
        (
            1,
            VAL,
            "1200",
            "field Nutr_Val (energy, NDB_No 01009) is 1200; allowed: from 0 to "
            "1,000 kcal per 100 g.",
        ),
        (
            5,
            VAL,
            "5000000",
            "(vitamin D, NDB_No 01009) is 5000000; allowed: from 0 to 4,000,000 IU per 100 g.",
        ),
        (2, SE, "-6.2", "field Std_Error (NDB_No 01009) is -6.2; allowed: from 0."),
        (4, NPTS, "2.5", "field Num_Data_Pts must be a whole number ≥ 0; got '2.5'."),
        (4, NPTS, "-2", "field Num_Data_Pts is -2; allowed: from 0."),
    ],
)
def test_nut_data_out_of_range(tmp_path, line, field, text, expected):
    msg = read_error(crafted(tmp_path, "NUT_DATA.txt", line, field, text))
    assert msg.startswith(f"NUT_DATA.txt line {line}: ")
    assert expected in msg


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        (4, "0", "field Gm_Wgt is 0; allowed: above 0 to 100,000 g."),
        (4, "-28.35", "field Gm_Wgt is -28.35"),
        (4, "1e6", "field Gm_Wgt is 1e6"),
        (4, "heavy", "field Gm_Wgt must be a number above 0 to 100,000 g; got 'heavy'."),
        (2, "0", "field Amount is 0; allowed: above 0 to 10,000."),
        (2, "nan", "field Amount is nan"),
    ],
)
def test_weight_out_of_range(tmp_path, field, text, expected):
    msg = read_error(crafted(tmp_path, "WEIGHT.txt", 2, field, text))
    assert msg.startswith("WEIGHT.txt line 2: ") and expected in msg


@pytest.mark.parametrize(("field", "text"), [(VAL, "0"), (VAL, "100000"), (MIN, "0")])
def test_range_ends_are_allowed(tmp_path, field, text):
    rel = read_release(crafted(tmp_path, "NUT_DATA.txt", 4, field, text))
    value = rel.values_for("01009")["430"]
    assert (value.value if field == VAL else value.min) == float(text)


def test_ranges_cover_every_nutrient_read():
    from vitk.usda.sr28 import NUTRIENTS_READ

    assert set(NUTRIENT_RANGES) == set(NUTRIENTS_READ)
    assert set(WEIGHT_RANGES) == {"Amount", "Gm_Wgt"}


def _counts(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (usda_food, usda_nutrient_value, usda_portion)
        )


def test_corrupt_value_imports_nothing_and_keeps_the_previous_release(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'v.sqlite'}")
    try:
        import_release(FIXTURE, engine)
        before = _counts(engine)
        assert before == (2, 7, 3)
        # Only the last NUT_DATA row is corrupt: every earlier row was valid.
        bad = crafted(tmp_path, "NUT_DATA.txt", 8, VAL, "-211")
        with pytest.raises(ImportDataError, match=r"NUT_DATA\.txt line 8: .* is -211; allowed"):
            import_release(bad, engine)
        assert _counts(engine) == before
        with engine.connect() as conn:
            energy = conn.execute(
                select(usda_nutrient_value.c.value).where(
                    usda_nutrient_value.c.ndb_no == "16113", usda_nutrient_value.c.nutr_no == "208"
                )
            ).scalar_one()
        assert energy == 211.0
    finally:
        engine.dispose()


def test_corrupt_value_into_an_empty_database_leaves_it_empty(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'e.sqlite'}")
    try:
        bad = crafted(tmp_path, "WEIGHT.txt", 3, 4, "-175")
        with pytest.raises(ImportDataError, match=r"WEIGHT\.txt line 3"):
            import_release(bad, engine)
        from vitk.usda.store import has_usda_data

        assert not has_usda_data(engine)
    finally:
        engine.dispose()
