"""Diary imports from other apps: Cronometer's Servings export, MyFitnessPal's food diary.

Each import matches every food name to a vitk food (reported, and correctable with
``corrections``), reads amounts in grams and returns an
:class:`~vitk.intake.imports.common.ImportResult` holding a vitk diary. Bad files fail
whole, with one line per bad row naming the file and the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vitk.errors import InputError
from vitk.intake.imports.common import ImportResult, NameMatch, match_name
from vitk.intake.imports.cronometer import import_cronometer, vitamin_k_cross_check
from vitk.intake.imports.myfitnesspal import import_myfitnesspal

__all__ = [
    "IMPORTERS",
    "ImportResult",
    "NameMatch",
    "import_cronometer",
    "import_export",
    "import_myfitnesspal",
    "match_name",
    "vitamin_k_cross_check",
]

#: Import source name → reader.
IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "cronometer": import_cronometer,
    "myfitnesspal": import_myfitnesspal,
}


def import_export(source: str, data: bytes | str, **kwargs: Any) -> ImportResult:
    """Read ``data`` with the importer of ``source`` (``cronometer`` or ``myfitnesspal``)."""
    key = str(source).strip().lower()
    if key not in IMPORTERS:
        raise InputError(f"Import source '{source}' is not known; allowed: {', '.join(IMPORTERS)}.")
    return IMPORTERS[key](data, **kwargs)
