"""The curated food table: every value traces back to its cited source row.

Sources re-read here: the literature CSV (``literature.csv row N``, copied to
``tests/data``), the SR28 release files sliced to the linked foods
(``SR28 NUT_DATA <NDB>/<Nutr_No>`` and ``SR28 WEIGHT <NDB>/<Seq>``; both cut by
``scripts/slice_test_data.py``) and the NIH ODS table of ``reference/evidence.md``.
"""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from vitk.foods.curated import TABLES, load_curated_foods, read_table
from vitk.foods.values import shown_value
from vitk.nutrients import NUTRIENTS, nutrient
from vitk.references import get
from vitk.usda.sr28 import SOURCE_CODES, Release, read_release

DATA = Path(__file__).resolve().parents[2] / "data"
SR28_SLICE = DATA / "sr28-curated"

KEY_MAP = {
    "kamao2007": "Kamao2007",
    "dunlop2022": "Dunlop2022",
    "chollet2017": "Chollet2017",
    "tsukamoto2000": "Tsukamoto2000",
    "jhej1999": "JHEJ1999",
    "osullivan2020": "OSullivan2020",
    "nih_ods_vitk": "ODS-K",
    "usda_sr28": "USDA-SR28",
    "schurgers2000": "Schurgers2000",
    "vermeer2018": "Vermeer2018",
    "jensen2022": "Jensen2022",
    "fu2017": "Fu2017",
    "tarvainen2019": "Tarvainen2019",
    "elder2006": "Elder2006",
    "hojo2007": "Hojo2007",
}
SR28_CODES = {
    "430": "k1",
    "429": "dihydro_k1",
    "428": "mk4",
    "301": "calcium",
    "304": "magnesium",
    "328": "vitamin_d",
    "324": "vitamin_d",
    "208": "energy",
}

# ODS table (evidence.md, "Food sources"): food_id -> (nutrient, µg per serving, serving label)
ODS_SERVINGS = {
    "natto": ("mk7", 850, "3 oz"),
    "collards-frozen-boiled": ("k1", 530, "0.5 cup"),
    "turnip-greens-frozen-boiled": ("k1", 426, "0.5 cup"),
    "spinach-raw": ("k1", 145, "1 cup"),
    "kale-raw": ("k1", 113, "1 cup"),
    "broccoli-boiled": ("k1", 110, "0.5 cup"),
    "soybean-oil": ("k1", 25, "1 tbsp"),
    "chicken-breast-rotisserie-us": ("mk4", 13, "3 oz"),
    "ground-beef-broiled-us": ("mk4", 6, "3 oz"),
    "chicken-liver-braised-us": ("mk4", 6, "3 oz"),
    "ham-sliced-us": ("mk4", 4, "3 oz"),
}


def _f(text: str) -> float | None:
    return float(text) if text.strip() else None


