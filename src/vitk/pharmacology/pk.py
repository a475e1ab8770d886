"""Oral one-compartment PK of K1, MK-4 and MK-7: analytic superposition in numpy.

The model (first-order absorption after an optional lag, first-order elimination)::

    dA_gut/dt = -ka A_gut               (A_gut jumps by F dose at t_dose + tlag)
    dA_c/dt   =  ka A_gut - ke A_c,     C = A_c / V

has, for one dose D [nmol] given at t = 0 and s = t - tlag > 0, the solution (Gibaldi &
Perrier, eq. 3.18 in most PK texts)::

    C(t) = F D ka / (V (ka - ke)) (exp(-ke s) - exp(-ka s))

Linear kinetics let doses add (superposition). For n equal doses every tau the sum is a
geometric series and needs no loop over doses. V here is the apparent volume V/F of the
parameter sets, so ``bioavailability`` is a relative factor on top of it.

Concentrations are the excess over baseline plus the parameter set's baseline, in nmol/L.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from vitk.errors import InputError, ModelError
from vitk.pharmacology.regimens import Regimen
from vitk.references import cite

__all__ = [
    "PKParameters",
    "accumulation_ratio",
    "amounts_single_dose",
    "concentration_nmol_per_l",
    "ode_reference_nmol_per_l",
    "one_compartment_oral",
    "regular_dosing_nmol_per_l",
    "regular_troughs_nmol_per_l",
    "steady_state_trough_nmol_per_l",
    "t90_steady_state_h",
    "tmax_h",
]

FloatArray = NDArray[np.float64]


def _col(x: ArrayLike) -> FloatArray:
    """Parameters as a column (N, 1) so that they broadcast against times (T,)."""
    return np.asarray(x, dtype=float).reshape(-1, 1)


def _safe_ka(ka: FloatArray, ke: FloatArray) -> FloatArray:
    # ka == ke makes the closed form 0/0; a relative nudge of 1e-7 keeps it accurate to ~1e-7.
    return np.where(np.abs(ka - ke) < 1e-7 * ke, ke * (1.0 + 1e-7), ka)


def _check_params(ka: FloatArray, ke: FloatArray, vd: FloatArray, f: FloatArray) -> None:
    for name, value in (("ka_per_h", ka), ("ke_per_h", ke), ("vd_l", vd)):
        if not np.all(np.isfinite(value)) or np.any(value <= 0):
            raise ModelError(f"{name} must be finite and > 0; got {np.min(value)}.")
    if not np.all(np.isfinite(f)) or np.any(f < 0):
        raise ModelError(f"bioavailability must be ≥ 0; got {np.min(f)}.")


def one_compartment_oral(
    t_h: ArrayLike,
    dose_ug: ArrayLike,
    *,
    form: str,
    ka_per_h: ArrayLike,
    ke_per_h: ArrayLike,
    vd_l: ArrayLike,
    bioavailability: ArrayLike = 1.0,
    tlag_h: float = 0.0,
) -> FloatArray:
    """Serum excess concentration after one oral dose given at t = 0.

    Parameters
    ----------
    t_h : array-like
        Time since the dose. [h]
    dose_ug : array-like
        Dose, broadcast against ``t_h``. [µg]
    form : str
        Vitamin K form code (``"k1"``, ``"mk4"``, ``"mk7"``), for the molar mass.
    ka_per_h, ke_per_h : array-like
        Absorption and elimination rate constants. [h⁻¹]
    vd_l : array-like
        Apparent volume of distribution V/F. [L]
    bioavailability : array-like, optional
        Relative bioavailability on top of V/F. [1]
    tlag_h : float, optional
        Absorption lag. [h]

    Returns
    -------
    ndarray
        Excess over baseline, shape of the broadcast inputs. [nmol L⁻¹]

    Raises
    ------
    ModelError
        If a rate constant or the volume is not positive.

    Notes
    -----
    ``C = F D ka / (V (ka - ke)) (exp(-ke s) - exp(-ka s))`` for ``s = t - tlag > 0``.

    Examples
    --------
    >>> c = one_compartment_oral([0.0, 4.0], 1000.0, form="mk7", ka_per_h=1.2,
    ...                          ke_per_h=0.0099, vd_l=234.0)
    >>> bool(c[0] == 0.0 and c[1] > 6.0)
    True
    """
    from vitk.units import ug_to_nmol

    ka = np.asarray(ka_per_h, float)
    ke = np.asarray(ke_per_h, float)
    vd = np.asarray(vd_l, float)
    f = np.asarray(bioavailability, float)
    _check_params(ka, ke, vd, f)
    ka = _safe_ka(ka, ke)
    dose_nmol = np.asarray(ug_to_nmol(np.asarray(dose_ug, float), form), float)
    s = np.asarray(t_h, float) - tlag_h
    sp = np.maximum(s, 0.0)
    c = f * dose_nmol * ka / (vd * (ka - ke)) * (np.exp(-ke * sp) - np.exp(-ka * sp))
    return np.asarray(np.where(s > 0, np.maximum(c, 0.0), 0.0), float)


def regular_dosing_nmol_per_l(
    t_h: ArrayLike,
    dose_ug: float,
    *,
    form: str,
    tau_h: float,
    n_doses: int,
    ka_per_h: ArrayLike,
    ke_per_h: ArrayLike,
    vd_l: ArrayLike,
    bioavailability: ArrayLike = 1.0,
    tlag_h: float = 0.0,
) -> FloatArray:
    """Excess concentration for ``n_doses`` equal doses every ``tau_h``, in closed form.

    Parameters are as in :func:`one_compartment_oral`; subject parameters of shape (N,)
    and times of shape (T,) give an (N, T) array.

    Returns
    -------
    ndarray
        Excess over baseline. [nmol L⁻¹]

    Notes
    -----
    With m doses started by time t and s' the time since the last of them::

        C = F D ka / (V (ka - ke)) [g(ke) - g(ka)],
        g(k) = exp(-k s') (1 - exp(-m k tau)) / (1 - exp(-k tau))

    (the geometric sum of single-dose curves; Gibaldi & Perrier, multiple dosing).
    """
    from vitk.units import ug_to_nmol

    if n_doses < 0 or tau_h <= 0:
        raise InputError(f"n_doses must be ≥ 0 and tau_h > 0; got {n_doses}, {tau_h} h.")
    ka, ke, vd, f = (_col(ka_per_h), _col(ke_per_h), _col(vd_l), _col(bioavailability))
    _check_params(ka, ke, vd, f)
    ka = _safe_ka(ka, ke)
    dose_nmol = float(ug_to_nmol(float(dose_ug), form))
    s = np.asarray(t_h, float).reshape(1, -1) - tlag_h
    m = np.clip(np.floor(s / tau_h) + 1.0, 0.0, float(n_doses))
    sp = np.where(m > 0, s - (m - 1.0) * tau_h, 0.0)

    def g(k: FloatArray) -> FloatArray:
        return np.asarray(np.exp(-k * sp) * (-np.expm1(-m * k * tau_h)) / (-np.expm1(-k * tau_h)))

    c = f * dose_nmol * ka / (vd * (ka - ke)) * (g(ke) - g(ka))
    return np.asarray(np.where(m > 0, np.maximum(c, 0.0), 0.0), float)


def regular_troughs_nmol_per_l(
    dose_ug: float,
    *,
    n_doses: int,
    form: str,
    tau_h: float,
    ka_per_h: ArrayLike,
    ke_per_h: ArrayLike,
    vd_l: ArrayLike,
    bioavailability: ArrayLike = 1.0,
) -> FloatArray:
    """Pre-dose troughs after each of ``n_doses`` equal doses (no lag), shape (N, n_doses).

    Same superposition as :func:`regular_dosing_nmol_per_l`, evaluated by the recurrence of
    its geometric sums: with r_a = exp(-ka tau), r_e = exp(-ke tau) and the gut amount
    G_k just after dose k, ``G_{k+1} = (G_k) r_a + D`` and
    ``C_{k+1} = C_k r_e + G_k ka/(V (ka-ke)) (r_e - r_a)``. Only multiply-adds on (N,)
    vectors per dose, so a 100,000-subject year takes well under a second.

    Returns
    -------
    ndarray
        Excess over baseline just before doses 2 … n+1. [nmol L⁻¹]
    """
    from vitk.units import ug_to_nmol

    ka = np.asarray(ka_per_h, float).reshape(-1)
    ke = np.asarray(ke_per_h, float).reshape(-1)
    vd = np.asarray(vd_l, float).reshape(-1)
    f = np.broadcast_to(np.asarray(bioavailability, float), ka.shape)
    _check_params(ka, ke, vd, f)
    ka = _safe_ka(ka, ke)
    d = float(ug_to_nmol(float(dose_ug), form))
    r_a = np.exp(-ka * tau_h)
    r_e = np.exp(-ke * tau_h)
    gain = ka / (vd * (ka - ke)) * (r_e - r_a)
    out = np.empty((n_doses, ka.size))  # row per dose: contiguous writes
    gut = f * d
    fd = np.array(gut)
    c = np.zeros(ka.size)
    tmp = np.empty(ka.size)
    for k in range(n_doses):
        np.multiply(c, r_e, out=c)
        np.multiply(gut, gain, out=tmp)
        np.add(c, tmp, out=c)
        out[k] = c
        np.multiply(gut, r_a, out=gut)
        np.add(gut, fd, out=gut)
    return out.T  # (N, n_doses) view


def accumulation_ratio(*, ke_per_h: ArrayLike, tau_h: float) -> FloatArray:
    """Accumulation ratio R = 1 / (1 - exp(-ke tau)) of a regular regimen. [1]

    Ratio of the steady-state concentration to the first-dose concentration at the same
    time after a dose, once absorption is over (Gibaldi & Perrier).
    """
    return np.asarray(1.0 / (-np.expm1(-np.asarray(ke_per_h, float) * tau_h)), float)


def t90_steady_state_h(*, ke_per_h: ArrayLike) -> FloatArray:
    """Time to reach 90 % of steady state, ln(10)/ke. [h]"""
    return np.asarray(np.log(10.0) / np.asarray(ke_per_h, float), float)


def tmax_h(*, ka_per_h: ArrayLike, ke_per_h: ArrayLike, tlag_h: float = 0.0) -> FloatArray:
    """Time of the peak after one dose, tlag + ln(ka/ke)/(ka - ke). [h]"""
    ka = np.asarray(ka_per_h, float)
    ke = np.asarray(ke_per_h, float)
    ka = _safe_ka(ka, ke)
    return np.asarray(tlag_h + np.log(ka / ke) / (ka - ke), float)


def steady_state_trough_nmol_per_l(
    dose_ug: float,
    *,
    form: str,
    tau_h: float,
    ka_per_h: ArrayLike,
    ke_per_h: ArrayLike,
    vd_l: ArrayLike,
    bioavailability: ArrayLike = 1.0,
    tlag_h: float = 0.0,
) -> FloatArray:
    """Steady-state excess just before a dose (pre-dose trough). [nmol L⁻¹]"""
    from vitk.units import ug_to_nmol

    ka = np.asarray(ka_per_h, float)
    ke = np.asarray(ke_per_h, float)
    vd = np.asarray(vd_l, float)
    f = np.asarray(bioavailability, float)
    _check_params(ka, ke, vd, f)
    ka = _safe_ka(ka, ke)
    d = float(ug_to_nmol(float(dose_ug), form))
    # The pre-dose time is tau after the previous dose; with a lag, that dose entered
    # the gut tau - tlag earlier, and the one before that 2 tau - tlag earlier, etc.
    s = tau_h - tlag_h
    if s <= 0:
        s += tau_h
    g_ke = np.exp(-ke * s) / (-np.expm1(-ke * tau_h))
    g_ka = np.exp(-ka * s) / (-np.expm1(-ka * tau_h))
    return np.asarray(f * d * ka / (vd * (ka - ke)) * (g_ke - g_ka), float)


@dataclass(frozen=True)
class PKParameters:
    """PK parameters of one form for N subjects (arrays of shape (N,)).

    Build them with :meth:`from_set` (typical values) or
    :func:`vitk.pharmacology.population.sample_pk` (a virtual cohort).
    """

    form: str
    ka_per_h: FloatArray
    ke_per_h: FloatArray
    vd_l: FloatArray
    bioavailability: FloatArray
    tlag_h: float = 0.0
    baseline_nmol_per_l: float = 0.0
    set_name: str = ""
    references: tuple[str, ...] = field(default=())
    #: Dose-dependent absorption: the fraction of a dose D absorbed is
    #: D^h / (D50^h + D^h) (None: every dose fully available on top of F).
    dose50_ug: float | None = None
    hill: float = 1.0

    def absorbed_fraction(self, dose_ug: ArrayLike) -> FloatArray:
        """Dose-dependent absorbed fraction D^h/(D50^h + D^h) of each dose (1 without it). [1]"""
        d = np.asarray(dose_ug, float)
        if self.dose50_ug is None:
            return np.ones_like(d)
        ratio = np.power(np.maximum(d, 0.0) / self.dose50_ug, self.hill)
        return np.asarray(ratio / (1.0 + ratio), float)

    @classmethod
    def from_set(cls, name_or_params: str | dict[str, Any], *, n: int = 1) -> PKParameters:
        """Typical-value parameters of a published set, repeated for ``n`` subjects."""
        from vitk.pharmacology import sets

        p = sets.load(name_or_params) if isinstance(name_or_params, str) else name_or_params
        ones = np.ones(n)
        d50, hill = dose_response(p)
        return cls(
            form=p["form"],
            ka_per_h=ones * p["ka [1/h]"],
            ke_per_h=ones * p["ke [1/h]"],
            vd_l=ones * p["V/F [L]"],
            bioavailability=ones * p["F [1]"],
            tlag_h=float(p["tlag [h]"]),
            baseline_nmol_per_l=float(p["baseline [nmol/L]"]),
            set_name=str(p["name"]),
            references=tuple(p["references"]),
            dose50_ug=d50,
            hill=hill,
        )

    @property
    def n_subjects(self) -> int:
        """Number of subjects N."""
        return int(np.size(self.ka_per_h))

    def subset(self, index: slice | NDArray[np.intp]) -> PKParameters:
        """The parameters of some subjects (a chunk of a cohort)."""
        return replace(
            self,
            ka_per_h=self.ka_per_h[index],
            ke_per_h=self.ke_per_h[index],
            vd_l=self.vd_l[index],
            bioavailability=self.bioavailability[index],
        )

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the model functions of this module."""
        return {
            "form": self.form,
            "ka_per_h": self.ka_per_h,
            "ke_per_h": self.ke_per_h,
            "vd_l": self.vd_l,
            "bioavailability": self.bioavailability,
            "tlag_h": self.tlag_h,
        }


def peek_references(name: str) -> list[str]:
    """Citation keys of a parameter set (without citing them)."""
    from vitk.pharmacology.sets import peek

    return list(peek(name)["references"])


def dose_response(params: dict[str, Any]) -> tuple[float | None, float]:
    """``(D50 [µg], hill [1])`` of a set's dose-dependent absorption, or ``(None, 1)``."""
    dr = params.get("dose-dependent absorption")
    if not dr:
        return None, 1.0
    return float(dr["D50 [ug]"]), float(dr["hill [1]"])


def concentration_nmol_per_l(
    t_h: ArrayLike, regimen: Regimen, params: PKParameters, *, include_baseline: bool = True
) -> FloatArray:
    """Serum concentration of ``params.form`` for N subjects over a regimen.

    Regular regimens use the closed-form geometric sum; other regimens add single-dose
    curves dose by dose (analytic superposition). Doses of other forms are ignored.

    Parameters
    ----------
    t_h : array-like
        Output times since the start. [h]
    regimen : Regimen
        Doses.
    params : PKParameters
        Parameters for N subjects.
    include_baseline : bool, optional
        Add the set's endogenous baseline (default) or return the excess only.

    Returns
    -------
    ndarray
        Shape (N, T). [nmol L⁻¹]

    References
    ----------
    The parameter set's keys (cited when the set is loaded).
    """
    if params.references:
        cite(*params.references)
    from vitk.pharmacology.matrix import MATRIX_SET

    t = np.asarray(t_h, float).reshape(-1)
    times = regimen.times_h(params.form)
    amounts = regimen.amounts_ug(params.form)
    availability, ka_factors = regimen.matrix_factors(params.form)
    absorbed = amounts * params.absorbed_fraction(amounts)
    kw = params.kwargs()
    plain = bool(np.all(availability == 1.0) and np.all(ka_factors == 1.0))
    if not all(m == "supplement" for m in regimen.matrices(params.form)):
        cite(*peek_references(MATRIX_SET))
    if times.size and regimen.tau_h is not None and regimen.forms == (params.form,) and plain:
        c = regular_dosing_nmol_per_l(
            t - times[0], float(absorbed[0]), tau_h=regimen.tau_h, n_doses=times.size, **kw
        )
    else:
        c = np.zeros((params.n_subjects, t.size))
        per_subject = {k: _col(v) for k, v in kw.items() if k not in ("form", "tlag_h")}
        ka_col = per_subject.pop("ka_per_h")
        for t_dose, amount, f_matrix, ka_factor in zip(
            times, absorbed, availability, ka_factors, strict=True
        ):
            start = int(np.searchsorted(t, t_dose + params.tlag_h, side="right"))
            if start >= t.size or amount == 0:
                continue
            c[:, start:] += one_compartment_oral(
                t[start:] - t_dose,
                amount * f_matrix,
                form=params.form,
                tlag_h=params.tlag_h,
                ka_per_h=ka_col * ka_factor,
                **per_subject,
            )
    if include_baseline:
        c = c + params.baseline_nmol_per_l
    return np.asarray(c, float)


def amounts_single_dose(
    t_h: ArrayLike,
    dose_ug: float,
    *,
    form: str,
    ka_per_h: float,
    ke_per_h: float,
    vd_l: float,
    bioavailability: float = 1.0,
    tlag_h: float = 0.0,
) -> dict[str, FloatArray]:
    """Where one dose is over time: gut, central, eliminated, not absorbed. [nmol]

    The four amounts add up to the dose at every time (mass balance).
    """
    from vitk.units import ug_to_nmol

    d = float(ug_to_nmol(dose_ug, form))
    t = np.asarray(t_h, float)
    s = np.maximum(t - tlag_h, 0.0)
    absorbable = bioavailability * d
    gut = absorbable * np.exp(-ka_per_h * s)
    central = vd_l * one_compartment_oral(
        t,
        dose_ug,
        form=form,
        ka_per_h=ka_per_h,
        ke_per_h=ke_per_h,
        vd_l=vd_l,
        bioavailability=bioavailability,
        tlag_h=tlag_h,
    )
    return {
        "gut_nmol": gut,
        "central_nmol": central,
        "eliminated_nmol": absorbable - gut - central,
        "not_absorbed_nmol": np.full_like(t, (1.0 - bioavailability) * d),
    }


def ode_reference_nmol_per_l(
    t_h: ArrayLike,
    regimen: Regimen,
    *,
    form: str,
    ka_per_h: float,
    ke_per_h: float,
    vd_l: float,
    bioavailability: float = 1.0,
    tlag_h: float = 0.0,
    method: str = "LSODA",
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> FloatArray:
    """The same model integrated numerically with ``scipy.integrate.solve_ivp`` (one subject).

    Used to check the analytic solution and as the baseline of the benchmarks. Doses are
    added to the gut at ``t_dose + tlag`` and the solver restarts after each dose.

    Returns
    -------
    ndarray
        Excess concentration at ``t_h``. [nmol L⁻¹]
    """
    from scipy.integrate import solve_ivp

    from vitk.units import ug_to_nmol

    t = np.asarray(t_h, float).reshape(-1)
    events = sorted(
        (float(tt) + tlag_h, float(ug_to_nmol(a, form)) * bioavailability)
        for tt, a in zip(regimen.times_h(form), regimen.amounts_ug(form), strict=True)
    )

    def rhs(_t: float, y: FloatArray) -> FloatArray:
        return np.array([-ka_per_h * y[0], ka_per_h * y[0] - ke_per_h * y[1]])

    out = np.zeros(t.size)
    y = np.zeros(2)
    t0 = min(0.0, float(t.min())) if t.size else 0.0
    bounds = [e[0] for e in events] + [float(t.max()) + 1e-9 if t.size else 0.0]
    amounts = [e[1] for e in events]
    k = 0
    current = t0
    for i, t_next in enumerate(bounds):
        if t_next - current > 1e-9:
            mask = (t >= current) & (t < t_next)
            # Evaluate at the requested times and at the segment end (the next dose).
            t_eval = np.concatenate([t[mask], [t_next]])
            sol = solve_ivp(
                rhs, (current, t_next), y, method=method, t_eval=t_eval, rtol=rtol, atol=atol
            )
            if mask.any():
                out[mask] = sol.y[1, :-1] / vd_l
            y = sol.y[:, -1]
            current = t_next
        if i < len(amounts):
            y = y + np.array([amounts[k], 0.0])
            k += 1
    return out
