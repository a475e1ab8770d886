"""vitk: vitamin K (K1, MK-4, MK-7 and the other menaquinones) by form.

Food composition with a citation behind every value, intake tracking, a personal
advisor and pharmacology models. Not medical advice.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vitk")
except PackageNotFoundError:  # pragma: no cover - source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
