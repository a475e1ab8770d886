"""Inline SVG chart of vitamin K intake by form against the reference intakes.

Unknown is not zero: a form that no logged source measured gets no bar, only an
``n.m.`` label at the axis; a lower-bound total is annotated ``≥`` at the bar's end.
The SVG is written directly (no plotting library: the HTML report renders in a few
milliseconds), scales with its container (``viewBox``) and uses no script, image or
external link. Every bar and mark has an ``id`` (``bar-diet-k1_ug``, ``bar-supplements-k1_ug``,
``nm-k1_ug``, ``lb-k1_ug``) so tests and stylesheets can find it.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from vitk.nutrients import FIELD

__all__ = ["MARKS_CAPTION", "intake_chart_svg"]

#: The fields drawn, top to bottom (labels from :data:`vitk.nutrients.FIELDS`).
_FIELDS = ("k1_ug", "mk4_ug", "mk7_ug", "mk_long_other_ug", "k_total_ug")
_DIET, _SUPP, _MARK = "#4c8c4a", "#d08c2b", "#555555"

#: The caption line under the chart when some form is marked.
MARKS_CAPTION = (
    "n.m. = not measured: no logged source has a value for the form (unknown, not zero; no bar). "
    "≥ = lower bound."
)
_NO_DIARY_CAPTION = "Diet not recorded: bars are supplements only, so totals are lower bounds (≥)."


def _status(row: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether the row's diet amount is known, and the text marking the row.

    ``"n.m."`` (nothing measured: no bar), ``"not recorded"`` (no diary and no
    supplement: no bar), ``"≥"`` (the bar is a lower bound), ``"diet n.m."`` (a
    supplement bar with an unmeasured diet), or None (a measured amount).
    """
    no_diary = row.get("diet_ug") is None
    diet_known = not no_diary and row.get("diet_status") != "not_measured"
    supp = float(row.get("supplements_ug") or 0.0)
    if not diet_known and supp <= 0:
        return False, "not recorded" if no_diary else "n.m."
    lower = no_diary or row.get("total_status") == "lower_bound"
    if not diet_known and not no_diary:
        return False, "≥ (diet n.m.)" if lower else "diet n.m."
    return diet_known, "≥" if lower else None


