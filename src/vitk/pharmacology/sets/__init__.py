"""Published parameter sets, one module per source (``AuthorYear``).

Each module holds a ``PARAMETERS`` dict whose keys carry units (``"ka [1/h]"``), a
``"references"`` list, a ``"population"`` note and a ``"source"`` pointer. :func:`load`
returns a copy and registers the references with :func:`vitk.references.cite`.
"""

from __future__ import annotations

import copy
import importlib
from typing import Any

from vitk.errors import InputError
from vitk.references import cite

__all__ = ["DEFAULT_PK_SET", "PK_SETS", "VKA_SETS", "load"]

#: Parameter sets for oral vitamin K PK, by form code.
PK_SETS: dict[str, tuple[str, ...]] = {
    "k1": ("Novotny2010", "Jones2007"),
    "mk4": ("Sato2012", "Uematsu1996"),
    "mk7": ("Schurgers2007",),
}
#: The set used when none is named.
DEFAULT_PK_SET: dict[str, str] = {"k1": "Novotny2010", "mk4": "Sato2012", "mk7": "Schurgers2007"}

_ALL = (
    "Novotny2010",
    "Jones2007",
    "Sato2012",
    "Uematsu1996",
    "Schurgers2007",
    "Falkenhagen2023",
    "SinthromeSmPC2020",
    "Schurgers2004",
)
#: VKA parameter sets by drug.
VKA_SETS: dict[str, str] = {"warfarin": "Falkenhagen2023", "acenocoumarol": "SinthromeSmPC2020"}


def load(name: str) -> dict[str, Any]:
    """Return a copy of the parameter set ``name`` and cite its references.

    Raises
    ------
    InputError
        If no set of that name exists.
    """
    if name not in _ALL:
        raise InputError(f"Unknown parameter set '{name}'; allowed: {', '.join(_ALL)}.")
    module = importlib.import_module(f"vitk.pharmacology.sets.{name}")
    params: dict[str, Any] = copy.deepcopy(module.PARAMETERS)
    cite(*params["references"])
    return params
