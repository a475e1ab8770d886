"""Dosing regimens: single, every N hours, N times a week, or an explicit list of doses.

A regimen is a sorted tuple of :class:`Dose` (time after the start, form code, dose).
``parse_every("24h")`` and ``parse_every("3/week")`` read the CLI's ``--every`` option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vitk.errors import InputError
from vitk.nutrients import DOSED_FORMS

__all__ = [
    "Dose",
    "Regimen",
    "daily",
    "form_code",
    "irregular",
    "parse_every",
    "regular",
    "single",
    "times_per_week",
]

_PK_FORMS: tuple[str, ...] = tuple(DOSED_FORMS)
#: Day offsets (within a week) for n doses a week, spread as evenly as whole days allow.
_WEEK_DAYS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 2, 4, 6),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}


def form_code(form: str) -> str:
    """Vitamin K form alias (``"MK-7"``, ``"K1"``, ``"menatetrenone"``) to its code.

    Raises
    ------
    InputError
        If the form is unknown or has no PK model (allowed: K1, MK-4, MK-7).
    """
    from vitk.nutrients import nutrient

    try:
        code = nutrient(form).code
    except (KeyError, ValueError):
        code = ""
    if code not in _PK_FORMS:
        raise InputError(
            f"No PK model for form '{form}'; allowed: {', '.join(DOSED_FORMS.values())}."
        )
    return code


@dataclass(frozen=True)
class Dose:
    """One oral dose: time after the start [h], form code, amount [µg], source.

    ``matrix`` is what the dose is eaten in (``"supplement"``, ``"vegetable"``, ``"fat or
    oil"``, ``"fermented"``, ``"other food"``); see :mod:`vitk.pharmacology.matrix`.
    """

    t_h: float
    form: str
    dose_ug: float
    matrix: str = "supplement"
    #: Relative availability and absorption-rate factor of the matrix (a diary day that
    #: mixes matrices gets their amount-weighted means). [1]
    availability: float = 1.0
    ka_factor: float = 1.0


@dataclass(frozen=True)
class Regimen:
    """A sorted sequence of oral doses, with the interval when it is regular.

    ``tau_h`` is set only when every dose has the same form and amount and the doses are
    equally spaced; the PK module then uses the closed-form sum over doses.
    """

    doses: tuple[Dose, ...]
    tau_h: float | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Form codes in the regimen, in first-dose order."""
        return tuple(dict.fromkeys(d.form for d in self.doses))

    def times_h(self, form: str | None = None) -> NDArray[np.float64]:
        """Dose times [h], optionally for one form."""
        return np.array([d.t_h for d in self.doses if form is None or d.form == form], float)

    def amounts_ug(self, form: str | None = None) -> NDArray[np.float64]:
        """Dose amounts [µg], optionally for one form."""
        return np.array([d.dose_ug for d in self.doses if form is None or d.form == form], float)

    def matrices(self, form: str | None = None) -> tuple[str, ...]:
        """Food matrix of each dose (``"supplement"`` unless a diary says otherwise)."""
        return tuple(d.matrix for d in self.doses if form is None or d.form == form)

    def matrix_factors(self, form: str | None = None) -> tuple[NDArray[np.float64], ...]:
        """Availability and absorption-rate factor of each dose, two arrays. [1]"""
        picked = [d for d in self.doses if form is None or d.form == form]
        return (
            np.array([d.availability for d in picked], float),
            np.array([d.ka_factor for d in picked], float),
        )

    @property
    def last_dose_h(self) -> float:
        """Time of the last dose [h] (0 for an empty regimen)."""
        return max((d.t_h for d in self.doses), default=0.0)


def _check_dose(dose_ug: float) -> None:
    from vitk.pharmacology.limits import check_dose_ug

    check_dose_ug(dose_ug)


def single(form: str, dose_ug: float, *, t_h: float = 0.0, matrix: str = "supplement") -> Regimen:
    """One dose at ``t_h``, eaten in ``matrix`` (see :mod:`vitk.pharmacology.matrix`). [µg, h]"""
    from vitk.pharmacology.matrix import matrix_factors

    _check_dose(dose_ug)
    if not np.isfinite(t_h) or t_h < 0:
        raise InputError(f"Dose time t_h must be ≥ 0; got {t_h} h.")
    f, ka = matrix_factors(matrix)  # also checks the name
    return Regimen((Dose(float(t_h), form_code(form), float(dose_ug), matrix, f, ka),))


def regular(form: str, dose_ug: float, *, every_h: float, days: float) -> Regimen:
    """Equal doses every ``every_h`` hours from t = 0 for ``days`` days. [µg, h, d]"""
    from vitk.pharmacology.limits import check_days, check_every_h

    _check_dose(dose_ug)
    check_every_h(every_h)
    check_days(days)
    code = form_code(form)
    n = int(np.ceil(days * 24.0 / every_h - 1e-9))
    doses = tuple(Dose(i * float(every_h), code, float(dose_ug)) for i in range(n))
    return Regimen(doses, tau_h=float(every_h))


def daily(form: str, dose_ug: float, *, days: float) -> Regimen:
    """One dose a day for ``days`` days. [µg, d]"""
    return regular(form, dose_ug, every_h=24.0, days=days)


def times_per_week(form: str, dose_ug: float, *, per_week: int, days: float) -> Regimen:
    """``per_week`` doses a week on fixed weekdays (3/week: days 0, 2, 4). [µg, d]"""
    from vitk.pharmacology.limits import check_days

    _check_dose(dose_ug)
    if per_week not in _WEEK_DAYS:
        raise InputError(f"per_week must be 1-7; got {per_week}.")
    check_days(days)
    if per_week == 7:
        return daily(form, dose_ug, days=days)
    code = form_code(form)
    doses = [
        Dose(24.0 * (7 * w + d), code, float(dose_ug))
        for w in range(int(np.ceil(days / 7.0)))
        for d in _WEEK_DAYS[per_week]
        if 7 * w + d < days
    ]
    return Regimen(tuple(doses))


def irregular(doses: Iterable[tuple[float, str, float]]) -> Regimen:
    """A regimen from ``(t_h, form, dose_ug)`` tuples in any order.

    Raises
    ------
    InputError
        If a time is negative or not finite, or a dose is negative.
    """
    out: list[Dose] = []
    for t_h, form, dose_ug in doses:
        if not np.isfinite(t_h) or t_h < 0:
            raise InputError(f"Dose time t_h must be ≥ 0; got {t_h} h.")
        _check_dose(dose_ug)
        out.append(Dose(float(t_h), form_code(form), float(dose_ug)))
    out.sort(key=lambda d: d.t_h)
    return Regimen(tuple(out))


_EVERY_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(h|hr|hours?|d|days?)\s*$", re.IGNORECASE)
_PER_WEEK_RE = re.compile(r"^\s*(\d)\s*(?:/|x|per)\s*(?:w|wk|week)\s*$", re.IGNORECASE)


def parse_every(text: str) -> tuple[str, float]:
    """Parse ``--every``: ``"24h"``, ``"12 h"``, ``"2d"`` or ``"3/week"``.

    Returns
    -------
    tuple
        ``("interval", hours)`` or ``("per_week", n)``.

    Raises
    ------
    InputError
        If the text matches neither form, or the interval is outside
        :data:`vitk.pharmacology.limits.MIN_INTERVAL_H` to ``MAX_INTERVAL_H``.
    """
    from vitk.pharmacology.limits import check_every_h

    m = _EVERY_RE.match(text)
    if m:
        value = float(m.group(1))
        hours = value * 24.0 if m.group(2).lower().startswith("d") else value
        check_every_h(hours, text=text.strip())
        return ("interval", hours)
    m = _PER_WEEK_RE.match(text)
    if m:
        return ("per_week", float(m.group(1)))
    raise InputError(f"Cannot read interval '{text}'; allowed: '24h', '12h', '2d' or '3/week'.")


def from_options(form: str, dose_ug: float, *, every: str | None, days: float) -> Regimen:
    """Build a regimen from CLI-style options (``every=None`` means a single dose)."""
    if every is None:
        return single(form, dose_ug)
    kind, value = parse_every(every)
    if kind == "interval":
        return regular(form, dose_ug, every_h=value, days=days)
    return times_per_week(form, dose_ug, per_week=int(value), days=days)