def intake_chart_svg(intake: dict[str, Any]) -> str:
    """A horizontal bar chart (diet + supplements by form) with the US and EFSA AIs.

    A form no logged source measured is drawn as no bar with an ``n.m.`` label at the
    axis; a lower-bound total gets ``≥`` at the end of its bar (a caption explains both).

    Parameters
    ----------
    intake : dict
        ``Report.intake`` (``by_form`` rows with ``diet_status``/``total_status``, and
        ``targets``).

    Returns
    -------
    str
        An ``<svg>`` element (no XML header), ready to inline in HTML.
    """
    rows = {r["field"]: r for r in intake["by_form"]}
    diary = intake["basis"] == "diary"
    us = intake["targets"]["us"]["value"]
    efsa = intake["targets"]["efsa"]["value"]
    bars: list[str] = []
    marks: list[str] = []
    labels: list[str] = []
    ends: list[float] = []
    drawn: list[
        tuple[int, int, str, float, float, str]
    ] = []  # (row, kind, field, diet, supp, mark)
    marked = False
    for i, field in enumerate(_FIELDS):
        row = rows[field]
        diet_known, mark = _status(row)
        diet = float(row["diet_ug"] or 0.0) if diet_known else 0.0
        supp = float(row.get("supplements_ug") or 0.0)
        labels.append(FIELD[field].short_label)
        if mark in ("n.m.", "not recorded"):
            marked = True
            drawn.append((i, 0, field, 0.0, 0.0, mark))
            continue
        drawn.append((i, 1 if diet_known else 2, field, diet, supp, mark or ""))
        ends.append(diet + supp)
        marked = marked or mark is not None
    x_max = _nice_max(1.15 * max([*ends, us or 0.0, efsa or 0.0, 1.0]))

    def x(v: float) -> float:
        return _LEFT + _PLOT_W * v / x_max

    def y(i: float) -> float:
        return _TOP + _ROW_H * (i + 0.5)

    for i, kind, field, diet, supp, mark in drawn:
        yc = y(i)
        if kind == 0:
            marks.append(_text_group(f"nm-{field}", _LEFT + 4, yc, mark, italic=True, size=11))
            continue
        if kind == 1:
            bars.append(_bar(f"bar-diet-{field}", x(0.0), x(diet), yc, _DIET))
        if supp > 0:
            bars.append(_bar(f"bar-supplements-{field}", x(diet), x(diet + supp), yc, _SUPP))
        if mark:
            gid = f"lb-{field}" if mark.startswith("≥") else f"dnm-{field}"
            marks.append(_text_group(gid, x(diet + supp) + 4, yc, mark, size=12))
    bottom = _TOP + _ROW_H * len(_FIELDS)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="{_WIDTH}" height="{_HEIGHT}" role="img" '
        'aria-label="Vitamin K intake by form against reference intakes" '
        'style="max-width:100%;height:auto" font-family="sans-serif">',
        f'<text x="{_WIDTH / 2:g}" y="18" text-anchor="middle" font-size="13">'
        "Vitamin K intake by form against reference intakes</text>",
    ]
    # Axes, ticks and tick labels.
    parts.append(
        f'<g id="axes" stroke="#333" stroke-width="1"><path d="M {_LEFT} {_TOP} '
        f'L {_LEFT} {bottom:g} L {_LEFT + _PLOT_W} {bottom:g}" fill="none"/></g>'
    )
    ticks = []
    for t in _ticks(x_max):
        xt = x(t)
        ticks.append(
            f'<path d="M {xt:.2f} {bottom:g} L {xt:.2f} {bottom + 4:g}" stroke="#333"/>'
            f'<text x="{xt:.2f}" y="{bottom + 16:g}" text-anchor="middle" font-size="11">'
            f"{t:g}</text>"
        )
    parts.append('<g id="x-ticks">' + "".join(ticks) + "</g>")
    parts.append(
        f'<text x="{_LEFT + _PLOT_W / 2:g}" y="{bottom + 32:g}" text-anchor="middle" '
        'font-size="11">µg per day</text>'
    )
    parts.append(
        '<g id="y-labels">'
        + "".join(
            f'<text x="{_LEFT - 6}" y="{y(i) + 4:.2f}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            for i, label in enumerate(labels)
        )
        + "</g>"
    )
    parts.extend(bars)
    # Each reference intake is drawn only across the bar it applies to.
    legend: list[tuple[str, str, str]] = [
        ("patch", _DIET, "diet" if diary else "diet (not recorded)"),
        ("patch", _SUPP, "supplements"),
    ]
    for value, field, colour, dash, label in (
        (us, "k_total_ug", "#0b1f33", "6 3", f"US AI {us:g} µg (total vitamin K)" if us else ""),
        (efsa, "k1_ug", "#5a0f45", "2 3", f"EFSA AI {efsa:g} µg (K1 only)" if efsa else ""),
    ):
        if value:
            xv, yc = x(float(value)), y(_FIELDS.index(field))
            parts.append(
                f'<g id="ai-{field}"><path d="M {xv:.2f} {yc - 0.45 * _ROW_H:.2f} '
                f'L {xv:.2f} {yc + 0.45 * _ROW_H:.2f}" stroke="{colour}" stroke-width="2.5" '
                f'stroke-dasharray="{dash}"/></g>'
            )
            legend.append((dash, colour, label))
    parts.extend(marks)
    parts.append(_legend(legend, bottom + 44))
    if marked:
        caption = MARKS_CAPTION if diary else _NO_DIARY_CAPTION
        parts.append(
            _text_group(
                "marks-caption",
                _WIDTH / 2,
                bottom + 44 + 16 * ((len(legend) + 1) // 2) + 6,
                caption,
                size=10,
                anchor="middle",
            )
        )
    parts.append("</svg>")
    return "".join(parts)


_WIDTH, _HEIGHT = 700, 330
_LEFT, _TOP, _PLOT_W, _ROW_H = 110, 30, 560, 38


def _nice_max(v: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k at or above ``v``."""
    power = 10.0 ** math.floor(math.log10(v))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * power >= v:
            return step * power
    return 10.0 * power  # pragma: no cover - the loop always returns


def _ticks(x_max: float) -> list[float]:
    """Five or so round ticks from 0 to ``x_max``."""
    raw = x_max / 5.0
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1.0, 2.0, 2.5, 5.0, 10.0) if s * power >= raw)
    return [round(i * step, 10) for i in range(int(x_max / step + 1e-9) + 1)]


def _bar(gid: str, x0: float, x1: float, yc: float, colour: str) -> str:
    top, bottom = yc - 0.4 * _ROW_H, yc + 0.4 * _ROW_H
    return (
        f'<g id="{gid}">\n<path d="M {x0:.2f} {top:.2f} L {x1:.2f} {top:.2f} '
        f'L {x1:.2f} {bottom:.2f} L {x0:.2f} {bottom:.2f} z" fill="{colour}"/></g>'
    )


def _text_group(
    gid: str,
    x: float,
    y: float,
    text: str,
    *,
    size: int,
    italic: bool = False,
    anchor: str = "start",
) -> str:
    style = ' font-style="italic"' if italic else ""
    return (
        f'<g id="{gid}"><text x="{x:.2f}" y="{y + size / 3:.2f}" font-size="{size}" '
        f'fill="{_MARK}" text-anchor="{anchor}"{style}>{escape(text)}</text></g>'
    )


def _legend(entries: list[tuple[str, str, str]], top: float) -> str:
    """Two columns of legend entries: colour patches and dashed reference lines."""
    out = ['<g id="legend" font-size="11">']
    for i, (kind, colour, label) in enumerate(entries):
        col, line = i % 2, i // 2
        x0, yc = _LEFT + col * 290, top + 16 * line
        if kind == "patch":
            out.append(f'<rect x="{x0}" y="{yc - 5:g}" width="18" height="10" fill="{colour}"/>')
        else:
            out.append(
                f'<path d="M {x0} {yc:g} L {x0 + 18} {yc:g}" stroke="{colour}" '
                f'stroke-width="2.5" stroke-dasharray="{kind}"/>'
            )
        out.append(f'<text x="{x0 + 24}" y="{yc + 4:g}">{escape(label)}</text>')
    out.append("</g>")
    return "".join(out)
