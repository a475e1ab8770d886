"""Emaus2010: 360 µg/d MK-7 for 12 months in early postmenopausal women (Osteoporos Int
2010;21:1731).

Abstract (n = 334): serum ucOC decreased and cOC increased vs placebo (p < 0.001); numbers
not read. Only the direction can be checked. Prediction (the marker model is fitted on
12-week Dalmeijer2012 data, nothing from this trial); no calibration marker.
"""

import pytest

from vitk.pharmacology.simulate import simulate_carboxylation


@pytest.fixture
def emaus2010():
    """Emaus2010 abstract: dose [µg/d], duration [days]."""
    return {"dose_ug": 360.0, "days": 365}


def test_ucoc_ratio_falls_after_12_months(emaus2010):
    res = simulate_carboxylation("MK-7", emaus2010["dose_ug"], every="24h", days=emaus2010["days"])
    # Direction only (ucOC down, cOC up, so ucOC:cOC down); the fall must be well beyond
    # 10 %, the threshold this project uses for a significant group-mean change.
    assert res.summary["ucoc_change_pct"] < -10.0
