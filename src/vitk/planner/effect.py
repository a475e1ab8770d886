"""Predicted effect of a plan, through the pharmacology models (illustration, not advice).

The plan's days are repeated until the models settle: :data:`PK_DAYS` for serum levels and
the INR, :data:`MARKER_DAYS` for the carboxylation markers. Each day's K1, MK-4 and MK-7
is one dose at midday in its food matrix (as :mod:`vitk.pharmacology.diary` places a
diary's day), a supplement in the supplement matrix.

* **Goal mode**: the models' baseline stands for the person's usual diet, so the plan's
  additions (planned foods and supplement) are what is simulated: serum MK-7 and K1 with
  and without them, and the change in ucOC and dp-ucMGP they bring against the usual diet.
* **Steady mode** (vitamin K antagonist): the plan's days (planned foods plus the
  supplements already taken) against the diary's days, each repeated; the INR of the same
  virtual cohort under both, and the difference per subject (median and 5-95 %).

Every result carries the model's validation block and disclaimer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from vitk.nutrients import DOSED_FORMS, NUTRIENT_FIELD

if TYPE_CHECKING:
    from vitk.pharmacology.regimens import Regimen
    from vitk.pharmacology.results import SimulationResult

__all__ = ["INR_SUBJECTS", "MARKER_DAYS", "PK_DAYS", "predicted_effect", "regimen_of_days"]

#: Days simulated for serum levels and the INR (MK-7 reaches 90 % of steady state in about
#: 10 days; the INR settles within 4 weeks). [d]
PK_DAYS = 28
#: Days simulated for ucOC and dp-ucMGP (Dalmeijer2012 reports changes at 12 weeks). [d]
MARKER_DAYS = 84
#: Virtual subjects for the INR interval (same seed for plan and diary: paired). [1]
INR_SUBJECTS = 60
INR_SEED = 2026
_FORMS: tuple[str, ...] = tuple(DOSED_FORMS)
#: Day split: per form, µg by matrix.
DaySplit = dict[str, dict[str, float]]


def regimen_of_days(days: Sequence[DaySplit], n_days: int, *, dose_time_h: float = 12.0) -> Regimen:
    """The days' doses (cycled) over ``n_days``: one dose per form a day, by matrix. [µg]"""
    from vitk.pharmacology.diary import _day_dose
    from vitk.pharmacology.regimens import Regimen

    doses = []
    for i in range(n_days):
        split = days[i % len(days)]
        t_h = 24.0 * i + dose_time_h
        for code in _FORMS:
            parts = split.get(code, {})
            total = sum(parts.values())
            doses.append(
                _day_dose(t_h, code, total, {m: a for m, a in parts.items() if m != "supplement"})
            )
    return Regimen(tuple(doses))


def _last_week_mean(res: SimulationResult, series: str) -> NDArrayLike:
    t_d = res.t_h / 24.0
    keep = t_d >= t_d[-1] - 7.0
    return np.asarray(res.series[series][:, keep].mean(axis=1), float)


NDArrayLike = Any


def _model_block(res: SimulationResult) -> dict[str, Any]:
    return {
        "validation": res.validation,
        "disclaimer": res.disclaimer,
        "references": list(res.references),
    }


def _serum(plan_reg: Regimen, current_reg: Regimen | None) -> dict[str, Any]:
    from vitk.pharmacology import simulate_pk

    plan = simulate_pk(plan_reg, days=PK_DAYS, dt_h=1.0)
    current = simulate_pk(current_reg, days=PK_DAYS, dt_h=1.0) if current_reg is not None else None
    out: dict[str, Any] = {}
    for code, label in (("mk7", "MK-7"), ("k1", "K1")):
        row: dict[str, Any] = {"label": label}
        for name, res in (("plan", plan), ("current", current)):
            if res is None:
                base = plan.meta["by_form"].get(code, {})
                row[f"{name}_nmol_per_l"] = round(float(base.get("baseline_nmol_per_l", 0.0)), 3)
                row[f"{name}_ng_per_ml"] = round(float(base.get("baseline_ng_per_ml", 0.0)), 3)
                continue
            if f"{code}_nmol_per_l" not in res.series:
                row[f"{name}_nmol_per_l"] = None
                row[f"{name}_ng_per_ml"] = None
                continue
            row[f"{name}_nmol_per_l"] = round(
                float(_last_week_mean(res, f"{code}_nmol_per_l")[0]), 3
            )
            row[f"{name}_ng_per_ml"] = round(float(_last_week_mean(res, f"{code}_ng_per_ml")[0]), 3)
        out[code] = row
    return {
        "what": "mean serum level over the last week of "
        f"{PK_DAYS} days, typical subject"
        + ("; 'current' is the model's baseline (the usual diet)" if current is None else ""),
        "by_form": out,
        **_model_block(plan),
    }


