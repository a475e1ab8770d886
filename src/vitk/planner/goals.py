"""The planner's goal and limits: defaults with their sources, and what a person may set.

Every default lives in ``vitk/data/planner/planner.yaml`` with its source key or the words
"vitk choice" and the reason (see ``docs/planner.md``). A person changes them with
:func:`parse_goal`: ``vitk plan --goal k2=100 --goal supplement=none`` on the command line,
``vitk.plan(profile, goal={"k2": 100})`` in Python, or the Plan page's form.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources
from typing import Any

from vitk.errors import InputError

__all__ = [
    "DOCUMENTED_KEYS",
    "GOAL_KEYS",
    "PlanGoal",
    "SupplementOption",
    "default_goal",
    "defaults_table",
    "parse_goal",
    "planner_settings",
    "supplement_options",
]


@dataclass(frozen=True)
class SupplementOption:
    """One supplement the planner may propose: a vitamin K form and a daily dose. [µg]"""

    form: str  # "MK-7" or "K1"
    dose_ug: float

    @property
    def label(self) -> str:
        return f"{self.form} {self.dose_ug:g} µg a day"

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "dose_ug": self.dose_ug}


@dataclass(frozen=True)
class PlanGoal:
    """What the plan aims at and the limits it keeps (defaults: ``planner.yaml``).

    Attributes
    ----------
    days : int
        Days planned (1-14). [d]
    k2_goal_ug : float
        Long-chain menaquinones a day (MK-7 + MK-5, 6, 8-13); 0 for no K2 goal. [µg]
    k2_basis : str
        ``"day"``: the K2 goal holds every day; ``"week"``: on average over the days.
    k_total_body : str
        ``"US"`` (total vitamin K AI) or ``"EFSA"`` (phylloquinone AI).
    supplement : str
        ``"auto"`` (only where food cannot reach the goal), ``"none"``, or a requested
        form and dose such as ``"MK-7 90"``.
    max_servings_per_day : int
        Servings of one food on one day, at most.
    max_days_per_week : int
        Days a week with the same food, at most.
    max_grams_per_day : float
        The planned foods' weight a day, at most. [g]
    energy_share : float
        The planned foods' energy, at most this share of ``reference_energy_kcal``. [1]
    reference_energy_kcal : float
        Reference daily energy. [kcal]
    vka_band_pct : float
        Antagonist users: each day's total vitamin K within ± this share of the usual
        mean. [%]
    vka_target_ug : float or None
        Antagonist users: the daily amount agreed with the clinic (instead of the diary's
        mean). [µg]
    time_limit_s : float
        Solver time limit. [s]
    """

    days: int = 7
    k2_goal_ug: float = 90.0
    k2_basis: str = "week"
    k_total_body: str = "US"
    supplement: str = "auto"
    max_servings_per_day: int = 2
    max_days_per_week: int = 3
    max_grams_per_day: float = 500.0
    energy_share: float = 0.15
    reference_energy_kcal: float = 2000.0
    vka_band_pct: float = 20.0
    vka_target_ug: float | None = None
    time_limit_s: float = 10.0

    @property
    def energy_budget_kcal(self) -> float:
        """Energy the planned foods may add each day. [kcal]"""
        return self.energy_share * self.reference_energy_kcal

    @property
    def requested_supplement(self) -> SupplementOption | None:
        """The supplement the person asked for (``supplement="MK-7 90"``), else None."""
        if self.supplement in ("auto", "none"):
            return None
        form, dose = self.supplement.split()
        return SupplementOption(form, float(dose))

    @property
    def days_limit(self) -> int:
        """Days with the same food over the plan: ``max_days_per_week`` scaled to ``days``."""
        return max(1, min(self.days, math.ceil(self.max_days_per_week * self.days / 7.0)))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: User keys (and their aliases) → PlanGoal field.
GOAL_KEYS: dict[str, str] = {
    "days": "days",
    "k2": "k2_goal_ug",
    "k2_ug": "k2_goal_ug",
    "k2_goal_ug": "k2_goal_ug",
    "k2_basis": "k2_basis",
    "k_total": "k_total_body",
    "k_total_body": "k_total_body",
    "body": "k_total_body",
    "supplement": "supplement",
    "max_servings": "max_servings_per_day",
    "max_servings_per_day": "max_servings_per_day",
    "max_days": "max_days_per_week",
    "max_days_per_week": "max_days_per_week",
    "max_grams": "max_grams_per_day",
    "max_grams_per_day": "max_grams_per_day",
    "energy_share": "energy_share",
    "energy": "energy_share",
    "reference_energy_kcal": "reference_energy_kcal",
    "band": "vka_band_pct",
    "vka_band_pct": "vka_band_pct",
    "target": "vka_target_ug",
    "vka_target_ug": "vka_target_ug",
    "time_limit_s": "time_limit_s",
}

#: The keys documented for people (the others in :data:`GOAL_KEYS` are aliases).
DOCUMENTED_KEYS = (
    "days",
    "k2",
    "k2_basis",
    "k_total",
    "supplement",
    "max_servings",
    "max_days",
    "max_grams",
    "energy_share",
    "reference_energy_kcal",
    "band",
    "target",
    "time_limit_s",
)
_SUPPLEMENT_FORMS = {"mk-7": "MK-7", "mk7": "MK-7", "k1": "K1"}


@cache
def planner_settings() -> dict[str, Any]:
    """``planner.yaml`` as read (defaults with sources, strengths, word lists)."""
    import yaml

    text = resources.files("vitk").joinpath("data", "planner", "planner.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def supplement_options() -> tuple[SupplementOption, ...]:
    """The supplement strengths the planner may propose (``planner.yaml``)."""
    opts = planner_settings()["supplement_strengths"]["options"]
    return tuple(SupplementOption(str(o["form"]), float(o["dose_ug"])) for o in opts)


def default_goal() -> PlanGoal:
    """The goal with every default from ``planner.yaml``."""
    d = planner_settings()["defaults"]
    names = {f.name for f in fields(PlanGoal)}
    return PlanGoal(**{k: v["value"] for k, v in d.items() if k in names})


def defaults_table() -> list[dict[str, Any]]:
    """Each default with its value, source and note (for the docs and the JSON ``goal``)."""
    d = planner_settings()["defaults"]
    return [
        {
            "name": name,
            "value": spec["value"],
            "source": spec["source"],
            "note": " ".join(str(spec.get("note", "")).split()),
            "citations": list(spec.get("citations", [])),
        }
        for name, spec in d.items()
    ]


def _number(key: str, raw: Any, lo: float, hi: float, *, integer: bool = False) -> float:
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    try:
        value = float(str(raw).strip().split()[0]) if str(raw).strip() else float("nan")
    except ValueError:
        value = float("nan")
    what = "a whole number" if integer else "a number"
    if not math.isfinite(value) or not lo <= value <= hi or (integer and value != int(value)):
        raise InputError(f"goal '{key}' must be {what} from {lo:g} to {hi:g}; got {raw!r}.")
    return value


def _supplement(key: str, raw: Any) -> str:
    text = " ".join(str(raw).replace("µg", " ").replace("ug", " ").split())
    low = text.lower()
    if low in ("auto", "none", "no"):
        return "none" if low == "no" else low
    options = supplement_options()
    allowed = "auto, none, " + ", ".join(f"'{o.form} {o.dose_ug:g}'" for o in options)
    parts = low.split()
    if len(parts) == 2 and parts[0] in _SUPPLEMENT_FORMS:
        form = _SUPPLEMENT_FORMS[parts[0]]
        try:
            dose = float(parts[1])
        except ValueError:
            dose = -1.0
        if any(o.form == form and o.dose_ug == dose for o in options):
            return f"{form} {dose:g}"
    raise InputError(f"goal '{key}' must be one of {allowed}; got {raw!r}.")


def _value(key: str, field_name: str, raw: Any) -> Any:
    """``raw`` checked and converted for ``field_name`` (one-line InputError if not)."""
    if field_name == "days":
        return int(_number(key, raw, 1, 14, integer=True))
    if field_name == "k2_goal_ug":
        return _number(key, raw, 0, 1000)
    if field_name == "k2_basis":
        text = str(raw).strip().lower()
        if text not in ("day", "week"):
            raise InputError(f"goal '{key}' must be 'day' or 'week'; got {raw!r}.")
        return text
    if field_name == "k_total_body":
        text = str(raw).strip().upper()
        if text not in ("US", "EFSA"):
            raise InputError(f"goal '{key}' must be 'US' or 'EFSA'; got {raw!r}.")
        return text
    if field_name == "supplement":
        return _supplement(key, raw)
    if field_name == "max_servings_per_day":
        return int(_number(key, raw, 1, 6, integer=True))
    if field_name == "max_days_per_week":
        return int(_number(key, raw, 1, 7, integer=True))
    if field_name == "max_grams_per_day":
        return _number(key, raw, 50, 3000)
    if field_name == "energy_share":
        return _number(key, raw, 0.01, 1.0)
    if field_name == "reference_energy_kcal":
        return _number(key, raw, 800, 5000)
    if field_name == "vka_band_pct":
        return _number(key, raw, 5, 50)
    if field_name == "vka_target_ug":
        return _number(key, raw, 10, 2000)
    return _number(key, raw, 0.1, 120)  # time_limit_s


def _pairs(goal: str | Mapping[str, Any] | Iterable[str]) -> list[tuple[str, Any]]:
    if isinstance(goal, Mapping):
        return [(str(k), v) for k, v in goal.items()]
    items = [goal] if isinstance(goal, str) else list(goal)
    out: list[tuple[str, Any]] = []
    for item in items:
        for part in str(item).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise InputError(
                    f"goal must look like KEY=VALUE (e.g. 'k2=100'); got {part.strip()!r}."
                )
            key, value = part.split("=", 1)
            out.append((key, value.strip()))
    return out


def parse_goal(
    goal: str | Mapping[str, Any] | Iterable[str] | PlanGoal | None = None,
    base: PlanGoal | None = None,
) -> PlanGoal:
    """A :class:`PlanGoal`: the defaults with the person's changes applied.

    Parameters
    ----------
    goal : str, mapping, iterable of str, PlanGoal or None
        ``"k2=100,supplement=none"``, ``["k2=100", "days=5"]`` or ``{"k2": 100}``; keys in
        :data:`GOAL_KEYS` (``-`` and ``_`` alike, any case).
    base : PlanGoal, optional
        The goal to change (default :func:`default_goal`).

    Raises
    ------
    InputError
        An unknown key or a value out of range (one line naming both and what is allowed).

    Examples
    --------
    >>> parse_goal("k2=120, supplement=none").k2_goal_ug
    120.0
    """
    if isinstance(goal, PlanGoal):
        return goal
    out = base or default_goal()
    if goal is None:
        return out
    changes: dict[str, Any] = {}
    for key, raw in _pairs(goal):
        norm = key.strip().lower().replace("-", "_")
        field_name = GOAL_KEYS.get(norm)
        if field_name is None:
            allowed = ", ".join(DOCUMENTED_KEYS)
            raise InputError(f"Unknown goal key {key.strip()!r}; allowed: {allowed}.")
        changes[field_name] = _value(key.strip(), field_name, raw)
    return replace(out, **changes)
