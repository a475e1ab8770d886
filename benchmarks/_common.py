"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def percentiles_ms(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)
    p99_index = min(len(ms) - 1, round(0.99 * (len(ms) - 1)))
    return {"p50_ms": statistics.median(ms), "p99_ms": ms[p99_index], "n": len(ms)}


def time_calls(fn: Callable[[Any], Any], args: list[Any], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        for a in args:
            t0 = time.perf_counter()
            fn(a)
            out.append(time.perf_counter() - t0)
    return out


def imported_db(sr28: Path) -> str:
    """Import an SR28 release into a temporary SQLite file and return its URL."""
    from vitk.storage.db import get_engine, upgrade
    from vitk.usda.importer import import_release

    folder = Path(tempfile.mkdtemp(prefix="vitk-bench-"))
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    engine = get_engine(url)
    upgrade(engine)
    import_release(sr28, engine)
    engine.dispose()
    return url
