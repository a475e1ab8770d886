"""Food search latency: vitk's fuzzy search against a SQLite FTS5 prefix query.

Both run over the same names (curated foods with synonyms plus every USDA SR28 food)
in the same process. FTS5 only finds exact word prefixes (no typos, plurals,
accents or synonyms), so it is a lower bound on what a type-ahead could cost.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
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

    from vitk.foods.catalogue import default_catalogue

    url = imported_db(args.sr28)
    cat = default_catalogue(url)
    t0 = time.perf_counter()
    cat.search("warm up")
    print(f"index build + first search: {(time.perf_counter() - t0) * 1000:.0f} ms")
    names = [label for _, label in cat.index.labels()]
    print(f"names indexed: {len(names)} (foods: {len(cat)})")

    ours = percentiles_ms(time_calls(lambda q: cat.search(q, limit=10), QUERIES, args.repeat))

    def cold(q: str) -> object:  # no per-word cache: every query word looked up afresh
        cat.index._word_cache.clear()
        return cat.search(q, limit=10)

    ours_cold = percentiles_ms(time_calls(cold, QUERIES, args.repeat))
    diary = percentiles_ms(time_calls(cold_match(cat), QUERIES, args.repeat))
    con = fts_setup(names)
    ref = percentiles_ms(time_calls(lambda q: fts_query(con, q), QUERIES, args.repeat))
    print(
        f"vitk fuzzy search : p50 {ours['p50_ms']:.2f} ms, p99 {ours['p99_ms']:.2f} ms (n={ours['n']})"
    )
    print(
        f"vitk, cold cache  : p50 {ours_cold['p50_ms']:.2f} ms, "
        f"p99 {ours_cold['p99_ms']:.2f} ms (n={ours_cold['n']})"
    )
    print(f"diary match, cold : p50 {diary['p50_ms']:.2f} ms, p99 {diary['p99_ms']:.2f} ms")
    print(
        f"SQLite FTS5 prefix: p50 {ref['p50_ms']:.3f} ms, p99 {ref['p99_ms']:.3f} ms (n={ref['n']})"
    )
    print(
        f"ratio vitk/FTS5: p50 {ours['p50_ms'] / ref['p50_ms']:.1f}x, p99 {ours['p99_ms'] / ref['p99_ms']:.1f}x"
    )
    misses = [q for q in QUERIES if not fts_query(con, q)]
    print(f"queries FTS5 finds nothing for: {len(misses)}/{len(QUERIES)} {misses}")


def cold_match(cat):  # type: ignore[no-untyped-def]
    def run(q: str) -> object:
        cat.index._word_cache.clear()
        return cat.index.match(q)

    return run


if __name__ == "__main__":
    main()
