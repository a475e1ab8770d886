"""Knapen2014: MK-7 PK from capsules and tablets (J Clin Trials 2014;4:160).

Abstract: time-to-peak 2-4 h from capsules and 6 h from tablets; circulating MK-7 still
elevated over baseline 24 h after a single intake; dose response at 24 h at group level.

The same group's 3-year trial of 180 µg/d MK-7 in 244 postmenopausal women (Knapen2013,
Knapen2015) is the long-term use of this dose; its marker changes are checked at the end
as a prediction of the carboxylation model (fitted on Dalmeijer2012, 12 weeks).
"""

import numpy as np
import pytest

from vitk.pharmacology.simulate import simulate_carboxylation, simulate_pk


@pytest.fixture
def knapen2014():
    """Knapen2014 abstract: Tmax range over formulations [h]; persistence time [h]."""
    return {"tmax_range_h": (2.0, 6.0), "elevated_at_h": 24.0}


def test_tmax_within_formulation_range(knapen2014):
    res = simulate_pk("MK-7", 180.0, days=2)
    lo, hi = knapen2014["tmax_range_h"]
    assert lo <= res.summary["tmax_h"] <= hi


def test_elevated_at_24h_with_dose_response(knapen2014):
    at24 = []
    for dose in (90.0, 180.0, 360.0):
        res = simulate_pk("MK-7", dose, days=2)
        at24.append(res.series["mk7_nmol_per_l"][0][res.t_h.searchsorted(24.0)])
    # Still elevated: more than half of a 4-h peak remains (half-life 68-72 h).
    assert at24[0] > 0.5 * simulate_pk("MK-7", 90.0, days=2).summary["cmax_nmol_per_l"]
    assert np.all(np.diff(at24) > 0)


@pytest.fixture
def knapen_3y():
    """180 µg/d MK-7 for 3 years, change vs placebo [fraction].

    ucOC: "more than 50 %" (Knapen2013, secondary summary drkumar_knapen2013; the primary
    number was not read). dp-ucMGP: about -50 % vs placebo (Knapen2015 abstract, as in the
    project evidence notes).
    """
    return {"dose_ug": 180.0, "days": 3 * 365, "ucoc_at_most": -0.50, "dp_ucmgp": -0.50}


def test_three_year_180ug_markers_vs_knapen2013_2015(knapen_3y):
    res = simulate_carboxylation("MK-7", knapen_3y["dose_ug"], every="24h", days=knapen_3y["days"])
    ucoc = res.summary["ucoc_change_pct"] / 100
    dp = res.summary["dp_ucmgp_change_pct"] / 100
    # Knapen2013 gives only a bound ("more than 50 %"): the prediction must lie beyond it.
    assert ucoc < knapen_3y["ucoc_at_most"]
    # dp-ucMGP: within a factor of 2 of about -50 %. Dalmeijer2012 (-31 % at 12 weeks, the
    # fit) and Knapen2015 differ at the same dose; the model sits at the Dalmeijer value
    # (about 0.6x the Knapen fall, reported in docs/pharmacology.md), not fitted to Knapen.
    assert knapen_3y["dp_ucmgp"] * 2 < dp < knapen_3y["dp_ucmgp"] / 2
    # The model is at steady state by 12 weeks (tissue t½ 215 h, turnover ≤ 7 d), so it has
    # no slow component that could close the gap over 3 years: within 1 percentage point.
    at_84d = simulate_carboxylation("MK-7", knapen_3y["dose_ug"], every="24h", days=84).summary
    assert abs(res.summary["dp_ucmgp_change_pct"] - at_84d["dp_ucmgp_change_pct"]) < 1.0
