"""The meal plan as a mixed-integer program, solved with HiGHS (``scipy.optimize.milp``).

Variables (``D`` days, ``F`` candidate foods, ``S`` supplement strengths)::

    x[d, f]  servings of food f on day d        integer, 0 … max servings a day
    w[d, k]  food of kind k is eaten on day d   binary, Σ_{f in k} x[d, f] ≤ N · w[d, k]
    z[s]     daily supplement s is taken        binary, Σ z ≤ 1
    r[g, d]  shortfall of goal g on day d       ≥ 0 (elastic: the model is always feasible)
    p[d], m[d], h⁺[d], h⁻[d], e⁺[d], e⁻[d]      steady-intake deviations (antagonist mode)

Constraints, every day d::

    Σ_f v_gf x[d,f] + Σ_s a_gs z[s] + r[g,d] ≥ L_g − base_g     each goal g (Σ_d: weekly)
    Σ_f v_hf x[d,f]                         ≤ max(U_h − base_h, 0) each upper limit h (calcium, D)
    Σ_f kcal_f x[d,f]                       ≤ energy budget
    Σ_f grams_f x[d,f]                      ≤ weight limit
    Σ_{f leafy} x[d,f]                      ≤ leafy-green limit (kidney disease)
    Σ_d w[d,k]                              ≤ days limit            each kind k of food
    base_K + Σ_f k_f x[d,f] − p[d] + m[d]   = target                antagonist mode
    p[d] − h⁺[d] ≤ ½ band·target,  m[d] − h⁻[d] ≤ ½ band·target  (inner band: no cost)
    p[d] − e⁺[d] ≤ band·target,    m[d] − e⁻[d] ≤ band·target

Objective (minimised), in order of weight: a goal's shortfall (``W_HARD`` per unit of the
goal for vitamin K, ``W_SOFT`` for calcium, vitamin D and magnesium), the steady band's
overrun, a supplement (``W_SUPPLEMENT`` plus a little per µg, so the smallest strength that
closes the gap wins), then food: its energy as a share of the budget plus ``W_SERVING`` a
serving. So a supplement enters only when food within the limits cannot reach the goal, and
a plan with a shortfall is the best plan that exists. (:func:`vitk.planner.steps.solve_plan`
reaches the same choice by solving food alone first and then each strength fixed in turn,
which keeps each solve's gap relative to the food plan.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from vitk.planner.candidates import Candidate
from vitk.planner.goals import SupplementOption

__all__ = [
    "W_HARD",
    "W_SOFT",
    "W_SUPPLEMENT",
    "Band",
    "GoalRow",
    "MilpModel",
    "ModelSpec",
    "Solution",
    "build_model",
    "solve",
]

#: Objective weight of a hard goal's shortfall, per unit of the goal (a whole goal missed).
W_HARD = 10_000.0
#: … of a soft goal's shortfall (calcium, vitamin D, magnesium to their RDA).
W_SOFT = 10.0
#: … of taking a supplement (plus :data:`W_DOSE_PER_UG` per µg).
W_SUPPLEMENT = 100.0
W_DOSE_PER_UG = 0.1
#: … of one serving (on top of its energy as a share of the budget).
W_SERVING = 0.01
#: … extra per serving of a food whose energy is an estimate (a tie-breaker).
W_ESTIMATED = 0.01
#: … extra per serving of a USDA food (a tie-breaker toward the curated, common foods).
W_USDA = 0.02
#: … of the steady-intake deviation beyond the inner band, per unit of the target.
W_DEVIATION = 2.0
#: The inner band, as a share of the band: no cost within it (any day there is as steady).
INNER_BAND = 0.25

#: Relative gap at which HiGHS stops and calls the plan optimal (1 %: the issue's target).
MIP_REL_GAP = 0.01

#: Supplement form → the base field it adds to.
SUPPLEMENT_FIELD = {"MK-7": "mk7_ug", "K1": "k1_ug"}


@dataclass(frozen=True)
class GoalRow:
    """A lower goal: ``name`` (a field or ``k2_long_ug``) at least ``amount`` a day."""

    name: str
    amount: float
    base: float
    hard: bool
    weekly: bool = False

    @property
    def need(self) -> float:
        """What the plan must add each day (the goal minus the usual intake). [unit]"""
        return max(self.amount - self.base, 0.0)


@dataclass(frozen=True)
class Band:
    """Antagonist mode: each day's total vitamin K within ``target`` ± ``band_pct`` %."""

    target_ug: float
    band_pct: float
    base_ug: float = 0.0

    @property
    def low_ug(self) -> float:
        return self.target_ug * (1 - self.band_pct / 100.0)

    @property
    def high_ug(self) -> float:
        return self.target_ug * (1 + self.band_pct / 100.0)


