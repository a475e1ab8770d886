"""Inline SVG chart of vitamin K intake by form against the reference intakes."""

from __future__ import annotations

import io
import re
from typing import Any

__all__ = ["intake_chart_svg"]

_FORMS = ("K1", "MK-4", "MK-7", "other MKs (MK-5, MK-6, MK-8 to MK-13)", "vitamin K total")
_SHORT = {"other MKs (MK-5, MK-6, MK-8 to MK-13)": "other MKs"}


def intake_chart_svg(intake: dict[str, Any]) -> str:
    """A horizontal bar chart (diet + supplements by form) with the US and EFSA AIs.

    Parameters
    ----------
    intake : dict
        ``Report.intake`` (``by_form`` rows and ``targets``).

    Returns
    -------
    str
        An ``<svg>`` element (no XML header), ready to inline in HTML.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    rows = {r["form"]: r for r in intake["by_form"]}
    labels = [_SHORT.get(f, f) for f in _FORMS]
    diet = [rows[f]["diet_ug"] or 0.0 for f in _FORMS]
    supp = [rows[f]["supplements_ug"] or 0.0 for f in _FORMS]
    fig = Figure(figsize=(7.0, 3.6), dpi=100)
    ax = fig.add_subplot()
    y = list(range(len(_FORMS)))[::-1]
    diet_label = "diet" if intake["basis"] == "diary" else "diet (not recorded)"
    ax.barh(y, diet, color="#4c8c4a", label=diet_label)
    ax.barh(y, supp, left=diet, color="#d08c2b", label="supplements")
    # Each reference intake is drawn only across the bar it applies to.
    us = intake["targets"]["us"]["value"]
    efsa = intake["targets"]["efsa"]["value"]
    y_total, y_k1 = y[_FORMS.index("vitamin K total")], y[_FORMS.index("K1")]
    if us:
        ax.vlines(
            us,
            y_total - 0.45,
            y_total + 0.45,
            color="#0b1f33",
            linestyles="--",
            zorder=3,
            linewidth=2.4,
            label=f"US AI {us:g} µg (total vitamin K)",
        )
    if efsa:
        ax.vlines(
            efsa,
            y_k1 - 0.45,
            y_k1 + 0.45,
            color="#5a0f45",
            linestyles=":",
            zorder=3,
            linewidth=2.6,
            label=f"EFSA AI {efsa:g} µg (K1 only)",
        )
    ax.set_yticks(y, labels)
    ax.set_xlabel("µg per day")
    ax.set_title("Vitamin K intake by form against reference intakes", fontsize=10)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vitk"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    start = svg.find("<svg")
    svg = svg[start:]
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S).strip()
