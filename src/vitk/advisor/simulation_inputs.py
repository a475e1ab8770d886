"""Inputs of the pharmacology what-if read from a stored profile.

The advisor knows medication names and profile fields; the pharmacology models do not, so
this reading lives here (advisor → pharmacology, never the reverse).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["what_if_inputs"]


def what_if_inputs(profile: Mapping[str, Any] | None) -> dict[str, Any]:
    """VKA, its daily dose (if the medication line gives mg), INR and current supplements.

    Returns
    -------
    dict
        ``vka`` (``"warfarin"``, ``"acenocoumarol"`` or None), ``vka_dose_mg`` (or None),
        ``current_inr`` (or None), ``current_supplements`` (list of (form, µg/d)).
    """
    import re

    from vitk.advisor.medications import normalise_all

    p = dict(profile or {})
    vka: str | None = None
    vka_dose: float | None = None
    for line in [str(m) for m in p.get("medications", ()) or ()]:
        for match in normalise_all([line]):
            if match.generic in ("warfarin", "acenocoumarol") and vka is None:
                vka = match.generic
                mg = re.search(r"(\d+(?:[.,]\d+)?)\s*mg\b", line, re.IGNORECASE)
                vka_dose = float(mg.group(1).replace(",", ".")) if mg else None
    labs = p.get("labs") or {}
    inr = labs.get("inr") if isinstance(labs, Mapping) else None
    supplements = []
    for item in (p.get("supplements") or {}).get("vitamin_k", ()) or ():
        if isinstance(item, Mapping) and item.get("dose_ug"):
            supplements.append((str(item["form"]), float(item["dose_ug"])))
    return {
        "vka": vka,
        "vka_dose_mg": vka_dose,
        "current_inr": None if inr is None else float(inr),
        "current_supplements": supplements,
    }
