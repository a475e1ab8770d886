"""Food search latency: vitk's fuzzy search against a SQLite FTS5 prefix query.

Both run over the same names (curated foods with synonyms plus every USDA SR28 food)
in the same process. FTS5 only finds exact word prefixes (no typos, plurals,
accents or synonyms), so it is a lower bound on what a type-ahead could cost.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from _common import imported_db, percentiles_ms, time_calls

QUERIES = [
    "gouda",
    "goud",
    "gou",
    "natto",
    "nato",
    "spinach",
    "spinch",
    "kale raw",
    "broccoli",
    "cheddar",
    "chedar chese",
    "edam",
    "emmental",
    "emmentaler",
    "gruyère",
    "munster",
    "blue cheese",
    "egg",
    "eggs",
    "egg yolk",
    "chicken breast",
    "chicken liver",
    "beef",
    "ground beef",
    "ham",
    "butter",
    "milk",
    "yogurt",
    "yoghurt",
    "kefir",
    "sauerkraut",
    "soybean oil",
    "collards",
    "turnip greens",
    "camembert",
    "brie",
    "parmesan",
    "mozzarella",
    "cottage cheese",
    "quark",
    "skyr",
    "pork",
    "liver pâté",
    "sour cream",
    "cream cheese",
    "apple",
    "banana",
    "salmon",
    "tofu",
    "lentils",
]


def fts_setup(names: list[str]) -> sqlite3.Connection:
    from vitk.foods.search import normalise

    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE names USING fts5(name, tokenize='unicode61 remove_diacritics 2')"
    )
    con.executemany("INSERT INTO names(name) VALUES (?)", [(normalise(n),) for n in names])
    return con


def fts_query(con: sqlite3.Connection, q: str) -> list[tuple[str]]:
    from vitk.foods.search import normalise

    words = [w for w in normalise(q).split() if w]
    expr = " ".join(f'"{w}"*' for w in words)
    return con.execute(
        "SELECT name FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT 10", (expr,)
    ).fetchall()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--sr28", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/usda-sr28"
    )
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    from vitk.foods.catalogue import default_catalogue, packaged_catalogue

    if args.sr28.is_dir():
        cat = default_catalogue(imported_db(args.sr28))
        print(f"catalogue: curated + SR28 imported from {args.sr28}")
    else:  # a fresh install: curated + the SR28 table shipped with vitk
        cat = packaged_catalogue()
        print("catalogue: curated + the shipped SR28 table (no release given)")
    t0 = time.perf_counter()
    cat.search("warm up")
    print(f"index build + first search: {(time.perf_counter() - t0) * 1000:.0f} ms")
    names = [label for _, label in cat.index.labels()]
    print(f"names indexed: {len(names)} (foods: {len(cat)})")

    con = fts_setup(names)
    # Interleaved: each query is timed for vitk and FTS5 back to back, so load on a
    # shared machine falls on both alike.
    ours_s, ref_s = interleaved(
        lambda q: cat.search(q, limit=10), lambda q: fts_query(con, q), QUERIES, args.repeat
    )
    ours = percentiles_ms(ours_s)
    ref = percentiles_ms(ref_s)

    def cold(q: str) -> object:  # no result or per-word cache: every query word looked up afresh
        cat.index.clear_caches()
        return cat.search(q, limit=10)

    cold_s, ref_cold_s = interleaved(cold, lambda q: fts_query(con, q), QUERIES, args.repeat)
    ours_cold = percentiles_ms(cold_s)
    ref_cold = percentiles_ms(ref_cold_s)
    diary = percentiles_ms(time_calls(cold_match(cat), QUERIES, args.repeat))
    print(
        f"vitk fuzzy search : p50 {ours['p50_ms']:.2f} ms, p99 {ours['p99_ms']:.2f} ms "
        f"(n={ours['n']}; results cached after the first call of each query)"
    )
    print(
        f"SQLite FTS5 prefix: p50 {ref['p50_ms']:.3f} ms, p99 {ref['p99_ms']:.3f} ms (n={ref['n']})"
    )
    print(
        f"ratio vitk/FTS5: p50 {ours['p50_ms'] / ref['p50_ms']:.1f}x, "
        f"p99 {ours['p99_ms'] / ref['p99_ms']:.1f}x"
    )
    print(
        f"vitk, cold cache  : p50 {ours_cold['p50_ms']:.2f} ms, "
        f"p99 {ours_cold['p99_ms']:.2f} ms (n={ours_cold['n']}; caches cleared before each call)"
    )
    print(
        f"FTS5, same pass   : p50 {ref_cold['p50_ms']:.3f} ms, p99 {ref_cold['p99_ms']:.3f} ms; "
        f"ratio p50 {ours_cold['p50_ms'] / ref_cold['p50_ms']:.1f}x, "
        f"p99 {ours_cold['p99_ms'] / ref_cold['p99_ms']:.1f}x"
    )
    print(f"diary match, cold : p50 {diary['p50_ms']:.2f} ms, p99 {diary['p99_ms']:.2f} ms")
    misses = [q for q in QUERIES if not fts_query(con, q)]
    print(f"queries FTS5 finds nothing for: {len(misses)}/{len(QUERIES)} {misses}")


def interleaved(
    fn_a: Callable[[str], object], fn_b: Callable[[str], object], args: list[str], repeat: int
) -> tuple[list[float], list[float]]:
    """Times of ``fn_a`` and ``fn_b`` called back to back on each argument, ``repeat`` times."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for arg in args:
            t0 = time.perf_counter()
            fn_a(arg)
            t1 = time.perf_counter()
            fn_b(arg)
            t2 = time.perf_counter()
            a.append(t1 - t0)
            b.append(t2 - t1)
    return a, b


def cold_match(cat):  # type: ignore[no-untyped-def]
    def run(q: str) -> object:
        cat.index.clear_caches()
        return cat.index.match(q)

    return run


if __name__ == "__main__":
    main()
