"""The Check page (paste or upload) and its JSON twin: claims highlighted by verdict with
the explanation on hover and focus, the same JSON as ``vitk check``, clean 4xx errors, and
never a fetch of a URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.web.conftest import Api
from tests.web.test_single_user import assert_error_shape, form

import vitk

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "checker" / "articles"
SELLER = (ARTICLES / "supplement_seller.html").read_bytes()
LEAFLET = (ARTICLES / "warfarin_leaflet.txt").read_text("utf-8")


@pytest.fixture(autouse=True)
def _no_fetching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to fetch a URL fails the test: the web app never fetches."""
    import httpx

    from vitk.checker import reading

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the web app tried to fetch a URL")

    monkeypatch.setattr(reading, "fetch_url", refuse)
    monkeypatch.setattr(httpx, "get", refuse)
    # the network transport (the test client uses its own, in-process transport)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)


def test_check_page_is_in_the_navigation_and_shows_the_form(api: Api) -> None:
    r = api.get("/check")
    assert r.status_code == 200
    assert 'href="/check"' in r.text
    assert 'name="text"' in r.text and 'type="file"' in r.text


def test_pasted_text_is_highlighted_by_verdict_with_focusable_explanations(api: Api) -> None:
    r = api.post("/check", data=form(api, text=LEAFLET))
    assert r.status_code == 200, r.text
    expected = vitk.check(LEAFLET, source="pasted text")
    marks = re.findall(r'<mark class="claim (v-[a-z]+)" tabindex="0"', r.text)
    assert len(marks) == len(expected.claims)
    verdicts = re.findall(r'data-verdict="([^"]+)"', r.text)
    assert verdicts == [c.verdict for c in expected.claims]
    assert "v-contradicted" in marks or "v-supported" in marks
    # every explanation is in the page as the tooltip of its claim
    first = next(c for c in expected.claims if c.is_claim)
    assert 'role="note"' in r.text
    assert first.explanation.split("[")[0][:40] in r.text.replace("&#39;", "'")
    assert "Not medical advice" in r.text


def test_uploaded_html_file_is_extracted_and_scripts_never_reach_the_page(api: Api) -> None:
    page = b"<html><body><script>alert('x')</script>" + SELLER + b"</body></html>"
    r = api.post("/check", data=form(api), files={"file": ("seller.html", page, "text/html")})
    assert r.status_code == 200, r.text
    assert "alert(&#39;x&#39;)" not in r.text and "alert('x')" not in r.text
    assert "Result: seller.html" in r.text
    assert "promotional" in r.text


def test_api_twin_returns_the_checker_json_contract(api: Api) -> None:
    r = api.post("/api/check", json={"text": LEAFLET, "source": "leaflet.txt"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    assert {"source", "claims", "summary", "references"} <= set(body)
    lib = vitk.check(LEAFLET, source="leaflet.txt").to_dict()
    assert body["claims"] == lib["claims"]
    assert body["summary"] == lib["summary"]
    files = api.post("/api/check/file", files={"file": ("s.html", SELLER, "text/html")})
    assert files.status_code == 200, files.text
    assert files.json()["source"] == "s.html"
    flags = {f for c in files.json()["claims"] for f in c["flags"]}
    assert "promotional" in flags


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n  "}, "empty"),
        ({"text": "https://example.org/k2-article"}, "does not fetch"),
        ({"text": "www.example.org/k2"}, "does not fetch"),
    ],
)
def test_api_bad_text_is_a_one_line_4xx(api: Api, payload: dict[str, str], needle: str) -> None:
    body = assert_error_shape(api.post("/api/check", json=payload), 422)
    assert needle in body["error"]


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, "binary"),
        (b"Vitamin K2 \xe9\xe8 caf\xe9 " * 10 + b"\xff\xfe\xfa", "UTF-8"),
        (b"natto " * 450_000, "allowed"),  # 2.7 MB: over the 2 MB limit
    ],
)
def test_api_bad_files_are_one_line_4xx(api: Api, data: bytes, needle: str) -> None:
    body = assert_error_shape(api.post("/api/check/file", files={"file": ("a.txt", data)}), 422)
    assert needle.lower() in body["error"].lower()


def test_page_errors_keep_the_text_and_show_one_line(api: Api) -> None:
    r = api.post("/check", data=form(api, text="http://example.org/k2"))
    assert r.status_code == 422
    assert 'id="check-error"' in r.text and "does not fetch" in r.text
    assert "http://example.org/k2</textarea>" in r.text
    empty = api.post("/check", data=form(api, text=""))
    assert empty.status_code == 422 and "empty" in empty.text


def test_check_needs_the_csrf_token(api: Api) -> None:
    del api.client.headers["X-CSRF-Token"]
    assert api.post("/api/check", json={"text": LEAFLET}).status_code == 403
    assert api.post("/check", data={"text": LEAFLET}).status_code == 403
