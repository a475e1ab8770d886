"""Vitamin K1 with the short terminal half-life (2.7 h) and an absorption lag.

With t1/2 = 2.7 h (slow phase of the IV two-compartment fit in Jones2007) a lag-free
one-compartment model cannot peak later than 1/ke = 3.9 h, so a lag is needed:
tlag = 1.5 h and ka = 0.59 /h put Tmax at 4 h (Schurgers2007). V/F reproduces the
Garber1999 AUC0-9h (75 % of AUC0-inf falls inside 0-9 h for these values).
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Jones2007",
    "form": "k1",
    "ka [1/h]": 0.59,
    "ke [1/h]": 0.2567,
    "V/F [L]": 117.8,
    "F [1]": 1.0,
    "tlag [h]": 1.5,
    "baseline [nmol/L]": 1.0,
    "half-life range [h]": (1.5, 3.0),
    "derivation": {
        "half-life [h]": 2.7,
        "Tmax [h]": 4.0,
        "AUC0-9h [nmol h/L]": 27.55,
        "AUC dose [ug]": 500.0,
    },
    "iiv [CV]": {"ka [1/h]": 0.3, "ke [1/h]": 0.3, "V/F [L]": 0.3},
    # Wajima2009: source of the 1 nmol/L endogenous baseline ("baseline [nmol/L]").
    "references": ["Jones2007", "Schurgers2007", "Garber1999", "Wajima2009"],
    "population": "Healthy lean adults (Jones2007, n=10, stable isotopes).",
    "source": "Jones2007 thesis abstract (IV half-times 0.2 h and 2.7 h); lag and ka derived. "
    "Baseline 1 nmol/L as in Wajima2009.",
}
