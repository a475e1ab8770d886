"""Importer and DB access: the full SR28 release (one import per session) and a tiny release."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from vitk.errors import ImportDataError, InputError, UnknownFoodError
from vitk.foods.usda_foods import get_usda_foods
from vitk.storage.db import current_revision, get_engine, head_revision
from vitk.storage.schema import (
    usda_food,
    usda_nutrient_value,
    usda_portion,
    usda_release,
    usda_source_code,
)
from vitk.usda import importer
from vitk.usda.importer import ImportSummary, import_release
from vitk.usda.sr28 import SOURCE_CODES, read_release
from vitk.usda.store import has_usda_data, usda_food_names

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "sr28-pristine"


@pytest.fixture(scope="session")
def sr28_dir(full_sr28_release: Path) -> Path:
    return full_sr28_release


@pytest.fixture(scope="session")
def release(sr28_dir: Path):
    return read_release(sr28_dir)


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory, sr28_dir: Path):
    """The full SR28 release imported once into a temporary SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'vitk.sqlite'}"
    engine = get_engine(url)
    summary = import_release(sr28_dir, engine)
    yield engine, summary
    engine.dispose()


@pytest.fixture
def small_engine(tmp_path: Path):
    engine = get_engine(f"sqlite:///{tmp_path / 'small.sqlite'}")
    yield engine
    engine.dispose()


def _count(engine, table, where=None) -> int:
    stmt = select(func.count()).select_from(table)
    if where is not None:
        stmt = stmt.where(where)
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def test_summary_counts(imported) -> None:
    _, summary = imported
    assert isinstance(summary, ImportSummary)
    assert summary.foods == 8789
    assert summary.portions == 15438
    counts = summary.values_by_nutrient
    assert counts["mk4"] == 588
    assert counts["k1"] == 5226
    assert counts["dihydro_k1"] == 1410
    assert counts["calcium"] == 8441
    assert counts["magnesium"] == 8050
    assert counts["energy"] == 8789
    assert counts["vitamin_d"] == 5527
    assert counts["vitamin_d_iu"] == 5578
    assert any("foods: 8,789" in line for line in summary.lines())


@pytest.mark.parametrize(
    ("nutr_no", "expected"),
    [("428", 588), ("430", 5226), ("429", 1410), ("301", 8441), ("304", 8050), ("208", 8789)],
)
def test_database_counts(imported, nutr_no: str, expected: int) -> None:
    engine, _ = imported
    assert _count(engine, usda_nutrient_value, usda_nutrient_value.c.nutr_no == nutr_no) == expected


def test_database_tables(imported) -> None:
    engine, _ = imported
    assert _count(engine, usda_food) == 8789
    assert _count(engine, usda_portion) == 15438
    assert _count(engine, usda_release) == 1
    assert current_revision(engine) == head_revision()
    assert has_usda_data(engine)


def test_food_names(imported) -> None:
    engine, _ = imported
    names = usda_food_names(engine)
    assert len(names) == 8789
    assert ("usda:01009", "Cheese, cheddar", "Dairy and Egg Products") in names


def test_food_round_trip(imported, release) -> None:
    engine, _ = imported
    (cheddar,) = get_usda_foods(engine, ["usda:01009"])
    assert cheddar.source_db == "usda"
    assert cheddar.usda_ndb == "01009"
    by = {o.nutrient: o for o in cheddar.observations}
    assert set(by) == {"k1", "dihydro_k1", "mk4", "calcium", "magnesium", "vitamin_d", "energy"}
    assert by["mk4"].value_per_100g == 8.6
    assert (by["k1"].value_per_100g, by["k1"].low_per_100g, by["k1"].high_per_100g) == (
        2.4,
        2.3,
        2.4,
    )
    assert by["k1"].n_samples == 2
    assert by["mk4"].origin == "SR28 NUT_DATA 01009/428"
    assert {o.source_key for o in cheddar.observations} == {"USDA-SR28"}
    assert {o.priority for o in cheddar.observations} == {1}
    assert by["vitamin_d"].value_per_100g == 0.6  # 328 present, 324 not used
    labels = {p.label: p.grams for p in cheddar.portions}
    assert labels["1 cup, diced"] == 132
    assert labels["1 oz"] == 28.35
    assert cheddar.typical_serving in labels
    # compare every value with a fresh read of the files
    for ndb in ("01009", "16113", "05348", "11457"):
        (food,) = get_usda_foods(engine, [f"usda:{ndb}"])
        raw = release.values_for(ndb)
        for obs in food.observations:
            nutr = obs.origin.rsplit("/", 1)[1]
            expected = raw[nutr].value / 40 if nutr == "324" else raw[nutr].value
            assert obs.value_per_100g == pytest.approx(expected)
        assert [p.grams for p in food.portions] == [w.grams for w in release.weights_for(ndb)]


