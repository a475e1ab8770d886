"""``vitk.plan``: a week of foods (and a supplement only where food cannot get there).

The steps: read the person (:mod:`vitk.planner.person`), set the targets
(:mod:`vitk.planner.targets`), keep the candidate foods that fit
(:mod:`vitk.planner.candidates`), solve the mixed-integer program with HiGHS
(:mod:`vitk.planner.model`), and, when a goal cannot be met, find which limit binds
(:mod:`vitk.planner.diagnose`). The result (:class:`vitk.planner.result.Plan`) adds the
shopping list, the exchange list for antagonist users, the predicted effect and the safety
text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.errors import InputError
from vitk.planner.candidates import candidate_pool
from vitk.planner.goals import PlanGoal, parse_goal
from vitk.planner.person import assess
from vitk.planner.steps import (
    CANDIDATES_PER_GOAL,
    band_misses,
    fitting_candidates,
    model_candidates,
    model_spec,
    shortfalls,
    solve_plan,
)
from vitk.planner.targets import plan_targets

if TYPE_CHECKING:
    from vitk.advisor.profile import Profile
    from vitk.foods.catalogue import Catalogue
    from vitk.planner.result import Plan

__all__ = ["plan"]


def _coerce_profile(profile: Profile | Mapping[str, Any] | str | Path) -> Profile:
    from vitk.advisor.engine import _coerce_profile as coerce

    return coerce(profile)


def plan(
    profile: Profile | Mapping[str, Any] | str | Path,
    diary: Any = None,
    goal: str | Mapping[str, Any] | Sequence[str] | PlanGoal | None = None,
    *,
    catalogue: Catalogue | None = None,
    effect: bool = True,
    candidates_per_goal: int = CANDIDATES_PER_GOAL,
    explain: bool = True,
) -> Plan:
    """A plan of foods (and at most one supplement) that reaches the person's vitamin K goal.

    Parameters
    ----------
    profile : Profile, mapping or path
        The person (as :func:`vitk.advise` takes it).
    diary : path, list of rows, Diary or IntakeSummary, optional
        What the person usually eats: the plan adds to it (goal mode), or keeps each day's
        vitamin K near its mean (vitamin K antagonist: steady mode).
    goal : str, mapping, list of str or PlanGoal, optional
        Changes to the defaults (:func:`vitk.planner.goals.parse_goal`), e.g.
        ``"k2=120,supplement=none"``.
    catalogue : Catalogue, optional
        Foods to plan from (default: the curated foods and the shipped USDA SR28 table).
    effect : bool
        Run the pharmacology models for the predicted effect (about a second).
    candidates_per_goal : int
        Foods kept per goal, per serving and per kcal each.
    explain : bool
        When a goal cannot be met, find which limit binds (a few more solves) for the
        message; without it the message names the goal and what food reaches only.

    Returns
    -------
    Plan
        ``status`` (``optimal``, ``infeasible`` or ``time_limit``), the days, the supplement,
        the shopping list, the exchange list (steady mode), the predicted effect, the safety
        text and the references; ``Plan.to_dict()`` is the JSON contract.

    Raises
    ------
    InputError
        A bad profile, diary or goal; a baby under 1 year; an antagonist user who asks for
        a supplement, or who gives neither a diary nor a target.
    """
    from vitk.foods.catalogue import default_catalogue
    from vitk.planner.diagnose import diagnose
    from vitk.planner.result import assemble
    from vitk.references import citation_log

    p = _coerce_profile(profile)
    g = parse_goal(goal)
    if candidates_per_goal < 1:
        raise InputError(f"candidates_per_goal must be ≥ 1; got {candidates_per_goal}.")
    with citation_log() as keys:
        person = assess(p, diary, catalogue)
        if person.steady and g.requested_supplement is not None:
            raise InputError(
                f"No supplement is planned for someone on a vitamin K antagonist (asked: "
                f"{g.supplement}); never start, stop or change vitamin K without your "
                "anticoagulation clinic. Remove goal 'supplement'."
            )
        cat = catalogue or default_catalogue()
        pool = candidate_pool(cat)
        targets = plan_targets(person, g)
        fitting, excluded = fitting_candidates(pool, person, g)
        cands = model_candidates(fitting, targets, candidates_per_goal)
        spec = model_spec(person, g, targets)
        sol = solve_plan(cands, spec, time_limit_s=g.time_limit_s)
        short = shortfalls(sol, spec)
        misses = band_misses(sol, cands, spec)
        binding = None
        if short or misses:
            binding = diagnose(
                person,
                g,
                targets,
                pool,
                cands,
                sol,
                spec,
                short,
                misses,
                candidates_per_goal,
                relax=explain,
            )
        result = assemble(
            person=person,
            goal=g,
            targets=targets,
            cands=cands,
            fitting=fitting,
            pool_size=len(pool),
            excluded=excluded,
            spec=spec,
            sol=sol,
            binding=binding,
            effect=effect,
            cited=keys,
        )
    return result
