"""A diary with a bad date and bad food rows reports every bad row in one pass."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import Api

from vitk.errors import DiaryError

BAD = (
    "date,kind,item,amount\n"
    "2026-11-20,food,natto,40 g\n"
    "2026-13-45,food,natto,40 g\n"  # row 2: bad date
    "2026-11-21,food,xqzzy,40 g\n"  # row 3: unknown food
    "2026-11-21,food,kale,40 parsecs\n"  # row 4: bad amount
    "2026-11-22,meal,natto,40 g\n"  # row 5: bad kind
    "2026-11-22,food,natto,40 g\n"
)


@pytest.fixture
def catalogue(app: Any) -> Any:
    return app.state.vitk.catalogue


def test_library_reports_date_food_amount_and_kind_rows_together(catalogue: Any) -> None:
    from vitk.intake.diary_file import read_upload

    with pytest.raises(DiaryError) as info:
        read_upload(BAD.encode(), catalogue, filename="d.csv")
    problems = list(getattr(info.value, "problems", ()))
    assert [p.split(":")[0] for p in problems] == ["row 2", "row 3", "row 4", "row 5"], problems
    assert "2026-13-45" in problems[0] and "xqzzy" in problems[1]
    assert "parsecs" in problems[2] and "meal" in problems[3]


def test_library_check_rows_reports_a_row_with_a_bad_date_and_a_bad_food_row(
    catalogue: Any,
) -> None:
    from vitk.intake.diary_file import check_rows

    rows = [
        {"date": "not a date", "kind": "food", "item": "natto", "amount": "40 g"},
        {"date": "2026-11-20", "kind": "food", "item": "xqzzy", "amount": "40 g"},
    ]
    with pytest.raises(DiaryError) as info:
        check_rows(rows, catalogue)
    problems = list(getattr(info.value, "problems", ()))
    assert len(problems) == 2 and problems[0].startswith("row 1") and "xqzzy" in problems[1]


def test_import_api_lists_every_bad_row_and_imports_nothing(api: Api) -> None:
    r = api.post("/api/import", files={"file": ("d.csv", BAD.encode(), "text/csv")})
    assert r.status_code == 422
    body = r.json()
    msgs = [e["msg"] for e in body["errors"]]
    assert len(msgs) == 4 and "(and 3 more bad rows)" in body["error"]
    assert any("2026-13-45" in m for m in msgs) and any("xqzzy" in m for m in msgs)
    assert api.get("/api/diary").json()["entries"] == []


def test_import_page_lists_every_bad_row(api: Api) -> None:
    token = api.refresh()
    r = api.post(
        "/data/import",
        data={"csrf_token": token},
        files={"file": ("d.csv", BAD.encode(), "text/csv")},
    )
    assert r.status_code == 422
    for needle in ("2026-13-45", "xqzzy", "parsecs", "meal"):
        assert needle in r.text


def test_diary_form_shows_a_bad_date_and_an_unknown_food_at_once(api: Api) -> None:
    token = api.refresh()
    r = api.post(
        "/diary",
        data={
            "csrf_token": token,
            "date": "2026-02-30",
            "kind": "food",
            "item": "xqzzy",
            "amount": "40 g",
        },
    )
    assert r.status_code == 422
    assert "2026-02-30" in r.text and "xqzzy" in r.text
    assert 'id="err-date"' in r.text and 'id="err-item"' in r.text
