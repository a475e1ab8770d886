"""Meal planner: a week of foods (and a supplement only where food cannot get there).

:func:`plan` turns the food table, the person's targets, their profile and an optional
diary into a plan a person can shop for, solved as a mixed-integer program with HiGHS.
People on a vitamin K antagonist get a steady-intake plan instead: each day's vitamin K
near their usual amount, an exchange list, and never a supplement. See ``docs/planner.md``.
Not medical advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Plan", "PlanGoal", "parse_goal", "plan", "render"]

if TYPE_CHECKING:
    from vitk.planner.core import plan
    from vitk.planner.goals import PlanGoal, parse_goal
    from vitk.planner.report import render
    from vitk.planner.result import Plan


def __getattr__(name: str) -> Any:
    if name == "plan":
        from vitk.planner.core import plan

        return plan
    if name in ("PlanGoal", "parse_goal"):
        from vitk.planner import goals

        return getattr(goals, name)
    if name == "Plan":
        from vitk.planner.result import Plan

        return Plan
    if name == "render":
        from vitk.planner.report import render

        return render
    raise AttributeError(f"module 'vitk.planner' has no attribute {name!r}")
