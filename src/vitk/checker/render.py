"""Formats of a :class:`~vitk.checker.CheckResult`: JSON, Markdown, plain text and HTML.

The HTML shows the extracted article with every claim highlighted by verdict; the
explanation appears on hover and on keyboard focus (each claim is a focusable ``<mark>``
with a ``role="note"`` tooltip), and a table lists every claim below the article.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from vitk.checker.core import DISCLAIMER, CheckResult

__all__ = ["FORMATS", "html_parts", "render", "to_html", "to_json", "to_markdown", "to_text"]

FORMATS = ("text", "json", "markdown", "html")
_CSS_CLASS = {
    "supported": "v-supported",
    "mixed or limited": "v-mixed",
    "unsupported": "v-unsupported",
    "contradicted": "v-contradicted",
    "not a health claim": "v-none",
}


def to_json(result: CheckResult, indent: int | None = 2) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent)


def _summary_line(result: CheckResult) -> str:
    s = result.summary()
    parts = [f"{n} {v}" for v, n in s["by_verdict"].items() if n]
    flags = [f"{n} {f}" for f, n in s["by_flag"].items() if n]
    line = f"{s['health_claims']} health claims in {s['items']} items: " + ", ".join(parts)
    return line + (f"; flags: {', '.join(flags)}" if flags else "")


def to_text(result: CheckResult, *, all_items: bool = True) -> str:
    lines = [f"Claim check of {result.source}", _summary_line(result), ""]
    for i, c in enumerate(result.claims, 1):
        if not all_items and not c.is_claim:
            continue
        flags = f" [{', '.join(c.flags)}]" if c.flags else ""
        lines.append(f"{i}. {c.verdict.upper()}{flags} (chars {c.start}–{c.end})")
        lines.append(f'   "{c.text}"')
        if c.is_claim:
            aid = c.assertion_id or "none"
            lines.append(f"   {c.explanation}")
            lines.append(f"   Assertion: {aid}; confidence {c.confidence:.2f}")
        lines.append("")
    refs = result.references()
    if refs:
        lines.append("References")
        lines.extend(f"[{r['key']}] {r['citation']}" for r in refs)
        lines.append("")
    lines.append(DISCLAIMER)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(result: CheckResult) -> str:
    lines = [
        f"# Claim check: {_md(result.source)}",
        "",
        _summary_line(result),
        "",
        "| # | Claim | Verdict | Flags | Explanation | Assertion | Confidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, c in enumerate(result.claims, 1):
        lines.append(
            f"| {i} | {_md(c.text)} | {c.verdict} | {', '.join(c.flags)} | "
            f"{_md(c.explanation)} | {c.assertion_id or ''} | {c.confidence:.2f} |"
        )
    refs = result.references()
    if refs:
        lines += ["", "## References", ""]
        lines += [f"- **{r['key']}**: {_md(r['citation'])}" for r in refs]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)


def article_html(result: CheckResult) -> Markup:
    """The article text with each claim in a focusable, verdict-coloured ``<mark>``."""
    parts: list[str] = []
    pos = 0
    text = result.text
    for i, c in enumerate(result.claims, 1):
        if c.start < pos:
            continue
        parts.append(str(escape(text[pos : c.start])))
        cls = _CSS_CLASS[c.verdict]
        flags = f" [{', '.join(c.flags)}]" if c.flags else ""
        tip = f"{c.verdict}{flags}: {c.explanation}"
        parts.append(
            f'<mark class="claim {cls}" tabindex="0" aria-describedby="tip-{i}" '
            f'data-verdict="{escape(c.verdict)}">{escape(text[c.start : c.end])}'
            f'<span class="tip" role="note" id="tip-{i}">{escape(tip)}</span></mark>'
        )
        pos = c.end
    parts.append(str(escape(text[pos:])))
    body = "".join(parts)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return Markup("\n".join(f"<p>{p}</p>" for p in paragraphs))


STYLE = """
.checked-article p{line-height:1.6}
mark.claim{position:relative;padding:0 .1em;border-radius:3px;cursor:help}
mark.v-supported{background:#d8f0d8}
mark.v-mixed{background:#fff0c2}
mark.v-unsupported{background:#ffe0c7}
mark.v-contradicted{background:#f8c9c9}
mark.v-none{background:transparent;border-bottom:1px dotted #999}
mark.claim .tip{display:none;position:absolute;left:0;top:100%;z-index:10;width:min(32em,80vw);
 background:#222;color:#fff;padding:.5em;border-radius:4px;font-size:.85em;line-height:1.4}
mark.claim:hover .tip,mark.claim:focus .tip,mark.claim:focus-within .tip{display:block}
table.claims{border-collapse:collapse;width:100%}
table.claims td,table.claims th{border:1px solid #ccc;padding:.3em;vertical-align:top;
 text-align:left}
"""


def claims_table_html(result: CheckResult) -> Markup:
    rows = []
    for i, c in enumerate(result.claims, 1):
        if not c.is_claim:
            continue
        rows.append(
            "<tr>"
            f"<td>{i}</td><td>{escape(c.text)}</td>"
            f'<td><span class="{_CSS_CLASS[c.verdict]}">{escape(c.verdict)}</span></td>'
            f"<td>{escape(', '.join(c.flags))}</td><td>{escape(c.explanation)}</td>"
            f"<td>{escape(c.assertion_id or '')}</td><td>{c.confidence:.2f}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>#</th><th>Claim</th><th>Verdict</th><th>Flags</th><th>Explanation</th>"
        "<th>Assertion</th><th>Confidence</th></tr>"
    )
    return Markup(f'<table class="claims">{head}{"".join(rows)}</table>')


def references_html(result: CheckResult) -> Markup:
    items = "".join(
        f'<li id="ref-{escape(r["key"])}"><strong>{escape(r["key"])}</strong> '
        f"{escape(r['citation'])}</li>"
        for r in result.references()
    )
    return Markup(f'<ol class="references">{items}</ol>')


def html_parts(result: CheckResult) -> dict[str, Markup]:
    """The pieces of the HTML report, for a page that embeds them (the web Check page):
    ``style``, ``summary``, ``article``, ``claims``, ``references``, ``disclaimer``."""
    return {
        "style": Markup(STYLE),
        "summary": escape(_summary_line(result)),
        "article": article_html(result),
        "claims": claims_table_html(result),
        "references": references_html(result),
        "disclaimer": escape(DISCLAIMER),
    }


def to_html(result: CheckResult) -> str:
    """A stand-alone HTML page of the check."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Claim check: {escape(result.source)}</title><style>{STYLE}</style></head><body>"
        f"<h1>Claim check: {escape(result.source)}</h1>"
        f"<p>{escape(_summary_line(result))}</p>"
        f'<div class="checked-article">{article_html(result)}</div>'
        f"<h2>Claims</h2>{claims_table_html(result)}"
        f"<h2>References</h2>{references_html(result)}"
        f"<p><em>{escape(DISCLAIMER)}</em></p></body></html>\n"
    )


def render(result: CheckResult, fmt: str) -> str:
    """``result`` in one of :data:`FORMATS`."""
    renderers: dict[str, Any] = {
        "text": to_text,
        "json": to_json,
        "markdown": to_markdown,
        "html": to_html,
    }
    if fmt not in renderers:
        from vitk.errors import InputError

        raise InputError(f"Unknown format {fmt!r}; allowed: {', '.join(FORMATS)}.")
    return str(renderers[fmt](result))
