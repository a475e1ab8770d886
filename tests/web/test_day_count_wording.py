"""Day counts on the dashboard are singular for one day ("1 day", not "1 days")."""

from __future__ import annotations

from tests.web.conftest import Api
from tests.web.test_browser import Page, browser, live  # noqa: F401  (pytest fixtures)
from tests.web.test_single_user import add


def test_dashboard_says_one_day_not_one_days(api: Api) -> None:
    assert add(api, "natto", "40 g").status_code == 201
    html = api.get("/dashboard?date=2026-11-20").text
    assert "7-day mean (1 day logged)" in html  # the chart's legend (SVG text)
    assert "over the 1 logged day up to 2026-11-20" in html
    assert "1 days" not in html and "day(s)" not in html
    assert add(api, "natto", "40 g", date="2026-11-19").status_code == 201
    html = api.get("/dashboard?date=2026-11-20").text
    assert "7-day mean (2 days logged)" in html
    assert "over the 2 logged days up to" in html
