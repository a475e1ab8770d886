"""The plan as a result: days, supplement, shopping list, exchange list, effect, safety.

:meth:`Plan.to_dict` is the JSON contract the web page, the API and scripts rely on
(``docs/planner.md``): ``status``, ``goal``, ``days`` (``day``, ``items``, ``totals``),
``supplement``, ``shopping_list``, ``exchange_list``, ``predicted_effect``, ``safety``,
``references``, plus ``message``, ``mode``, ``solver``, ``candidates``, ``usual``,
``notes`` and ``disclaimer``. ``totals`` use the intake JSON's field names
(:data:`vitk.intake.DAY_FIELDS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vitk.intake.engine import DAY_FIELDS
from vitk.nutrients import BASE_FIELDS, TOTALS
from vitk.planner.candidates import Candidate
from vitk.planner.diagnose import Binding
from vitk.planner.goals import PlanGoal, defaults_table, planner_settings
from vitk.planner.model import SUPPLEMENT_FIELD, ModelSpec, Solution
from vitk.planner.person import Person
from vitk.planner.targets import Targets

__all__ = ["PLAN_STATUSES", "Plan", "assemble"]

#: Every value of ``Plan.status``.
PLAN_STATUSES = ("optimal", "infeasible", "time_limit")


def _r(x: float) -> float:
    return round(float(x), 2)


@dataclass
class Plan:
    """A meal plan (see the module docstring for the JSON form)."""

    status: str
    mode: str  # "goal" | "steady"
    message: str | None
    goal: dict[str, Any]
    days: list[dict[str, Any]]
    supplement: dict[str, Any] | None
    shopping_list: list[dict[str, Any]]
    exchange_list: list[dict[str, Any]] | None
    predicted_effect: dict[str, Any] | None
    safety: list[dict[str, Any]]
    references: list[dict[str, str]]
    solver: dict[str, Any]
    candidates: dict[str, Any]
    usual: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    binding: dict[str, Any] | None = None
    person: dict[str, Any] = field(default_factory=dict)
    disclaimer: str = ""

    @property
    def feasible(self) -> bool:
        return self.status != "infeasible"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": self.message,
            "mode": self.mode,
            "person": self.person,
            "goal": self.goal,
            "days": self.days,
            "supplement": self.supplement,
            "shopping_list": self.shopping_list,
            "exchange_list": self.exchange_list,
            "predicted_effect": self.predicted_effect,
            "safety": self.safety,
            "references": self.references,
            "solver": self.solver,
            "candidates": self.candidates,
            "usual": self.usual,
            "binding": self.binding,
            "notes": self.notes,
            "disclaimer": self.disclaimer,
        }


def _with_totals(base: dict[str, float]) -> dict[str, float]:
    v = {f: base.get(f, 0.0) for f in BASE_FIELDS}
    for total, parts in TOTALS.items():
        v[total] = sum(v[p] for p in parts)
    return {f: v[f] for f in DAY_FIELDS}


def _item(c: Candidate, n: int) -> dict[str, Any]:
    values: dict[str, float | None] = {}
    for f in DAY_FIELDS:
        values[f] = _r(n * c.value(f)) if c.measured(f) else None
    return {
        "food_id": c.food_id,
        "name": c.name,
        "servings": n,
        "portion": c.portion,
        "grams": _r(n * c.grams),
        "energy_kcal": round(n * c.energy_kcal, 1),
        "energy_estimated": c.energy_estimated,
        "values": values,
        "source_keys": {f: list(c.keys_for(f)) for f in (*DAY_FIELDS, "energy") if c.keys_for(f)},
    }


def _day_base(person: Person, steady: bool) -> dict[str, float]:
    if steady:
        return dict(person.k_supplements)
    return {f: person.usual.get(f, 0.0) for f in BASE_FIELDS}


def _goal_checks(
    totals: dict[str, float], targets: Targets, week_means: dict[str, float]
) -> list[dict[str, Any]]:
    out = []
    for info in targets.info:
        amount = (
            totals["mk7_ug"] + totals["mk_long_other_ug"]
            if info.name == "k2_long_ug"
            else totals[info.name]
        )
        if info.kind == "at_least":
            judged = week_means.get(info.name, amount) if info.basis == "week" else amount
            met = judged >= info.amount * (1 - 1e-6)
        elif info.kind == "at_most":
            met = amount <= info.amount * (1 + 1e-6)
        else:
            lo = info.low if info.low is not None else 0.0
            hi = info.high if info.high is not None else float("inf")
            met = lo * (1 - 1e-6) <= amount <= hi * (1 + 1e-6)
        out.append(
            {
                "field": info.name,
                "kind": info.kind,
                "amount": _r(amount),
                "target": _r(info.amount),
                "basis": info.basis,
                "hard": info.hard,
                "met": bool(met),
            }
        )
    return out


def _safety(person: Person, goal: PlanGoal, spec: ModelSpec, sol: Solution) -> list[dict[str, Any]]:
    from vitk.advisor.engine import advise

    report = advise(person.profile, person.summary)
    own: list[dict[str, Any]] = []
    d = planner_settings()["defaults"]
    if person.steady and spec.band is not None:
        b = spec.band
        own.append(
            {
                "rule_id": "PLAN-STEADY",
                "severity": "critical",
                "message": (
                    f"This plan keeps your vitamin K steady at about {b.target_ug:.0f} µg a day "
                    f"(± {b.band_pct:g} %: {b.low_ug:.0f}-{b.high_ug:.0f} µg). It does not start, "
                    "stop or change any supplement, and it leaves out foods with "
                    f"{d['vka_mk7_max_ug_per_serving']['value']:g} µg or more of MK-7 a serving. "
                    "Agree the target with your anticoagulation clinic before you follow it, and "
                    "have your INR checked as they advise [ODS-K; Lurie2010; Schurgers2007]."
                ),
                "citations": ["ODS-K", "Lurie2010", "Schurgers2007"],
            }
        )
    if not person.steady and person.supplement_left_to_clinician and not spec.forced_supplement:
        own.append(
            {
                "rule_id": "PLAN-NO-SUPPLEMENT",
                "severity": "warning",
                "message": (
                    "No supplement is planned for you: in pregnancy, while breastfeeding and "
                    "under 18, supplement decisions are for your midwife or doctor; the plan "
                    "uses food only [ODS-K; EFSA2017]."
                ),
                "citations": ["ODS-K", "EFSA2017"],
            }
        )
    if person.kidney:
        n = d["kidney_leafy_greens_per_day"]["value"]
        own.append(
            {
                "rule_id": "PLAN-KIDNEY",
                "severity": "warning",
                "message": (
                    f"Kidney disease: the plan has at most {n} serving(s) of leafy greens a day, "
                    "since potassium limits often restrict them [Neofytou2024]. vitk's tables "
                    "hold no potassium or phosphorus: your renal dietitian's limits come first; "
                    "check the plan with them."
                ),
                "citations": ["Neofytou2024"],
            }
        )
    if sol.supplement is not None and not person.steady:
        own.append(
            {
                "rule_id": "PLAN-SUPPLEMENT",
                "severity": "info",
                "message": (
                    f"The plan includes {sol.supplement.label}"
                    + (
                        ", as you asked"
                        if spec.forced_supplement is not None
                        else ", because food within the limits cannot reach the goal"
                    )
                    + ": a form and a dose, never a brand. Tell your doctor or pharmacist "
                    "about any supplement you take [ODS-K]."
                ),
                "citations": ["ODS-K"],
            }
        )
    advisor = [
        {
            "rule_id": s.rule_id,
            "severity": s.severity,
            "message": s.message,
            "citations": list(s.citations),
        }
        for s in report.safety
    ]
    order = {"critical": 0, "warning": 1, "info": 2}
    return sorted([*own, *advisor], key=lambda s: order.get(str(s["severity"]), 3))


def assemble(
    *,
    person: Person,
    goal: PlanGoal,
    targets: Targets,
    cands: Sequence[Candidate],
    fitting: Sequence[Candidate],
    pool_size: int,
    excluded: dict[str, int],
    spec: ModelSpec,
    sol: Solution,
    binding: Binding | None,
    effect: bool,
    cited: list[str],
) -> Plan:
    """The :class:`Plan` from a solved model."""
    from vitk.advisor.report import DISCLAIMER
    from vitk.planner.effect import day_split, predicted_effect
    from vitk.planner.exchange import exchange_list
    from vitk.references import cite, resolve

    steady = spec.band is not None
    base = _day_base(person, steady)
    supp_field = SUPPLEMENT_FIELD[sol.supplement.form] if sol.supplement else None
    days: list[dict[str, Any]] = []
    day_items: list[list[tuple[Candidate, int]]] = []
    all_totals: list[dict[str, float]] = []
    for d in range(spec.days):
        items = [
            (c, int(sol.servings[d, f])) for f, c in enumerate(cands) if sol.servings[d, f] > 0
        ]
        day_items.append(items)
        added = {f: 0.0 for f in BASE_FIELDS}
        for c, n in items:
            for f, v in c.per_serving.items():
                added[f] += n * v
        if sol.supplement is not None and supp_field is not None:
            added[supp_field] += sol.supplement.dose_ug
        totals = _with_totals({f: base.get(f, 0.0) + added[f] for f in BASE_FIELDS})
        all_totals.append(totals)
        days.append(
            {
                "day": d + 1,
                "items": [_item(c, n) for c, n in items],
                "totals": {f: _r(v) for f, v in totals.items()},
                "added": {f: _r(v) for f, v in _with_totals(added).items()},
                "energy_kcal": round(sum(n * c.energy_kcal for c, n in items), 1),
            }
        )
    n_days = max(len(all_totals), 1)
    week_means = {
        "k2_long_ug": sum(t["mk7_ug"] + t["mk_long_other_ug"] for t in all_totals) / n_days
    }
    for day, totals in zip(days, all_totals, strict=True):
        day["goals"] = _goal_checks(totals, targets, week_means)
    shopping: dict[str, dict[str, Any]] = {}
    for d, items in enumerate(day_items):
        for c, n in items:
            row = shopping.setdefault(
                c.food_id,
                {
                    "food_id": c.food_id,
                    "name": c.name,
                    "servings": 0,
                    "portion": c.portion,
                    "portion_grams": _r(c.grams),
                    "grams": 0.0,
                    "days": [],
                },
            )
            row["servings"] += n
            row["grams"] = _r(row["grams"] + n * c.grams)
            row["days"].append(d + 1)
    planned = [c for c in cands if c.food_id in shopping]
    exchange = (
        exchange_list(
            planned,
            fitting,
            tolerance_pct=goal.vka_band_pct,
            max_servings=goal.max_servings_per_day,
            max_energy_kcal=goal.energy_budget_kcal,
        )
        if steady
        else None
    )
    status = "infeasible" if binding is not None else sol.status
    effect_out = None
    if effect and (shopping or sol.supplement is not None):
        plan_supp = dict(base if steady else {})
        if sol.supplement is not None and supp_field is not None:
            plan_supp[supp_field] = plan_supp.get(supp_field, 0.0) + sol.supplement.dose_ug
        plan_days = [day_split(items, plan_supp) for items in day_items]
        current = _current_days(person) if steady else None
        labs = person.profile.labs
        target_inr = 2.5
        if labs.inr_target_low is not None and labs.inr_target_high is not None:
            target_inr = (labs.inr_target_low + labs.inr_target_high) / 2.0
        effect_out = predicted_effect(
            plan_days, current, steady=steady, vka=person.inr_vka, target_inr=target_inr
        )
    safety = _safety(person, goal, spec, sol)
    keys = list(cited)
    for info in targets.info:
        keys += info.source_keys
    for s in safety:
        keys += s["citations"]
    for c in planned:
        for ks in c.source_keys.values():
            keys += ks
    if effect_out is not None:
        for block in ("serum", "carboxylation", "inr"):
            if effect_out.get(block):
                keys += effect_out[block]["references"]
    for spec_row in defaults_table():
        keys += spec_row["citations"]
    cite(*dict.fromkeys(keys))
    refs = [{"key": r.key, "citation": r.formatted()} for r in resolve(dict.fromkeys(keys))]
    excluded_out = dict(sorted(excluded.items()))
    p = person.profile
    return Plan(
        status=status,
        mode="steady" if steady else "goal",
        message=binding.message if binding is not None else None,
        goal={
            "settings": goal.to_dict(),
            "energy_budget_kcal": _r(goal.energy_budget_kcal),
            "days_limit": goal.days_limit,
            "targets": [i.to_dict() for i in targets.info],
            "defaults": defaults_table(),
            "life_stage": person.stage.label,
        },
        days=days,
        supplement=sol.supplement.to_dict() if sol.supplement else None,
        shopping_list=sorted(shopping.values(), key=lambda r: (-r["servings"], r["name"])),
        exchange_list=exchange,
        predicted_effect=effect_out,
        safety=safety,
        references=refs,
        solver=sol.to_dict(),
        candidates={
            "plannable_foods": pool_size,
            "fitting_person": len(fitting),
            "in_model": len(cands),
            "excluded": excluded_out,
        },
        usual=person.usual_to_dict(),
        notes=[*person.notes, *targets.notes],
        binding=binding.to_dict() if binding is not None else None,
        person={
            "name": p.name,
            "life_stage": person.stage.label,
            "diet": p.diet.model_dump(mode="json"),
            "steady_mode": steady,
            "vitamin_k_antagonists": list(person.vka_names),
            "kidney_disease": person.kidney,
        },
        disclaimer=DISCLAIMER,
    )


def _current_days(person: Person) -> list[dict[str, dict[str, float]]] | None:
    """The diary's days as µg by form and matrix (steady mode's comparison)."""
    summary = person.summary
    if summary is None or not summary.days:
        return None
    by_matrix: dict[Any, dict[str, float]] = {}
    if person.diary is not None:
        from vitk.pharmacology.diary import _food_by_matrix

        by_matrix = _food_by_matrix(person.diary, summary, None)
    out = []
    field_of = {"k1": "k1_ug", "mk4": "mk4_ug", "mk7": "mk7_ug"}
    for day in summary.days:
        split: dict[str, dict[str, float]] = {}
        for code, fld in field_of.items():
            total = float(day.values.get(fld, 0.0))
            parts = dict(by_matrix.get((day.date, code), {}))
            food = sum(parts.values())
            if total - food > 1e-9:
                parts["supplement"] = parts.get("supplement", 0.0) + (total - food)
            if not parts and total > 0:
                parts = {"other food": total}
            split[code] = parts
        out.append(split)
    return out
