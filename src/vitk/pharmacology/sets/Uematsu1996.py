"""MK-4 (menatetrenone) from nutritional microgram doses to 45 mg/d: the default MK-4 model.

Disposition: apparent clearance CL/F = dose / AUC0-24 from Uematsu1996 (15 mg with
breakfast): 40.4, 30.9 and 14.6 L/h with 8.8, 20.0 and 34.9 g fat; the 20 g-fat meal is
the default, the others are the ``"relative F by meal fat [1]"`` table (a 53.8 g-fat meal
gave no further gain). Half-life about 1 h (secondary; range 0.5-3 h); ka and tlag are
assumptions.

Dose-dependent absorption (**fitted**, 2 parameters on 2 points, neither from Uematsu1996):
the absorbed fraction of a dose D is D^h / (D50^h + D^h).

- Sato2012: 420 µg gave no measurable serum MK-4 at any time (0-72 h). With this
  clearance that bounds the fraction at 420 µg to at most 0.015 (detection limit assumed
  0.1 ng/mL); the fit puts 420 µg on that bound.
- SchurgersVermeer2002 (secondary summary): after 2 µmol (889 µg) MK-4 the serum AUC was
  about 20 % of that after 2 µmol K1. With the Novotny2010 K1 set (CL/F 17.3 L/h) that is
  an absorbed fraction of 0.36 at 889 µg.

So D50 = 1003 µg and h = 4.81: nutritional doses (≤ 420 µg) stay undetectable, 15 mg
(and each 15 mg dose of the 45 mg/d regimen) is absorbed as in Uematsu1996. A steep
threshold this fitted from two points is a description, not a mechanism.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Uematsu1996",
    "form": "mk4",
    "default": True,
    "ka [1/h]": 1.0,
    "ke [1/h]": 0.6931,
    "V/F [L]": 44.6,
    "F [1]": 1.0,
    "tlag [h]": 1.0,
    "baseline [nmol/L]": 0.0,
    "half-life range [h]": (0.5, 3.0),
    "CL/F by meal fat [L/h]": {"8.8 g": 40.4, "20.0 g": 30.9, "34.9 g": 14.6},
    # AUC0-24 relative to the 20 g-fat meal (Uematsu1996: 371, 485, 1024; 53.8 g: 991
    # against 1027 for 34.9 g in the n = 12 subgroup).
    "relative F by meal fat [1]": {8.8: 0.765, 20.0: 1.0, 34.9: 2.111, 53.8: 2.037},
    "dose-dependent absorption": {
        "D50 [ug]": 1003.0,
        "hill [1]": 4.81,
        "fitted on": {
            "Sato2012": "420 µg: absorbed fraction at most 0.015 (not detected)",
            "SchurgersVermeer2002": "889 µg: AUC 20 % of equimolar K1, fraction 0.36 "
            "(secondary summary)",
        },
    },
    "derivation": {"half-life [h]": 1.0, "CL/F at 15 mg [L/h]": 30.9},
    # Uematsu1996 AUC SD/mean at 20 g fat: 150/485 = 0.31.
    "iiv [CV]": {"F [1]": 0.31, "ka [1/h]": 0.3},
    "references": ["Uematsu1996", "Sato2012", "SchurgersVermeer2002", "Novotny2010"],
    "population": "18 healthy Japanese men, 15 mg MK-4 with meals of 8.8-34.9 g fat "
    "(Uematsu1996); healthy Japanese women, 420 µg (Sato2012).",
    "source": "Uematsu1996 abstract (AUC0-24 by meal fat); Sato2012 abstract (not detected); "
    "SchurgersVermeer2002 via a secondary summary (AUC ratio to K1).",
}
