"""Dates at the ends of the calendar (0001-01-01, 9999-12-31) and a missing date are
answered with a form error, never a server error."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Api
from tests.web.test_single_user import add, assert_error_shape, field_errors, form


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "9999-12-30", "0001-01-02"])
def test_day_view_at_the_ends_of_the_calendar_is_not_a_server_error(api: Api, day: str) -> None:
    add(api, "natto", "40 g")
    r = api.get(f"/diary?date={day}")
    assert r.status_code == 200
    assert f'<strong id="day">{day}</strong>' in r.text
    links = re.findall(r'href="/diary\?date=([^"]+)" rel="(prev|next)"', r.text)
    # Only the links that exist on the calendar are shown.
    expected = {
        "9999-12-31": [("9999-12-30", "prev")],
        "0001-01-01": [("0001-01-02", "next")],
        "9999-12-30": [("9999-12-29", "prev"), ("9999-12-31", "next")],
        "0001-01-02": [("0001-01-01", "prev"), ("0001-01-03", "next")],
    }[day]
    assert links == expected


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "99999-01-01", "2026-02-30", "x"])
def test_no_date_query_parameter_gives_a_server_error(api: Api, day: str) -> None:
    add(api, "natto", "40 g")
    for url in ("/diary", "/dashboard", "/api/dashboard", "/api/diary"):
        r = api.get(f"{url}?date={day}")
        assert r.status_code in (200, 422), (url, day, r.status_code)
        if url.startswith("/api") and r.status_code == 422:
            assert_error_shape(r, 422)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_add_form_shows_the_date_range_error_at_the_date_field(api: Api, day: str) -> None:
    r = api.post("/diary", data=form(api, date=day, kind="food", item="natto", amount="40 g"))
    assert r.status_code == 422
    errs = field_errors(r.text)
    assert set(errs) == {"date"} and day in errs["date"] and "\n" not in errs["date"]
    assert 'id="date" name="date" type="date" value="' + day + '"' in r.text
    body = assert_error_shape(
        add(api, "natto", "40 g", date=day), 422
    )  # the JSON twin says the same
    assert day in body["error"]
    assert api.get("/api/diary").json()["entries"] == []
