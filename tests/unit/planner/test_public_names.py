"""The planner's public names stay callable whichever submodules were imported first."""

from __future__ import annotations

import importlib
import pkgutil

import vitk.planner


def test_every_submodule_import_leaves_the_public_functions_callable() -> None:
    for info in pkgutil.iter_modules(vitk.planner.__path__):
        importlib.import_module(f"vitk.planner.{info.name}")
    for name in ("plan", "render", "parse_goal"):
        assert callable(getattr(vitk.planner, name)), name
