"""Published parameter sets, one module per source (``AuthorYear``), found by discovery.

Each module holds a ``PARAMETERS`` dict whose keys carry units (``"ka [1/h]"``), a
``"references"`` list, a ``"population"`` note and a ``"source"`` pointer. A module added
to this package is found by :func:`names` (``pkgutil`` over the package), so no list here
has to be edited. Oral PK sets name their ``"form"`` (``"k1"``, ``"mk4"``, ``"mk7"``) and
one per form says ``"default": True``; VKA sets name their ``"vka"``; the marker and
calibration sets (``Dalmeijer2012``, ``Schurgers2004``) name their ``"model"``.
:func:`load` returns a copy and registers the references with :func:`vitk.references.cite`.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
from functools import lru_cache
from typing import Any

from vitk.errors import InputError
from vitk.references import cite

__all__ = ["DEFAULT_PK_SET", "PK_SETS", "VKA_SETS", "load", "names", "peek"]


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Names of every parameter set in this package, sorted."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg))


def _raw(name: str) -> dict[str, Any]:
    if name not in names():
        raise InputError(f"Unknown parameter set '{name}'; allowed: {', '.join(names())}.")
    module = importlib.import_module(f"{__name__}.{name}")
    params: dict[str, Any] = module.PARAMETERS
    return params


def peek(name: str) -> dict[str, Any]:
    """A copy of the parameter set ``name`` without citing it (for module constants)."""
    return copy.deepcopy(_raw(name))


def load(name: str) -> dict[str, Any]:
    """Return a copy of the parameter set ``name`` and cite its references.

    Raises
    ------
    InputError
        If no set of that name exists.
    """
    params = peek(name)
    cite(*params["references"])
    return params


def _index() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    by_form: dict[str, list[str]] = {}
    default: dict[str, str] = {}
    vka: dict[str, str] = {}
    for name in names():
        p = _raw(name)
        if "form" in p:
            by_form.setdefault(p["form"], []).append(name)
            if p.get("default"):
                default[p["form"]] = name
        if "vka" in p:
            vka[p["vka"]] = name
    # The default set of each form comes first.
    ordered: dict[str, tuple[str, ...]] = {}
    for form, found in sorted(by_form.items()):
        first = default.get(form)
        ordered[form] = tuple(([first] if first else []) + [n for n in found if n != first])
    return ordered, default, dict(sorted(vka.items()))


#: Parameter sets for oral vitamin K PK, by form code (default first).
#: VKA parameter sets by drug.
PK_SETS, DEFAULT_PK_SET, VKA_SETS = _index()