@pytest.fixture(scope="module")
def literature() -> list[dict[str, str]]:
    with (DATA / "vitamin-k-literature.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def release() -> Release:
    return read_release(SR28_SLICE)


@pytest.fixture(scope="module")
def foods():
    return {f.food_id: f for f in load_curated_foods()}


def _observations(foods):
    for food in foods.values():
        for obs in food.observations:
            yield food, obs


def test_table_size_and_sources(foods) -> None:
    observations = [o for _, o in _observations(foods)]
    assert len(foods) >= 70
    assert len(observations) >= 400
    keys = {o.source_key for o in observations}
    assert {"USDA-SR28", "ODS-K", "Kamao2007", "Vermeer2018", "Jensen2022", "Hojo2007"} <= keys


def test_every_literature_row_is_used(foods, literature) -> None:
    cited: set[int] = set()
    for _, obs in _observations(foods):
        cited |= {int(n) for n in re.findall(r"literature\.csv row (\d+)", obs.origin)}
    assert cited == set(range(1, len(literature) + 1))


def test_literature_values_equal_their_source_row(foods, literature) -> None:
    checked = 0
    for food, obs in _observations(foods):
        for n in re.findall(r"literature\.csv row (\d+)", obs.origin):
            row = literature[int(n) - 1]
            where = f"{food.food_id}/{obs.nutrient} ← row {n}"
            assert nutrient(row["form"]).code == obs.nutrient, where
            assert KEY_MAP[row["source_key"]] == obs.source_key or obs.source_key in (
                "USDA-SR28",
                "ODS-K",
            ), where
            value = _f(row["value_ug_per_100g"])
            if row["source_key"] == "nih_ods_vitk":
                # the CSV rounds 850 µg / 85 g to 1000 µg/100 g
                assert obs.value_per_100g == pytest.approx(value, abs=1), where
            elif value is None:
                assert obs.status in ("not_detected", "range_only"), where
                if obs.status == "not_detected":
                    assert obs.value_per_100g == 0
                    assert "detected" in row["note"]
                else:
                    assert obs.value_per_100g is None
                    assert obs.low_per_100g == _f(row["low"])
                    assert obs.high_per_100g == _f(row["high"])
            else:
                # SR28 rows take their status from Src_Cd (checked against NUT_DATA below)
                allowed = ("measured", "imputed", "assumed_zero")
                assert obs.status in (allowed if obs.usda_src_cd else ("measured",)), where
                assert obs.value_per_100g == pytest.approx(value, abs=1e-9), where
                if row["source_key"] != "usda_sr28":
                    assert obs.low_per_100g == _f(row["low"]), where
                    assert obs.high_per_100g == _f(row["high"]), where
            checked += 1
    assert checked >= 250


def test_not_detected_from_row_notes(foods, literature) -> None:
    checked = 0
    for food, obs in _observations(foods):
        m = re.search(r"literature\.csv note of row (\d+): not detected", obs.origin)
        if not m:
            continue
        row = literature[int(m.group(1)) - 1]
        listed = re.search(r"not detected in the same sample: ([^;]+)", row["note"])
        assert listed, obs.origin
        codes = {nutrient(f.strip()).code for f in listed.group(1).split(",")}
        assert obs.nutrient in codes
        assert (obs.status, obs.value_per_100g) == ("not_detected", 0)
        assert obs.source_key == KEY_MAP[row["source_key"]]
        # the same source gives no value for that form in that food
        assert not [
            o
            for o in food.observations_for(obs.nutrient)
            if o.source_key == obs.source_key and o.status != "not_detected"
        ]
        checked += 1
    assert checked >= 80


def test_sr28_values_equal_nut_data(foods, release) -> None:
    checked = 0
    statuses: set[str] = set()
    for food, obs in _observations(foods):
        m = re.search(r"SR28 NUT_DATA (\d{5})/(\d{3})", obs.origin)
        if not m:
            continue
        ndb, nutr = m.groups()
        assert food.usda_ndb == ndb
        assert SR28_CODES[nutr] == obs.nutrient
        sr = release.values_for(ndb)[nutr]
        expected = sr.value / 40 if nutr == "324" else sr.value
        assert obs.value_per_100g == pytest.approx(expected, abs=1e-9), obs.origin
        if nutr != "324":
            assert (obs.low_per_100g, obs.high_per_100g) == (sr.min, sr.max)
        assert obs.n_samples == sr.n_data_points
        assert obs.priority == 1
        # provenance: the SR28 source code and the status it means
        assert obs.usda_src_cd == sr.src_cd, obs.origin
        assert obs.status == SOURCE_CODES[sr.src_cd][1], obs.origin
        assert f"SR28 Src_Cd {sr.src_cd} ({release.source_codes[sr.src_cd]})" in obs.note
        statuses.add(obs.status)
        checked += 1
    assert checked > 150
    assert statuses == {"measured", "imputed", "assumed_zero"}


def test_only_sr28_values_carry_a_src_cd(foods) -> None:
    for food, obs in _observations(foods):
        if obs.source_key != "USDA-SR28":
            assert obs.usda_src_cd == "", (food.food_id, obs.origin)
            assert obs.status not in ("imputed", "assumed_zero"), (food.food_id, obs.origin)


def test_natto_provenance(foods) -> None:
    """The reviewer's case: natto K1 is imputed (Src_Cd 4), its vitamin D assumed zero."""
    natto = foods["natto"]
    raw: dict[str, list[str]] = {}
    with (SR28_SLICE / "NUT_DATA.txt").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith(f"~{natto.usda_ndb}~^"):
                fields = [f.strip("~") for f in line.rstrip("\r\n").split("^")]
                raw[fields[1]] = fields
    (k1,) = natto.observations_for("k1")
    assert (k1.status, k1.usda_src_cd, raw["430"][5]) == ("imputed", "4", "4")
    assert f"imputed from NDB {raw['430'][7]}" in k1.note
    sv = shown_value(natto, "k1")
    assert sv is not None
    assert (sv.status, sv.status_label) == ("imputed", "imputed (USDA Src_Cd 4)")
    (vd,) = natto.observations_for("vitamin_d")
    assert (vd.status, vd.value_per_100g, raw["328"][5]) == ("assumed_zero", 0.0, "7")
    sv = shown_value(natto, "vitamin_d")
    assert sv is not None
    assert (sv.status, sv.value_per_100g, sv.counts_as_measured) == ("assumed_zero", 0.0, False)
    (ca,) = natto.observations_for("calcium")
    assert (ca.status, raw["301"][5]) == ("measured", "1")


def test_linked_foods_carry_every_sr28_value(foods, release) -> None:
    for food in foods.values():
        if not food.usda_ndb:
            continue
        values = release.values_for(food.usda_ndb)
        have = {o.nutrient for o in food.observations if o.source_key == "USDA-SR28"}
        expected = {SR28_CODES[n] for n in values if n in SR28_CODES}
        assert have == expected, food.food_id


def test_portions_equal_sr28_weight(foods, release) -> None:
    for food in foods.values():
        for p in food.portions:
            m = re.match(r"SR28 WEIGHT (\d{5})/(\d+)", p.origin)
            if not m:
                continue
            w = {x.seq: x for x in release.weights_for(m.group(1))}[int(m.group(2))]
            assert p.grams == pytest.approx(w.grams), p
            assert p.label == w.label or "alias of" in p.origin


@pytest.mark.parametrize(("food_id", "spec"), list(ODS_SERVINGS.items()))
def test_ods_serving_values_come_out(foods, food_id: str, spec: tuple[str, int, str]) -> None:
    code, ug, label = spec
    food = foods[food_id]
    ods = [o for o in food.observations_for(code) if o.source_key == "ODS-K"]
    assert len(ods) == 1
    grams = {p.label: p.grams for p in food.portions}[label]
    per_serving = ods[0].value_per_100g * grams / 100
    # ODS rounds to whole µg
    assert per_serving == pytest.approx(ug, abs=1)
    assert ods[0].priority == 1
    assert str(ug) in ods[0].note


def test_natto_3oz_mk7(foods) -> None:
    natto = foods["natto"]
    (obs,) = [o for o in natto.observations_for("mk7") if o.source_key == "ODS-K"]
    assert obs.value_per_100g * 85 / 100 == pytest.approx(850, abs=1)


def test_no_zero_where_source_is_empty(foods, literature) -> None:
    for food, obs in _observations(foods):
        if obs.value_per_100g == 0 and obs.source_key not in ("USDA-SR28",):
            rows = [int(n) for n in re.findall(r"literature\.csv row (\d+)", obs.origin)]
            assert obs.status == "not_detected" or any(
                _f(literature[n - 1]["value_ug_per_100g"]) == 0 for n in rows
            ), (food.food_id, obs)


def test_enriched_natto_is_separate(foods) -> None:
    ordinary = {o.value_per_100g for o in foods["natto"].observations_for("mk7")}
    assert 1298 not in ordinary
    assert 1765 not in ordinary
    assert 1750 not in ordinary
    assert foods["natto-mk7-reinforced-2x"].observations_for("mk7")[0].value_per_100g == 1765


def test_duplicate_natto_row_kept_once(foods) -> None:
    hits = [
        (f.food_id, o)
        for f, o in _observations(foods)
        if re.search(r"literature\.csv row (1|79)\b", o.origin)
    ]
    assert len(hits) == 1
    assert "duplicate" in hits[0][1].note


def test_every_food_has_portions_and_typical_serving(foods) -> None:
    for food in foods.values():
        assert food.portions, food.food_id
        assert food.typical_serving in {p.label for p in food.portions}
        labels = [p.label for p in food.portions]
        assert len(labels) == len(set(labels))


def _meta(name: str) -> dict:
    folder = resources.files("vitk").joinpath("data", "foods")
    return json.loads(folder.joinpath(f"{name}.meta.json").read_text("utf-8"))


@pytest.mark.parametrize("name", TABLES)
def test_walk_every_table_and_meta_column(name: str) -> None:
    table = read_table(name)
    meta = _meta(name)
    for key in ("title", "version", "licence", "retrieved"):
        assert meta[key]
    assert table.rows
    for col, spec in meta["columns"].items():
        assert spec["type"] in ("string", "number", "integer")
        assert spec["description"]
        assert "unit" in spec
        for n, row in enumerate(table.rows, start=1):
            value = row[col]
            if value is None:
                assert not spec.get("required"), (name, n, col)
                continue
            if spec["type"] == "string":
                assert isinstance(value, str)
                if spec.get("allowed"):
                    assert value in spec["allowed"]
                if spec.get("pattern"):
                    assert re.fullmatch(spec["pattern"], value), (name, n, col, value)
                if spec.get("reference"):
                    assert get(value).key == value
            else:
                lo, hi = spec["range"]
                assert lo <= value <= hi, (name, n, col, value)
        if spec.get("unique"):
            values = [r[col] for r in table.rows]
            assert len(values) == len(set(values))


def test_values_units_and_ranges() -> None:
    meta = _meta("food_values")
    for row in read_table("food_values").rows:
        nut = NUTRIENTS[row["nutrient"]]
        kind = meta["value_range_by_nutrient_kind"][nut.kind]
        assert kind["unit"] == nut.unit
        for col in ("value_per_100g", "low_per_100g", "high_per_100g"):
            if row[col] is not None:
                assert kind["range"][0] <= row[col] <= kind["range"][1]
