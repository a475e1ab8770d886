"""Regenerate vitk's curated food table from the shared sources.

Usage::

    python scripts/build_food_table.py [SHARED_DIR] [--out src/vitk/data/foods]

SHARED_DIR (default ``../shared`` relative to the repository) must hold
``data/vitamin-k-literature.csv`` and the SR28 release in ``data/usda-sr28/``. The
hand-made curation inputs are CSV files in ``src/vitk/data/foods/curation/`` (see its
README): the food list (ids, names, groups, synonyms, which literature rows belong to
which food), curation notes on literature rows, merged duplicate rows, the NIH ODS
servings, literature source keys → BibTeX keys and ``usda_links.csv`` (curated food →
SR28 NDB). Writes ``foods.csv``, ``food_values.csv`` and ``food_portions.csv``; the
committed files are this script's output.

Rules (see docs/food-data.md): values stay as the source gives them, converted to
µg/100 g only where the source used another basis; an empty source value is never
written as zero; SR28 rows copied into the literature CSV are one observation joined to
the SR28 value (the origin cites both); one duplicate literature row is merged. An SR28
value's status follows its Src_Cd (measured, imputed or assumed_zero; see
``vitk.usda.sr28.SOURCE_CODES``), and the code is kept in ``usda_src_cd``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vitk.nutrients import nutrient  # noqa: E402
from vitk.usda.sr28 import Release, read_release  # noqa: E402

# SR28 nutrients joined to linked foods, in output order.
SR28_NUTRIENTS = [
    ("430", "k1"),
    ("429", "dihydro_k1"),
    ("428", "mk4"),
    ("301", "calcium"),
    ("304", "magnesium"),
    ("328", "vitamin_d"),
    ("208", "energy"),
]


CURATION = REPO / "src" / "vitk" / "data" / "foods" / "curation"


@dataclass(frozen=True)
class FoodSpec:
    name: str
    food_group: str
    synonyms: str
    country: str
    typical_serving: str
    literature_rows: list[int]
    note: str


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def parse_rows(text: str, where: str) -> list[int]:
    """``"15;20;51-57"`` → ``[15, 20, 51, …, 57]`` (order kept)."""
    out: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise SystemExit(f"{where}: literature_rows item {part!r} is not N or N-M")
        a = int(m.group(1))
        b = int(m.group(2) or a)
        out += range(a, b + 1)
    return out


def read_food_list(path: Path) -> dict[str, FoodSpec]:
    """The curated food list: ids, names, groups, synonyms, literature rows per food."""
    foods: dict[str, FoodSpec] = {}
    for n, row in enumerate(_read_csv(path), start=2):
        fid = row["food_id"]
        if fid in foods:
            raise SystemExit(f"{path.name} line {n}: duplicate food_id {fid!r}")
        foods[fid] = FoodSpec(
            row["name"],
            row["food_group"],
            row["synonyms"],
            row["country"],
            row["typical_serving"],
            parse_rows(row["literature_rows"], f"{path.name} line {n}"),
            row["note"],
        )
    return foods


def read_source_keys(path: Path) -> dict[str, str]:
    """Source keys of the literature CSV → vitk BibTeX keys."""
    return {row["literature_key"]: row["bibtex_key"] for row in _read_csv(path)}


def read_literature_notes(path: Path) -> dict[int, str]:
    """Curation remarks appended to the note of single literature rows."""
    return {int(row["literature_row"]): row["note"] for row in _read_csv(path)}


def read_duplicates(path: Path) -> dict[int, int]:
    """Literature rows merged into another row's observation (duplicate measurement)."""
    return {int(row["literature_row"]): int(row["kept_in_row"]) for row in _read_csv(path)}


def read_ods(path: Path) -> dict[str, tuple[str, str, float, str]]:
    """NIH ODS table (evidence.md): food_id -> (ODS food text, nutrient, µg/serving, serving)."""
    return {
        row["food_id"]: (
            row["ods_food"],
            row["nutrient"],
            float(row["ug_per_serving"]),
            row["serving"],
        )
        for row in _read_csv(path)
    }


