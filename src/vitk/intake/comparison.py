"""One comparison of an intake with a reference value: a target (AI or RDA) or a UL.

Unknown is not zero, so the comparison is made from what is known:

- ``measured``: every logged source has a value; the comparison is settled.
- ``lower_bound``: some logged foods have no value (they add nothing), so the true
  intake is at least the number. Meeting a target or exceeding a UL is settled;
  being below a target or within a UL is not (outcome ``undetermined``).
- ``not_measured``: no logged food has a value, and ``not_recorded``: no diary. The
  diet is unknown, but supplements alone may already meet a target or exceed a UL,
  which is then said (``from_supplements_alone``).

:func:`compare_intake` makes the decision; the intake summary's ``comparison`` rows
(:func:`comparison_rows`) and the advisor's co-nutrient table (:mod:`vitk.advisor`)
both word their status from the :class:`Comparison` it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from vitk.intake.engine import DayTotals
    from vitk.intake.targets import ReferenceIntakes

__all__ = [
    "LOWER_BOUND",
    "MEASURED",
    "NOT_MEASURED",
    "NOT_RECORDED",
    "Comparison",
    "Outcome",
    "compare_intake",
    "comparison_rows",
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


def _round(x: float) -> float:
    return round(float(x), 2)


def comparison_rows(
    mean: dict[str, float],
    days: Sequence[DayTotals],
    targets: ReferenceIntakes,
    not_measured: AbstractSet[str] = frozenset(),
    lower_bound: AbstractSet[str] = frozenset(),
) -> list[dict[str, Any]]:
    """The intake summary's ``comparison`` rows: the diary's mean against each reference.

    Parameters
    ----------
    mean : dict
        Mean daily intake per field.
    days : sequence of DayTotals
        The diary's days (for the supplement-only magnesium UL and the days above a UL).
    targets : ReferenceIntakes
        Reference intakes for the life stage.
    not_measured, lower_bound : set of str
        Fields of the mean that are not measured, or lower bounds.
    """
    supp_mean = {k: sum(d.supplements[k] for d in days) / len(days) for k in days[0].supplements}
    rows = [
        (
            "vitamin_k_us",
            "k_total_ug",
            mean["k_total_ug"],
            "total vitamin K (K1 + dihydro-K1 + K2)",
        ),
        ("vitamin_k1_efsa", "k1_ug", mean["k1_ug"], "phylloquinone (K1) only, as EFSA defines it"),
        ("calcium", "calcium_mg", mean["calcium_mg"], "diet + supplements"),
        ("calcium_ul", "calcium_mg", mean["calcium_mg"], "diet + supplements"),
        ("vitamin_d", "vitamin_d_ug", mean["vitamin_d_ug"], "diet + supplements"),
        ("vitamin_d_ul", "vitamin_d_ug", mean["vitamin_d_ug"], "diet + supplements"),
        ("magnesium", "magnesium_mg", mean["magnesium_mg"], "diet + supplements"),
        (
            "magnesium_ul",
            "magnesium_mg",
            supp_mean["magnesium_mg"],
            "supplements only (the UL excludes food)",
        ),
    ]
    out = []
    for name, fld, intake, basis in rows:
        t = targets.targets()[name]
        supplements_only = basis.startswith("supplements only")
        # The magnesium UL compares supplements alone: logged amounts, always measured.
        measure = (
            MEASURED
            if supplements_only
            else NOT_MEASURED
            if fld in not_measured
            else LOWER_BOUND
            if fld in lower_bound
            else MEASURED
        )
        cmp = compare_intake(intake, measure, t.value, is_ul=t.kind == "UL")
        # Days above the UL: a day's number is measured or a lower bound (a not-measured
        # one is 0), so a day counted here is above the UL whatever the missing values.
        above: list[str] | None = None
        if t.kind == "UL" and t.value is not None and measure != NOT_MEASURED:
            above = [
                d.date.isoformat()
                for d in days
                if (d.supplements if supplements_only else d.values)[fld] > t.value
            ]
        status = _comparison_words(cmp, above, len(days))
        pct = cmp.pct_of_reference
        out.append(
            {
                "target": name,
                "field": fld,
                "basis": basis,
                "intake": _round(intake),
                "reference": t.value,
                "unit": t.unit,
                "kind": t.kind,
                "body": t.body,
                "pct_of_reference": None if pct is None else _round(pct),
                "status": status,
                "intake_status": measure,
                # UL rows only (None otherwise, or when not measured): the days whose
                # own intake was above the UL, however the mean compares.
                "days_above_ul": None if above is None else len(above),
                "dates_above_ul": above,
                "source_keys": list(t.source_keys),
                "note": t.note,
            }
        )
    return out


def _comparison_words(cmp: Comparison, above: Sequence[str] | None, n_days: int) -> str:
    """The intake summary's ``status`` text for one comparison row."""
    if cmp.outcome == "no_reference":
        return "no reference value"
    if cmp.intake_status == NOT_MEASURED:
        return "not measured in the logged foods"
    if cmp.outcome == "above":
        return "above UL"
    if cmp.is_ul and above:
        return f"mean within UL; above UL on {len(above)} of {n_days} days"
    return {
        ("within", True): "within UL",
        # Only a floor is known: the missing values could still push it over.
        ("undetermined", True): "within UL as far as measured (some foods have no value)",
        ("meets", False): "meets",
        ("undetermined", False): "below as far as measured (some foods have no value)",
        ("below", False): "below",
    }[(cmp.outcome, cmp.is_ul)]