@dataclass(frozen=True)
class ModelSpec:
    """Everything the model needs besides the candidates."""

    days: int
    goals: tuple[GoalRow, ...]
    #: ``(field, room)``: what the foods may add each day at most (UL minus usual intake).
    uppers: tuple[tuple[str, float], ...]
    energy_budget_kcal: float
    max_servings: int
    days_limit: int
    supplements: tuple[SupplementOption, ...] = ()
    forced_supplement: SupplementOption | None = None
    leafy_limit: int | None = None
    band: Band | None = None
    #: The planned foods' weight a day, at most (None: no limit). [g]
    max_grams: float | None = None


@dataclass
class MilpModel:
    """The model in matrix form: minimise ``c @ v`` with ``lb_con ≤ A v ≤ ub_con``."""

    c: NDArray[np.float64]
    a: sparse.csr_array
    lb_con: NDArray[np.float64]
    ub_con: NDArray[np.float64]
    lb: NDArray[np.float64]
    ub: NDArray[np.float64]
    integrality: NDArray[np.int_]
    #: Index of each variable block: ``x`` (D, F), ``w`` (D, K), ``z`` (S,), ``r`` (G, D),
    #: ``p``/``m``/``eh``/``el`` (D,).
    index: dict[str, Any] = field(default_factory=dict)
    row_names: list[str] = field(default_factory=list)

    @property
    def n_vars(self) -> int:
        return int(self.c.size)

    @property
    def n_constraints(self) -> int:
        return int(self.a.shape[0])


@dataclass(frozen=True)
class Solution:
    """A solved model: servings per day and food, supplement, shortfalls, solver figures."""

    status: str  # "optimal" | "time_limit"
    servings: NDArray[np.int_]  # (D, F)
    supplement: SupplementOption | None
    shortfall: dict[str, NDArray[np.float64]]  # goal name → (D,) or (1,) for weekly
    objective: float
    mip_gap: float | None
    solve_s: float
    n_vars: int
    n_constraints: int
    message: str = ""
    #: Models solved for this plan (food alone, then each supplement strength tried).
    solves: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "solver": "HiGHS (scipy.optimize.milp)",
            "status": self.status,
            "objective": round(self.objective, 6),
            "mip_gap": None if self.mip_gap is None else round(self.mip_gap, 6),
            "solve_s": round(self.solve_s, 4),
            "variables": self.n_vars,
            "constraints": self.n_constraints,
            "solves": self.solves,
        }


class _Builder:
    def __init__(self) -> None:
        self.n = 0
        self.c: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integ: list[int] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.names: list[str] = []

    def add(self, shape: tuple[int, ...], *, cost: Any, lb: float, ub: Any, integer: bool) -> Any:
        size = int(np.prod(shape))
        idx = np.arange(self.n, self.n + size).reshape(shape)
        self.n += size
        self.c += list(np.broadcast_to(np.asarray(cost, float), shape).ravel())
        self.lb += [lb] * size
        self.ub += list(np.broadcast_to(np.asarray(ub, float), shape).ravel())
        self.integ += [1 if integer else 0] * size
        return idx

    def row(self, terms: list[tuple[int, float]], lo: float, hi: float, name: str) -> None:
        r = len(self.lo)
        for col, val in terms:
            if val != 0.0:
                self.rows.append(r)
                self.cols.append(int(col))
                self.vals.append(float(val))
        self.lo.append(lo)
        self.hi.append(hi)
        self.names.append(name)


def _supplement_adds(option: SupplementOption, name: str) -> float:
    """µg a daily supplement adds to goal field ``name``."""
    base = SUPPLEMENT_FIELD[option.form]
    if name == base or name == "k_total_ug":
        return option.dose_ug
    if name in ("k2_long_ug", "k2_total_ug"):
        return option.dose_ug if base == "mk7_ug" else 0.0
    return 0.0


