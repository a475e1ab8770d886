"""MK-4 (menatetrenone) at nutritional doses: an upper bound, not a fit.

Sato2012 found no serum MK-4 at any time 0-72 h after 420 µg, and no rise after 60 µg/d
for 7 days. No primary MK-4 half-life was found; secondary pages give about 1 h
(range kept as 0.5-3 h). Disposition uses the apparent clearance of the 20 g-fat meal in
Uematsu1996 (CL/F 30.9 L/h at 15 mg). Nutritional doses must then reach the circulation
with a relative availability F of at most about 1.5 % to stay below an assumed detection
limit of 0.1 ng/mL; F = 0.01 is used. ka and tlag are assumptions (no profile read).
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Sato2012",
    "form": "mk4",
    "ka [1/h]": 1.0,
    "ke [1/h]": 0.6931,
    "V/F [L]": 44.6,
    "F [1]": 0.01,
    "tlag [h]": 1.0,
    "baseline [nmol/L]": 0.0,
    "half-life range [h]": (0.5, 3.0),
    "detection limit [ng/mL]": 0.1,
    "derivation": {"half-life [h]": 1.0, "CL/F at 15 mg [L/h]": 30.9},
    "iiv [CV]": {"ka [1/h]": 0.3, "ke [1/h]": 0.3, "V/F [L]": 0.3},
    "references": ["Sato2012", "Uematsu1996"],
    "population": "Healthy Japanese women (Sato2012, n=5 per arm).",
    "source": "Sato2012 abstract and results text (not detected after 420 µg); Uematsu1996 "
    "abstract (AUC0-24 485 ng h/mL, 20 g fat); detection limit assumed.",
}
