"""Inline SVG chart of vitamin K intake by form against the reference intakes.

Unknown is not zero: a form that no logged source measured gets no bar, only an
``n.m.`` label at the axis; a lower-bound total is annotated ``≥`` at the bar's end.
Every bar and mark has an ``id`` (``bar-diet-k1_ug``, ``bar-supplements-k1_ug``,
``nm-k1_ug``, ``lb-k1_ug``) so tests and stylesheets can find it.
"""

from __future__ import annotations

import io
import re
from typing import Any, Literal

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
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = {r["field"]: r for r in intake["by_form"]}
    labels = [FIELD[f].short_label for f in _FIELDS]
    fig = Figure(figsize=(7.0, 3.6), dpi=100)
    ax = fig.add_subplot()
    y = list(range(len(_FIELDS)))[::-1]
    diary = intake["basis"] == "diary"
    marked = False
    ends: list[float] = []
    diet_bars: list[tuple[int, float, float, str]] = []  # (y, width, left, id)
    supp_bars: list[tuple[int, float, float, str]] = []
    for field, yi in zip(_FIELDS, y, strict=True):
        row = rows[field]
        diet_known, mark = _status(row)
        diet = float(row["diet_ug"] or 0.0) if diet_known else 0.0
        supp = float(row.get("supplements_ug") or 0.0)
        if mark in ("n.m.", "not recorded"):
            marked = True
            ax.annotate(
                mark,
                (0.0, yi),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                fontstyle="italic",
                color=_MARK,
                gid=f"nm-{field}",
            )
            continue
        if diet_known:
            diet_bars.append((yi, diet, 0.0, f"bar-diet-{field}"))
        if supp > 0:
            supp_bars.append((yi, supp, diet, f"bar-supplements-{field}"))
        ends.append(diet + supp)
        if mark is not None:
            marked = True
            ax.annotate(
                mark,
                (diet + supp, yi),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=_MARK,
                gid=f"lb-{field}" if mark.startswith("≥") else f"dnm-{field}",
            )
    for bars, colour in ((diet_bars, _DIET), (supp_bars, _SUPP)):
        if bars:  # one call per series; each bar keeps its own id
            ys, widths, lefts, gids = zip(*bars, strict=True)
            for patch, gid in zip(
                ax.barh(ys, widths, left=lefts, color=colour).patches, gids, strict=True
            ):
                patch.set_gid(gid)
    handles: list[Any] = [
        Patch(color=_DIET, label="diet" if diary else "diet (not recorded)"),
        Patch(color=_SUPP, label="supplements"),
    ]
    # Each reference intake is drawn only across the bar it applies to.
    us = intake["targets"]["us"]["value"]
    efsa = intake["targets"]["efsa"]["value"]
    y_total, y_k1 = y[_FIELDS.index("k_total_ug")], y[_FIELDS.index("k1_ug")]
    ai_lines: tuple[tuple[Any, int, str, Literal["--", ":"], float, str], ...] = (
        (us, y_total, "#0b1f33", "--", 2.4, f"US AI {us:g} µg (total vitamin K)" if us else ""),
        (efsa, y_k1, "#5a0f45", ":", 2.6, f"EFSA AI {efsa:g} µg (K1 only)" if efsa else ""),
    )
    for value, yi, colour, style, width, label in ai_lines:
        if value:
            ax.vlines(
                value,
                yi - 0.45,
                yi + 0.45,
                color=colour,
                linestyles=style,
                zorder=3,
                linewidth=width,
            )
            handles.append(Line2D([], [], color=colour, linestyle=style, lw=width, label=label))
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(_FIELDS) - 0.4)
    # Room right of the longest bar (or AI line) for its mark; bars start at the axis.
    ax.set_xlim(0.0, 1.2 * max([*ends, us or 0.0, efsa or 0.0, 1.0]))
    ax.set_xlabel("µg per day")
    ax.set_title("Vitamin K intake by form against reference intakes", fontsize=10)
    legend = ax.legend(
        handles=handles,
        fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncol=2,
        frameon=False,
    )
    if marked:
        ax.annotate(
            MARKS_CAPTION if diary else _NO_DIARY_CAPTION,
            (0.5, 0.0),
            xycoords=legend,
            xytext=(0, -2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            color=_MARK,
            gid="marks-caption",
        )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vitk"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    start = svg.find("<svg")
    svg = svg[start:]
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S).strip()
