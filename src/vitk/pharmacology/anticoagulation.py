"""Vitamin K antagonist, vitamin K cycle, clotting factors II, VII, IX, X and INR.

Structure (reduced Wajima2009 model as in Falkenhagen2023), for each subject::

    inh(t)   = Imax C_vka / (IC50 + C_vka)                      VKOR inhibition
    vk(t)    = 1 + s * sum_forms C_excess,form(t)              hepatic vitamin K, relative
    dv/dt    = d_VKH2 (vk (1 - inh) - v)                       hydroquinone VKH2/VKH2(0)
    dF/dt    = d_F (v - F),   F in {II, VII, IX, X}            factor activity / baseline
    INR      = INR0 (II VII X)^gamma                           Falkenhagen2023 power law

``C_vka`` is warfarin (one-compartment oral, Falkenhagen2023/Wajima2009 values) or
acenocoumarol (label PK, SinthromeSmPC2020) at periodic steady state; the dose is titrated
per subject to a target INR unless given. The oral vitamin K forms enter through their
serum excess from :mod:`vitk.pharmacology.pk`, scaled by one hepatic sensitivity ``s``
[L nmol⁻¹] that is calibrated on K1 data only (:func:`calibrate_sensitivity`,
Schurgers2004). Wajima2009 sets hepatic vitamin K at 1 nM,
so s = 1 L/nmol would mean serum excess is as available to the liver as baseline vitamin K.

Integration: one vectorised right-hand side for all subjects (state array (5, N)),
``scipy.integrate.solve_ivp`` (RK45; the system is not stiff: fastest rate 0.228 h⁻¹),
inputs precomputed analytically on an hourly grid and interpolated linearly.

Limitation: VKH2 production is linear in hepatic vitamin K (as in Wajima2009), so without a
VKA supplements would raise factors above baseline; use the model under a VKA.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vitk.errors import InputError, ModelError
from vitk.pharmacology.pk import PKParameters, concentration_nmol_per_l
from vitk.pharmacology.regimens import Regimen
from vitk.pharmacology.sets import DEFAULT_PK_SET, peek
from vitk.references import cite

__all__ = [
    "CALIBRATION",
    "VKAParameters",
    "calibrate_sensitivity",
    "escalation_cohort_falls",
    "escalation_inr_change",
    "escalation_regimen",
    "inr_from_factors",
    "simulate_inr_arrays",
    "titrate_vka_dose_mg",
    "vka_concentration_mg_per_l",
    "vka_set",
]

FloatArray = NDArray[np.float64]
FACTORS = ("ii", "vii", "ix", "x")

_SCHURGERS2004 = peek("Schurgers2004")
#: Calibration of the hepatic sensitivity on Schurgers2004 (K1 only), from the
#: ``Schurgers2004`` parameter set; see :func:`calibrate_sensitivity`. Re-derived in
#: tests/validation/test_schurgers2004.py.
CALIBRATION: dict[str, Any] = {
    "sensitivity [L/nmol]": float(_SCHURGERS2004["INR sensitivity [L/nmol]"]),
    **_SCHURGERS2004["INR calibration"],
    "references": ["Schurgers2004"],
}
#: Between-subject variability of the hepatic sensitivity (log-normal CV), from the
#: ``Schurgers2004`` set (derived from VKORC1 genotype effects, Hartmann2020).
SENSITIVITY_IIV: dict[str, float] = dict(_SCHURGERS2004["iiv [CV]"])
SENSITIVITY_REFERENCES: tuple[str, ...] = tuple(_SCHURGERS2004["iiv references"])
#: Hepatic potency of MK-4 and MK-7 serum excess relative to K1, from each form's default
#: PK set (``"hepatic potency relative to K1 [1]"``; 1 where a set gives none).
HEPATIC_POTENCY: dict[str, float] = {
    form: float(peek(name).get("hepatic potency relative to K1 [1]", 1.0))
    for form, name in sorted(DEFAULT_PK_SET.items())
    if form != "k1"
}
#: Schurgers2004 design: K1 steps [µg/d], 7 days each.
SCHURGERS2004_STEPS_UG: tuple[float, ...] = tuple(_SCHURGERS2004["calibration"]["K1 steps [ug/d]"])


@dataclass(frozen=True)
class VKAParameters:
    """VKA PK/PD and coagulation parameters for N subjects (per-subject arrays (N,))."""

    vka: str
    ka_per_h: float
    v_l: float
    cl_l_per_h: FloatArray
    imax: float
    ic50_mg_per_l: FloatArray
    d_vkh2_per_h: float
    d_factor_per_h: dict[str, float]
    inr0: float
    gamma: float
    sensitivity_l_per_nmol: FloatArray
    references: tuple[str, ...] = field(default=())
    #: Hepatic potency of each form's serum excess relative to K1 (K1 = 1). [1]
    potency: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_set(
        cls,
        name: str = "Falkenhagen2023",
        *,
        n: int = 1,
        seed: int | None = None,
        sensitivity_l_per_nmol: float | None = None,
    ) -> VKAParameters:
        """Parameters of a published set; ``seed`` draws log-normal IIV (Hamberg2007)."""
        from vitk.pharmacology import sets
        from vitk.pharmacology.population import sample_lognormal

        p = sets.load(name)
        if "coagulation set" in p:
            # A VKA set with its own PK/potency borrows the coagulation part.
            p = {**sets.load(p["coagulation set"]), **p}
            p["references"] = list(dict.fromkeys(p["references"]))
        s = (
            CALIBRATION["sensitivity [L/nmol]"]
            if sensitivity_l_per_nmol is None
            else (sensitivity_l_per_nmol)
        )
        iiv = {**p["iiv [CV]"], **SENSITIVITY_IIV}
        draws = sample_lognormal(
            {
                "CL [L/h]": p["CL [L/h]"],
                "IC50 [mg/L]": p["IC50 [mg/L]"],
                "sensitivity [L/nmol]": float(s),
            },
            iiv,
            n=n,
            seed=seed,
        )
        cite(*CALIBRATION["references"], *SENSITIVITY_REFERENCES)
        potency = {"k1": 1.0, **HEPATIC_POTENCY}
        return cls(
            vka=p["vka"],
            ka_per_h=p["ka [1/h]"],
            v_l=p["V [L]"],
            cl_l_per_h=draws["CL [L/h]"],
            imax=p["Imax [1]"],
            ic50_mg_per_l=draws["IC50 [mg/L]"],
            d_vkh2_per_h=p["d_VKH2 [1/h]"],
            d_factor_per_h={f: p[f"d_{f.upper()} [1/h]"] for f in FACTORS},
            inr0=p["INR0 [1]"],
            gamma=p["gamma [1]"],
            sensitivity_l_per_nmol=draws["sensitivity [L/nmol]"],
            references=tuple(p["references"]),
            potency=potency,
        )

    @property
    def n_subjects(self) -> int:
        """Number of subjects N."""
        return int(np.size(self.cl_l_per_h))

    def subset(self, index: slice | NDArray[np.intp]) -> VKAParameters:
        """The parameters of some subjects."""
        return replace(
            self,
            cl_l_per_h=self.cl_l_per_h[index],
            ic50_mg_per_l=self.ic50_mg_per_l[index],
            sensitivity_l_per_nmol=self.sensitivity_l_per_nmol[index],
        )


def vka_concentration_mg_per_l(
    t_h: NDArray[np.float64], dose_mg: FloatArray, params: VKAParameters, *, tau_h: float = 24.0
) -> FloatArray:
    """VKA plasma concentration at periodic steady state (doses at t = k tau). [mg L⁻¹]

    Returns an (N, T) array. ``C = D ka/(V (ka-ke)) [e^{-ke t'}/(1-e^{-ke tau})
    - e^{-ka t'}/(1-e^{-ka tau})]`` with t' the time since the last dose.
    """
    ke = (params.cl_l_per_h / params.v_l).reshape(-1, 1)
    ka = params.ka_per_h
    tp = np.mod(np.asarray(t_h, float), tau_h).reshape(1, -1)
    d = np.asarray(dose_mg, float).reshape(-1, 1)
    c = (
        d
        * ka
        / (params.v_l * (ka - ke))
        * (
            np.exp(-ke * tp) / (-np.expm1(-ke * tau_h))
            - np.exp(-ka * tp) / (-np.expm1(-ka * tau_h))
        )
    )
    return np.asarray(c, float)


def _inhibition(c: FloatArray, params: VKAParameters) -> FloatArray:
    ic50 = params.ic50_mg_per_l.reshape(-1, 1) if c.ndim == 2 else params.ic50_mg_per_l
    return np.asarray(params.imax * c / (ic50 + c), float)


def inr_from_factors(
    ii: FloatArray, vii: FloatArray, x: FloatArray, *, inr0: float, gamma: float
) -> FloatArray:
    """INR from factor activities relative to baseline, INR0 (II VII X)^gamma. [1]

    References
    ----------
    Falkenhagen2023 (power law fitted over INR 2-3).

    Notes
    -----
    Factor activity cannot exceed normal (fully carboxylated factors), so the product is
    capped at 1 and the INR never falls below INR0 (extra vitamin K without a VKA, or
    large doses under one, cannot make blood clot faster than normal).
    """
    return np.asarray(inr0 * np.power(np.minimum(ii * vii * x, 1.0), gamma), float)


def titrate_vka_dose_mg(
    params: VKAParameters, *, target_inr: float, tau_h: float = 24.0
) -> FloatArray:
    """Per-subject maintenance dose giving ``target_inr`` at steady state. [mg]

    At steady state every factor equals the interval-mean of (1 - inh), so the target
    needs mean(1 - inh) = (INR/INR0)^(1/(3 gamma)); the dose is found by bisection on
    log-dose, vectorised over subjects.
    """
    if not 1.0 < target_inr < 4.5:
        raise InputError(f"target_inr must be between 1 and 4.5; got {target_inr}.")
    u = (target_inr / params.inr0) ** (1.0 / (3.0 * params.gamma))
    t = np.linspace(0.0, tau_h, 97)[:-1]
    lo = np.full(params.n_subjects, np.log(0.01))
    hi = np.full(params.n_subjects, np.log(200.0))
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        inh = _inhibition(vka_concentration_mg_per_l(t, np.exp(mid), params, tau_h=tau_h), params)
        too_much = (1.0 - inh).mean(axis=1) < u
        hi = np.where(too_much, mid, hi)
        lo = np.where(too_much, lo, mid)
    return np.asarray(np.exp(0.5 * (lo + hi)), float)


def _make_rhs(
    t0_h: float,
    dt_h: float,
    drive: FloatArray,
    params: VKAParameters,
) -> Callable[[float, FloatArray], FloatArray]:
    """Vectorised RHS; ``drive`` (N, G) holds vk (1 - inh) on the input grid."""
    n = drive.shape[0]
    g = drive.shape[1]
    d = np.array([params.d_factor_per_h[f] for f in FACTORS]).reshape(-1, 1)
    kv = params.d_vkh2_per_h

    def rhs(t: float, y: FloatArray) -> FloatArray:
        x = (t - t0_h) / dt_h
        i = min(max(int(x), 0), g - 2)
        w = min(max(x - i, 0.0), 1.0)
        u = drive[:, i] * (1.0 - w) + drive[:, i + 1] * w
        s = y.reshape(5, n)
        out = np.empty_like(s)
        out[0] = kv * (u - s[0])
        out[1:] = d * (s[0] - s[1:])
        return out.reshape(-1)

    return rhs


def simulate_inr_arrays(
    t_out_h: FloatArray,
    regimen: Regimen,
    pk: Mapping[str, PKParameters],
    params: VKAParameters,
    *,
    vka_dose_mg: FloatArray | float | None = None,
    target_inr: float = 2.0,
    run_in_days: float = 14.0,
    method: str = "RK45",
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> dict[str, FloatArray]:
    """Solve the INR model for N subjects at once.

    Parameters
    ----------
    t_out_h : ndarray
        Output times from the first vitamin K dose, ≥ 0. [h]
    regimen : Regimen
        Oral vitamin K doses (any mix of K1, MK-4, MK-7).
    pk : mapping
        PK parameters by form code for the same N subjects.
    params : VKAParameters
        VKA and coagulation parameters for N subjects.
    vka_dose_mg : float or ndarray, optional
        Daily VKA dose; if None it is titrated to ``target_inr``. [mg]
    target_inr : float, optional
        Steady-state INR without supplement used for titration. [1]
    run_in_days : float, optional
        Days on the VKA alone before t = 0 (removes start-up transients). [d]
    method : str, optional
        ``solve_ivp`` method; ``"LSODA"`` is used for the per-subject reference.

    Returns
    -------
    dict
        ``"inr"``, ``"ii"``, ``"vii"``, ``"ix"``, ``"x"``, ``"vkh2"`` (N, T) arrays,
        ``"vka_dose_mg"`` (N,) and ``"vka_inhibition_mean"`` (N,).

    References
    ----------
    Wajima2009, Falkenhagen2023; sensitivity calibrated on Schurgers2004.
    """
    from scipy.integrate import solve_ivp

    cite(*params.references)
    n = params.n_subjects
    t_out = np.asarray(t_out_h, float)
    if t_out.ndim != 1 or t_out.size < 2 or np.any(np.diff(t_out) <= 0) or t_out[0] < 0:
        raise InputError("t_out_h must be increasing times ≥ 0 with at least two values.")
    for code, p in pk.items():
        if p.n_subjects != n:
            raise ModelError(
                f"PK parameters for {code} have {p.n_subjects} subjects; expected {n}."
            )
    missing = [f for f in regimen.forms if f not in pk]
    if missing:
        raise ModelError(f"No PK parameters for form(s) {', '.join(missing)} in the regimen.")
    if vka_dose_mg is None:
        dose = titrate_vka_dose_mg(params, target_inr=target_inr)
    else:
        dose = np.broadcast_to(np.asarray(vka_dose_mg, float), (n,)).copy()
        if np.any(dose < 0) or not np.all(np.isfinite(dose)):
            raise InputError(f"vka_dose_mg must be ≥ 0; got {np.min(dose)} mg.")
    dt = 1.0
    t0 = -24.0 * run_in_days
    grid = np.arange(t0, t_out[-1] + 2.0 * dt, dt)
    inh = _inhibition(vka_concentration_mg_per_l(grid, dose, params), params)
    vk = np.ones((n, grid.size))
    for code in regimen.forms:
        excess = concentration_nmol_per_l(grid, regimen, pk[code], include_baseline=False)
        s_form = params.sensitivity_l_per_nmol.reshape(-1, 1) * params.potency.get(code, 1.0)
        vk += s_form * excess
    drive = vk * (1.0 - inh)
    start = drive[:, :24].mean(axis=1)
    y0 = np.tile(start, 5)
    rhs = _make_rhs(t0, dt, drive, params)
    # Only the output times are needed; keep them inside the span.
    t_eval = np.concatenate([t_out])
    sol = solve_ivp(
        rhs,
        (t0, float(t_out[-1])),
        y0,
        method=method,
        t_eval=t_eval,
        rtol=rtol,
        atol=atol,
        max_step=6.0,
    )
    if not sol.success:
        raise ModelError(f"INR integration failed: {sol.message}")
    states = sol.y.reshape(5, n, -1)
    out: dict[str, FloatArray] = {"vkh2": states[0]}
    for k, f in enumerate(FACTORS, start=1):
        out[f] = states[k]
    out["inr"] = inr_from_factors(
        out["ii"], out["vii"], out["x"], inr0=params.inr0, gamma=params.gamma
    )
    out["vka_dose_mg"] = dose
    out["vka_inhibition_mean"] = inh[:, :24].mean(axis=1)
    return out


def escalation_regimen(form: str, steps_ug: tuple[float, ...], *, days_per_step: int) -> Regimen:
    """Daily doses rising step by step (Schurgers2004, Theuwissen2013 designs)."""
    from vitk.pharmacology.regimens import irregular

    doses = [
        (24.0 * (k * days_per_step + d), form, dose)
        for k, dose in enumerate(steps_ug)
        for d in range(days_per_step)
    ]
    return irregular(doses)


def escalation_inr_change(
    form: str,
    steps_ug: tuple[float, ...],
    *,
    days_per_step: int,
    sensitivity_l_per_nmol: float | None = None,
    target_inr: float = 2.0,
    pk_set: str | None = None,
    vka: str = "acenocoumarol",
    potency: float | None = None,
) -> FloatArray:
    """Typical-subject fractional INR change at the end of each step of an escalation. [1]

    ``potency`` overrides the form's hepatic potency relative to K1 (default: its set).

    Both anchoring studies (Schurgers2004, Theuwissen2013) used acenocoumarol, hence the
    default.
    """
    from vitk.pharmacology import sets
    from vitk.pharmacology.regimens import form_code

    code = form_code(form)
    params = VKAParameters.from_set(vka_set(vka), sensitivity_l_per_nmol=sensitivity_l_per_nmol)
    if potency is not None:
        params = replace(params, potency={**params.potency, code: float(potency)})
    pk = {code: PKParameters.from_set(pk_set or sets.DEFAULT_PK_SET[code])}
    regimen = escalation_regimen(code, steps_ug, days_per_step=days_per_step)
    ends = 24.0 * days_per_step * np.arange(1, len(steps_ug) + 1)
    t = np.concatenate([[0.0], ends])
    res = simulate_inr_arrays(t, regimen, pk, params, target_inr=target_inr)
    inr = res["inr"][0]
    return np.asarray(inr[1:] / inr[0] - 1.0, float)


def vka_set(vka: str) -> str:
    """Parameter-set name for a VKA (``"warfarin"``, ``"acenocoumarol"``).

    Raises
    ------
    InputError
        If the VKA has no parameter set.
    """
    from vitk.pharmacology.sets import VKA_SETS

    try:
        return VKA_SETS[vka.strip().lower()]
    except KeyError:
        raise InputError(
            f"Unknown or unparameterised VKA '{vka}'; allowed: {', '.join(VKA_SETS)}."
        ) from None


def calibrate_sensitivity(
    *, threshold: float = 0.10, target_inr: float = 2.0, vka: str = "acenocoumarol"
) -> float:
    """Hepatic sensitivity s [L nmol⁻¹] from the Schurgers2004 K1 titration.

    Finds s such that the mean of the INR falls at the end of the 100 and 150 µg/d weeks
    equals ``threshold`` (fraction of INR): 150 µg/d then lies above the threshold
    ("lowest dose with a significant INR fall") and 100 µg/d below it.
    Only K1 data are used.
    """
    from scipy.optimize import brentq

    cite("Schurgers2004")

    def gap(log_s: float) -> float:
        change = escalation_inr_change(
            "K1",
            SCHURGERS2004_STEPS_UG[:3],
            days_per_step=7,
            sensitivity_l_per_nmol=float(np.exp(log_s)),
            target_inr=target_inr,
            vka=vka,
        )
        return float(-0.5 * (change[1] + change[2]) - threshold)

    return float(np.exp(brentq(gap, np.log(1e-4), np.log(100.0), xtol=1e-4)))


def escalation_cohort_falls(
    form: str,
    steps_ug: tuple[float, ...],
    *,
    days_per_step: int,
    subjects: int,
    seed: int,
    vka: str = "acenocoumarol",
    target_inr: float = 2.0,
    potency: float | None = None,
) -> FloatArray:
    """Per-subject fractional INR fall at the end of each escalation step, shape (N, steps).

    A virtual cohort (log-normal IIV on vitamin K PK and VKA clearance/potency), each
    subject titrated to ``target_inr`` before the first step. ``potency`` overrides the
    form's hepatic potency relative to K1, as in :func:`escalation_inr_change`.
    """
    from vitk.pharmacology import sets
    from vitk.pharmacology.population import sample_pk
    from vitk.pharmacology.regimens import form_code

    code = form_code(form)
    params = VKAParameters.from_set(vka_set(vka), n=subjects, seed=seed)
    if potency is not None:
        params = replace(params, potency={**params.potency, code: float(potency)})
    pk = {code: sample_pk(sets.load(sets.DEFAULT_PK_SET[code]), n=subjects, seed=seed + 1)}
    regimen = escalation_regimen(code, steps_ug, days_per_step=days_per_step)
    t = 24.0 * days_per_step * np.arange(0, len(steps_ug) + 1, dtype=np.float64)
    inr = simulate_inr_arrays(t, regimen, pk, params, target_inr=target_inr)["inr"]
    return np.asarray(1.0 - inr[:, 1:] / inr[:, [0]], float)


def calibrate_mk7_potency(*, days_per_step: int = 7, vka: str = "acenocoumarol") -> dict[str, Any]:
    """MK-7's hepatic potency relative to K1 from the two threshold doses (not Theuwissen2013).

    Schurgers2004: clinically relevant INR changes begin at 150 µg/d K1 (25 % of subjects,
    and the lowest significant dose). Schurgers2007 (same group and design family): MK-7
    interferes in a clinically relevant way from 50 µg/d. The potency p multiplies MK-7's
    serum excess in the hepatic drive; it is chosen so that 50 µg/d MK-7 lowers the typical
    subject's INR as much as 150 µg/d K1 after ``days_per_step`` days each (Schurgers2007's
    step length was not read; 7 days as in Schurgers2004 is assumed).

    Returns
    -------
    dict
        ``"potency [1]"``, the matched ``"K1 150 ug/d change [1]"`` and the days used.
    """
    from scipy.optimize import brentq

    cite("Schurgers2004", "Schurgers2007")
    target = float(escalation_inr_change("K1", (150.0,), days_per_step=days_per_step, vka=vka)[0])

    def gap(log_p: float) -> float:
        change = escalation_inr_change(
            "MK-7", (50.0,), days_per_step=days_per_step, vka=vka, potency=float(np.exp(log_p))
        )
        return float(change[0] - target)

    p = float(np.exp(brentq(gap, np.log(0.05), np.log(20.0), xtol=1e-4)))
    return {"potency [1]": p, "K1 150 ug/d change [1]": target, "days per step": days_per_step}
