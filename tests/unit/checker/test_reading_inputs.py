"""Reading articles: files, standard input and URLs, and bad input of every kind.

URLs are tested against an HTTP server this test starts on 127.0.0.1 (no internet).
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from vitk.checker import check_source, reading
from vitk.checker.reading import MAX_INPUT_BYTES, read_article
from vitk.errors import InputError

ARTICLE_HTML = (
    b"<html><head><meta charset='utf-8'><script>var x='K2 cures cancer';</script></head>"
    b"<body><nav>Home | Shop</nav><article><h1>Vitamin K2 and your arteries</h1>"
    b"<p>Vitamin K2 reverses arterial calcification within weeks.</p>"
    b"<p>Natto is the richest food source of vitamin K2.</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    cookies_seen: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        _Handler.cookies_seen.append(self.headers.get("Cookie", ""))
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Set-Cookie", "session=abc; Path=/")
            self.end_headers()
            self.wfile.write(ARTICLE_HTML)
        elif self.path == "/cookie-then-redirect":
            self.send_response(302)
            self.send_header("Set-Cookie", "tracker=1; Path=/")
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2.0)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            block = b"Vitamin K2 builds bones. " * 4000
            for _ in range(MAX_INPUT_BYTES // len(block) + 2):
                self.wfile.write(block)
        elif self.path == "/image":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n")
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_its_main_text_checked(server: str) -> None:
    result = check_source(f"{server}/article")
    assert result.source == f"{server}/article"
    assert "cures cancer" not in result.text and "Shop" not in result.text
    ids = {c.assertion_id for c in result.health_claims}
    assert {"CV-REVERSES-CALCIFICATION", "FOOD-NATTO-RICHEST"} <= ids


def test_a_url_fetch_sends_no_cookies_even_after_a_server_sets_one(server: str) -> None:
    _Handler.cookies_seen.clear()
    read_article(f"{server}/cookie-then-redirect")
    assert _Handler.cookies_seen == ["", ""]


def test_a_redirect_loop_is_a_one_line_error(server: str) -> None:
    with pytest.raises(InputError, match="redirected more than 5 times") as exc:
        read_article(f"{server}/loop")
    assert "\n" not in str(exc.value)


def test_a_url_that_times_out_is_a_one_line_error(server: str, monkeypatch) -> None:
    monkeypatch.setattr(reading, "FETCH_TIMEOUT_S", 0.3)
    started = time.perf_counter()
    with pytest.raises(InputError, match="timed out"):
        read_article(f"{server}/slow")
    assert time.perf_counter() - started < 1.8  # gave up before the server answered


def test_a_download_over_the_size_limit_is_refused_while_streaming(server: str) -> None:
    with pytest.raises(InputError, match=r"larger than 2\.0 MB"):
        read_article(f"{server}/huge")


@pytest.mark.parametrize(
    ("path", "message"), [("/image", "not a text page"), ("/gone", "HTTP 404")]
)
def test_non_text_and_missing_pages_are_one_line_errors(
    server: str, path: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_article(f"{server}{path}")


def test_other_url_schemes_are_refused() -> None:
    with pytest.raises(InputError, match="not http"):
        read_article("ftp://example.org/k2.txt")


def test_standard_input_is_read(monkeypatch) -> None:
    article = read_article("-", io.BytesIO(b"Vitamin K2 reverses arterial calcification."))
    assert article.source == "standard input"
    assert article.text.startswith("Vitamin K2")


def test_empty_input_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="no text to check"):
        check_source("-", io.BytesIO(b""))


def test_a_5_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"K2 builds bones. " * (5_000_000 // 17 + 1))
    with pytest.raises(InputError, match=r"is 5\.0 MB; allowed: articles up to 2\.0 MB"):
        read_article(str(big))


def test_binary_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary data"):
        read_article(str(path))


def test_non_utf8_text_is_refused_with_the_byte_and_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Vitamin K2 für Knochen.".encode("latin-1"))
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 0xfc at position 12\)"):
        read_article(str(path))


def test_html_that_declares_its_charset_is_decoded_with_it(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        "<html><head><meta charset='iso-8859-1'></head><body><article><p>Vitamin K2 für "
        "Knochen: K2 reverses arterial calcification.</p></article></body></html>".encode("latin-1")
    )
    assert "für" in read_article(str(path)).text


def test_unknown_file_endings_and_missing_files_are_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"allowed: \.txt, \.md"):
        read_article(str(pdf))
    with pytest.raises(InputError, match="is not a file"):
        read_article(str(tmp_path / "missing.txt"))
