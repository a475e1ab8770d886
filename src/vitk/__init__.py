"""vitk: vitamin K (K1, MK-4, MK-7 and the other menaquinones) by form.

Food composition with a citation behind every value, intake tracking, a personal
advisor and pharmacology models. Not medical advice.

The public API is imported lazily so that ``import vitk`` (and the CLI) start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "advise": "vitk.advisor",
    "check": "vitk.checker",
    "Profile": "vitk.advisor",
    "Report": "vitk.advisor",
    "read_diary": "vitk.intake",
    "summarise": "vitk.intake",
    "life_stage": "vitk.lifestage",
    "reference_intakes": "vitk.intake.targets",
    "default_catalogue": "vitk.foods.catalogue",
    "cite": "vitk.references",
    "pharmacology": "vitk.pharmacology",
    "plan": "vitk.planner",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~30 ms: only when asked
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("vitk")
        except PackageNotFoundError:  # pragma: no cover - source tree without install
            return "0.0.0"
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return module if module.__name__.endswith(name) else getattr(module, name)
    raise AttributeError(f"module 'vitk' has no attribute '{name}'")
