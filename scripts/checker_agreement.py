"""Print the claim checker's verdict agreement with the hand labels, per verdict and in total.

Run from the repository root: ``python scripts/checker_agreement.py [--misses]``

The sets, reported apart:

* tuned: the six articles of ``tests/data/checker/articles`` (labels.yaml), written by the
  people who tuned the checker;
* rounds 2 to 4: ``tests/data/checker/round2`` … ``round4`` (labels_round*.yaml),
  written after a tuning; measured once as held out, then their misses were used for
  tuning;
* held out: the articles of ``tests/data/checker/held_out`` (labels_held_out.yaml),
  written and labelled after the last tuning and never used for it;
* held out 2: ``tests/data/checker/held_out_2`` (labels_held_out_2.yaml), written and
  labelled before the promotion and negation-scope rules of issue 12's second pass;
  measured first as held out, then only general rules were added.

A labelled fragment takes the verdict of the graded item that overlaps it most. Promotional
passages count as flagged when any overlapping item carries the ``promotional`` flag.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "checker"
SETS = (
    ("tuned", "labels.yaml", "articles"),
    ("round 2 (held out at first, then used for tuning)", "labels_round2.yaml", "round2"),
    ("round 3 (held out at first, then used for tuning)", "labels_round3.yaml", "round3"),
    ("round 4 (held out at first, then used for tuning)", "labels_round4.yaml", "round4"),
    ("held out", "labels_held_out.yaml", "held_out"),
    ("held out 2", "labels_held_out_2.yaml", "held_out_2"),
)


def agreement(labels_file: str, folder: str) -> dict[str, Any]:
    import yaml

    from vitk.checker import CLAIM_VERDICTS, check_source

    labels = yaml.safe_load((DATA / labels_file).read_text("utf-8"))
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    promo_total = promo_flagged = 0
    misses: list[str] = []
    for name, items in labels.items():
        result = check_source(str(DATA / folder / name))
        for fragment, verdict, *rest in items:
            i = result.text.find(fragment)
            if i < 0:
                raise SystemExit(f"{name}: fragment not in the extracted text: {fragment!r}")
            j = i + len(fragment)
            overlapping = [
                (min(j, c.end) - max(i, c.start), c)
                for c in result.claims
                if min(j, c.end) > max(i, c.start)
            ]
            got = max(overlapping, key=lambda x: x[0])[1].verdict if overlapping else None
            total[verdict] += 1
            if got == verdict:
                agree[verdict] += 1
            else:
                misses.append(f"  {name}: {fragment!r}: labelled {verdict}, checker {got}")
            if rest == ["promotional"]:
                promo_total += 1
                promo_flagged += any("promotional" in c.flags for _, c in overlapping)
    return {
        "verdicts": CLAIM_VERDICTS,
        "articles": len(labels),
        "total": total,
        "agree": agree,
        "promo": (promo_flagged, promo_total),
        "misses": misses,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="List every disagreement.")
    args = ap.parse_args()
    for label, labels_file, folder in SETS:
        r = agreement(labels_file, folder)
        n, a = sum(r["total"].values()), sum(r["agree"].values())
        print(f"{label}: {r['articles']} articles, {n} labelled items")
        for v in r["verdicts"]:
            t = r["total"][v]
            share = f"{r['agree'][v] / t:.0%}" if t else "–"
            print(f"  {v:<20} {r['agree'][v]:>3} / {t:<3} {share:>5}")
        print(f"  {'total':<20} {a:>3} / {n:<3} {a / n:>5.0%}")
        print(f"  promotional flagged  {r['promo'][0]} / {r['promo'][1]}")
        if args.misses and r["misses"]:
            print("\n".join(r["misses"]))
        print()


if __name__ == "__main__":
    main()
