"""Write the FoodData Central fixture ``tests/data/fdc-sr-legacy/`` from the SR28 slice.

Usage::

    python scripts/make_fdc_fixture.py

Takes a few foods of ``tests/data/sr28-curated/`` (exact SR28 records) and writes them in
the FDC SR Legacy CSV layout (comma-separated, every field double-quoted, header row):
``food.csv``, ``sr_legacy_food.csv``, ``food_category.csv``, ``nutrient.csv``,
``food_nutrient.csv``, ``food_nutrient_derivation.csv``, ``food_nutrient_source.csv``,
``food_portion.csv`` and ``measure_unit.csv``. fdc_id and the derivation and source ids
are local to the fixture; the values, codes, data points, min/max and portions are the
SR28 ones, so a test can check that both formats read the same. A value without a
Deriv_Cd gets no derivation_id (as in FDC, where its source code is then unknown). One
sample food and one protein value are added to show what the reader skips.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vitk.usda.sr28 import read_release  # noqa: E402

SLICE = REPO / "tests" / "data" / "sr28-curated"
OUT = REPO / "tests" / "data" / "fdc-sr-legacy"
NDBS = ("01009", "16113", "11457", "01001", "05027", "11164")
NUTRIENTS = {  # Nutr_No -> (FDC nutrient id, name, unit)
    "208": ("1008", "Energy", "KCAL"),
    "301": ("1087", "Calcium, Ca", "MG"),
    "304": ("1090", "Magnesium, Mg", "MG"),
    "324": ("1110", "Vitamin D (D2 + D3), International Units", "IU"),
    "328": ("1114", "Vitamin D (D2 + D3)", "UG"),
    "428": ("1183", "Vitamin K (Menaquinone-4)", "UG"),
    "429": ("1184", "Vitamin K (Dihydrophylloquinone)", "UG"),
    "430": ("1185", "Vitamin K (phylloquinone)", "UG"),
    "203": ("1003", "Protein", "G"),
}


def _write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def main() -> int:
    release = read_release(SLICE)
    OUT.mkdir(parents=True, exist_ok=True)
    fdc = {ndb: str(200000 + i) for i, ndb in enumerate(NDBS)}
    groups = sorted({release.foods[n].food_group_code for n in NDBS})
    cat_id = {code: str(i + 1) for i, code in enumerate(groups)}
    _write(
        "food.csv",
        ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
        [
            [
                fdc[n],
                "sr_legacy_food",
                release.foods[n].long_desc,
                cat_id[release.foods[n].food_group_code],
                "2019-04-01",
            ]
            for n in NDBS
        ]
        + [["299999", "sample_food", "Sample food (skipped)", "1", "2019-04-01"]],
    )
    _write("sr_legacy_food.csv", ["fdc_id", "NDB_number"], [[fdc[n], n] for n in NDBS])
    _write(
        "food_category.csv",
        ["id", "code", "description"],
        [[cat_id[c], c, release.food_groups[c]] for c in groups],
    )
    _write(
        "nutrient.csv",
        ["id", "name", "unit_name", "nutrient_nbr", "rank"],
        [
            [i, name, unit, nbr, str(k * 100)]
            for k, (nbr, (i, name, unit)) in enumerate(NUTRIENTS.items())
        ],
    )
    values = [v for n in NDBS for v in release.values_for(n).values()]
    sources = sorted({v.src_cd for v in values}, key=int)
    source_id = {code: str(i + 1) for i, code in enumerate(sources)}
    _write(
        "food_nutrient_source.csv",
        ["id", "code", "description"],
        [[source_id[c], c, release.source_codes[c]] for c in sources],
    )
    pairs = sorted({(v.deriv_cd, v.src_cd) for v in values if v.deriv_cd})
    deriv_id = {p: str(40 + i) for i, p in enumerate(pairs)}
    _write(
        "food_nutrient_derivation.csv",
        ["id", "code", "description", "source_id"],
        [[deriv_id[p], p[0], f"Deriv_Cd {p[0]}", source_id[p[1]]] for p in pairs],
    )
    rows = []
    for v in values:
        rows.append(
            [
                str(len(rows) + 1),
                fdc[v.ndb_no],
                NUTRIENTS[v.nutr_no][0],
                _num(v.value),
                _num(v.n_data_points),
                deriv_id.get((v.deriv_cd, v.src_cd), "") if v.deriv_cd else "",
                _num(v.min),
                _num(v.max),
                "",
                "",
                "",
            ]
        )
    rows.append([str(len(rows) + 1), fdc["01009"], "1003", "22.87", "", "", "", "", "", "", ""])
    _write(
        "food_nutrient.csv",
        [
            "id",
            "fdc_id",
            "nutrient_id",
            "amount",
            "data_points",
            "derivation_id",
            "min",
            "max",
            "median",
            "footnote",
            "min_year_acquired",
        ],
        rows,
    )
    _write("measure_unit.csv", ["id", "name"], [["1000", "cup"], ["9999", "undetermined"]])
    portions = [
        [
            str(i + 1),
            fdc[w.ndb_no],
            str(w.seq),
            _num(w.amount),
            "9999",
            "",
            w.measure,
            _num(w.grams),
            _num(w.n_data_points),
            "",
            "",
        ]
        for i, w in enumerate(w for n in NDBS for w in release.weights_for(n))
    ]
    _write(
        "food_portion.csv",
        [
            "id",
            "fdc_id",
            "seq_num",
            "amount",
            "measure_unit_id",
            "portion_description",
            "modifier",
            "gram_weight",
            "data_points",
            "footnote",
            "min_year_acquired",
        ],
        portions,
    )
    print(f"{len(NDBS)} foods, {len(rows)} values, {len(portions)} portions -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
