"""Dalmeijer2012: MK-7 180 or 360 µg/d for 12 weeks (Atherosclerosis 2012;225:397).

Abstract: dp-ucMGP fell 31 % and 46 %; the ucOC:cOC ratio fell 60 % and 74 %; placebo
unchanged. These four numbers calibrate the marker model (two parameters per marker, with
the hepatic-uptake capacity of the ``Schurgers2004`` set held fixed), so the test re-runs
the fit and reports it; the checks below on placebo and dose order are properties of the
model, not of the fit.

Calibration (marker ``calibration``): the re-fit and the 180/360 µg/d changes.
Not calibration: placebo unchanged (a model property).
"""

import pytest

from vitk.pharmacology import carboxylation
from vitk.pharmacology.simulate import simulate_carboxylation


@pytest.fixture
def dalmeijer2012():
    """Dalmeijer2012 abstract: fractional change at 84 days by dose [µg/d]."""
    return carboxylation.DALMEIJER2012


@pytest.mark.calibration
def test_refit_matches_stored_parameters_and_data(dalmeijer2012):
    fit = carboxylation.fit_dalmeijer2012()
    for marker in carboxylation.MARKERS:
        # Two parameters, two points: the fit is exact up to the optimiser tolerance.
        assert max(abs(r) for r in fit[marker]["residual"]) < 1e-3
        # Stored values are rounded to 4 significant digits.
        assert fit[marker]["IC50 [nmol/L]"] == pytest.approx(
            carboxylation.FIT[marker]["IC50 [nmol/L]"], rel=2e-3
        )
        assert fit[marker]["Imax [1]"] == pytest.approx(
            carboxylation.FIT[marker]["Imax [1]"], rel=2e-3
        )


@pytest.mark.calibration
@pytest.mark.parametrize("dose", [180.0, 360.0])
def test_stored_parameters_reproduce_the_published_changes(dalmeijer2012, dose):
    res = simulate_carboxylation("MK-7", dose, every="24h", days=84)
    # Rounding of the stored parameters: within 0.5 percentage points.
    assert res.summary["ucoc_change_pct"] == pytest.approx(
        100 * dalmeijer2012["ucoc"][dose], abs=0.5
    )
    assert res.summary["dp_ucmgp_change_pct"] == pytest.approx(
        100 * dalmeijer2012["dp_ucmgp"][dose], abs=0.5
    )


def test_placebo_unchanged():
    res = simulate_carboxylation("MK-7", 0.0, every="24h", days=84)
    assert res.summary["ucoc_change_pct"] == 0.0
    assert res.summary["dp_ucmgp_change_pct"] == 0.0
