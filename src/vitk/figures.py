"""Figures as inline SVG: one conversion for every library figure (intake, pharmacology).

A figure is a :class:`matplotlib.figure.Figure` built without pyplot; :func:`figure_svg`
writes it as an ``<svg>`` element for HTML (text kept as text, stable ids, no fixed
size), so the web app inlines it with no script, image or outside resource.
"""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["figure_svg"]

# matplotlib's font cache and text layout are not guaranteed thread-safe.
_LOCK = threading.Lock()


def figure_svg(fig: Figure) -> str:
    """An inline SVG string of a matplotlib figure (no XML prolog, no fixed size).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Any figure of :mod:`vitk.intake.plots` or :mod:`vitk.pharmacology.plots`.

    Returns
    -------
    str
        The ``<svg …>…</svg>`` element.
    """
    import matplotlib

    buf = io.StringIO()
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vitk"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text
