"""Hepatic-uptake capacity for supplemental vitamin K (liver-first carboxylation).

In Schurgers2004 (healthy volunteers on acenocoumarol, K1 50, 100, 150, 200, 250, 300,
500 µg/d, 7 days a step) the INR fell significantly from 150 µg/d and ucFII from 100 µg/d,
but ucOC only from 300 µg/d. In the marker model of :mod:`vitk.pharmacology.carboxylation`
the liver takes up the serum excess first, up to this capacity; extra-hepatic tissues see
only the part above it. The capacity is chosen so that the mean ucOC fall at the end of the
250 and 300 µg/d weeks equals the 10 % significance threshold used for INR (so 300 µg/d
is significant and 250 µg/d is not), with the ucOC Imax and IC50 re-fitted to
Dalmeijer2012 at each trial value. Re-derived in tests/validation/test_schurgers2004.py
by :func:`vitk.pharmacology.carboxylation.calibrate_hepatic_capacity`.
"""

from __future__ import annotations

from typing import Any

PARAMETERS: dict[str, Any] = {
    "name": "Schurgers2004",
    "model": "hepatic capacity and INR sensitivity (K1 titration under acenocoumarol)",
    "hepatic capacity [nmol/L]": 0.9722,
    # Hepatic sensitivity s of the INR model: relative hepatic vitamin K rises by
    # s x serum excess. Calibrated on K1 only (anticoagulation.calibrate_sensitivity).
    "INR sensitivity [L/nmol]": 0.3673,
    "INR calibration": {
        "target": "mean INR fall of the 100 and 150 µg/d K1 weeks equals the significance "
        "threshold, so 150 µg/d is significant and 100 µg/d is not",
        "significance threshold [fraction of INR]": 0.10,
        "threshold reason": "assumption: with ~12 paired subjects and a within-subject INR SD "
        "of ~0.2-0.3, a group-mean fall of ~0.2 INR (10 % of 2.0) is about 2 standard errors",
        "protocol": "acenocoumarol titrated to INR 2.0; K1 50, 100, 150, 200, 250, 300, "
        "500 µg/d, 7 d each",
    },
    # Between-subject variability of the hepatic sensitivity s (log-normal CV). Derived:
    # Hartmann2020 lowers available vitamin K by 22 % (VKORC1 GA) and 44 % (AA); with the
    # allele frequencies of Falkenhagen2023 (A 0.392; GG 37 %, GA 48 %, AA 15 %) the
    # genotype mixture has CV 0.18. Pitsiu-type PD variability beyond genotype is not
    # included (no number read), so this is a lower bound on the spread.
    "iiv [CV]": {"sensitivity [L/nmol]": 0.18},
    "iiv references": ["Hartmann2020", "Falkenhagen2023"],
    # Share of participants whose INR change was "clinically relevant" at 150 µg/d.
    "observed": {
        "lowest significant INR dose [ug/d]": 150.0,
        "clinically relevant share at 150 ug/d [1]": 0.25,
        "lowest ucFII dose [ug/d]": 100.0,
        "lowest ucOC dose [ug/d]": 300.0,
    },
    "calibration": {
        "target": "mean ucOC fall at the end of the 250 and 300 µg/d K1 weeks equals the "
        "significance threshold, so 300 µg/d is the lowest significant dose",
        "significance threshold [fraction]": 0.10,
        "threshold reason": 'assumption, as for INR ("INR calibration"): about 2 '
        "standard errors for ~12 paired subjects; the abstract gives no effect sizes",
        "K1 steps [ug/d]": (50.0, 100.0, 150.0, 200.0, 250.0, 300.0, 500.0),
        "days per step": 7,
        "K1 set": "Novotny2010",
        "marker fit": "ucOC Imax, IC50 re-fitted to Dalmeijer2012 for each trial capacity",
    },
    "references": ["Schurgers2004", "Dalmeijer2012", "Novotny2010"],
    "population": "Healthy volunteers stably anticoagulated with acenocoumarol, weekly rising "
    "K1 supplements (Schurgers2004).",
    "source": "Schurgers2004 abstract: lowest K1 dose lowering ucOC 300 µg/d (ucFII 100, INR "
    "150 µg/d). Capacity expressed as serum excess over baseline.",
}