def test_missing_value_is_absent_not_zero(imported) -> None:
    engine, _ = imported
    (natto,) = get_usda_foods(engine, ["usda:16113"])
    assert natto.observations_for("mk4") == []  # SR28 has no MK-4 for natto


def test_vitamin_d_from_iu_when_ug_missing(imported, release) -> None:
    engine, _ = imported
    only_iu = next(
        ndb
        for ndb in sorted(release.foods)
        if "324" in (v := release.values_for(ndb)) and "328" not in v and v["324"].value > 0
    )
    (food,) = get_usda_foods(engine, [f"usda:{only_iu}"])
    (vd,) = food.observations_for("vitamin_d")
    assert vd.value_per_100g == pytest.approx(release.values_for(only_iu)["324"].value / 40)
    assert "÷ 40" in vd.note
    assert vd.origin.endswith("/324")


def test_order_and_errors(imported) -> None:
    engine, _ = imported
    foods = get_usda_foods(engine, ["usda:16113", "usda:01009"])
    assert [f.food_id for f in foods] == ["usda:16113", "usda:01009"]
    with pytest.raises(UnknownFoodError, match="99999"):
        get_usda_foods(engine, ["usda:99999"])
    with pytest.raises(InputError, match="5-digit NDB"):
        get_usda_foods(engine, ["cheddar"])


def test_empty_database(small_engine) -> None:
    assert not has_usda_data(small_engine)
    assert usda_food_names(small_engine) == []
    with pytest.raises(UnknownFoodError, match="import-usda"):
        get_usda_foods(small_engine, ["usda:01009"])


def test_reimport_is_idempotent(small_engine) -> None:
    first = import_release(FIXTURE, small_engine)
    second = import_release(FIXTURE, small_engine)
    assert (first.foods, first.portions) == (second.foods, second.portions) == (2, 3)
    assert first.values_by_nutrient == second.values_by_nutrient
    assert _count(small_engine, usda_food) == 2
    assert _count(small_engine, usda_nutrient_value) == 7
    assert _count(small_engine, usda_release) == 1


def test_failed_read_keeps_old_data(small_engine, tmp_path: Path) -> None:
    import_release(FIXTURE, small_engine)
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    (broken / "NUT_DATA.txt").write_bytes(b"~01009~^~428~\r\n")
    with pytest.raises(ImportDataError, match=r"NUT_DATA\.txt line 1"):
        import_release(broken, small_engine)
    assert _count(small_engine, usda_food) == 2
    assert get_usda_foods(small_engine, ["usda:01009"])[0].observations_for("mk4")


