"""Import time of a one-year Cronometer Servings export (about 2,000 rows).

The export is generated here in Cronometer's documented Servings layout
(``Day,Time,Group,Food Name,Amount,Energy (kcal),…,Vitamin K (µg),…,Category``, the
header of tests/data/imports/cronometer-servings.csv), with 5–6 foods a day drawn from
a list of Cronometer-style names, 1 supplement in 5 days, and one unknown dish a week.

Reference run in the same process: the same bytes read with ``csv.DictReader`` and every
row's date, amount and vitamin K parsed (no food matching, no intake totals) — the
floor any importer pays to read the file.

    python benchmarks/bench_import.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import statistics
import time
from pathlib import Path

HEADER = (
    Path(__file__).resolve().parents[1] / "tests" / "data" / "imports" / "cronometer-servings.csv"
)

FOODS = [  # name, amount, kcal, vitamin K µg (Cronometer-style figures)
    ("Kale, raw", "1.00 cup", 7.8, 62.5),
    ("Spinach, raw", "2.00 cup", 13.8, 289.7),
    ("Brie Cheese", "50.00 g", 167.0, 1.2),
    ("Cheddar Cheese", "1.00 slice", 113.0, 0.8),
    ("Eggs, Large, Whole, Raw", "2.00 large", 143.0, 0.6),
    ("Natto", "85.00 g", 179.4, 19.7),
    ("Broccoli, cooked, boiled, drained, without salt", "1.00 cup", 54.6, 220.1),
    ("Collards, cooked, boiled, drained, without salt", "1.00 cup", 62.7, 772.5),
    ("Yogurt, Greek", "170.00 g", 100.0, 0.3),
    ("Butter, salted", "1.00 tbsp", 102.0, 1.0),
    ("Olive oil", "1.00 tbsp", 119.0, 8.1),
    ("Chicken breast, roasted", "100.00 g", 165.0, 0.3),
    ("Apples, raw, with skin", "1.00 medium", 94.6, 4.0),
    ("Bananas, raw", "1.00 medium", 105.0, 0.6),
]
UNKNOWN = ("Grandma's Lasagna", "1.00 full recipe", 650.0, 12.0)
SUPPLEMENT = ("Vitamin K2 MK-7", "1.00 capsule", 0.0, 100.0)


def one_year_export(seed: int = 7) -> bytes:
    """A year of servings in the Servings layout (the header of the test fixture)."""
    header = HEADER.read_text(encoding="utf-8").splitlines()[0].split(",")
    idx = {h: i for i, h in enumerate(header)}
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for d in range(365):
        day = (start + dt.timedelta(days=d)).isoformat()
        picks = [rng.choice(FOODS) for _ in range(rng.choice([5, 6]))]
        if d % 7 == 3:
            picks.append(UNKNOWN)
        if d % 5 == 0:
            picks.append(SUPPLEMENT)
        for n, (name, amount, kcal, k_ug) in enumerate(picks):
            row = [""] * len(header)
            row[idx["Day"]] = day
            row[idx["Time"]] = f"{7 + 2 * n}:00 AM" if n < 3 else f"{n - 2}:30 PM"
            row[idx["Group"]] = ["Breakfast", "Lunch", "Dinner", "Snacks"][min(n, 3)]
            row[idx["Food Name"]] = name
            row[idx["Amount"]] = amount
            row[idx["Energy (kcal)"]] = f"{kcal:.2f}"
            row[idx["Vitamin K (µg)"]] = f"{k_ug:.2f}"
            row[idx["Category"]] = "Supplements" if name == SUPPLEMENT[0] else "Foods"
            w.writerow(row)
    return out.getvalue().encode("utf-8")


def reference_parse(data: bytes) -> int:
    """Plain csv parsing of the same bytes: dates, amounts and vitamin K, no matching."""
    n = 0
    for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))):
        dt.date.fromisoformat(row["Day"])
        qty, _, _unit = row["Amount"].partition(" ")
        float(qty)
        float(row["Vitamin K (µg)"] or 0)
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from vitk.foods.catalogue import default_catalogue
    from vitk.intake.imports import import_cronometer

    data = one_year_export()
    n_rows = reference_parse(data)
    cat = default_catalogue()
    import_cronometer(data, name="year.csv", catalogue=cat)  # warm-up: index, tables

    ours, ref = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = import_cronometer(data, name="year.csv", catalogue=cat)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        reference_parse(data)
        ref.append(time.perf_counter() - t0)
    o, r = statistics.median(ours), statistics.median(ref)
    print(f"one-year Cronometer export: {n_rows} rows, {len(data) / 1e6:.2f} MB, 365 days")
    print(
        f"  vitk import (match, grams, diary, totals, cross-check): median {o * 1000:.0f} ms "
        f"over {args.repeat} runs ({len(result.matches)} distinct names, "
        f"{len(result.days_differing)} days differing > 2×)"
    )
    print(f"  reference (csv.DictReader + field parsing only): median {r * 1000:.1f} ms")
    print(f"  ratio vitk / reference: {o / r:.1f}×")


if __name__ == "__main__":
    main()
