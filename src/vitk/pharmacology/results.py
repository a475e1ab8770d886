"""Typed simulation results with ``.to_frame()``, ``.to_dict()`` and ``.plot()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from vitk.pharmacology.disclaimers import (
    DISCLAIMER,
    INR_DISCLAIMER,
    MODEL_DISCLAIMER,
    disclaimer_for,
)
from vitk.pharmacology.population import bands

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "DISCLAIMER",
    "INR_DISCLAIMER",
    "MODEL_DISCLAIMER",
    "CarboxylationResult",
    "INRResult",
    "PKResult",
    "SimulationResult",
    "disclaimer_for",
]


@dataclass(frozen=True)
class SimulationResult:
    """Time series for N subjects plus a summary and the citation keys used.

    ``series`` maps a name with its unit (``"mk7_nmol_per_l"``) to an (N, T) array.
    ``summary`` holds scalar metrics (medians over subjects for a cohort) and ``bands``
    their 5-50-95 % percentiles when N > 1. ``summary_by_form`` (PK results) holds the
    same metrics for each vitamin K form, keyed by form code (``"mk7"``).
    """

    kind: str
    t_h: NDArray[np.float64]
    series: dict[str, NDArray[np.float64]]
    summary: dict[str, float | None]
    references: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    bands: dict[str, dict[str, float]] = field(default_factory=dict)
    summary_by_form: dict[str, dict[str, float | None]] = field(default_factory=dict)
    #: What the validation block looks for: ``kind``, ``forms``, ``dose_ug``, ``regimen``.
    validation_query: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def validation(self) -> dict[str, Any]:
        """Nearest published observations beside the model's predictions and their ratio.

        See :func:`vitk.pharmacology.validation.validation_block`; computed on first use.
        """
        from vitk.pharmacology.validation import validation_block

        q = self.validation_query or {
            "forms": list(self.meta.get("forms", [])),
            "dose_ug": self.meta.get("dose_ug"),
            "regimen": "single" if self.meta.get("regimen") == "one dose" else "daily",
        }
        return validation_block(
            self.kind, list(q["forms"]), dose_ug=q.get("dose_ug"), regimen=str(q["regimen"])
        )

    @property
    def disclaimer(self) -> str:
        """One line saying what the result is not (medical or dosing advice)."""
        return disclaimer_for(self.kind)

    @property
    def n_subjects(self) -> int:
        """Number of simulated subjects."""
        return int(next(iter(self.series.values())).shape[0]) if self.series else 0

    def to_frame(self) -> pd.DataFrame:
        """Time series as a DataFrame: one column per series (median, p5, p95 for cohorts)."""
        import pandas as pd

        cols: dict[str, Any] = {"t_h": self.t_h}
        for name, values in self.series.items():
            if values.shape[0] == 1:
                cols[name] = values[0]
            else:
                b = bands(values)
                cols[f"{name}_median"] = b["median"]
                cols[f"{name}_p5"] = b["p5"]
                cols[f"{name}_p95"] = b["p95"]
        frame = pd.DataFrame(cols)
        frame.attrs["references"] = list(self.references)
        frame.attrs["summary"] = dict(self.summary)
        return frame

    def to_dict(self, *, max_points: int = 2000) -> dict[str, Any]:
        """JSON-ready dict: meta, summary, bands, time series (thinned), references,
        ``validation`` (:attr:`validation`) and disclaimer.

        PK results also hold ``summary_by_form`` (one summary per form code).
        """
        frame = self.to_frame()
        step = max(1, int(np.ceil(len(frame) / max_points)))
        thin = frame.iloc[::step]
        out: dict[str, Any] = {
            "kind": self.kind,
            "meta": self.meta,
            "summary": self.summary,
        }
        if self.summary_by_form:
            out["summary_by_form"] = self.summary_by_form
        out.update(
            {
                "bands": self.bands,
                "time_series": {c: [float(v) for v in thin[c].to_numpy()] for c in thin.columns},
                "references": list(self.references),
                "validation": self.validation,
                "disclaimer": self.disclaimer,
            }
        )
        return out

    def plot(self) -> Figure:
        """A matplotlib figure of the main series (median and 5-95 % band for cohorts)."""
        from vitk.pharmacology.plots import plot_result

        return plot_result(self)


class PKResult(SimulationResult):
    """Serum concentrations (``<form>_nmol_per_l`` and ``<form>_ng_per_ml``)."""


class CarboxylationResult(SimulationResult):
    """Relative ucOC:cOC and dp-ucMGP (1 = no supplement)."""


class INRResult(SimulationResult):
    """INR and relative clotting-factor activities under a VKA."""
