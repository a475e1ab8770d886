"""The planner's steps, shared by :func:`vitk.planner.plan` and the infeasibility check.

Candidates that fit the person, the few the model sees, the model's settings, the solve,
and the reading of the solution (goals left short, days outside the steady band).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from vitk.planner.candidates import (
    Candidate,
    exclusion_reason,
    select_candidates,
    spread_candidates,
)
from vitk.planner.goals import PlanGoal, SupplementOption, supplement_options
from vitk.planner.model import ModelSpec, Solution, build_model, solve
from vitk.planner.person import Person
from vitk.planner.targets import Targets

__all__ = [
    "CANDIDATES_PER_GOAL",
    "SHORTFALL_TOL",
    "SHORT_MIP_REL_GAP",
    "band_misses",
    "fitting_candidates",
    "model_candidates",
    "model_spec",
    "shortfalls",
    "solve_plan",
    "supplement_order",
]

#: Foods kept per goal, per serving and per kcal each (the model's size; see docs/planner.md).
CANDIDATES_PER_GOAL = 10
#: A shortfall below this share of a goal is solver round-off, not a shortfall. [1]
SHORTFALL_TOL = 1e-3
#: Relative MIP gap of the second solve when a hard goal cannot be met (see solve_plan). [1]
SHORT_MIP_REL_GAP = 1e-4


def fitting_candidates(
    pool: Sequence[Candidate], person: Person, goal: PlanGoal
) -> tuple[list[Candidate], dict[str, int]]:
    """Candidates that fit the person, and how many were left out for each reason."""
    from vitk.planner.goals import planner_settings

    mk7_max = float(planner_settings()["defaults"]["vka_mk7_max_ug_per_serving"]["value"])
    excluded: dict[str, int] = {}
    out = []
    for c in pool:
        reason = exclusion_reason(c, person.profile, vka=person.steady, vka_mk7_max_ug=mk7_max)
        if reason is None:
            out.append(c)
        else:
            excluded[reason] = excluded.get(reason, 0) + 1
    return out, excluded


def model_candidates(fitting: Sequence[Candidate], targets: Targets, n: int) -> list[Candidate]:
    if targets.band is not None:
        keep = {c.food_id: c for c in spread_candidates(fitting, "k_total_ug")}
        for c in select_candidates(fitting, ["k_total_ug"], n=n):
            keep.setdefault(c.food_id, c)
        return [c for c in fitting if c.food_id in keep]
    hard = [g.name for g in targets.goals if g.need > 0 and g.hard]
    soft = [g.name for g in targets.goals if g.need > 0 and not g.hard]
    ids = {c.food_id for c in select_candidates(fitting, hard, n=n)}
    # Soft goals (calcium, vitamin D, magnesium) take half as many: they are met where the
    # limits allow, and every food added is more work for the solver.
    ids |= {c.food_id for c in select_candidates(fitting, soft, n=max(1, n // 2))}
    return [c for c in fitting if c.food_id in ids]


def model_spec(person: Person, goal: PlanGoal, targets: Targets) -> ModelSpec:
    """The model's settings for this person and goal."""
    from vitk.planner.goals import planner_settings

    allowed: tuple[Any, ...] = ()
    forced = goal.requested_supplement
    if not person.steady and goal.supplement == "auto" and not person.supplement_left_to_clinician:
        allowed = supplement_options()
    leafy = None
    if person.kidney:
        leafy = int(planner_settings()["defaults"]["kidney_leafy_greens_per_day"]["value"])
    return ModelSpec(
        days=goal.days,
        goals=targets.goals,
        uppers=targets.uppers,
        energy_budget_kcal=goal.energy_budget_kcal,
        max_servings=goal.max_servings_per_day,
        days_limit=goal.days_limit,
        supplements=allowed,
        forced_supplement=forced,
        leafy_limit=leafy,
        band=targets.band,
        max_grams=goal.max_grams_per_day,
    )


def supplement_order(spec: ModelSpec) -> list[SupplementOption]:
    """The strengths to try, smallest dose first (MK-7 before K1 at the same dose)."""
    return sorted(spec.supplements, key=lambda o: (o.dose_ug, o.form != "MK-7"))


def solve_plan(cands: list[Candidate], spec: ModelSpec, *, time_limit_s: float) -> Solution:
    """Build and solve the model; a supplement only where food alone falls short.

    With supplements allowed, food alone is solved first; when a hard goal is still short,
    each strength is tried in :func:`supplement_order` with the supplement fixed, and the
    first that closes every hard goal is kept (or the last one tried). So the supplement
    is the smallest strength that closes the gap, and each solve's 1 % gap is relative to
    the food plan, not to a supplement's weight. ``solve_s`` adds up every solve.

    When a hard goal is short in the end, its shortfall dominates the objective, so the
    1 % gap could let another goal fall short as well (a 7 µg K1 shortfall on one day is
    well inside 1 % of a week of missed K2): that plan is solved again to
    :data:`SHORT_MIP_REL_GAP`.
    """
    final = spec
    if spec.forced_supplement is not None or not spec.supplements:
        sol = solve(build_model(cands, spec), spec, time_limit_s=time_limit_s)
        total, n = sol.solve_s, 1
    else:
        final = plain = replace(spec, supplements=())
        sol = solve(build_model(cands, plain), plain, time_limit_s=time_limit_s)
        total, n = sol.solve_s, 1
        if shortfalls(sol, plain):
            for option in supplement_order(spec):
                final = replace(plain, forced_supplement=option)
                sol = solve(build_model(cands, final), final, time_limit_s=time_limit_s)
                total, n = total + sol.solve_s, n + 1
                if not shortfalls(sol, final):
                    break
    if shortfalls(sol, final):
        sol = solve(
            build_model(cands, final),
            final,
            time_limit_s=time_limit_s,
            mip_rel_gap=SHORT_MIP_REL_GAP,
        )
        total, n = total + sol.solve_s, n + 1
    return replace(sol, solve_s=total, solves=n)


def shortfalls(sol: Solution, spec: ModelSpec) -> dict[str, float]:
    """Hard goals left short: goal name → mean daily shortfall (beyond round-off)."""
    out: dict[str, float] = {}
    for g in spec.goals:
        if not g.hard or g.name not in sol.shortfall:
            continue
        short = sol.shortfall[g.name]
        mean = float(short.sum()) / spec.days
        if mean > SHORTFALL_TOL * max(g.need, 1e-9):
            out[g.name] = mean
    return out


def band_misses(sol: Solution, cands: Sequence[Candidate], spec: ModelSpec) -> list[int]:
    """Days (0-based) whose total vitamin K falls outside the steady band."""
    if spec.band is None:
        return []
    band = spec.band
    tol = SHORTFALL_TOL * band.target_ug
    out = []
    for d in range(spec.days):
        total = band.base_ug + sum(
            int(sol.servings[d, f]) * c.value("k_total_ug") for f, c in enumerate(cands)
        )
        if total < band.low_ug - tol or total > band.high_ug + tol:
            out.append(d)
    return out
