"""CLI cold start against `python -c pass`; target under 0.3 s more."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], n: int) -> float:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    # The console script next to this interpreter (the venv's), else the one on PATH.
    beside = Path(sys.executable).with_name("vitk")
    vitk = str(beside) if beside.exists() else shutil.which("vitk") or "vitk"
    base = timed([sys.executable, "-c", "pass"], n)
    print(f"python -c pass              : {base * 1000:.0f} ms (median of {n})")
    for args in (
        ["--help"],
        ["foods", "search", "natto", "--format", "json"],
        ["intake", "--example", "--format", "json"],
    ):
        t = timed([vitk, *args], n)
        print(
            f"vitk {' '.join(args):<28}: {t * 1000:.0f} ms  (+{(t - base) * 1000:.0f} ms over python)"
        )


if __name__ == "__main__":
    main()
