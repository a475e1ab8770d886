"""Server-made SVG charts (matplotlib, no JavaScript, no outside resources)."""

from __future__ import annotations

import io
import threading
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["consistency_svg", "day_forms_svg", "figure_svg"]

# matplotlib's font cache and text layout are not guaranteed thread-safe.
_LOCK = threading.Lock()
_COLOURS = {"day": "#2a6f97", "week": "#a9cce3", "band": "#f5cba7", "line": "#c0392b"}


def _days_logged(n: object) -> str:
    """``"1 day logged"``, ``"3 days logged"``."""
    return f"{n} day logged" if n == 1 else f"{n} days logged"


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


_MARK = "#555555"
#: The caption line under a chart with a marked value (unknown is not zero).
MARKS_CAPTION = "n.m. = not measured (unknown, not zero; no bar). ≥ = lower bound."


def _bars(
    ax: Any,
    x: Sequence[float],
    values: Sequence[float],
    fields: Sequence[str],
    *,
    series: str,
    not_measured: Collection[str],
    lower_bound: Collection[str],
    colour: str,
    label: str,
) -> bool:
    """Bars of one series; a not-measured form gets no bar, only ``n.m.`` at the axis.

    A lower-bound bar gets ``≥`` above its end. Bars and marks carry ids
    (``bar-day-k1_ug``, ``nm-day-k1_ug``, ``lb-day-k1_ug``). True if anything is marked.
    """
    shown = [i for i, f in enumerate(fields) if f not in not_measured]
    bars = ax.bar([x[i] for i in shown], [values[i] for i in shown], 0.4, label=label, color=colour)
    for i, bar in zip(shown, bars.patches, strict=True):
        bar.set_gid(f"bar-{series}-{fields[i]}")
    marked = False
    for i, f in enumerate(fields):
        mark = "n.m." if f in not_measured else "≥" if f in lower_bound else None
        if mark is None:
            continue
        marked = True
        ax.annotate(
            mark,
            (x[i], 0.0 if mark == "n.m." else values[i]),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7 if mark == "n.m." else 9,
            fontstyle="italic" if mark == "n.m." else "normal",
            color=_MARK,
            gid=f"{'nm' if mark == 'n.m.' else 'lb'}-{series}-{f}",
        )
    return marked


#: The same for the daily series, where a value is a point, not a bar.
SERIES_CAPTION = "n.m. = not measured (unknown, not zero; no point). Open marker = lower bound."


def _caption(fig: Figure, text: str = MARKS_CAPTION) -> None:
    fig.supxlabel(text, fontsize="small", color=_MARK, gid="marks-caption")


def day_forms_svg(
    forms: Sequence[Mapping[str, str]],
    day: Mapping[str, float],
    week: Mapping[str, Any] | None,
    target_ug: float | None,
    date: str,
    *,
    not_measured: Collection[str] = (),
    lower_bound: Collection[str] = (),
) -> str:
    """Bars of the day's intake by vitamin K form beside the 7-day mean, with the AI line.

    Unknown is not zero: a form in ``not_measured`` (the day's) or in the week's
    ``not_measured`` list gets no bar, only ``n.m.`` at the axis; one in ``lower_bound``
    gets ``≥`` above its bar; a caption line explains both.
    """
    import numpy as np

    labels = [f["label"] for f in forms]
    fields = [f["field"] for f in forms]
    x = [float(v) for v in np.arange(len(labels))]
    fig = _figure()
    ax = fig.add_subplot()
    marked = _bars(
        ax,
        [v - 0.2 for v in x],
        [float(day.get(f, 0.0)) for f in fields],
        fields,
        series="day",
        not_measured=set(not_measured),
        lower_bound=set(lower_bound),
        colour=_COLOURS["day"],
        label=f"{date}",
    )
    if week is not None:
        marked |= _bars(
            ax,
            [v + 0.2 for v in x],
            [float(week.get(f, 0.0)) for f in fields],
            fields,
            series="week",
            not_measured=set(week.get("not_measured") or ()),
            lower_bound=set(week.get("lower_bound") or ()),
            colour=_COLOURS["week"],
            label=f"7-day mean ({_days_logged(week.get('n_days'))})",
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
    ax.margins(y=0.1)  # room for a ≥ above the tallest bar
    ax.legend(fontsize="small", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if marked:
        _caption(fig)
    return figure_svg(fig)


def consistency_svg(consistency: Mapping[str, Any], days: Sequence[Mapping[str, Any]] = ()) -> str:
    """Daily total vitamin K with the mean and its ±band (for people on a VKA).

    ``days`` (the dashboard's per-day rows, matched by date) carries each day's
    ``not_measured`` and ``lower_bound`` lists: a day whose total is a lower bound is
    drawn as an open marker, one whose total was not measured as no point, with
    ``n.m.`` at the axis.
    """
    marks = {str(d["date"]): d for d in days}
    series = list(consistency.get("series", []))
    dates = [s["date"][5:] for s in series]
    values = [float(s["k_total_ug"]) for s in series]
    status = [_day_status(marks.get(str(s["date"]))) for s in series]
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
    # The line breaks at a day not measured; a lower-bound day gets an open marker.
    line = [
        v if st != "not_measured" else float("nan") for v, st in zip(values, status, strict=True)
    ]
    ax.plot(x, line, marker="o", color=_COLOURS["day"], label="total vitamin K per day")
    low = [i for i, st in enumerate(status) if st == "lower_bound"]
    if low:
        ax.plot(
            [x[i] for i in low],
            [values[i] for i in low],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=_COLOURS["day"],
            label="≥ lower bound (some foods had no value)",
            gid="points-lower_bound",
        )
    nm = [i for i, s in enumerate(status) if s == "not_measured"]
    for i in nm:
        ax.annotate(
            "n.m.",
            (x[i], 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            fontstyle="italic",
            color=_MARK,
            gid=f"nm-{series[i]['date']}",
        )
    ax.set_xticks(x, dates, rotation=45, ha="right", fontsize="small")
    ax.set_ylabel("µg per day")
    ax.legend(fontsize="small", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if nm or low:
        _caption(fig, SERIES_CAPTION)
    return figure_svg(fig)


def _day_status(day: Mapping[str, Any] | None, field: str = "k_total_ug") -> str:
    """``not_measured``, ``lower_bound`` or ``measured`` for ``field`` on one day."""
    if day is None:
        return "measured"
    if field in (day.get("not_measured") or ()):
        return "not_measured"
    return "lower_bound" if field in (day.get("lower_bound") or ()) else "measured"
