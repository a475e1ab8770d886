"""One comparison of an intake with a reference value: a target (AI or RDA) or a UL.

Unknown is not zero, so the comparison is made from what is known:

- ``measured``: every logged source has a value; the comparison is settled.
- ``lower_bound``: some logged foods have no value (they add nothing), so the true
  intake is at least the number. Meeting a target or exceeding a UL is settled;
  being below a target or within a UL is not (outcome ``undetermined``).
- ``not_measured``: no logged food has a value, and ``not_recorded``: no diary. The
  diet is unknown, but supplements alone may already meet a target or exceed a UL,
  which is then said (``from_supplements_alone``).

:func:`compare_intake` makes the decision; the intake summary
(:mod:`vitk.intake.engine`) and the advisor's co-nutrient table
(:mod:`vitk.advisor`) both word their status from the :class:`Comparison` it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LOWER_BOUND",
    "MEASURED",
    "NOT_MEASURED",
    "NOT_RECORDED",
    "Comparison",
    "Outcome",
    "compare_intake",
]

#: Measurement status of one number: every logged source measured it.
MEASURED = "measured"
#: Some logged foods have no value for it: the number is a minimum.
LOWER_BOUND = "lower_bound"
#: No logged source measured it: the number means nothing.
NOT_MEASURED = "not_measured"
#: No diary was given: the diet is not recorded.
NOT_RECORDED = "not_recorded"

#: ``meets``/``below`` a target, ``above``/``within`` a UL, ``undetermined`` (a lower
#: bound below a target or within a UL), ``unknown`` (diet unknown and supplements
#: alone decide nothing) or ``no_reference`` (no value set for the life stage).
Outcome = Literal["meets", "below", "above", "within", "undetermined", "unknown", "no_reference"]


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare_intake`.

    Attributes
    ----------
    outcome : str
        See :data:`Outcome`.
    intake : float or None
        The intake compared (None without a diary).
    intake_status : str
        ``measured``, ``lower_bound``, ``not_measured`` or ``not_recorded``.
    reference : float or None
        The reference value (None: none set for the life stage).
    is_ul : bool
        Whether the reference is an upper limit.
    from_supplements_alone : bool
        The diet is unknown and the outcome rests on the supplements alone.
    pct_of_reference : float or None
        Intake as a percentage of the reference, where both are known. [%]
    """

    outcome: Outcome
    intake: float | None
    intake_status: str
    reference: float | None
    is_ul: bool
    from_supplements_alone: bool = False
    pct_of_reference: float | None = None

    @property
    def settled(self) -> bool:
        """Whether the outcome is known whatever the missing values are."""
        return self.outcome in ("meets", "below", "above", "within")


def compare_intake(
    intake: float | None,
    intake_status: str | None,
    reference: float | None,
    *,
    is_ul: bool,
    supplements: float = 0.0,
) -> Comparison:
    """Compare an intake with a target (AI/RDA) or an upper limit.

    Parameters
    ----------
    intake : float or None
        Daily intake in the reference's unit; None when no diary was given.
    intake_status : str or None
        ``measured``, ``lower_bound``, ``not_measured`` or ``not_recorded`` (None is
        read as ``not_recorded``).
    reference : float or None
        The target or UL; None when none is set for the life stage.
    is_ul : bool
        True for an upper limit, False for a target.
    supplements : float
        The supplement part of the intake, known even when the diet is not. [same unit]

    Returns
    -------
    Comparison
    """
    status = NOT_RECORDED if intake is None or intake_status is None else intake_status
    known = status in (MEASURED, LOWER_BOUND)
    pct = (
        100.0 * float(intake) / reference
        if known and intake is not None and reference not in (None, 0)
        else None
    )

    def result(outcome: Outcome, alone: bool = False) -> Comparison:
        return Comparison(outcome, intake, status, reference, is_ul, alone, pct)

    if reference is None:
        return result("no_reference")
    if not known:
        if supplements > reference if is_ul else supplements >= reference > 0:
            return result("above" if is_ul else "meets", alone=True)
        return result("unknown")
    value = float(intake or 0.0)
    if is_ul:
        if value > reference:
            return result("above")
        return result("undetermined" if status == LOWER_BOUND else "within")
    if value >= reference:
        return result("meets")  # a lower bound that meets the target settles it
    return result("undetermined" if status == LOWER_BOUND else "below")
