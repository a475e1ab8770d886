from __future__ import annotations

from pathlib import Path

import pytest


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("date,kind,item,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def low_k_diary(tmp_path: Path) -> Path:
    """Three days of part-skim mozzarella only: total vitamin K (every form measured in that
    food, so the total is not a lower bound) far below any adult AI."""
    rows = [f'2026-01-0{d},food,"Mozzarella, part-skim",30 g' for d in (1, 2, 3)]
    return _write(tmp_path / "low.csv", rows)


@pytest.fixture
def milk_diary(tmp_path: Path) -> Path:
    """Three days of milk only: total vitamin K is a lower bound (milk has no MK-7 data)."""
    return _write(tmp_path / "milk.csv", [f"2026-01-0{d},food,whole milk,1 cup" for d in (1, 2, 3)])


@pytest.fixture
def uneven_vka_diary(tmp_path: Path) -> Path:
    """28 days alternating a natto day (about 400 µg MK-7) with plain days: very uneven."""
    rows = []
    for d in range(1, 29):
        date = f"2026-02-{d:02d}"
        if d % 4 == 0:
            rows.append(f"{date},food,natto,40 g")
        rows.append(f'{date},food,"Mozzarella, part-skim",30 g')
    return _write(tmp_path / "uneven.csv", rows)


@pytest.fixture
def steady_diary(tmp_path: Path) -> Path:
    """14 identical days of broccoli (K1 only, measured): steady, no MK-7 from food."""
    rows = [f"2026-03-{d:02d},food,broccoli raw,1 cup" for d in range(1, 15)]
    return _write(tmp_path / "steady.csv", rows)


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