ODS_LOCATION = "Vitamin K fact sheet for health professionals, Table 2 (as restated in evidence.md)"
ODS_3OZ_ORIGIN = "evidence.md ODS food table: 3 oz (~85 g)"
THREE_OZ_GROUPS = {"meat", "poultry", "offal", "fermented soy"}
ALIAS_UNITS = ("cup", "tbsp", "tsp", "oz", "slice")

VALUE_COLUMNS = [
    "food_id",
    "nutrient",
    "value_per_100g",
    "low_per_100g",
    "high_per_100g",
    "n_samples",
    "status",
    "country",
    "source_key",
    "source_location",
    "origin",
    "note",
    "priority",
    "usda_src_cd",
]
FOOD_COLUMNS = [
    "food_id",
    "name",
    "food_group",
    "synonyms",
    "country",
    "usda_ndb",
    "typical_serving",
    "note",
]
PORTION_COLUMNS = ["food_id", "label", "grams", "source_key", "origin"]


def num(x: float | None) -> str:
    """Format a number for the CSV: no trailing zeros, empty for None."""
    if x is None:
        return ""
    return f"{round(x, 4):g}"


def parse_float(s: str) -> float | None:
    s = s.strip()
    return float(s) if s else None


@dataclass
class Link:
    usda_ndb: str
    portion_ndb: str
    match_note: str


def read_links(path: Path) -> dict[str, Link]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["food_id"]: Link(row["usda_ndb"], row["portion_ndb"], row["match_note"])
            for row in csv.DictReader(fh)
        }


def sr28_rows(
    release: Release, food_id: str, ndb: str, lit_by_origin: dict[str, int]
) -> list[dict[str, str]]:
    """One food_values row per SR28 nutrient value of a linked food (absent ⇒ no row)."""
    values = release.values_for(ndb)
    out: list[dict[str, str]] = []
    for nutr_no, code in SR28_NUTRIENTS:
        v = values.get(nutr_no)
        value: float | None
        note_parts: list[str] = []
        if code == "vitamin_d" and v is None and "324" in values:
            v = values["324"]
            nutr_no = "324"
            value = v.value / 40
            note_parts.append(f"converted from SR28 vitamin D {num(v.value)} IU (Nutr_No 324) ÷ 40")
        elif v is None:
            continue
        else:
            value = v.value
        note_parts.append(
            f"SR28 Src_Cd {v.src_cd} ({release.source_codes[v.src_cd]})"
            + (f", Deriv_Cd {v.deriv_cd}" if v.deriv_cd else "")
        )
        if v.ref_ndb_no:
            ref = release.foods.get(v.ref_ndb_no)
            note_parts.append(
                f"imputed from NDB {v.ref_ndb_no}" + (f" ({ref.long_desc})" if ref else "")
                if v.status == "imputed"
                else f"Ref_NDB_No {v.ref_ndb_no}"
            )
        if v.std_error is not None:
            note_parts.append(f"standard error {num(v.std_error)}")
        origin = f"SR28 NUT_DATA {ndb}/{nutr_no}"
        lit = lit_by_origin.pop(origin, None)
        if lit is not None:
            origin += f"; literature.csv row {lit}"
        out.append(
            {
                "food_id": food_id,
                "nutrient": code,
                "value_per_100g": num(value),
                "low_per_100g": num(v.min if nutr_no != "324" else None),
                "high_per_100g": num(v.max if nutr_no != "324" else None),
                "n_samples": "" if v.n_data_points is None else str(v.n_data_points),
                # measured | imputed | assumed_zero, from the SR28 source code
                "status": v.status,
                "country": "US",
                "source_key": "USDA-SR28",
                "source_location": (
                    f"NUT_DATA.txt NDB_No {ndb} Nutr_No {nutr_no} ({release.foods[ndb].long_desc})"
                ),
                "origin": origin,
                "note": "; ".join(note_parts),
                "priority": "1",
                "usda_src_cd": v.src_cd,
            }
        )
    return out


