"""Build the compact USDA SR28 table shipped with vitk from a release directory.

Usage::

    python scripts/build_usda_table.py [RELEASE_DIR] [--out src/vitk/data/usda]

RELEASE_DIR is an unzipped SR28 / SR Legacy ASCII release (``FOOD_DES.txt``,
``FD_GROUP.txt``, ``NUT_DATA.txt``, ``WEIGHT.txt``, optionally ``SRC_CD.txt``); the
default is ``../shared/data/usda-sr28`` beside the repository. The release is read and
checked by :func:`vitk.usda.sr28.read_release` and written by
:func:`vitk.usda.packaged.write_table`; the raw release files are never copied. See
docs/food-data.md, "The shipped USDA table".
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vitk.usda.packaged import write_table  # noqa: E402
from vitk.usda.sr28 import read_release  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "release", nargs="?", default=str(REPO.parent / "shared" / "data" / "usda-sr28")
    )
    parser.add_argument("--out", default=str(REPO / "src" / "vitk" / "data" / "usda"))
    parser.add_argument("--name", default="SR28", help="release name recorded in meta.json")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    release = read_release(args.release)
    counts = write_table(release, args.out, release_name=args.name)
    for name, n in counts.items():
        print(f"{name}: {n:,} rows")
    size = sum(p.stat().st_size for p in Path(args.out).iterdir() if p.is_file())
    print(f"{args.out}: {size / 1e6:.2f} MB in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
