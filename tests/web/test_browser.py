"""Real-browser tests: Playwright driving Debian's chromium (headless, no download).

Walks onboarding, adds natto and Gouda with the type-ahead, sees K2 on the dashboard and
the VKA warning in the report for a warfarin profile; screenshots go to test-artifacts/.
Every request the browser makes must go to the app on 127.0.0.1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import ARTIFACTS, LiveServer, skip_or_fail, sqlite_url

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install playwright; no browser download).")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: apt-get install chromium (scripts/ci-services.sh).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    from vitk.web import create_app

    with LiveServer(create_app(sqlite_url(tmp_path))) as server:
        yield server


class Page:
    """A page that records every request and refuses those not to the app."""

    def __init__(self, browser: Any, base: str, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1100, "height": 900}
        )
        self.page = self.context.new_page()
        self.base = base
        self.outside: list[str] = []

        def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith(base + "/") or url == base:
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        self.page.route("**/*", guard)

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


def choose_from_typeahead(page: Any, typed: str, expect: str) -> str:
    """Type into the food box, wait for the type-ahead suggestions, pick the match."""
    page.fill("#item", "")
    page.type("#item", typed, delay=30)
    option = page.locator(f'#item-suggestions option[value^="{expect}"]').first
    option.wait_for(state="attached", timeout=5000)
    value = option.get_attribute("value")
    assert value
    page.fill("#item", value)
    return value


def test_onboarding_natto_gouda_dashboard_report(browser: Any, live: LiveServer) -> None:
    p = Page(browser, live.url)
    page = p.page
    try:
        p.goto("/")
        assert page.url.endswith("/profile")
        # Onboarding: a mistake is shown at the field, then fixed.
        page.fill("#age", "sixty-seven")
        page.select_option("#sex", "male")
        page.fill("#medications", "warfarin 5 mg")
        page.click("#save-profile")
        assert page.locator("#err-age").is_visible()
        assert "Must be a number" in page.inner_text("#err-age")
        assert page.input_value("#medications") == "warfarin 5 mg"
        p.shot("01-profile-error")
        page.fill("#age", "67")
        page.click("#save-profile")
        assert "Profile saved" in page.inner_text("main")
        p.shot("02-profile-saved")
        page.click("text=add what you ate")
        assert "/diary" in page.url

        natto = choose_from_typeahead(page, "nat", "Natto")
        page.fill("#amount", "40 g")
        page.click("#add-button")
        assert "Added: Natto" in page.inner_text("main")
        gouda = choose_from_typeahead(page, "goud", "Gouda")
        page.fill("#amount", "30 g")
        page.click("#add-button")
        rows = page.locator("table.entries tbody tr")
        assert rows.count() == 2
        assert {natto, gouda} <= set(
            page.locator("table.entries tbody td:nth-child(2)").all_inner_texts()
        )
        p.shot("03-diary")

        page.click("nav >> text=Dashboard")
        k2 = page.inner_text('tr[data-form="k2_total_ug"] td >> nth=0')
        # Natto's MK-7 alone is > 100 µg. Gouda and natto lack some menaquinone forms, so
        # the total is shown as a lower bound ("≥"), and the page says what that means.
        assert float(k2.removeprefix("≥")) > 100, k2
        if k2.startswith("≥"):
            assert "lower bound" in page.inner_text("#marks-note")
        assert page.locator("#chart-day svg").is_visible()
        assert page.locator("#chart-consistency svg").is_visible()  # warfarin profile
        p.shot("04-dashboard")

        page.click("nav >> text=Report")
        vka = page.locator('#safety li[data-category="vka"]').first
        assert vka.is_visible()
        assert "warfarin" in vka.inner_text()
        assert "Not medical advice" in page.inner_text("main")
        p.shot("05-report")

        page.click("nav >> text=Simulator")
        page.click("#simulate")
        assert page.locator("#inr-disclaimer").is_visible()
        assert "Illustration, not dosing advice" in page.inner_text("#inr-disclaimer")
        p.shot("06-simulator")
        assert p.outside == []
    finally:
        p.close()


def test_core_forms_work_without_javascript(browser: Any, live: LiveServer) -> None:
    p = Page(browser, live.url, javascript=False)
    page = p.page
    try:
        p.goto("/profile")
        page.fill("#age", "40")
        page.select_option("#sex", "female")
        page.click("#save-profile")
        assert "Profile saved" in page.inner_text("main")
        p.goto("/diary?date=2026-11-20")
        page.fill("#item", "natto")
        page.fill("#amount", "1 parsec")
        page.click("#add-button")
        assert "parsec" in page.inner_text("#err-amount")
        page.fill("#amount", "40 g")
        page.click("#add-button")
        assert page.locator("table.entries tbody tr").count() == 1
        page.click("table.entries >> text=Delete")
        assert "No entries on this day yet" in page.inner_text("main")
        p.goto("/foods?q=gouda")
        assert re.search(r"Gouda", page.inner_text("main"))
        p.shot("07-no-javascript")
        assert p.outside == []
    finally:
        p.close()
