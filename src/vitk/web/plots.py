"""Server-made SVG charts (matplotlib, no JavaScript, no outside resources)."""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["consistency_svg", "day_forms_svg", "figure_svg"]

# matplotlib's font cache and text layout are not guaranteed thread-safe.
_LOCK = threading.Lock()
_COLOURS = {"day": "#2a6f97", "week": "#a9cce3", "band": "#f5cba7", "line": "#c0392b"}


def figure_svg(fig: Figure) -> str:
    """An inline SVG string of a matplotlib figure (no XML prolog, no fixed size)."""
    import matplotlib

    buf = io.StringIO()
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vitk"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _figure(width: float = 7.0, height: float = 3.2) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def day_forms_svg(
    forms: Sequence[Mapping[str, str]],
    day: Mapping[str, float],
    week: Mapping[str, Any] | None,
    target_ug: float | None,
    date: str,
) -> str:
    """Bars of the day's intake by vitamin K form beside the 7-day mean, with the AI line."""
    import numpy as np

    labels = [f["label"] for f in forms]
    fields = [f["field"] for f in forms]
    x = np.arange(len(labels))
    fig = _figure()
    ax = fig.add_subplot()
    ax.bar(x - 0.2, [day.get(f, 0.0) for f in fields], 0.4, label=f"{date}", color=_COLOURS["day"])
    if week is not None:
        ax.bar(
            x + 0.2,
            [float(week.get(f, 0.0)) for f in fields],
            0.4,
            label=f"7-day mean ({week.get('n_days')} days logged)",
            color=_COLOURS["week"],
        )
    if target_ug is not None:
        ax.axhline(
            target_ug,
            color=_COLOURS["line"],
            linestyle="--",
            linewidth=1,
            label=f"AI total vitamin K {target_ug:g} µg/d",
        )
    ax.set_xticks(x, labels, rotation=20, ha="right")
    ax.set_ylabel("µg per day")
    ax.legend(fontsize="small", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_svg(fig)


def consistency_svg(consistency: Mapping[str, Any]) -> str:
    """Daily total vitamin K with the mean and its ±band (for people on a VKA)."""
    series = list(consistency.get("series", []))
    dates = [s["date"][5:] for s in series]
    values = [float(s["k_total_ug"]) for s in series]
    mean = float(consistency["mean_ug"])
    fig = _figure(7.0, 2.8)
    ax = fig.add_subplot()
    x = list(range(len(values)))
    ax.axhspan(
        float(consistency["band_low_ug"]),
        float(consistency["band_high_ug"]),
        color=_COLOURS["band"],
        alpha=0.6,
        label=f"mean ±{float(consistency['band_pct']):g}%",
    )
    ax.axhline(mean, color="#7f8c8d", linewidth=1, label=f"mean {mean:.0f} µg/d")
    ax.plot(x, values, marker="o", color=_COLOURS["day"], label="total vitamin K per day")
    ax.set_xticks(x, dates, rotation=45, ha="right", fontsize="small")
    ax.set_ylabel("µg per day")
    ax.legend(fontsize="small", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_svg(fig)
