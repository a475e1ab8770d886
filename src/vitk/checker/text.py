"""Text handling for the claim checker: normalisation, tokens and sentence segments.

Offsets always refer to the text as given (after HTML extraction): a segment's
``text == source[start:end]``. Normalisation (lower case, unified vitamin K names and
units) is only used for matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Segment", "normalise", "segments", "tokens"]

_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (r"[\u2018\u2019\u02bc]", "'"),
        (r"[\u201c\u201d]", '"'),
        (r"[\u2010-\u2015\u2212]", "-"),
        (r"[\u00a0\u2009\u202f]", " "),
        (r"\u03bc", "µ"),
        (r"(?<=\d),(?=\d{3}\b)", ""),
        (r"(?<=[\d\s])(?:mcg|ug|micrograms?|µgs)\b", "µg"),
        (r"\bmilligrams?\b", "mg"),
        (r"\bmenaquinone[- ]?([4-9])\b", r"mk\1"),
        (r"\bmk[- ]?([4-9])\b", r"mk\1"),
        (r"\bvit(?:amin|\.)?[- ]?k[- ]?2\b", "k2"),
        (r"\bmenaquinones?\b", "k2"),
        (r"\bvit(?:amin|\.)?[- ]?k[- ]?1\b", "k1"),
        (r"\b(?:phylloquinone|phytonadione|phytomenadione)\b", "k1"),
        (r"\bvit(?:amin|\.)?[- ]?d[- ]?3\b", "vitamin d3"),
        (r"\bvit\.? ?k\b", "vitamin k"),
        (r"\s+", " "),
    )
)
_WORD_RE = re.compile(r"[a-z0-9µ]+(?:[-'][a-z0-9]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "itsthis",
        "that",
        "these",
        "those",
        "your",
        "you",
        "we",
        "our",
        "us",
        "i",
        "my",
        "me",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "which",
        "whowhom",
        "what",
        "when",
        "where",
        "how",
        "than",
        "then",
        "so",
        "such",
        "can",
        "will",
        "would",
        "should",
        "could",
        "may",
        "might",
        "do",
        "doesdid",
        "has",
        "have",
        "had",
        "also",
        "just",
        "very",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "all",
        "each",
        "every",
        "into",
        "aboutthere",
        "here",
        "not",
        "no",
        "nor",
        "but",
        "if",
        "because",
        "while",
        "whereas",
        "over",
        "per",
        "one",
        "two",
    ]
)


def normalise(text: str) -> str:
    """Lower case, unified vitamin K names (k1, k2, mk7 …), units (µg, mg) and dashes."""
    out = text.lower()
    for pattern, repl in _REPLACEMENTS:
        out = pattern.sub(repl, out)
    return out.strip()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(normalised: str) -> list[str]:
    """Content-word stems of normalised text (stop words dropped)."""
    return [_stem(w) for w in _WORD_RE.findall(normalised) if w not in _STOP]


@dataclass(frozen=True)
class Segment:
    """One sentence of the article, with its offsets and layout hints."""

    start: int
    end: int
    text: str
    #: The sentence is a whole line without closing punctuation (a title or heading).
    heading: bool = False
    #: The line started with a list marker (-, *, •, 1.).
    list_item: bool = False


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


_LIST_MARK = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?:;…\"')\]]\s*$")


#: A possible sentence end inside a line: end punctuation (and closing quotes or brackets)
#: followed by a space and more text. A line without one is one sentence.
_INNER_END = re.compile(r"[.!?…][\"')\]]*\s+\S")


def _spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line (pysbd; each span checked against the text)."""
    out: list[tuple[int, int]] = []
    if not _INNER_END.search(line.strip()):
        # one sentence (no end punctuation inside): pysbd would not split it
        stripped = line.strip()
        if not stripped:
            return out
        start = line.find(stripped)
        return [(start, start + len(stripped))]
    pos = 0
    for span in _segmenter().segment(line):
        sent = span.sent.strip()
        if not sent:
            continue
        start = line.find(sent, pos)
        if start < 0:  # pragma: no cover - pysbd altered the text; keep the rest whole
            out.append((pos, len(line)))
            return out
        out.append((start, start + len(sent)))
        pos = start + len(sent)
    return out


def segments(text: str) -> list[Segment]:
    """Sentences of ``text`` (line by line, then pysbd), with character offsets."""
    out: list[Segment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            marker = _LIST_MARK.match(body)
            skip = marker.end() if marker else 0
            spans = _spans(body[skip:])
            for i, (s, e) in enumerate(spans):
                start, end = offset + skip + s, offset + skip + e
                sent = text[start:end]
                heading = (
                    len(spans) == 1
                    and not marker
                    and not _TERMINAL.search(sent)
                    and len(sent.split()) <= 14
                )
                out.append(Segment(start, end, sent, heading, bool(marker) and i == 0))
        offset += len(line)
    return out
