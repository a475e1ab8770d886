"""Phone layout (390 px wide, Playwright with Debian's chromium): the dashboard and diary
never scroll sideways, and chart text stays legible."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import ARTIFACTS, LiveServer, sqlite_url
from tests.web.test_browser import browser

__all__ = ["browser"]  # the module-scoped chromium fixture

PHONE = {"width": 390, "height": 844}
#: Smallest chart text height accepted at phone width (the box of one line of text). [px]
MIN_TEXT_PX = 9.0


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    from vitk.web import create_app

    with LiveServer(create_app(sqlite_url(tmp_path))) as server:
        yield server


@pytest.fixture
def phone(browser: Any, live: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live.url) else route.abort()
        ),
    )
    page.goto(live.url + "/profile")
    page.click("#load-example")  # the first-visit welcome: example profile and diary
    assert page.url.endswith("/dashboard")
    yield page
    context.close()


def page_width(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def chart_text_heights(page: Any, selector: str) -> list[float]:
    return list(
        page.evaluate(
            """sel => Array.from(document.querySelectorAll(sel + ' svg text'))
                .filter(t => t.textContent.trim())
                .map(t => t.getBoundingClientRect().height)""",
            selector,
        )
    )


@pytest.mark.parametrize(
    "path", ["/dashboard", "/diary?date=2026-11-02", "/foods?q=gouda", "/profile", "/welcome"]
)
def test_pages_do_not_scroll_sideways_at_390_px(phone: Any, live: LiveServer, path: str) -> None:
    phone.goto(live.url + path)
    assert page_width(phone) <= PHONE["width"], path
    if path.startswith("/diary"):
        assert phone.locator("table.entries tbody tr").count() > 0  # the rows are there
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0] or "home"
    phone.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)


def test_dashboard_chart_text_is_legible_at_390_px(phone: Any, live: LiveServer) -> None:
    phone.goto(live.url + "/dashboard")
    for chart in ("#chart-day", "#chart-consistency"):  # the example person is on warfarin
        heights = chart_text_heights(phone, chart)
        assert heights, chart
        assert min(heights) >= MIN_TEXT_PX, (chart, sorted(heights)[:5])
    # The chart scrolls inside its own box, not the page.
    assert page_width(phone) <= PHONE["width"]


def test_desktop_chart_still_fits_its_column(browser: Any, live: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    try:
        page.goto(live.url + "/profile")
        page.click("#load-example")
        box = page.locator("#chart-day svg").bounding_box()
        main = page.locator("main").bounding_box()
        assert box is not None and main is not None
        assert box["width"] <= main["width"] and page_width(page) <= 1100
    finally:
        context.close()
