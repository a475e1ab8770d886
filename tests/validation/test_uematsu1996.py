"""Uematsu1996: 15 mg MK-4 with meals of different fat content (J Pharm Sci 1996;85:1012).

Abstract: AUC0-24 371 ± 194, 485 ± 150 and 1024 ± 341 ng h/mL with 8.8, 20.0 and 34.9 g
fat (n = 18).

Calibration (marker ``calibration``): every check here. CL/F of the Uematsu1996 set was
derived from these AUCs, and the nutritional MK-4 set's F is bounded by Sato2012.
"""

import numpy as np
import pytest

from vitk.pharmacology import pk, regimens, sets
from vitk.units import MOLAR_MASS_G_PER_MOL


@pytest.fixture
def uematsu1996():
    """Uematsu1996 abstract: dose [µg], AUC0-24 [ng h/mL] by meal fat."""
    return {"dose_ug": 15000.0, "auc": {"8.8 g": 371.0, "20.0 g": 485.0, "34.9 g": 1024.0}}


@pytest.mark.calibration
def test_auc_0_24_for_the_default_meal(uematsu1996):
    p = pk.PKParameters.from_set("Uematsu1996")
    t = np.linspace(0, 24, 4801)
    c = pk.concentration_nmol_per_l(
        t, regimens.single("MK-4", uematsu1996["dose_ug"]), p, include_baseline=False
    )
    # nmol h/L to ng h/mL through the MK-4 molar mass [g/mol].
    auc_ng = np.trapezoid(c[0], t) * MOLAR_MASS_G_PER_MOL["mk4"] / 1000.0
    # CL/F was derived from this AUC assuming AUC0-24 = AUC0-inf (t1/2 ~1 h): 2 %.
    assert auc_ng == pytest.approx(uematsu1996["auc"]["20.0 g"], rel=0.02)


@pytest.mark.calibration
def test_clearance_by_fat_reproduces_each_meal(uematsu1996):
    s = sets.load("Uematsu1996")
    for meal, cl in s["CL/F by meal fat [L/h]"].items():
        # AUC = dose / (CL/F); µg h/L = ng h/mL. Rounding of CL/F to 3 digits: 1 %.
        assert uematsu1996["dose_ug"] / cl == pytest.approx(uematsu1996["auc"][meal], rel=0.01)


@pytest.mark.calibration
def test_nutritional_mk4_set_is_far_below_the_pharmacological_one(uematsu1996):
    # Sato2012 (no serum MK-4 after 420 µg) forces F <= ~1.5 % relative to Uematsu1996.
    assert sets.load("Sato2012")["F [1]"] <= 0.015