def build_model(cands: list[Candidate], spec: ModelSpec) -> MilpModel:
    """The MILP for ``cands`` and ``spec`` (see the module docstring)."""
    d_n, f_n = spec.days, len(cands)
    b = _Builder()
    kcal = np.array([c.energy_kcal for c in cands], float)
    # An estimated energy (a bound) costs a little more, so measured foods win a tie; so does
    # a USDA food against a curated one (the curated table holds the common foods).
    extra = np.array(
        [
            (W_ESTIMATED if c.energy_estimated else 0.0)
            + (W_USDA if c.source_db == "usda" else 0.0)
            for c in cands
        ],
        float,
    )
    per_serving = kcal / max(spec.energy_budget_kcal, 1.0) + W_SERVING + extra
    x = b.add((d_n, f_n), cost=per_serving, lb=0.0, ub=spec.max_servings, integer=True)
    options = (spec.forced_supplement,) if spec.forced_supplement is not None else spec.supplements
    z_cost = [
        0.0 if spec.forced_supplement is not None else W_SUPPLEMENT + W_DOSE_PER_UG * o.dose_ug
        for o in options
    ]
    z = b.add((len(options),), cost=z_cost, lb=0.0, ub=1.0, integer=True)
    index: dict[str, Any] = {"x": x, "z": z}
    groups: dict[str, list[int]] = {}
    for f, c in enumerate(cands):
        groups.setdefault(c.variety_key or c.food_id, []).append(f)
    # w[d, k] = food of kind k is eaten on day d: its servings that day are at most N in
    # all (one food or its kinds), and such days at most the days limit.
    w = b.add((d_n, len(groups)), cost=0.0, lb=0.0, ub=1.0, integer=True)
    index["w"] = w
    for k, (key, members) in enumerate(groups.items()):
        for d in range(d_n):
            terms = [(x[d, f], 1.0) for f in members]
            b.row([*terms, (w[d, k], -float(spec.max_servings))], -np.inf, 0.0, f"kind:{key}")
        b.row([(w[d, k], 1.0) for d in range(d_n)], -np.inf, spec.days_limit, f"days:{key}")
    if len(options):
        lo = 1.0 if spec.forced_supplement is not None else 0.0
        b.row([(z[s], 1.0) for s in range(len(options))], lo, 1.0, "one supplement")
    for d in range(d_n):
        b.row([(x[d, f], kcal[f]) for f in range(f_n)], -np.inf, spec.energy_budget_kcal, "energy")
    if spec.max_grams is not None:
        grams = [c.grams for c in cands]
        for d in range(d_n):
            b.row([(x[d, f], grams[f]) for f in range(f_n)], -np.inf, spec.max_grams, "grams")
    if spec.leafy_limit is not None:
        leafy = [f for f, c in enumerate(cands) if c.leafy_green]
        if leafy:
            for d in range(d_n):
                b.row([(x[d, f], 1.0) for f in leafy], -np.inf, spec.leafy_limit, "leafy")
    for name, room in spec.uppers:
        v = [c.value(name) for c in cands]
        for d in range(d_n):
            b.row([(x[d, f], v[f]) for f in range(f_n)], -np.inf, max(room, 0.0), f"max:{name}")
    goals = [g for g in spec.goals if g.need > 0]
    r_idx: dict[str, Any] = {}
    for g in goals:
        v = [c.value(g.name) for c in cands]
        adds = [_supplement_adds(o, g.name) for o in options]
        weight = (W_HARD if g.hard else W_SOFT) / g.need
        if g.weekly:
            r = b.add((1,), cost=weight, lb=0.0, ub=g.need * d_n, integer=False)
            terms = [(x[d, f], v[f]) for d in range(d_n) for f in range(f_n)]
            terms += [(z[s], adds[s] * d_n) for s in range(len(options))]
            b.row([*terms, (r[0], 1.0)], g.need * d_n, np.inf, f"goal:{g.name}")
        else:
            r = b.add((d_n,), cost=weight, lb=0.0, ub=g.need, integer=False)
            for d in range(d_n):
                terms = [(x[d, f], v[f]) for f in range(f_n)]
                terms += [(z[s], adds[s]) for s in range(len(options))]
                b.row([*terms, (r[d], 1.0)], g.need, np.inf, f"goal:{g.name}")
        r_idx[g.name] = r
    index["r"] = r_idx
    if spec.band is not None:
        band = spec.band
        t = max(band.target_ug, 1e-9)
        room = band.target_ug * band.band_pct / 100.0
        inner = room * INNER_BAND
        # p, m: above and below the target; ph, ml: beyond the inner band (a small cost);
        # eh, el: beyond the band itself (elastic, the cost of a missed goal).
        p = b.add((d_n,), cost=0.0, lb=0.0, ub=np.inf, integer=False)
        m = b.add((d_n,), cost=0.0, lb=0.0, ub=np.inf, integer=False)
        ph = b.add((d_n,), cost=W_DEVIATION / t, lb=0.0, ub=np.inf, integer=False)
        ml = b.add((d_n,), cost=W_DEVIATION / t, lb=0.0, ub=np.inf, integer=False)
        eh = b.add((d_n,), cost=W_HARD / t, lb=0.0, ub=np.inf, integer=False)
        el = b.add((d_n,), cost=W_HARD / t, lb=0.0, ub=np.inf, integer=False)
        k_ug = [c.value("k_total_ug") for c in cands]
        target = band.target_ug - band.base_ug
        for d in range(d_n):
            terms = [(x[d, f], k_ug[f]) for f in range(f_n)]
            b.row([*terms, (p[d], -1.0), (m[d], 1.0)], target, target, "steady")
            b.row([(p[d], 1.0), (ph[d], -1.0)], -np.inf, inner, "inner high")
            b.row([(m[d], 1.0), (ml[d], -1.0)], -np.inf, inner, "inner low")
            b.row([(p[d], 1.0), (eh[d], -1.0)], -np.inf, room, "band high")
            b.row([(m[d], 1.0), (el[d], -1.0)], -np.inf, room, "band low")
        index.update({"p": p, "m": m, "ph": ph, "ml": ml, "eh": eh, "el": el})
    a = sparse.csr_array(
        (np.array(b.vals), (np.array(b.rows, int), np.array(b.cols, int))),
        shape=(len(b.lo), b.n),
    )
    return MilpModel(
        c=np.array(b.c, float),
        a=a,
        lb_con=np.array(b.lo, float),
        ub_con=np.array(b.hi, float),
        lb=np.array(b.lb, float),
        ub=np.array(b.ub, float),
        integrality=np.array(b.integ, int),
        index=index,
        row_names=b.names,
    )


