"""The SR28 table shipped with vitk: faithful to the release, read like an import.

The slice in ``tests/data/sr28-curated`` holds exact copies of SR28 records for the foods
the curated table links;
the shipped table must give the same rows for them, and a food must read the same from
the shipped table as from a release imported into a database. The full-release test
rebuilds the whole table from the release (``full_sr28_release`` fixture) and compares
it with the shipped files.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from vitk.foods.catalogue import packaged_catalogue
from vitk.foods.usda_foods import foods_from_release, get_usda_foods
from vitk.usda import packaged
from vitk.usda.importer import import_release
from vitk.usda.sr28 import read_release

#: Exact SR28 records of the foods the curated table links (tests/data/README.md).
SLICE = Path(__file__).resolve().parents[2] / "data" / "sr28-curated"


@pytest.fixture(scope="module")
def slice_release():
    return read_release(SLICE)


@pytest.fixture(scope="module")
def shipped():
    return packaged.read_table()


@pytest.fixture(scope="module")
def slice_ndbs(slice_release):
    return sorted(slice_release.foods)


def test_slice_holds_the_linked_foods(slice_ndbs) -> None:
    assert len(slice_ndbs) > 40
    assert {"01009", "16113", "11457"} <= set(slice_ndbs)  # cheddar, natto, raw spinach


def test_shipped_foods_equal_the_release_records(slice_release, shipped, slice_ndbs) -> None:
    for ndb in slice_ndbs:
        assert shipped.foods[ndb] == slice_release.foods[ndb]


def test_shipped_values_equal_the_release_values(slice_release, shipped, slice_ndbs) -> None:
    # every value with its Src_Cd, Deriv_Cd, Ref_NDB_No, data points, SE, min and max
    for ndb in slice_ndbs:
        assert shipped.values_for(ndb) == slice_release.values_for(ndb), ndb
    assert "203" not in shipped.values_for("01009")  # protein is not read


def test_shipped_portions_equal_the_release_weights(slice_release, shipped, slice_ndbs) -> None:
    for ndb in slice_ndbs:
        assert shipped.weights_for(ndb) == slice_release.weights_for(ndb), ndb


def test_shipped_source_codes_are_the_release_codes(slice_release, shipped) -> None:
    assert shipped.source_codes == slice_release.source_codes


def test_value_status_is_kept_per_value(shipped) -> None:
    natto = shipped.values_for("16113")
    assert (natto["430"].src_cd, natto["430"].status, natto["430"].ref_ndb_no) == (
        "4",
        "imputed",
        "16112",
    )
    assert (natto["328"].src_cd, natto["328"].status, natto["328"].value) == (
        "7",
        "assumed_zero",
        0,
    )
    cheddar = shipped.values_for("01009")
    assert (cheddar["428"].status, cheddar["428"].value) == ("measured", 8.6)


def test_build_from_the_slice_round_trips(slice_release, slice_ndbs, tmp_path) -> None:
    counts = packaged.write_table(slice_release, tmp_path, release_name="slice")
    assert counts["foods.csv.gz"] == len(slice_ndbs)
    back = packaged.read_table(tmp_path)
    assert back.foods == slice_release.foods
    assert back.nutrient_values == sorted(
        slice_release.nutrient_values, key=lambda v: (v.ndb_no, v.nutr_no)
    )
    assert back.weights == sorted(slice_release.weights, key=lambda w: (w.ndb_no, w.seq))
    # the same release always gives the same bytes (gzip without a timestamp)
    again = tmp_path / "again"
    packaged.write_table(slice_release, again, release_name="slice")
    for name in packaged.FILES:
        if name != "meta.json":
            assert (again / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_packaged_food_reads_like_an_imported_food(slice_release, slice_ndbs, tmp_path) -> None:
    from vitk.storage.db import get_engine

    engine = get_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        import_release(SLICE, engine)
        imported = get_usda_foods(engine, [f"usda:{n}" for n in slice_ndbs])
    finally:
        engine.dispose()
    packaged.write_table(slice_release, tmp_path / "table")
    shipped = foods_from_release(packaged.read_table(tmp_path / "table"), slice_ndbs)
    for a, b in zip(imported, shipped, strict=True):
        assert (a.name, a.food_group, a.synonyms, a.portions, a.typical_serving) == (
            b.name,
            b.food_group,
            b.synonyms,
            b.portions,
            b.typical_serving,
        )
        assert a.observations == b.observations, a.food_id


def test_fresh_install_knows_every_sr28_food() -> None:
    cat = packaged_catalogue()
    assert len(cat) > 8789  # curated foods on top of the 8,789 SR28 foods
    (brie,) = cat.get_many(["usda:01006"])
    assert brie.name == "Cheese, brie"
    assert brie.meta["table"] == "packaged"
    k1 = brie.observations_for("k1")[0]
    assert (k1.value_per_100g, k1.status, k1.usda_src_cd) == (2.3, "imputed", "4")
    # the curated Camembert (linked to SR28 01007) ranks above the SR28 food itself
    assert [h.food_id for h in cat.search("camembert", limit=2)] == ["camembert-us", "usda:01007"]


def test_curated_foods_stay_on_top_with_their_per_mk_values() -> None:
    cat = packaged_catalogue()
    hit = cat.search("natto", limit=1)[0]
    assert hit.source_db == "curated"
    natto = cat.get(hit.food_id)
    assert natto.observations_for("mk7")  # per-MK values the SR28 table lacks


def test_shipped_table_is_small() -> None:
    folder = Path(str(packaged.packaged_folder()))
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    assert size < 5_000_000  # issue 9: under 5 MB installed


def test_full_release_rebuild_equals_the_shipped_table(full_sr28_release, tmp_path) -> None:
    folder = full_sr28_release
    packaged.write_table(read_release(folder), tmp_path, release_name="SR28")
    shipped = Path(str(packaged.packaged_folder()))
    for name in packaged.FILES:
        new, old = (tmp_path / name).read_bytes(), (shipped / name).read_bytes()
        if name.endswith(".gz"):
            new, old = gzip.decompress(new), gzip.decompress(old)
        assert new == old, f"{name} differs from a rebuild of {folder}"
