"""The simulator's disclaimers, written once (library, CLI, JSON and web read them here)."""

from __future__ import annotations

__all__ = ["DISCLAIMER", "INR_DISCLAIMER", "MODEL_DISCLAIMER", "disclaimer_for"]

#: Short form used in the INR figure title.
DISCLAIMER = "illustration, not dosing advice"
#: Shown with every PK and carboxylation-marker result (CLI, JSON, web).
MODEL_DISCLAIMER = "Model illustration from published averages; not medical advice."
#: Shown with every INR result (CLI, JSON, web).
INR_DISCLAIMER = (
    "Illustration, not dosing advice: never change warfarin (or another vitamin K "
    "antagonist) or your vitamin K intake without your anticoagulation clinic."
)


def disclaimer_for(kind: str) -> str:
    """The disclaimer of a result kind (``"pk"``, ``"carboxylation"``, ``"inr"``)."""
    return INR_DISCLAIMER if kind == "inr" else MODEL_DISCLAIMER
