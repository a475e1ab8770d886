"""Render a :class:`Report` as text, Markdown, self-contained HTML or JSON."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from vitk.errors import InputError

if TYPE_CHECKING:
    import jinja2

    from vitk.advisor.report import Report

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "md", "html", "json")
Format = Literal["text", "md", "html", "json"]


def _num(x: Any, nd: int = 0) -> str:
    if x is None:
        return "not recorded"
    return f"{float(x):,.{nd}f}"


def _setval(x: Any, unit: str = "", nd: int = 0) -> str:
    """A reference value with its unit, or ``not set`` where the body set none for the age."""
    if x is None:
        return "not set"
    return _num(x, nd) + (f" {unit}" if unit else "")


def _marked(x: Any, status: str | None, nd: int = 1) -> str:
    """An intake number with its measurement status: ``n.m.``, ``≥12.0`` or ``12.0``.

    ``not_measured`` → ``n.m.`` (unknown, not zero); ``lower_bound`` → ``≥`` before the
    number (some logged foods had no value for the form); None → ``not recorded``.
    """
    if x is None:
        return "not recorded"
    if status == "not_measured":
        return "n.m."
    return ("≥" if status == "lower_bound" else "") + _num(x, nd)


def _applies(value: Any, yes: str = "yes", no: str = "no", unknown: str = "unknown") -> str:
    """A relevance item's ``applies``: True, False or None (unknown: e.g. no diary)."""
    return unknown if value is None else yes if value else no


def _any_marked(rows: Any, *keys: str) -> bool:
    """True if any row has a ``lower_bound`` or ``not_measured`` status under ``keys``."""
    return any(r.get(k) in ("lower_bound", "not_measured") for r in rows for k in keys)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("vitk", "data/advisor/templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = _num
    env.filters["marked"] = _marked
    env.filters["setval"] = _setval
    env.filters["applies"] = _applies
    env.globals["any_marked"] = _any_marked
    env.filters["keys"] = lambda ks: "; ".join(ks) if ks else "–"
    return env


def render(report: Report, fmt: str = "md") -> str:
    """The report as ``text``, ``md``, ``html`` (with an inline SVG chart) or ``json``."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown report format '{fmt}'; allowed: {', '.join(FORMATS)}.")
    data = report.to_dict()
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    ctx: dict[str, Any] = {
        "r": data,
        "rel": [s for s in data["recommendations"] if s["section"] == "relevance"],
        "facts": [s for s in data["recommendations"] if s["section"] == "facts"],
        "fired": [t for t in data["rule_trace"] if t["fired"]],
    }
    if fmt == "html":
        from markupsafe import Markup

        from vitk.advisor.chart import intake_chart_svg

        ctx["chart"] = Markup(intake_chart_svg(data["intake"]))
    name = {"text": "report.txt.j2", "md": "report.md.j2", "html": "report.html.j2"}[fmt]
    return _env().get_template(name).render(**ctx)
