"""``check(text)``: grade every claim of an article against vitk's evidence base."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vitk.checker.grading import CLAIM_VERDICTS, FLAGS, Claim, Grader
from vitk.checker.reading import Article, article_from_bytes, read_article
from vitk.checker.text import segments
from vitk.errors import InputError

__all__ = [
    "CheckResult",
    "check",
    "check_article",
    "check_bytes",
    "check_pasted",
    "check_source",
    "grader",
]

DISCLAIMER = (
    "Not medical advice. Verdicts grade what the evidence says about each claim; people on "
    "a vitamin K antagonist (warfarin, acenocoumarol, phenprocoumon) should not start, stop "
    "or change vitamin K intake without their clinician."
)


@lru_cache(maxsize=1)
def grader() -> Grader:
    """The grader over the packaged evidence base (built once per process)."""
    from vitk.evidence import load_evidence

    return Grader(load_evidence())


@dataclass(frozen=True)
class CheckResult:
    """Every graded sentence of one article."""

    source: str
    text: str
    claims: tuple[Claim, ...]

    @property
    def health_claims(self) -> list[Claim]:
        return [c for c in self.claims if c.is_claim]

    def summary(self) -> dict[str, Any]:
        """Counts: sentences checked, health claims, by verdict and by flag."""
        by_verdict = dict.fromkeys(CLAIM_VERDICTS, 0)
        by_flag = dict.fromkeys(FLAGS, 0)
        for c in self.claims:
            by_verdict[c.verdict] += 1
            for f in c.flags:
                by_flag[f] += 1
        return {
            "items": len(self.claims),
            "health_claims": len(self.health_claims),
            "by_verdict": by_verdict,
            "by_flag": by_flag,
        }

    def citation_keys(self) -> list[str]:
        return list(dict.fromkeys(k for c in self.claims for k in c.citations))

    def references(self) -> list[dict[str, str]]:
        from vitk.references import resolve

        return [
            {"key": r.key, "citation": r.formatted(), "url": r.url}
            for r in resolve(self.citation_keys())
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: source, claims, summary, references."""
        return {
            "source": self.source,
            "claims": [c.to_dict() for c in self.claims],
            "summary": self.summary(),
            "references": self.references(),
        }


def check_article(article: Article) -> CheckResult:
    """Grade an :class:`Article` (already read and extracted)."""
    if not article.text.strip():
        raise InputError(
            f"{article.source} has no text to check (empty"
            + (", or no main text in the HTML" if article.from_html else "")
            + "); allowed: an article with at least one sentence."
        )
    claims = grader().grade(segments(article.text))
    return CheckResult(source=article.source, text=article.text, claims=tuple(claims))


def check(text: str, *, source: str = "text", html: bool | None = None) -> CheckResult:
    """Grade every claim in ``text`` (plain text, Markdown or HTML) against the evidence base.

    Parameters
    ----------
    text
        The article. HTML (detected, or ``html=True``) is reduced to its main text first;
        offsets in the result refer to that text.
    source
        A name for the article in the result (file name or URL).
    html
        Force (True) or forbid (False) HTML extraction; None detects it.

    Returns
    -------
    CheckResult
        Every sentence with its verdict (``supported``, ``mixed or limited``,
        ``unsupported``, ``contradicted`` or ``not a health claim``), flags, explanation,
        citations, matched assertion and confidence.

    Raises
    ------
    InputError
        Empty, binary, oversized or otherwise unreadable input.
    """
    if not isinstance(text, str):
        raise InputError(f"check() takes text (str); got {type(text).__name__}.")
    article = article_from_bytes(text.encode("utf-8"), source, html=html)
    return check_article(article)


def check_source(arg: str, stdin: Any = None) -> CheckResult:
    """Read ARTICLE (a file, ``-`` for ``stdin`` or an http(s) URL) and check it."""
    return check_article(read_article(arg, stdin))


_ONLY_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$", re.IGNORECASE)


def check_pasted(text: str, *, source: str = "pasted text") -> CheckResult:
    """Check text pasted into a form; never fetches, even when the text is a URL.

    Raises
    ------
    InputError
        Empty text, or text that is only a URL (this path does not fetch web pages).
    """
    if _ONLY_URL.match(text or ""):
        shown = text.strip()
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        raise InputError(
            f"The {source} is a web address ({shown!r}), and this page does not fetch web "
            "pages; allowed: the article's text pasted, or its file uploaded (the command "
            "line, vitk check URL, fetches)."
        )
    if not (text or "").strip():
        raise InputError(f"The {source} is empty; allowed: an article with at least one sentence.")
    return check(text, source=source)


def check_bytes(data: bytes, *, source: str, name: str = "") -> CheckResult:
    """Check an uploaded file's bytes (.txt, .md or .html): size, binary and encoding are
    checked, HTML is reduced to its main text. Never fetches anything."""
    return check_article(article_from_bytes(data, source, name=name))
