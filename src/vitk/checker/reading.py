"""Read an article: a file (.txt, .md, .html), standard input, or an http(s) URL.

Bytes are checked before anything else: at most :data:`MAX_INPUT_BYTES`, no binary data,
UTF-8 (or the charset an HTTP header or HTML meta tag declares). HTML is reduced to its
main text with trafilatura (scripts, styles, navigation and comments dropped). A URL is
fetched with httpx: :data:`FETCH_TIMEOUT_S` timeout, at most :data:`MAX_REDIRECTS`
redirects, the same size limit while streaming, and no cookies stored or sent. Every
problem is a :class:`~vitk.errors.InputError` with a one-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import BinaryIO

from vitk.errors import InputError

__all__ = [
    "FETCH_TIMEOUT_S",
    "MAX_INPUT_BYTES",
    "MAX_REDIRECTS",
    "MAX_TEXT_CHARS",
    "SUFFIXES",
    "Article",
    "article_from_bytes",
    "extract_html",
    "fetch_url",
    "looks_like_html",
    "read_article",
]

#: Largest input accepted (file, standard input, download, upload). [bytes]
MAX_INPUT_BYTES = 2_000_000
#: Longest extracted text that is checked (about 30,000 words). [characters]
MAX_TEXT_CHARS = 200_000
#: Time limit of a URL fetch (connect, each read, total wait for the pool). [s]
FETCH_TIMEOUT_S = 10.0
#: Most redirects followed when fetching a URL.
MAX_REDIRECTS = 5
#: File name endings accepted for ARTICLE.
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_TEXT_TYPES = (
    "text/html",
    "text/plain",
    "text/markdown",
    "application/xhtml+xml",
    "text/x-markdown",
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([a-zA-Z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """The text to check and where it came from."""

    source: str
    text: str
    #: The input was HTML (the text is its extracted main text).
    from_html: bool = False


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _check_bytes(data: bytes, source: str) -> None:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{source} is larger than {_mb(MAX_INPUT_BYTES)} (at least {_mb(len(data))}); "
            f"allowed: articles up to {_mb(MAX_INPUT_BYTES)}."
        )
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(
            f"{source} looks like binary data (it contains NUL bytes); allowed: UTF-8 text, "
            "Markdown or HTML."
        )
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise InputError(
            f"{source} looks like binary data ({controls} control bytes in the first "
            f"{len(head)}); allowed: UTF-8 text, Markdown or HTML."
        )


def _decode(data: bytes, source: str, charset: str | None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        charset = "utf-8"
    if charset is None:
        m = _META_CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    tries = [charset] if charset and charset.lower().replace("_", "-") != "utf-8" else []
    tries.append("utf-8")
    for enc in tries:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError) as exc:
            last = exc
    assert isinstance(last, UnicodeDecodeError)
    pos = last.start
    raise InputError(
        f"{source} is not UTF-8 text (byte 0x{data[pos]:02x} at position {pos}); allowed: "
        "UTF-8 text, or HTML that declares its charset. Save the file as UTF-8."
    )


def looks_like_html(text: str, name: str = "") -> bool:
    """True for an .html/.htm name or text that starts like an HTML document."""
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:body|article|p|div|h1)\b", head)
    )


def extract_html(html: str) -> str:
    """Main text of an HTML page (trafilatura), one paragraph per line; '' if none."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_links=False, deduplicate=False
    )
    if text is None:
        text = trafilatura.html2txt(html) or ""
    return text.strip()


def article_from_bytes(
    data: bytes,
    source: str,
    *,
    name: str = "",
    charset: str | None = None,
    html: bool | None = None,
) -> Article:
    """Check, decode and (for HTML) extract an article given as bytes."""
    _check_bytes(data, source)
    text = _decode(data, source, charset)
    is_html = looks_like_html(text, name) if html is None else html
    if is_html:
        text = extract_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{source} has {len(text):,} characters of text; allowed: up to {MAX_TEXT_CHARS:,}."
        )
    return Article(source=source, text=text, from_html=is_html)


def fetch_url(url: str) -> tuple[bytes, str | None, bool]:
    """GET ``url`` (timeout, redirect and size limits, no cookies).

    Returns
    -------
    tuple
        The body, its declared charset (or None) and whether it is HTML.
    """
    import httpx

    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(FETCH_TIMEOUT_S),
                cookies=no_cookies,
                headers={
                    "User-Agent": "vitk-check (claim checker)",
                    "Accept": "text/html, text/plain",
                },
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    f"{url} returned HTTP {response.status_code}; allowed: a page that answers 200."
                )
            ctype = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
            if ctype not in _TEXT_TYPES:
                raise InputError(
                    f"{url} is {ctype!r}, not a text page; allowed: " + ", ".join(_TEXT_TYPES) + "."
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_INPUT_BYTES:
                    raise InputError(
                        f"{url} is larger than {_mb(MAX_INPUT_BYTES)}; allowed: articles up to "
                        f"{_mb(MAX_INPUT_BYTES)}."
                    )
            return b"".join(chunks), response.charset_encoding, ctype != "text/plain"
    except httpx.TimeoutException:
        raise InputError(
            f"{url} did not answer within {FETCH_TIMEOUT_S:g} s (timed out); allowed: a page "
            "that answers in time."
        ) from None
    except httpx.TooManyRedirects:
        raise InputError(
            f"{url} redirected more than {MAX_REDIRECTS} times (a redirect loop?); allowed: at "
            f"most {MAX_REDIRECTS} redirects."
        ) from None
    except httpx.InvalidURL as exc:
        raise InputError(f"{url} is not a valid URL ({exc}).") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url} could not be fetched: {exc}.") from None


def read_article(arg: str, stdin: BinaryIO | None = None) -> Article:
    """Read ARTICLE: a file path, ``-`` for ``stdin``, or an http(s) URL."""
    if arg == "-":
        if stdin is None:
            raise InputError("ARTICLE is '-' but there is no standard input.")
        return article_from_bytes(stdin.read(MAX_INPUT_BYTES + 1), "standard input")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", arg):
        if not arg.lower().startswith(("http://", "https://")):
            raise InputError(f"ARTICLE {arg!r} is a URL that is not http(s); allowed: http, https.")
        data, charset, is_html = fetch_url(arg)
        return article_from_bytes(data, arg, charset=charset, html=is_html or None)
    path = Path(arg)
    if not path.is_file():
        raise InputError(
            f"ARTICLE {arg!r} is not a file; allowed: a .txt, .md or .html file, '-' or a URL."
        )
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            f"ARTICLE {arg!r} has the ending {path.suffix or '(none)'!r}; allowed: "
            + ", ".join(SUFFIXES)
            + "."
        )
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"ARTICLE {arg!r} is {_mb(size)}; allowed: articles up to {_mb(MAX_INPUT_BYTES)}."
        )
    return article_from_bytes(path.read_bytes(), path.name, name=path.name)
