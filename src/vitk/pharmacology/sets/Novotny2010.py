"""Vitamin K1 (phylloquinone), oral one-compartment parameters, no absorption lag.

Elimination: plasma half-time 8.8 h of the compartmental model in Novotny2010.
Absorption: ka chosen so that Tmax = 4 h, the peak time after a K1 supplement in
Schurgers2007, using Tmax = ln(ka/ke)/(ka - ke).
Apparent volume: V/F such that the model reproduces the 0-9 h AUC of 27.55 nmol h/L after
a 500 µg K1 tablet in Garber1999 (0.431 of AUC0-inf falls within 0-9 h for these ka, ke).
The derivations are re-run in ``tests/unit/pharmacology/test_sets.py``.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Novotny2010",
    "form": "k1",
    "default": True,
    "ka [1/h]": 0.5763,
    "ke [1/h]": 0.07877,
    "V/F [L]": 220.2,
    "F [1]": 1.0,
    "tlag [h]": 0.0,
    "baseline [nmol/L]": 1.0,
    "half-life range [h]": (8.8, 8.8),
    # Compartmental model of Novotny2010: slow tissue pool half-time (drives the
    # extra-hepatic compartment of the carboxylation model).
    "tissue half-time [h]": 215.0,
    "derivation": {
        "half-life [h]": 8.8,
        "Tmax [h]": 4.0,
        "AUC0-9h [nmol h/L]": 27.55,
        "AUC dose [ug]": 500.0,
    },
    # Log-normal inter-individual variability (coefficient of variation). F: CV of the
    # 0-9 h AUC after the 500 µg tablet, 10.08/27.55 = 0.37 (Garber1999, n = 8); ka 0.3
    # assumed (it shapes the curve, not the exposure).
    "iiv [CV]": {"F [1]": 0.37, "ka [1/h]": 0.3},
    # Wajima2009: source of the 1 nmol/L endogenous baseline ("baseline [nmol/L]").
    "references": ["Novotny2010", "Schurgers2007", "Garber1999", "Wajima2009"],
    "population": "Healthy adults; 13C-kale (Novotny2010, n=7), K1 tablet (Garber1999, n=8), "
    "K1 supplement (Schurgers2007).",
    "source": "Novotny2010 abstract (half-time 8.8 h); Schurgers2007 abstract (Tmax 4 h); "
    "Garber1999 abstract (AUC0-9h). Baseline 1 nmol/L as in Wajima2009.",
}