def solve(
    model: MilpModel,
    spec: ModelSpec,
    *,
    time_limit_s: float = 10.0,
    mip_rel_gap: float = MIP_REL_GAP,
) -> Solution:
    """Solve ``model`` with HiGHS; the solution read back into servings and shortfalls.

    Raises
    ------
    ModelError
        HiGHS returned no solution (it should not: every goal is elastic).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    from vitk.errors import ModelError

    t0 = time.perf_counter()
    res = milp(
        model.c,
        integrality=model.integrality,
        bounds=Bounds(model.lb, model.ub),
        constraints=LinearConstraint(model.a, model.lb_con, model.ub_con),
        options={"time_limit": float(time_limit_s), "mip_rel_gap": mip_rel_gap, "disp": False},
    )
    elapsed = time.perf_counter() - t0
    if res.x is None:
        raise ModelError(f"The meal plan solver found no solution (HiGHS: {res.message}).")
    return read_solution(
        model,
        spec,
        np.asarray(res.x, float),
        status=res.status,
        objective=float(res.fun),
        mip_gap=getattr(res, "mip_gap", None),
        solve_s=elapsed,
        message=str(res.message),
    )


def read_solution(
    model: MilpModel,
    spec: ModelSpec,
    values: NDArray[np.float64],
    *,
    status: int,
    objective: float,
    mip_gap: float | None,
    solve_s: float,
    message: str = "",
) -> Solution:
    """A :class:`Solution` from a vector of variable values (any solver)."""
    x = np.rint(values[model.index["x"]]).astype(int)
    options = (spec.forced_supplement,) if spec.forced_supplement is not None else spec.supplements
    chosen = None
    z = model.index["z"]
    for s, option in enumerate(options):
        if values[z[s]] > 0.5:
            chosen = option
    shortfall = {
        name: np.maximum(np.asarray(values[idx], float), 0.0)
        for name, idx in model.index["r"].items()
    }
    return Solution(
        status="optimal" if status == 0 else "time_limit",
        servings=x,
        supplement=chosen,
        shortfall=shortfall,
        objective=objective,
        mip_gap=None if mip_gap is None else float(mip_gap),
        solve_s=solve_s,
        n_vars=model.n_vars,
        n_constraints=model.n_constraints,
        message=message,
    )
