"""Cut the small test fixtures in ``tests/data`` from the shared reference data.

Usage::

    python scripts/slice_test_data.py [SHARED_DIR]

SHARED_DIR (default ``$VITK_SHARED_DIR``, else ``../shared`` beside the repository) holds
``data/usda-sr28`` (the USDA SR28 release, a public-domain US government work) and
``data/vitamin-k-literature.csv``. The script writes:

- ``tests/data/sr28-curated/``: the SR28 release files (same layout, Latin-1, ``^`` and
  ``~``) restricted to the foods the curated table links or takes portions from, and to the
  nutrients vitk reads; ``FD_GROUP.txt`` and ``SRC_CD.txt`` whole.
- ``tests/data/sr28-food-names.txt.gz``: the first three FOOD_DES fields (NDB_No,
  FdGrp_Cd, Long_Desc) of every SR28 food, for the food-matching precision tests.
- ``tests/data/vitamin-k-literature.csv``: the literature table, copied unchanged.

Re-run it after the curated food table gains a new SR28 link; the curated-table tests
name the missing NDB when the slice is out of date.
"""

from __future__ import annotations

import csv
import gzip
import os
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOODS = REPO / "src" / "vitk" / "data" / "foods"
OUT = REPO / "tests" / "data"
sys.path.insert(0, str(REPO / "src"))

from vitk.usda.sr28 import NUTRIENTS_READ  # noqa: E402


def _curated_ndbs() -> set[str]:
    ndbs: set[str] = set()
    with (FOODS / "curation" / "usda_links.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ndbs.update(x for x in (row["usda_ndb"], row["portion_ndb"]) if x)
    for name in ("food_values.csv", "food_portions.csv"):
        text = (FOODS / name).read_text(encoding="utf-8")
        ndbs.update(re.findall(r"SR28 (?:NUT_DATA|WEIGHT) (\d{5})/", text))
    return ndbs


def _lines(path: Path) -> list[str]:
    with path.open(encoding="latin-1", newline="") as fh:
        return fh.read().splitlines(keepends=True)


def _ndb(line: str) -> str:
    return line.split("^", 1)[0].strip("~")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        shared = Path(argv[1])
    else:
        shared = Path(os.environ.get("VITK_SHARED_DIR", REPO.parent / "shared"))
    sr28 = shared / "data" / "usda-sr28"
    if not sr28.is_dir():
        print(f"SR28 release not found at '{sr28}'; give the shared folder.", file=sys.stderr)
        return 2
    ndbs = _curated_ndbs()
    out = OUT / "sr28-curated"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("FD_GROUP.txt", "SRC_CD.txt"):
        shutil.copyfile(sr28 / name, out / name)

    def values_of(wanted: set[str]) -> list[str]:
        return [
            ln
            for ln in _lines(sr28 / "NUT_DATA.txt")
            if _ndb(ln) in wanted and ln.split("^", 2)[1].strip("~") in NUTRIENTS_READ
        ]

    # with the foods a kept value was imputed from (Ref_NDB_No, field 8), so the build
    # can name them ("imputed from NDB 16112 (Miso)")
    ndbs |= {ln.split("^")[7].strip("~") for ln in values_of(ndbs)} - {""}
    kept = values_of(ndbs)
    (out / "NUT_DATA.txt").write_text("".join(kept), encoding="latin-1", newline="")
    for name in ("FOOD_DES.txt", "WEIGHT.txt"):
        rows = [ln for ln in _lines(sr28 / name) if _ndb(ln) in ndbs]
        (out / name).write_text("".join(rows), encoding="latin-1", newline="")

    names = [
        "^".join(ln.rstrip("\r\n").split("^")[:3]) + "\n" for ln in _lines(sr28 / "FOOD_DES.txt")
    ]
    with gzip.GzipFile(OUT / "sr28-food-names.txt.gz", "wb", mtime=0) as gz:
        gz.write("".join(names).encode("latin-1"))
    shutil.copyfile(shared / "data" / "vitamin-k-literature.csv", OUT / "vitamin-k-literature.csv")
    print(f"{len(ndbs)} curated NDBs, {len(kept)} NUT_DATA rows, {len(names)} food names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
