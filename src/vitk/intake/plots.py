"""Figures of an intake summary: a day's forms beside the 7-day mean, and consistency.

Each ``*_figure`` function returns a :class:`matplotlib.figure.Figure` built without
pyplot (no global state), and each ``*_svg`` twin returns it as inline SVG through
:func:`vitk.figures.figure_svg`. Inputs are the JSON forms of
:class:`vitk.intake.IntakeSummary` rows (a day, a 7-day mean, ``consistency``), so the
web dashboard and any other caller draw the same chart.

Unknown is not zero: a form no logged source measured gets no bar (or no point), only
``n.m.`` at the axis; a lower bound gets ``≥`` above its bar (an open marker in the
series); a caption explains the marks (:mod:`vitk.intake.render`). Bars, marks and the
caption carry ids (``bar-day-k1_ug``, ``nm-day-k1_ug``, ``lb-week-mk7_ug``,
``nm-2024-03-02``, ``points-lower_bound``, ``marks-caption``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec

from vitk.figures import figure_svg
from vitk.intake.render import (
    CHART_MARKS_CAPTION,
    LOWER_BOUND_MARK,
    NOT_MEASURED_MARK,
    SERIES_MARKS_CAPTION,
    consistency_band_ug,
    field_status,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["consistency_figure", "consistency_svg", "day_forms_figure", "day_forms_svg"]

P = ParamSpec("P")
_COLOURS = {"day": "#2a6f97", "week": "#a9cce3", "band": "#f5cba7", "line": "#c0392b"}
_MARK = "#555555"


def _days_logged(n: object) -> str:
    """``"1 day logged"``, ``"3 days logged"``."""
    return f"{n} day logged" if n == 1 else f"{n} days logged"


def _figure(width: float = 7.0, height: float = 3.2) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _caption(fig: Figure, text: str) -> None:
    fig.supxlabel(text, fontsize="small", color=_MARK, gid="marks-caption")


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

    A lower-bound bar gets ``≥`` above its end. True if anything is marked.
    """
    shown = [i for i, f in enumerate(fields) if f not in not_measured]
    bars = ax.bar([x[i] for i in shown], [values[i] for i in shown], 0.4, label=label, color=colour)
    for i, bar in zip(shown, bars.patches, strict=True):
        bar.set_gid(f"bar-{series}-{fields[i]}")
    marked = False
    for i, f in enumerate(fields):
        nm = f in not_measured
        if not nm and f not in lower_bound:
            continue
        marked = True
        ax.annotate(
            NOT_MEASURED_MARK if nm else LOWER_BOUND_MARK,
            (x[i], 0.0 if nm else values[i]),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7 if nm else 9,
            fontstyle="italic" if nm else "normal",
            color=_MARK,
            gid=f"{'nm' if nm else 'lb'}-{series}-{f}",
        )
    return marked


def day_forms_figure(
    forms: Sequence[Mapping[str, str]],
    day: Mapping[str, float],
    week: Mapping[str, Any] | None,
    target_ug: float | None,
    date: str,
    *,
    not_measured: Collection[str] = (),
    lower_bound: Collection[str] = (),
) -> Figure:
    """Bars of a day's intake by vitamin K form beside the 7-day mean, with the AI line.

    Parameters
    ----------
    forms : sequence of mappings
        ``{"field", "label"}`` per form, in drawing order (labels from
        :data:`vitk.nutrients.FIELDS`).
    day : mapping
        The day's intake per field (unknown drawn as no bar, so its value is unused). [µg]
    week : mapping or None
        The 7-day mean row (per field, ``n_days``, ``not_measured``, ``lower_bound``). [µg]
    target_ug : float or None
        The adequate intake of total vitamin K, drawn as a dashed line. [µg d⁻¹]
    date : str
        The day (ISO date), shown in the legend.
    not_measured, lower_bound : collections of str
        The day's fields no logged source measured, and those that are lower bounds.

    Returns
    -------
    matplotlib.figure.Figure
    """
    labels = [f["label"] for f in forms]
    fields = [f["field"] for f in forms]
    x = [float(i) for i in range(len(labels))]
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
        _caption(fig, CHART_MARKS_CAPTION)
    return fig


def consistency_figure(
    consistency: Mapping[str, Any], days: Sequence[Mapping[str, Any]] = ()
) -> Figure:
    """Daily total vitamin K with the mean and its ±band (for people on a VKA).

    Parameters
    ----------
    consistency : mapping
        ``summary.to_dict()["consistency"]``, optionally with a ``series`` list of
        ``{"date", "k_total_ug"}`` to draw (default: one point per row of ``days``). [µg]
    days : sequence of mappings
        The per-day rows (``summary.to_dict()["days"]``; matched by ``date``) whose
        ``not_measured`` and ``lower_bound`` lists mark each day: a lower-bound total is
        an open marker, a total not measured is no point, with ``n.m.`` at the axis.

    Returns
    -------
    matplotlib.figure.Figure
    """
    marks = {str(d["date"]): d for d in days}
    series = list(
        consistency.get("series")
        or ({"date": d["date"], "k_total_ug": d["k_total_ug"]} for d in days)
    )
    dates = [s["date"][5:] for s in series]
    values = [float(s["k_total_ug"]) for s in series]
    status = [field_status("k_total_ug", marks.get(str(s["date"]))) for s in series]
    mean = float(consistency["mean_ug"])
    low_ug, high_ug = consistency_band_ug(consistency)
    fig = _figure(7.0, 2.8)
    ax = fig.add_subplot()
    x = list(range(len(values)))
    ax.axhspan(
        low_ug,
        high_ug,
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
            label=f"{LOWER_BOUND_MARK} lower bound (some foods had no value)",
            gid="points-lower_bound",
        )
    nm = [i for i, s in enumerate(status) if s == "not_measured"]
    for i in nm:
        ax.annotate(
            NOT_MEASURED_MARK,
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
        _caption(fig, SERIES_MARKS_CAPTION)
    return fig


def _as_svg(make: Callable[P, Figure]) -> Callable[P, str]:
    """A twin of the figure function ``make`` that returns inline SVG."""

    def svg(*args: P.args, **kwargs: P.kwargs) -> str:
        return figure_svg(make(*args, **kwargs))

    svg.__name__ = make.__name__.replace("_figure", "_svg")
    svg.__doc__ = f":func:`{make.__name__}` as an inline ``<svg>`` element."
    return svg


#: :func:`day_forms_figure` as an inline ``<svg>`` element (same arguments).
day_forms_svg = _as_svg(day_forms_figure)
#: :func:`consistency_figure` as an inline ``<svg>`` element (same arguments).
consistency_svg = _as_svg(consistency_figure)
