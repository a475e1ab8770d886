"""MK-7 (natto-derived), oral one-compartment parameters.

Half-life: 70 h, the middle of the 68-72 h range quoted by secondary sources; the
Schurgers2007 abstract only says "very long". The range is kept in
``"half-life range [h]"`` and can be sampled or swept.
Absorption: ka gives Tmax = 4 h (Schurgers2007).
Apparent volume: chosen so that, at equimolar daily intake, the time-averaged
steady-state excess over baseline is 7.5 times that of K1 (Novotny2010 set), the
middle of the 7- to 8-fold accumulation in Schurgers2007. This ties MK-7 to the K1 set:
CL/F(MK-7) = CL/F(K1) / 7.5.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Schurgers2007",
    "form": "mk7",
    "default": True,
    "ka [1/h]": 1.2116,
    "ke [1/h]": 0.009902,
    "V/F [L]": 233.6,
    "F [1]": 1.0,
    "tlag [h]": 0.0,
    "baseline [nmol/L]": 0.0,
    "half-life range [h]": (68.0, 72.0),
    "derivation": {
        "half-life [h]": 70.0,
        "Tmax [h]": 4.0,
        "steady-state ratio MK-7/K1 (equimolar)": 7.5,
        "steady-state ratio range": (7.0, 8.0),
        "reference K1 set": "Novotny2010",
    },
    # Hepatic potency of MK-7 serum excess relative to K1 in the INR model (fitted, 1
    # parameter on 1 point): 50 µg/d MK-7 (Schurgers2007 threshold) lowers the typical
    # INR as much as 150 µg/d K1 (Schurgers2004 threshold), 7 days each, acenocoumarol.
    # Re-derived by anticoagulation.calibrate_mk7_potency(); Theuwissen2013 is not used.
    "hepatic potency relative to K1 [1]": 0.6847,
    # Log-normal IIV. F: CV of plasma MK-7 at the peak after natto, 4.12/14.54 = 0.28
    # (natto study in pkpd notes); ka and ke assumed (Knapen2014: "high", no number).
    "iiv [CV]": {"F [1]": 0.28, "ka [1/h]": 0.3, "ke [1/h]": 0.2},
    "references": ["Schurgers2007", "Knapen2014"],
    "population": "Healthy volunteers, natto-derived MK-7 supplement (Schurgers2007).",
    "source": "Schurgers2007 abstract (Tmax 4 h, 7-8-fold accumulation); half-life range from "
    "secondary pages (not the primary paper); IIV assumed (Knapen2014: high, no number).",
}