def literature_row(
    food_id: str,
    n: int,
    row: dict[str, str],
    dup_of: list[int],
    extra_notes: dict[int, str],
    key_map: dict[str, str],
) -> dict[str, str]:
    value = parse_float(row["value_ug_per_100g"])
    low = parse_float(row["low"])
    high = parse_float(row["high"])
    note = row["note"]
    text_note = note.lower()
    if value is not None:
        status = "measured"
    elif low is not None or high is not None:
        status = "range_only"
    elif "not detected" in text_note or "undetected" in text_note:
        status = "not_detected"
        value = 0.0
    else:
        raise SystemExit(f"literature row {n}: empty value without range or not-detected note")
    n_samples = row["n_samples"].strip()
    if n_samples and not n_samples.isdigit():
        note = f"{note}; n: {n_samples}" if note else f"n: {n_samples}"
        n_samples = ""
    if n in extra_notes:
        note = f"{note}; {extra_notes[n]}" if note else extra_notes[n]
    secondary = "via secondary copy" in row["source_location"]
    origin = f"literature.csv row {n}"
    location = row["source_location"]
    priority = "3" if secondary else "2"
    for d in dup_of:
        origin += f"; literature.csv row {d}"
        note += (
            f"; duplicate of literature row {d} (same measurement, also in the abstract), kept once"
        )
        priority = "2"
    return {
        "food_id": food_id,
        "nutrient": nutrient(row["form"]).code,
        "value_per_100g": num(value),
        "low_per_100g": num(low),
        "high_per_100g": num(high),
        "n_samples": n_samples,
        "status": status,
        "country": row["country"],
        "source_key": key_map[row["source_key"]],
        "source_location": location,
        "origin": origin,
        "note": note,
        "priority": priority,
    }


ND_PATTERN = re.compile(r"not detected in the same sample: ([^;]+)")


def not_detected_rows(
    food_id: str,
    rows: list[int],
    lit: list[dict[str, str]],
    have: list[dict[str, str]],
    key_map: dict[str, str],
) -> list[dict[str, str]]:
    """Forms a literature row's note lists as not detected in the same sample.

    One observation per (nutrient, source) and food, citing the first row whose note
    lists it; skipped when the same source gives a value for that form.
    """
    seen = {(v["nutrient"], v["source_key"]) for v in have}
    out: list[dict[str, str]] = []
    for n in rows:
        row = lit[n - 1]
        m = ND_PATTERN.search(row["note"])
        if not m:
            continue
        key = key_map[row["source_key"]]
        for form in (f.strip() for f in m.group(1).split(",")):
            code = nutrient(form).code
            if (code, key) in seen:
                continue
            seen.add((code, key))
            secondary = "via secondary copy" in row["source_location"]
            out.append(
                {
                    "food_id": food_id,
                    "nutrient": code,
                    "value_per_100g": "0",
                    "low_per_100g": "",
                    "high_per_100g": "",
                    "n_samples": "",
                    "status": "not_detected",
                    "country": row["country"],
                    "source_key": key,
                    "source_location": row["source_location"],
                    "origin": f"literature.csv note of row {n}: not detected",
                    "note": (
                        f"{form} listed as 'not detected in the same sample' in the note of "
                        f"literature row {n} ({row['food']}, {row['form']})"
                    ),
                    "priority": "3" if secondary else "2",
                }
            )
    return out


def portion_rows(release: Release, food_id: str, ndb: str, proxy: bool) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    weights = release.weights_for(ndb)
    labels = {w.label for w in weights}
    suffix = f" (portion reference: {release.foods[ndb].long_desc})" if proxy else ""
    for w in weights:
        out.append(
            {
                "food_id": food_id,
                "label": w.label,
                "grams": num(w.grams),
                "source_key": "USDA-SR28",
                "origin": f"SR28 WEIGHT {ndb}/{w.seq}{suffix}",
            }
        )
    # plain aliases ("1 cup, chopped" -> "1 cup") when unambiguous
    aliases: dict[str, list[tuple[int, float, str]]] = {}
    for w in weights:
        m = re.match(r"^(\d+(?:\.\d+)?) (cup|tbsp|tsp|oz|slice)\b(.+)$", w.label)
        if m and m.group(3).strip():
            aliases.setdefault(f"{m.group(1)} {m.group(2)}", []).append((w.seq, w.grams, w.label))
    for alias, items in aliases.items():
        if alias in labels or len({g for _, g, _ in items}) != 1:
            continue
        seq, grams, label = items[0]
        out.append(
            {
                "food_id": food_id,
                "label": alias,
                "grams": num(grams),
                "source_key": "USDA-SR28",
                "origin": f"SR28 WEIGHT {ndb}/{seq} (alias of '{label}'){suffix}",
            }
        )
    return out


