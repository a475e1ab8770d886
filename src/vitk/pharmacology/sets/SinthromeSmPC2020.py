"""Acenocoumarol (racemate) PK from the Sinthrome label; potency anchored on its dose range.

Label (MHRA SmPC, 2020): elimination half-life 8-11 h (9.5 h used), peak 1-3 h after
10 mg (ka chosen for Tmax 2 h), at least 60 % systemically available, volume of
distribution 0.16-0.34 L/kg (0.25 L/kg x 70 kg = 17.5 L used, F folded into it).
No in-vivo VKOR IC50 was found: IC50 is set so that the typical subject's maintenance
dose for INR 2.5 is 3 mg/d, the middle of the label's 1-8 mg/d range (an anchor, not a
fit to INR data). Because subjects are titrated to a target INR, IC50 only sets the dose
scale, not the response to vitamin K. The coagulation part (VKH2 and factor turnover,
INR law) is that of Falkenhagen2023. IIV: warfarin's (Hamberg2007) assumed.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "SinthromeSmPC2020",
    "vka": "acenocoumarol",
    "ka [1/h]": 1.624,
    "V [L]": 17.5,
    "CL [L/h]": 1.277,
    "Imax [1]": 1.0,
    "IC50 [mg/L]": 0.02224,
    "derivation": {
        "half-life [h]": 9.5,
        "half-life range [h]": (8.0, 11.0),
        "Tmax [h]": 2.0,
        "V [L/kg]": 0.25,
        "body mass [kg]": 70.0,
        "maintenance dose at INR 2.5 [mg/d]": 3.0,
    },
    "coagulation set": "Falkenhagen2023",
    "iiv [CV]": {"CL [L/h]": 0.31, "IC50 [mg/L]": 0.409},
    "references": ["SinthromeSmPC2020", "Falkenhagen2023", "Hamberg2007"],
    "population": "Label data for adults; potency anchored on the label's maintenance range.",
    "source": "Sinthrome SmPC section 5.2 (pharmacokinetics) and 4.2 (maintenance 1-8 mg).",
}