def _markers(plan_reg: Regimen, current_reg: Regimen | None) -> dict[str, Any]:
    from vitk.pharmacology import simulate_carboxylation

    plan = simulate_carboxylation(plan_reg, days=MARKER_DAYS)
    out = {k: plan.summary.get(k) for k in ("ucoc_change_pct", "dp_ucmgp_change_pct")}
    if current_reg is not None:
        cur = simulate_carboxylation(current_reg, days=MARKER_DAYS)
        for key, series in (("ucoc_change_pct", "ucoc"), ("dp_ucmgp_change_pct", "dp_ucmgp")):
            a = float(plan.series[series][0, -1])
            b = float(cur.series[series][0, -1])
            out[key] = 100.0 * (a / b - 1.0)
    return {
        "what": f"change at {MARKER_DAYS} days against "
        + ("the diary's days" if current_reg is not None else "the usual diet (no plan)"),
        "ucoc_change_pct": None
        if out["ucoc_change_pct"] is None
        else round(out["ucoc_change_pct"], 1),
        "dp_ucmgp_change_pct": None
        if out["dp_ucmgp_change_pct"] is None
        else round(out["dp_ucmgp_change_pct"], 1),
        **_model_block(plan),
    }


def _inr(plan_reg: Regimen, current_reg: Regimen, vka: str, target_inr: float) -> dict[str, Any]:
    from vitk.pharmacology import simulate_inr

    def run(regimen: Regimen) -> SimulationResult:
        return simulate_inr(
            regimen,
            days=PK_DAYS,
            vka=vka,
            target_inr=target_inr,
            subjects=INR_SUBJECTS,
            seed=INR_SEED,
            dt_h=6.0,
        )

    plan = run(plan_reg)
    cur = run(current_reg)
    a = _last_week_mean(plan, "inr")
    b = _last_week_mean(cur, "inr")
    diff = a - b
    return {
        "what": "INR over the last week of "
        f"{PK_DAYS} days, plan minus usual diary, same {INR_SUBJECTS} virtual subjects",
        "vka": vka,
        "target_inr": target_inr,
        "plan_inr": round(float(np.median(a)), 3),
        "current_inr": round(float(np.median(b)), 3),
        "change": round(float(np.median(diff)), 3),
        "change_p5": round(float(np.percentile(diff, 5)), 3),
        "change_p95": round(float(np.percentile(diff, 95)), 3),
        **_model_block(plan),
    }


def predicted_effect(
    plan_days: Sequence[DaySplit],
    current_days: Sequence[DaySplit] | None,
    *,
    steady: bool,
    vka: str = "warfarin",
    target_inr: float = 2.5,
) -> dict[str, Any]:
    """Serum MK-7 and K1, ucOC and dp-ucMGP and (steady mode) the INR; see the module doc."""
    from vitk.pharmacology.disclaimers import INR_DISCLAIMER, MODEL_DISCLAIMER

    plan_pk = regimen_of_days(plan_days, PK_DAYS)
    cur_pk = regimen_of_days(current_days, PK_DAYS) if current_days else None
    plan_m = regimen_of_days(plan_days, MARKER_DAYS)
    cur_m = regimen_of_days(current_days, MARKER_DAYS) if current_days else None
    out: dict[str, Any] = {
        "basis": (
            "the plan's days against your diary's days, each repeated"
            if steady
            else "what the plan adds (foods and supplement) on top of your usual diet"
        ),
        "serum": _serum(plan_pk, cur_pk),
        "carboxylation": _markers(plan_m, cur_m),
        "inr": None,
        "disclaimer": MODEL_DISCLAIMER,
    }
    if steady and cur_pk is not None:
        out["inr"] = _inr(plan_pk, cur_pk, vka, target_inr)
        out["disclaimer"] = INR_DISCLAIMER
    return out


def day_split(foods: Sequence[tuple[Any, int]], supplements: dict[str, float]) -> DaySplit:
    """µg by form and matrix for one day: ``(candidate, servings)`` pairs plus supplements.

    ``supplements`` maps base fields (``mk7_ug``) to µg a day.
    """
    field_code = {NUTRIENT_FIELD[c]: c for c in _FORMS}
    out: DaySplit = {c: {} for c in _FORMS}
    for cand, n in foods:
        for fld, code in field_code.items():
            amount = cand.per_serving.get(fld, 0.0) * n
            if amount > 0:
                out[code][cand.matrix] = out[code].get(cand.matrix, 0.0) + amount
    for fld, amount in supplements.items():
        form = field_code.get(fld)
        if form is not None and amount > 0:
            out[form]["supplement"] = out[form].get("supplement", 0.0) + amount
    return out
