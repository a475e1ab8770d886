"""The plan's targets for one person: which goals, how much, from which source.

Goal mode (everyone not on a vitamin K antagonist):

* total vitamin K at least the adequate intake (US FNB, or EFSA's phylloquinone AI), every
  day, hard;
* long-chain K2 (MK-7 and MK-5, 6, 8-13) at least the person's chosen amount, every day or
  on average over the days, hard;
* with a diary: calcium and magnesium to their RDA and vitamin D to its RDA, soft (a
  shortfall is reported, not forced); without a diary the usual intake of these is unknown
  (unknown is not zero), so they are not planned;
* calcium and vitamin D never past their UL, counting the usual intake and supplements.

Steady mode (vitamin K antagonist): each day's total vitamin K within ± band of the usual
daily mean from the diary, or of the amount agreed with the clinic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vitk.errors import InputError
from vitk.planner.candidates import field_label
from vitk.planner.goals import PlanGoal, planner_settings
from vitk.planner.model import Band, GoalRow
from vitk.planner.person import Person

__all__ = ["Targets", "plan_targets"]


@dataclass(frozen=True)
class TargetInfo:
    """One target as the plan reports it."""

    name: str
    kind: str  # "at_least" | "at_most" | "band"
    amount: float
    unit: str
    hard: bool
    basis: str  # "day" | "week"
    source_keys: tuple[str, ...]
    note: str = ""
    usual: float = 0.0
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.name,
            "label": field_label(self.name),
            "kind": self.kind,
            "amount": round(self.amount, 2),
            "unit": self.unit,
            "hard": self.hard,
            "basis": self.basis,
            "usual": round(self.usual, 2),
            "source_keys": list(self.source_keys),
            "note": self.note,
        }
        if self.kind == "band":
            out["low"] = None if self.low is None else round(self.low, 1)
            out["high"] = None if self.high is None else round(self.high, 1)
        return out


@dataclass(frozen=True)
class Targets:
    """Goal rows and upper limits for the model, and how each is reported."""

    goals: tuple[GoalRow, ...]
    uppers: tuple[tuple[str, float], ...]
    band: Band | None
    info: tuple[TargetInfo, ...]
    notes: tuple[str, ...] = ()
    keys: tuple[str, ...] = field(default=())


def _citations(name: str) -> tuple[str, ...]:
    spec = planner_settings()["defaults"][name]
    return tuple(spec.get("citations", [])) or (
        (spec["source"],) if spec["source"] != "vitk choice" else ()
    )


def _steady(person: Person, goal: PlanGoal) -> Targets:
    base = sum(person.k_supplements.values())
    if goal.vka_target_ug is not None:
        target, basis = float(goal.vka_target_ug), "the amount agreed with your clinic"
    elif person.summary is not None and person.summary.days:
        target = float(person.summary.consistency.mean_ug)
        basis = f"your diary's mean over {len(person.summary.days)} day(s)"
    else:
        raise InputError(
            "A plan for someone on a vitamin K antagonist keeps the usual daily vitamin K "
            "steady: give a diary (two weeks is best) or the amount agreed with your clinic "
            "(goal target=UG, e.g. --goal target=150)."
        )
    if target <= base:
        raise InputError(
            f"The steady target ({target:.0f} µg/d) is not above the vitamin K supplements "
            f"already taken ({base:.0f} µg/d): there is nothing for food to plan. Agree a "
            "target with your clinic (goal target=UG)."
        )
    band = Band(target_ug=target, band_pct=goal.vka_band_pct, base_ug=base)
    info = TargetInfo(
        "k_total_ug",
        "band",
        target,
        "µg",
        True,
        "day",
        _citations("vka_band_pct"),
        f"each day's total vitamin K within ± {goal.vka_band_pct:g} % of {basis} "
        f"({band.low_ug:.0f}-{band.high_ug:.0f} µg/d), counting the vitamin K supplements "
        "you already take, which the plan leaves as they are",
        usual=target,
        low=band.low_ug,
        high=band.high_ug,
    )
    uppers = _uppers(person)
    return Targets((), tuple(u for u, _ in uppers), band, (info, *(i for _, i in uppers)))


def _uppers(person: Person) -> list[tuple[tuple[str, float], TargetInfo]]:
    t = person.targets
    out = []
    for name, target in (("calcium_mg", t.calcium_ul), ("vitamin_d_ug", t.vitamin_d_ul)):
        if target.value is None:
            continue
        usual = person.usual_value(name)
        out.append(
            (
                (name, float(target.value) - usual),
                TargetInfo(
                    name,
                    "at_most",
                    float(target.value),
                    target.unit.replace("ug", "µg"),
                    True,
                    "day",
                    target.source_keys,
                    f"{target.body} UL, counting the usual intake and supplements",
                    usual=usual,
                ),
            )
        )
    return out


def plan_targets(person: Person, goal: PlanGoal) -> Targets:
    """The targets of ``person`` under ``goal`` (see the module docstring)."""
    if person.steady:
        return _steady(person, goal)
    t = person.targets
    rows: list[GoalRow] = []
    info: list[TargetInfo] = []
    notes: list[str] = []
    k_target = t.vitamin_k_us if goal.k_total_body == "US" else t.vitamin_k1_efsa
    k_field = "k_total_ug" if goal.k_total_body == "US" else "k1_ug"
    if k_target.value is not None:
        usual = person.usual_value(k_field)
        rows.append(GoalRow(k_field, float(k_target.value), usual, hard=True))
        info.append(
            TargetInfo(
                k_field,
                "at_least",
                float(k_target.value),
                "µg",
                True,
                "day",
                k_target.source_keys,
                f"{k_target.body} {k_target.kind}"
                + (" (phylloquinone only)" if goal.k_total_body == "EFSA" else ""),
                usual=usual,
            )
        )
    else:
        notes.append(f"No vitamin K goal: {k_target.note}.")
    if goal.k2_goal_ug > 0:
        usual = person.usual_value("k2_long_ug")
        weekly = goal.k2_basis == "week"
        rows.append(GoalRow("k2_long_ug", goal.k2_goal_ug, usual, hard=True, weekly=weekly))
        info.append(
            TargetInfo(
                "k2_long_ug",
                "at_least",
                goal.k2_goal_ug,
                "µg",
                True,
                goal.k2_basis,
                _citations("k2_goal_ug"),
                "your choice, not a requirement: no authority sets a K2 amount"
                + (
                    "; on average over the days (MK-7 stays in the blood for days)"
                    if weekly
                    else ""
                ),
                usual=usual,
            )
        )
    if person.summary is not None and person.summary.days:
        for name, target in (
            ("calcium_mg", t.calcium),
            ("vitamin_d_ug", t.vitamin_d),
            ("magnesium_mg", t.magnesium),
        ):
            if target.value is None:
                continue
            usual = person.usual_value(name)
            rows.append(GoalRow(name, float(target.value), usual, hard=False, weekly=True))
            info.append(
                TargetInfo(
                    name,
                    "at_least",
                    float(target.value),
                    target.unit.replace("ug", "µg"),
                    False,
                    "week",
                    target.source_keys,
                    f"{target.body} {target.kind}, a goal for usual intake: on average over the "
                    "days, reached where the limits allow (a shortfall is shown)",
                    usual=usual,
                )
            )
    else:
        notes.append(
            "Calcium, vitamin D and magnesium are not planned without a diary: your usual "
            "intake of them is unknown (unknown is not zero). Add a diary to plan them."
        )
    uppers = _uppers(person)
    for (name, room), i in uppers:
        if room <= 0:
            notes.append(
                f"Your usual {field_label(name)} ({i.usual:g} {i.unit}) is already at or above "
                f"its UL ({i.amount:g} {i.unit}); the plan adds none."
            )
        info.append(i)
    mg_ul = t.magnesium_ul.value
    if mg_ul is not None and person.profile.supplements.magnesium_mg > mg_ul:
        notes.append(
            f"Your magnesium supplement ({person.profile.supplements.magnesium_mg:g} mg/d) is "
            f"above the UL for supplemental magnesium ({mg_ul:g} mg/d) [IOM1997; ODS-Mg]."
        )
    return Targets(tuple(rows), tuple(u for u, _ in uppers), None, tuple(info), tuple(notes))
