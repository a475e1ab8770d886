"""When no plan meets every goal: which goal, how far food gets, and which limit binds.

The model is elastic, so it always returns the best plan that exists. When a hard goal is
still short (or, in steady mode, a day falls outside the band), each limit the person set
is relaxed in turn (a supplement, soy, dairy, the next diet pattern, the dislikes, the
energy budget, the days a week, the servings a day, the K2 basis) and the model solved
again; the relaxations that close the gap are named in the message, e.g. "vegan and
soy-free, no supplement: food reaches at most 4 µg/d long-chain K2 (goal 90 µg/d); allow a
supplement or soy".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from vitk.planner.candidates import Candidate, field_label
from vitk.planner.goals import PlanGoal
from vitk.planner.model import ModelSpec, Solution
from vitk.planner.person import Person
from vitk.planner.steps import SHORTFALL_TOL
from vitk.planner.targets import Targets

__all__ = ["Binding", "diagnose", "either"]


def either(options: Sequence[str]) -> str:
    """``a or b``; ``a, or b, or c`` (so that "dairy and eggs" stays one option)."""
    return " or ".join(options) if len(options) <= 2 else ", or ".join(options)


def _short(name: str) -> str:
    return "long-chain K2" if name == "k2_long_ug" else field_label(name)


#: The next, wider diet pattern, and what to say to allow it.
_WIDER = {
    "vegan": ("vegetarian", "dairy and eggs"),
    "vegetarian": ("pescatarian", "fish"),
    "pescatarian": ("omnivore", "meat"),
}
RELAX_TIME_LIMIT_S = 2.0


@dataclass(frozen=True)
class Binding:
    """What binds: the goal left short, what food reaches, and the relaxations that help."""

    goal: str
    goal_amount: float
    reached: float
    unit: str
    context: str
    relaxations: tuple[str, ...]
    tried: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.goal,
            "label": field_label(self.goal),
            "goal_amount": round(self.goal_amount, 1),
            "reached": round(self.reached, 1),
            "unit": self.unit,
            "context": self.context,
            "relaxations_that_help": list(self.relaxations),
            "relaxations_tried": list(self.tried),
            "message": self.message,
        }


def _context(person: Person, goal: PlanGoal, spec: ModelSpec) -> str:
    diet = person.profile.diet
    words: list[str] = [diet.pattern]
    if diet.dairy_free:
        words.append("dairy-free")
    if diet.soy_free:
        words.append("soy-free")
    text = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
    if person.steady:
        return f"{text}, on a vitamin K antagonist (no supplement)"
    if spec.forced_supplement is not None:
        return f"{text}, with {spec.forced_supplement.label}"
    if not spec.supplements:
        why = " (left to your doctor or midwife)" if person.supplement_left_to_clinician else ""
        if goal.supplement == "none":
            why = ""
        return f"{text}, no supplement{why}"
    return f"{text}, with a supplement allowed"


def _relaxations(
    person: Person, goal: PlanGoal, spec: ModelSpec
) -> list[tuple[str, Callable[[Person, PlanGoal], tuple[Person, PlanGoal]]]]:
    out: list[tuple[str, Callable[[Person, PlanGoal], tuple[Person, PlanGoal]]]] = []
    diet = person.profile.diet
    if not person.steady and not spec.supplements and spec.forced_supplement is None:
        # The strongest MK-7 strength: if it does not close the gap, no supplement does.
        out.append(("a supplement", lambda p, g: (p, replace(g, supplement="MK-7 200"))))

    def with_diet(**changes: Any) -> Callable[[Person, PlanGoal], tuple[Person, PlanGoal]]:
        def apply(p: Person, g: PlanGoal) -> tuple[Person, PlanGoal]:
            prof = p.profile.model_copy(update={"diet": p.profile.diet.model_copy(update=changes)})
            return replace(p, profile=prof), g

        return apply

    if diet.soy_free:
        out.append(("soy", with_diet(soy_free=False)))
    if diet.dairy_free:
        out.append(("dairy", with_diet(dairy_free=False)))
    if diet.pattern in _WIDER:
        wider, words = _WIDER[diet.pattern]
        out.append((words, with_diet(pattern=wider)))
    if diet.dislikes:
        out.append(("the foods you dislike", with_diet(dislikes=())))
    more = min(2 * goal.energy_share, 1.0)
    out.append(
        (
            f"more energy from the planned foods (energy_share={more:g})",
            lambda p, g: (p, replace(g, energy_share=min(2 * g.energy_share, 1.0))),
        )
    )
    if goal.max_days_per_week < 7:
        out.append(
            (
                "the same food on more days (max_days=7)",
                lambda p, g: (p, replace(g, max_days_per_week=7)),
            )
        )
    if goal.max_servings_per_day < 4:
        out.append(
            (
                f"more servings a day (max_servings={goal.max_servings_per_day + 2})",
                lambda p, g: (p, replace(g, max_servings_per_day=g.max_servings_per_day + 2)),
            )
        )
    if not person.steady and goal.k2_basis == "day" and goal.k2_goal_ug > 0:
        out.append(
            (
                "counting K2 over the week (k2_basis=week)",
                lambda p, g: (p, replace(g, k2_basis="week")),
            )
        )
    return out


def _closes(person: Person, goal: PlanGoal, pool: Sequence[Candidate], n: int, name: str) -> bool:
    """Whether the model meets goal ``name`` (or the band) for this person and goal."""
    from vitk.planner.steps import (
        band_misses,
        fitting_candidates,
        model_candidates,
        model_spec,
        shortfalls,
        solve_plan,
    )
    from vitk.planner.targets import plan_targets

    g = replace(goal, time_limit_s=min(goal.time_limit_s, RELAX_TIME_LIMIT_S))
    targets = plan_targets(person, g)
    fitting, _ = fitting_candidates(pool, person, g)
    cands = model_candidates(fitting, targets, n)
    spec = model_spec(person, g, targets)
    sol = solve_plan(cands, spec, time_limit_s=g.time_limit_s)
    if spec.band is not None:
        return not band_misses(sol, cands, spec)
    return name not in shortfalls(sol, spec)


def _reached(sol: Solution, cands: Sequence[Candidate], spec: ModelSpec, name: str) -> float:
    """Mean daily amount of ``name`` the plan's foods and supplement bring."""
    v = np.array([c.value(name) for c in cands], float)
    foods = float((sol.servings @ v).mean()) if len(cands) else 0.0
    supp = 0.0
    if sol.supplement is not None:
        from vitk.planner.model import _supplement_adds

        supp = _supplement_adds(sol.supplement, name)
    return foods + supp


