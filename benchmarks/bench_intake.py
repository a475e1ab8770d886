"""Intake totals of a one-year diary (~2,000 rows); target under 100 ms.

Reference run in the same process: the same rows, each resolved and valued afresh
(no per-food cache), which is what a straightforward row loop would do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

ITEMS = [
    ("food", "natto", "40 g"),
    ("food", "spinach raw", "1 cup"),
    ("food", "gouda aged", "30 g"),
    ("food", "broccoli boiled", "1/2 cup"),
    ("food", "egg", "1 large"),
    ("food", "cheddar", "1 oz"),
    ("food", "kale raw", "1 cup"),
    ("food", "chicken breast rotisserie", "3 oz"),
    ("food", "edam", "30 g"),
    ("food", "soybean oil", "1 tbsp"),
    ("food", "munster", "30 g"),
    ("food", "ground beef broiled", "3 oz"),
    ("food", "kefir", "250 g"),
    ("supplement", "MK-7", "90 mcg"),
    ("supplement", "vitamin D3", "1000 IU"),
    ("supplement", "calcium", "500 mg"),
    ("supplement", "magnesium", "200 mg"),
]


def one_year(rows_per_day: float = 5.5, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    out = []
    for d in range(365):
        for _ in range(rng.choice([5, 5, 6, 6, 5, 6]) if rows_per_day else 5):
            kind, item, amount = rng.choice(ITEMS)
            out.append(
                {
                    "date": (start + dt.timedelta(days=d)).isoformat(),
                    "kind": kind,
                    "item": item,
                    "amount": amount,
                }
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    from vitk.foods.catalogue import Catalogue
    from vitk.foods.curated import load_curated_foods
    from vitk.intake import Diary, summarise
    from vitk.intake import engine as eng
    from vitk.lifestage import life_stage

    rows = one_year()
    diary = Diary.from_rows(rows)
    stage = life_stage(50, "female")
    cat = Catalogue(load_curated_foods())
    summarise(diary, stage=stage, catalogue=cat)  # warm-up (index build, table loads)

    def run_ours() -> float:
        t0 = time.perf_counter()
        summarise(Diary.from_rows(rows), stage=stage, catalogue=cat)
        return time.perf_counter() - t0

    def run_reference() -> float:
        class NoCache(eng._FoodCache):
            def resolve(self, entry):  # type: ignore[no-untyped-def]
                self.by_query.clear()
                return super().resolve(entry)

            def per_gram(self, food):  # type: ignore[no-untyped-def]
                self.per_g.clear()
                return super().per_gram(food)

        original = eng._FoodCache
        eng._FoodCache = NoCache  # type: ignore[misc]
        try:
            return run_ours()
        finally:
            eng._FoodCache = original  # type: ignore[misc]

    ours = [run_ours() for _ in range(args.repeat)]
    ref = [run_reference() for _ in range(max(3, args.repeat // 3))]
    p_ours, p_ref = statistics.median(ours) * 1000, statistics.median(ref) * 1000
    print(f"diary rows: {len(rows)} over 365 days")
    print(
        f"vitk summarise (parse + resolve + totals + targets): median {p_ours:.1f} ms, "
        f"max {max(ours) * 1000:.1f} ms (n={len(ours)}); target < 100 ms"
    )
    print(f"reference, no per-food cache: median {p_ref:.1f} ms (n={len(ref)})")
    print(f"ratio reference/vitk: {p_ref / p_ours:.1f}x")


if __name__ == "__main__":
    main()
