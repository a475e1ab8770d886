"""Warfarin, vitamin K cycle, clotting-factor turnover and INR (reduced Wajima model).

Warfarin PK (one-compartment oral) and VKOR inhibition from Falkenhagen2023 / Wajima2009;
hydroquinone turnover and factor II, VII, IX, X degradation rate constants from Wajima2009
(BioModels BIOMD0000000340); INR as a power law of factors II, VII and X (Falkenhagen2023,
fitted over INR 2-3). Inter-individual variability of warfarin clearance and potency from
Hamberg2007 (CV of CL 31 %, of EC50 40.9 %).
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Falkenhagen2023",
    "vka": "warfarin",
    "ka [1/h]": 1.0,
    "V [L]": 10.0,
    "CL [L/h]": 0.2,
    "Imax [1]": 1.0,
    "IC50 [mg/L]": 0.34,
    "d_VKH2 [1/h]": 0.228,
    "d_II [1/h]": 0.010,
    "d_VII [1/h]": 0.12,
    "d_IX [1/h]": 0.029,
    "d_X [1/h]": 0.018,
    "INR0 [1]": 1.0,
    "gamma [1]": -0.1975,
    "hepatic VK baseline [nmol/L]": 1.0,
    "iiv [CV]": {"CL [L/h]": 0.31, "IC50 [mg/L]": 0.409},
    "references": ["Falkenhagen2023", "Wajima2009", "BioModels340", "Hamberg2007"],
    "population": "Model reduction of Wajima2009 checked on a 1000-subject virtual population "
    "(Falkenhagen2023); IIV from 150 Italian warfarin patients (Hamberg2007).",
    "source": "Falkenhagen2023 reduced model (6 ODEs), Wajima2009 rate constants, "
    "Hamberg2007 IIV table (via secondary transcription).",
}