def diagnose(
    person: Person,
    goal: PlanGoal,
    targets: Targets,
    pool: Sequence[Candidate],
    cands: Sequence[Candidate],
    sol: Solution,
    spec: ModelSpec,
    short: dict[str, float],
    misses: list[int],
    n: int,
    *,
    relax: bool = True,
) -> Binding:
    """The binding constraint and the one-line message (see the module docstring).

    With ``relax=False`` no relaxation is tried (the message names the goal only).
    """
    context = _context(person, goal, spec)
    tried = _relaxations(person, goal, spec) if relax else []
    if spec.band is not None:
        band = spec.band
        totals = [
            band.base_ug
            + sum(int(sol.servings[d, f]) * c.value("k_total_ug") for f, c in enumerate(cands))
            for d in range(spec.days)
        ]
        helps = tuple(
            label for label, fn in tried if _closes(*fn(person, goal), pool, n, "k_total_ug")
        )
        reach = f"{min(totals):.0f}-{max(totals):.0f}" if totals else "0"
        msg = (
            f"{context}: the foods that fit give {reach} µg/d of vitamin K, not "
            f"{band.target_ug:.0f} µg/d ± {band.band_pct:g} % on every day"
            + (f"; allow {either(helps)}" if helps else "; agree a target with your clinic")
            + "."
        )
        return Binding(
            "k_total_ug",
            band.target_ug,
            float(np.mean(totals)) if totals else 0.0,
            "µg",
            context,
            helps,
            tuple(label for label, _ in tried),
            msg,
        )
    # The goal left shortest (as a share of what the plan had to add).
    needs = {g.name: g for g in spec.goals}
    name = max(short, key=lambda k: short[k] / max(needs[k].need, 1e-9))
    row = needs[name]
    helps = tuple(label for label, fn in tried if _closes(*fn(person, goal), pool, n, name))
    reached = _reached(sol, cands, spec, name)
    unit = "µg"
    info = next((i for i in targets.info if i.name == name), None)
    if info is not None:
        unit = info.unit
    usual = f" on top of your usual {row.base:.0f} {unit}/d" if row.base > 0 else ""
    if row.weekly:
        reach = (
            f"food reaches at most {reached:.0f} {unit}/d {_short(name)}{usual} "
            f"(goal {row.amount:g} {unit}/d on average)"
        )
    else:
        met = int((sol.shortfall[name] <= SHORTFALL_TOL * max(row.need, 1e-9)).sum())
        reach = (
            f"food reaches {row.amount:g} {unit}/d {_short(name)}{usual} on at most {met} of "
            f"{spec.days} days (goal: every day)"
        )
    msg = (
        f"{context}: {reach}"
        + (f"; allow {either(helps)}" if helps else "; no single change of the limits reaches it")
        + "."
    )
    return Binding(
        name,
        row.amount,
        reached + row.base,
        unit,
        context,
        helps,
        tuple(label for label, _ in tried),
        msg,
    )
