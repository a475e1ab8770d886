from __future__ import annotations

from pathlib import Path

import pytest


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("date,kind,item,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def low_k_diary(tmp_path: Path) -> Path:
    """Three days of milk only: total vitamin K far below any adult AI."""
    return _write(tmp_path / "low.csv", [f"2026-01-0{d},food,whole milk,1 cup" for d in (1, 2, 3)])


@pytest.fixture
def high_k_diary(tmp_path: Path) -> Path:
    """Three days with spinach and natto: far above any AI."""
    rows = []
    for d in (1, 2, 3):
        rows += [f"2026-01-0{d},food,spinach raw,2 cup", f"2026-01-0{d},food,natto,40 g"]
    return _write(tmp_path / "high.csv", rows)


@pytest.fixture
def calcium_diary(tmp_path: Path) -> Path:
    """Two days with lots of dairy and a calcium supplement logged in the diary."""
    rows = []
    for d in (1, 2):
        rows += [
            f"2026-01-0{d},food,whole milk,5 cup",
            f"2026-01-0{d},food,cheddar,150 g",
            f"2026-01-0{d},supplement,calcium,800 mg",
        ]
    return _write(tmp_path / "ca.csv", rows)
