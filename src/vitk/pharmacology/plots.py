"""Figures: forms after the same dose, accumulation, INR with its target band.

All functions return a :class:`matplotlib.figure.Figure` built without pyplot (no global
state, Agg canvas), so they work in tests, servers and the CLI alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vitk.pharmacology.population import bands

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from vitk.pharmacology.results import SimulationResult

__all__ = ["plot_accumulation", "plot_forms_same_dose", "plot_result", "save"]

_LABELS = {"k1": "K1", "mk4": "MK-4", "mk7": "MK-7"}


def _figure() -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, 4.0), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def plot_result(result: SimulationResult) -> Figure:
    """Plot a result's main series; INR gets the 2-3 target band and the disclaimer."""
    from vitk.pharmacology.results import DISCLAIMER

    fig = _figure()
    ax = fig.add_subplot()
    t_d = result.t_h / 24.0
    names = [
        n for n in result.series if n.endswith("_nmol_per_l") or n in ("inr", "ucoc", "dp_ucmgp")
    ]
    for name in names:
        values = result.series[name]
        b = bands(values)
        (line,) = ax.plot(t_d, b["median"], label=name)
        if values.shape[0] > 1:
            ax.fill_between(
                t_d, b["p5"], b["p95"], alpha=0.25, color=line.get_color(), label=f"{name} 5-95 %"
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


def plot_forms_same_dose(dose_ug: float = 420.0, *, hours: float = 96.0) -> Figure:
    """K1, MK-4 and MK-7 serum excess after the same single dose (default sets)."""
    from vitk.pharmacology.simulate import simulate_pk

    fig = _figure()
    ax = fig.add_subplot()
    for form in ("K1", "MK-4", "MK-7"):
        res = simulate_pk(form, dose_ug, days=hours / 24.0, dt_h=0.25)
        code = res.meta["form"]
        ax.plot(
            res.t_h,
            res.series[f"{code}_ng_per_ml"][0] - res.meta["baseline_ng_per_ml"],
            label=_LABELS[code],
        )
    ax.set_xlabel("time after dose [h]")
    ax.set_ylabel("serum excess over baseline [ng/mL]")
    ax.set_title(f"Single oral dose of {dose_ug:g} µg (model)")
    ax.legend()
    return fig


def plot_accumulation(form: str = "MK-7", dose_ug: float = 180.0, *, days: float = 28.0) -> Figure:
    """Accumulation on daily dosing, with the steady-state trough marked."""
    from vitk.pharmacology.simulate import simulate_pk

    res = simulate_pk(form, dose_ug, every="24h", days=days, dt_h=0.5)
    code = res.meta["form"]
    fig = _figure()
    ax = fig.add_subplot()
    ax.plot(res.t_h / 24.0, res.series[f"{code}_nmol_per_l"][0], label=f"{_LABELS[code]} daily")
    trough = res.summary.get("trough_ss_nmol_per_l")
    if trough is not None:
        ax.axhline(trough, ls="--", color="grey", label="steady-state trough")
    ax.set_xlabel("time [d]")
    ax.set_ylabel("serum concentration [nmol/L]")
    ax.set_title(f"{dose_ug:g} µg/d {_LABELS[code]}: accumulation (model)")
    ax.legend()
    return fig


def save(fig: Figure, path: str) -> None:
    """Save a figure (format from the extension, png or svg)."""
    fig.savefig(path, dpi=120)
