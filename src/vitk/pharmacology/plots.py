"""Figures of simulation results: any result, forms after the same dose, accumulation.

Plots consume results only (they never run a simulation), so this module imports neither
:mod:`vitk.pharmacology.simulate` nor :mod:`vitk.pharmacology.results`: a result is
anything with the attributes of :class:`Plottable`. All functions return a
:class:`matplotlib.figure.Figure` built without pyplot (no global state, Agg canvas), so
they work in tests, servers and the CLI alike. Legends use words
(:func:`vitk.pharmacology.labels.series_label`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from vitk.pharmacology.disclaimers import DISCLAIMER
from vitk.pharmacology.labels import FORM_LABELS, series_label
from vitk.pharmacology.population import bands

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Plottable", "plot_accumulation", "plot_forms_same_dose", "plot_result", "save"]


class Plottable(Protocol):
    """What a figure needs from a simulation result."""

    @property
    def kind(self) -> str: ...
    @property
    def t_h(self) -> NDArray[np.float64]: ...
    @property
    def series(self) -> dict[str, NDArray[np.float64]]: ...
    @property
    def summary(self) -> dict[str, float | None]: ...
    @property
    def meta(self) -> dict[str, Any]: ...


def _figure() -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, 4.0), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def plot_result(result: Plottable) -> Figure:
    """Plot a result's main series; INR gets the 2-3 target band and the disclaimer."""
    fig = _figure()
    ax = fig.add_subplot()
    t_d = result.t_h / 24.0
    names = [
        n for n in result.series if n.endswith("_nmol_per_l") or n in ("inr", "ucoc", "dp_ucmgp")
    ]
    for name in names:
        values = result.series[name]
        b = bands(values)
        label = series_label(name)
        (line,) = ax.plot(
            t_d, b["median"], label=label if values.shape[0] == 1 else f"{label}, median"
        )
        if values.shape[0] > 1:
            ax.fill_between(
                t_d,
                b["p5"],
                b["p95"],
                alpha=0.25,
                color=line.get_color(),
                label=f"{label}, 90 % of people",
            )
    if result.kind == "inr":
        ax.axhspan(2.0, 3.0, color="green", alpha=0.1, label="INR target 2-3")
        ax.set_ylabel("INR")
        ax.set_title(f"INR under {result.meta.get('vka', 'VKA')} ({DISCLAIMER})")
    elif result.kind == "carboxylation":
        ax.set_ylabel("relative to no supplement")
        ax.set_title("Carboxylation markers (model)")
    else:
        ax.set_ylabel("serum concentration [nmol/L]")
        ax.set_title("Serum vitamin K (model)")
    ax.set_xlabel("time [d]")
    ax.legend(fontsize="small")
    return fig


def plot_forms_same_dose(results: Sequence[Plottable]) -> Figure:
    """Serum excess over baseline of single-form PK results (e.g. K1, MK-4, MK-7, one dose).

    Parameters
    ----------
    results : sequence of PKResult
        One single-form result each, e.g. ``[simulate_pk(f, 420, days=4) for f in
        ("K1", "MK-4", "MK-7")]``.
    """
    fig = _figure()
    ax = fig.add_subplot()
    doses = set()
    for res in results:
        code = res.meta["form"]
        doses.add(res.meta.get("dose_ug"))
        ax.plot(
            res.t_h,
            res.series[f"{code}_ng_per_ml"][0] - res.meta["baseline_ng_per_ml"],
            label=FORM_LABELS.get(code, code),
        )
    ax.set_xlabel("time after dose [h]")
    ax.set_ylabel("serum excess over baseline [ng/mL]")
    dose = f"{next(iter(doses)):g} µg" if len(doses) == 1 and None not in doses else "one dose"
    ax.set_title(f"Single oral dose of {dose} (model)")
    ax.legend()
    return fig


def plot_accumulation(result: Plottable) -> Figure:
    """Accumulation of a regular one-form PK result, with its steady-state trough marked."""
    code = result.meta["form"]
    label = FORM_LABELS.get(code, code)
    fig = _figure()
    ax = fig.add_subplot()
    ax.plot(
        result.t_h / 24.0,
        result.series[f"{code}_nmol_per_l"][0],
        label=f"{label} in serum, nmol/L ({result.meta.get('regimen', '')})",
    )
    trough = result.summary.get("trough_ss_nmol_per_l")
    if trough is not None:
        ax.axhline(trough, ls="--", color="grey", label="steady-state trough")
    ax.set_xlabel("time [d]")
    ax.set_ylabel("serum concentration [nmol/L]")
    dose = result.meta.get("dose_ug")
    ax.set_title(f"{dose:g} µg {label}: accumulation (model)" if dose else f"{label} (model)")
    ax.legend()
    return fig


def save(fig: Figure, path: str) -> None:
    """Save a figure (format from the extension, png or svg)."""
    fig.savefig(path, dpi=120)
