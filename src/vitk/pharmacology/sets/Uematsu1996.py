"""MK-4 at a pharmacological dose (15 mg with breakfast), fat-dependent.

Apparent clearance CL/F = dose / AUC0-24 from Uematsu1996: 40.4, 30.9 and 14.6 L/h with
8.8, 20.0 and 34.9 g fat. The default is the 20 g-fat meal. Half-life about 1 h
(secondary; range 0.5-3 h). ka and tlag are assumptions.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Uematsu1996",
    "form": "mk4",
    "ka [1/h]": 1.0,
    "ke [1/h]": 0.6931,
    "V/F [L]": 44.6,
    "F [1]": 1.0,
    "tlag [h]": 1.0,
    "baseline [nmol/L]": 0.0,
    "half-life range [h]": (0.5, 3.0),
    "CL/F by meal fat [L/h]": {"8.8 g": 40.4, "20.0 g": 30.9, "34.9 g": 14.6},
    "derivation": {"half-life [h]": 1.0, "CL/F at 15 mg [L/h]": 30.9},
    "iiv [CV]": {"ka [1/h]": 0.3, "ke [1/h]": 0.3, "V/F [L]": 0.33},
    "references": ["Uematsu1996"],
    "population": "18 healthy Japanese men, 15 mg MK-4 with meals of 8.8-34.9 g fat.",
    "source": "Uematsu1996 abstract (AUC0-24 by meal fat).",
}