def build(
    shared: Path,
    out_dir: Path,
    curation: Path = CURATION,
    *,
    literature: Path | None = None,
    sr28: Path | None = None,
) -> None:
    """Write the three curated CSVs to ``out_dir``.

    ``literature`` and ``sr28`` default to ``SHARED/data/vitamin-k-literature.csv`` and
    ``SHARED/data/usda-sr28``; the tests pass the copies in ``tests/data``.
    """
    lit_path = literature or shared / "data" / "vitamin-k-literature.csv"
    with lit_path.open(encoding="utf-8", newline="") as fh:
        lit = list(csv.DictReader(fh))
    release = read_release(sr28 or shared / "data" / "usda-sr28")
    links = read_links(curation / "usda_links.csv")
    foods = read_food_list(curation / "food_list.csv")
    extra_notes = read_literature_notes(curation / "literature_notes.csv")
    duplicates = read_duplicates(curation / "literature_duplicates.csv")
    ods = read_ods(curation / "ods_servings.csv")
    key_map = read_source_keys(curation / "source_keys.csv")
    assigned: dict[int, str] = {}
    for fid, spec in foods.items():
        for n in spec.literature_rows:
            if n in assigned:
                raise SystemExit(f"literature row {n} assigned twice ({assigned[n]}, {fid})")
            assigned[n] = fid
    missing = set(range(1, len(lit) + 1)) - set(assigned) - set(duplicates)
    if missing:
        raise SystemExit(f"literature rows not assigned to a food: {sorted(missing)}")
    if set(links) != set(foods):
        raise SystemExit(f"usda_links.csv and food_list.csv differ: {set(links) ^ set(foods)}")

    foods_out: list[dict[str, str]] = []
    values_out: list[dict[str, str]] = []
    portions_out: list[dict[str, str]] = []
    for fid, spec in foods.items():
        name, group, synonyms, country = spec.name, spec.food_group, spec.synonyms, spec.country
        typical, rows, note = spec.typical_serving, spec.literature_rows, spec.note
        link = links[fid]
        lit_by_origin: dict[str, int] = {}
        food_values: list[dict[str, str]] = []
        for n in rows:
            row = lit[n - 1]
            if row["source_key"] == "usda_sr28":
                m = re.search(r"NDB_No (\d{5}) Nutr_No (\d{3})", row["source_location"])
                assert m, n
                if m.group(1) != link.usda_ndb:
                    raise SystemExit(f"row {n}: SR28 food {m.group(1)} is not the link of {fid}")
                sr = release.values_for(m.group(1))[m.group(2)]
                if parse_float(row["value_ug_per_100g"]) != sr.value:
                    raise SystemExit(f"row {n}: literature value differs from SR28 {sr.value}")
                lit_by_origin[f"SR28 NUT_DATA {m.group(1)}/{m.group(2)}"] = n
                continue
            if row["source_key"] == "nih_ods_vitk":
                continue  # the ODS observation below cites this row
            dups = [d for d, target in duplicates.items() if target == n]
            food_values.append(literature_row(fid, n, row, dups, extra_notes, key_map))
        food_values += not_detected_rows(fid, rows, lit, food_values, key_map)
        sr_values = sr28_rows(release, fid, link.usda_ndb, lit_by_origin) if link.usda_ndb else []
        if lit_by_origin:
            raise SystemExit(f"{fid}: SR28 literature rows not joined: {lit_by_origin}")

        # portions
        portions: list[dict[str, str]] = []
        if link.usda_ndb:
            portions += portion_rows(release, fid, link.usda_ndb, proxy=False)
        elif link.portion_ndb:
            portions += portion_rows(release, fid, link.portion_ndb, proxy=True)
        labels = {p["label"]: p for p in portions}
        if fid in ods:
            ods_food, code, serving_ug, label = ods[fid]
            if label not in labels:
                if label == "3 oz":
                    p = {
                        "food_id": fid,
                        "label": "3 oz",
                        "grams": "85",
                        "source_key": "ODS-K",
                        "origin": ODS_3OZ_ORIGIN,
                    }
                elif label == "0.5 cup":
                    cup = next(
                        w
                        for w in release.weights_for(link.usda_ndb)
                        if w.amount == 1 and w.measure.startswith("cup")
                    )
                    p = {
                        "food_id": fid,
                        "label": "0.5 cup",
                        "grams": num(cup.grams / 2),
                        "source_key": "VitkCuration",
                        "origin": (
                            f"half of SR28 WEIGHT {link.usda_ndb}/{cup.seq} "
                            f"({cup.label} = {num(cup.grams)} g)"
                        ),
                    }
                else:
                    raise SystemExit(f"{fid}: no portion for ODS serving {label}")
                portions.append(p)
                labels[label] = p
            grams = float(labels[label]["grams"])
            origin = f"evidence.md ODS food table: {ods_food}"
            lit_rows = [n for n in rows if lit[n - 1]["source_key"] == "nih_ods_vitk"]
            for n in lit_rows:
                origin += f"; literature.csv row {n}"
            values_out_row = {
                "food_id": fid,
                "nutrient": code,
                "value_per_100g": num(serving_ug / grams * 100),
                "low_per_100g": "",
                "high_per_100g": "",
                "n_samples": "",
                "status": "measured",
                "country": "US",
                "source_key": "ODS-K",
                "source_location": ODS_LOCATION,
                "origin": origin,
                "note": (
                    f"ODS gives {num(serving_ug)} µg per {ods_food.split(', ')[-1]}; per 100 g = "
                    f"{num(serving_ug)} µg / {num(grams)} g × 100 (portion '{label}': "
                    f"{labels[label]['origin']})"
                ),
                "priority": "1",
            }
            food_values.append(values_out_row)
        if group in THREE_OZ_GROUPS and "3 oz" not in labels:
            p = {
                "food_id": fid,
                "label": "3 oz",
                "grams": "85",
                "source_key": "ODS-K",
                "origin": ODS_3OZ_ORIGIN,
            }
            portions.append(p)
            labels["3 oz"] = p
        if typical not in labels:
            raise SystemExit(f"{fid}: typical serving {typical!r} not in portions {sorted(labels)}")
        values_out += sr_values + food_values
        portions_out += portions
        note_full = note
        if not sr_values and not food_values:
            raise SystemExit(f"{fid}: no values")
        foods_out.append(
            {
                "food_id": fid,
                "name": name,
                "food_group": group,
                "synonyms": synonyms,
                "country": country,
                "usda_ndb": link.usda_ndb,
                "typical_serving": typical,
                "note": note_full,
            }
        )

    for fname, cols, rows_ in (
        ("foods.csv", FOOD_COLUMNS, foods_out),
        ("food_values.csv", VALUE_COLUMNS, values_out),
        ("food_portions.csv", PORTION_COLUMNS, portions_out),
    ):
        with (out_dir / fname).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(rows_)
        print(f"{fname}: {len(rows_)} rows")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(REPO.parent / "shared"))
    parser.add_argument("--out", default=str(REPO / "src" / "vitk" / "data" / "foods"))
    parser.add_argument("--curation", default=str(CURATION), help="folder of curation CSVs")
    parser.add_argument("--literature", help="literature CSV (default SHARED/data/…)")
    parser.add_argument("--sr28", help="SR28 release folder (default SHARED/data/usda-sr28)")
    args = parser.parse_args(argv)
    build(
        Path(args.shared),
        Path(args.out),
        Path(args.curation),
        literature=Path(args.literature) if args.literature else None,
        sr28=Path(args.sr28) if args.sr28 else None,
    )


if __name__ == "__main__":
    main()
