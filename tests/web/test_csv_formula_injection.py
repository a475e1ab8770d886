"""CSV export escapes cells a spreadsheet would run as formulas, and imports them back
unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from tests.web.conftest import Api


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=natto", "'=natto"),
        ("+natto", "'+natto"),
        ("-natto", "'-natto"),
        ("@natto", "'@natto"),
        ("\tnatto", "'\tnatto"),
        ("\rnatto", "'\rnatto"),
        ("natto", "natto"),
        ("natto =1+1", "natto =1+1"),
        ("'=natto", "'=natto"),
    ],
)
def test_csv_cell_escapes_formulas(cell: str, shown: str) -> None:
    from vitk.intake.diary_file import csv_cell

    assert csv_cell(cell) == shown


def test_csv_export_escapes_formulas_and_imports_back_unchanged(api: Api) -> None:
    data = (
        b"date,kind,item,amount\n"
        b"2026-11-22,food,=natto,40 g\n"
        b"2026-11-22,food,@natto,30 g\n"
        b"2026-11-22,food,+natto,20 g\n"
        b"2026-11-22,food,natto,10 g\n"
    )
    r = api.post("/api/import", files={"file": ("d.csv", data, "text/csv")})
    assert r.status_code == 201, r.text
    exported = api.get("/api/export.csv").text
    rows = list(csv.reader(io.StringIO(exported)))
    assert [r[2] for r in rows[1:]] == ["'=natto", "'@natto", "'+natto", "natto"]
    for line in exported.splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), line
    assert api.get("/data/export.csv").text == exported
    # Importing the export gives the same diary again.
    before = [(e["item"], e["amount"]) for e in api.get("/api/diary").json()["entries"]]
    api.delete("/api/data")
    r = api.post("/api/import", files={"file": ("d.csv", exported.encode(), "text/csv")})
    assert r.status_code == 201, r.text
    after = [(e["item"], e["amount"]) for e in api.get("/api/diary").json()["entries"]]
    assert after == before