def test_failed_write_rolls_back(small_engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import_release(FIXTURE, small_engine)
    good = read_release(FIXTURE)
    bad_weights = [*good.weights, good.weights[0]]  # duplicate primary key -> fails mid-write
    monkeypatch.setattr(
        importer,
        "read_release",
        lambda d: type(good)(good.directory, good.foods, good.food_groups, [], bad_weights),
    )
    with pytest.raises(ImportDataError, match="previous data, if any, is unchanged"):
        import_release(FIXTURE, small_engine)
    assert _count(small_engine, usda_food) == 2
    assert _count(small_engine, usda_nutrient_value) == 7
    assert _count(small_engine, usda_portion) == 3


def test_sqlite_pragmas(small_engine) -> None:
    with small_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_default_engine_uses_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    engine = get_engine()
    assert str(tmp_path / "xdg") in str(engine.url)
    engine.dispose()
    monkeypatch.setenv("VITK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    engine = get_engine()
    assert str(engine.url).endswith("env.sqlite")
    engine.dispose()


def _raw_nut_data(sr28_dir: Path, ndb: str, nutr_no: str) -> list[str]:
    """The fields of one NUT_DATA.txt record, read straight from the file."""
    prefix = f"~{ndb}~^~{nutr_no}~^"
    with (sr28_dir / "NUT_DATA.txt").open(encoding="latin-1", newline="") as fh:
        line = next(line for line in fh if line.startswith(prefix))
    return [f.strip("~") for f in line.rstrip("\r\n").split("^")]


def _raw_src_cd(sr28_dir: Path) -> dict[str, str]:
    text = (sr28_dir / "SRC_CD.txt").read_text(encoding="latin-1")
    return dict(
        tuple(f.strip("~") for f in line.split("^"))  # type: ignore[misc]
        for line in text.splitlines()
        if line.strip()
    )


@pytest.mark.parametrize(
    ("ndb", "nutr_no"),
    [("16113", "430"), ("16113", "328"), ("16113", "301"), ("01009", "428"), ("11109", "430")],
)
def test_src_cd_and_ref_ndb_stored_as_in_nut_data(
    imported, sr28_dir: Path, ndb: str, nutr_no: str
) -> None:
    engine, _ = imported
    raw = _raw_nut_data(sr28_dir, ndb, nutr_no)
    c = usda_nutrient_value.c
    with engine.connect() as conn:
        row = conn.execute(
            select(c.src_cd, c.deriv_cd, c.ref_ndb_no).where(
                (c.ndb_no == ndb) & (c.nutr_no == nutr_no)
            )
        ).one()
    assert tuple(row) == (raw[5], raw[6] or None, raw[7] or None)


def test_source_code_table_equals_src_cd_file(imported, sr28_dir: Path) -> None:
    engine, _ = imported
    with engine.connect() as conn:
        stored = {
            r.src_cd: (r.description, r.status) for r in conn.execute(select(usda_source_code))
        }
    raw = _raw_src_cd(sr28_dir)
    assert {k: d for k, (d, _) in stored.items()} == raw
    assert {k: s for k, (_, s) in stored.items()} == {k: s for k, (_, s) in SOURCE_CODES.items()}


def test_natto_k1_is_imputed_and_vitamin_d_assumed_zero(imported, sr28_dir: Path) -> None:
    engine, _ = imported
    (natto,) = get_usda_foods(engine, ["usda:16113"])
    (k1,) = natto.observations_for("k1")
    raw = _raw_nut_data(sr28_dir, "16113", "430")
    assert (k1.value_per_100g, k1.usda_src_cd) == (float(raw[2]), raw[5])
    assert raw[5] == "4"  # the reviewer's case: calculated or imputed (Deriv_Cd BFSN)
    assert k1.status == "imputed"
    assert f"imputed from NDB {raw[7]}" in k1.note
    (vd,) = natto.observations_for("vitamin_d")
    assert _raw_nut_data(sr28_dir, "16113", "328")[5] == "7"
    assert (vd.value_per_100g, vd.status, vd.usda_src_cd) == (0.0, "assumed_zero", "7")
    (ca,) = natto.observations_for("calcium")
    assert _raw_nut_data(sr28_dir, "16113", "301")[5] == "1"
    assert (ca.status, ca.usda_src_cd) == ("measured", "1")


def test_every_status_follows_its_src_cd(imported, release) -> None:
    engine, _ = imported
    ndbs = ["01009", "16113", "05348", "11457", "11109", "04037", "15076"]
    seen: set[str] = set()
    for food in get_usda_foods(engine, [f"usda:{n}" for n in ndbs]):
        raw = release.values_for(food.usda_ndb)
        for obs in food.observations:
            v = raw[obs.origin.rsplit("/", 1)[1]]
            assert obs.usda_src_cd == v.src_cd
            assert obs.status == SOURCE_CODES[v.src_cd][1], obs.origin
            assert f"Src_Cd {v.src_cd} ({SOURCE_CODES[v.src_cd][0]})" in obs.note
            seen.add(obs.status)
    assert seen == {"measured", "imputed", "assumed_zero"}
