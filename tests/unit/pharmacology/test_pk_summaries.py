"""PK summaries per form, Tmax only with an excess over baseline, and baseline citations."""

from __future__ import annotations

import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import Regimen, irregular, simulate_pk
from vitk.pharmacology.simulate import simulate_carboxylation, simulate_inr

SINGLE_KEYS = {
    "cmax_nmol_per_l",
    "cmax_ng_per_ml",
    "tmax_h",
    "trough_ss_nmol_per_l",
    "accumulation_ratio",
    "t90_ss_h",
}


def test_mixed_forms_get_one_summary_each():
    res = simulate_pk(irregular([(0, "K1", 100), (30, "MK-7", 900)]), days=5)
    assert set(res.summary_by_form) == {"k1", "mk7"}
    for code in ("k1", "mk7"):
        s = res.summary_by_form[code]
        assert set(s) == SINGLE_KEYS
        assert s["cmax_nmol_per_l"] == pytest.approx(res.series[f"{code}_nmol_per_l"].max())
        assert res.summary[f"{code}_cmax_nmol_per_l"] == s["cmax_nmol_per_l"]
    # MK-7 peaks higher than K1; no unprefixed key can pass one form off as the whole.
    by = res.summary_by_form
    assert by["mk7"]["cmax_nmol_per_l"] > by["k1"]["cmax_nmol_per_l"]
    assert "cmax_nmol_per_l" not in res.summary
    assert res.meta["form"] is None and res.meta["forms"] == ["k1", "mk7"]
    assert res.meta["by_form"]["mk7"]["total_dose_ug"] == 900.0
    d = res.to_dict()
    assert d["summary_by_form"]["mk7"]["tmax_h"] == pytest.approx(4.0, abs=0.5)


def test_mixed_form_cohort_bands_are_per_form():
    res = simulate_pk(irregular([(0, "K1", 100), (0, "MK-7", 100)]), days=2, subjects=20, seed=1)
    assert {"k1_cmax_nmol_per_l", "mk7_cmax_nmol_per_l"} <= set(res.bands)


def test_single_form_keeps_the_contract_keys():
    res = simulate_pk("MK-7", 180.0, every="24h", days=28)
    assert set(res.summary) == SINGLE_KEYS
    assert res.summary_by_form == {"mk7": res.summary}
    assert res.meta["form"] == "mk7" and res.meta["regimen"] == "every 24h"


@pytest.mark.parametrize(
    "regimen",
    [
        irregular([(0, "MK-7", 0.0)]),
        irregular([(200, "MK-7", 100.0)]),  # after the 5-day (120 h) window
    ],
)
def test_tmax_is_none_without_excess_over_baseline(regimen):
    res = simulate_pk(regimen, days=5)
    assert res.summary["tmax_h"] is None
    assert res.to_dict()["summary"]["tmax_h"] is None
    assert res.summary["cmax_nmol_per_l"] == pytest.approx(res.meta["baseline_nmol_per_l"])


def test_tmax_none_for_zero_dose_cohort_has_no_band():
    res = simulate_pk("K1", 0.0, days=2, subjects=10, seed=3)
    assert res.summary["tmax_h"] is None and "tmax_h" not in res.bands


def test_tmax_still_given_with_an_excess():
    res = simulate_pk(irregular([(0, "MK-7", 0.0), (24, "MK-7", 100.0)]), days=5)
    assert res.summary["tmax_h"] == pytest.approx(4.0, abs=0.5)


def test_empty_regimen_is_a_clear_error():
    with pytest.raises(InputError, match="no doses"):
        simulate_pk(Regimen(()), days=2)


@pytest.mark.parametrize("parameter_set", [None, "Jones2007"])
def test_k1_baseline_cites_wajima2009(parameter_set):
    res = simulate_pk("K1", 100.0, days=1, parameter_set=parameter_set)
    assert res.meta["baseline_nmol_per_l"] == 1.0
    assert "Wajima2009" in res.references
    carb = simulate_carboxylation("K1", 100.0, every="24h", days=2)
    assert "Wajima2009" in carb.references


def test_every_none_is_one_dose_for_all_three_simulations():
    pk = simulate_pk("MK-7", 180.0, every=None, days=14)
    carb_one = simulate_carboxylation("MK-7", 180.0, every=None, days=14)
    carb_daily = simulate_carboxylation("MK-7", 180.0, every="24h", days=14)
    inr_one = simulate_inr("MK-7", 180.0, every=None, days=14)
    inr_daily = simulate_inr("MK-7", 180.0, every="24h", days=14)
    assert pk.meta["regimen"] == carb_one.meta["regimen"] == inr_one.meta["regimen"] == "one dose"
    assert inr_daily.meta["regimen"] == "every 24h"
    # One dose barely moves INR (about -2 %); daily dosing lowers it a lot (about -44 %).
    assert inr_one.summary["inr_change_pct"] > -5.0
    assert inr_daily.summary["inr_change_pct"] < -30.0
    assert abs(carb_one.summary["ucoc_change_pct"]) < 0.2 * abs(
        carb_daily.summary["ucoc_change_pct"]
    )
    # The serum curve of the single dose is back near baseline at the end.
    c = pk.series["mk7_nmol_per_l"][0]
    assert c[-1] < 0.1 * c.max() and np.argmax(c) < 40


def test_library_default_is_one_dose_like_the_cli():
    """Without ``every`` all three simulations run one dose, as the CLI without --every."""
    for func in (simulate_pk, simulate_carboxylation, simulate_inr):
        default = func("MK-7", 180.0, days=14)
        assert default.meta["every"] is None
        assert default.meta["regimen"] == "one dose", func.__name__
        assert default.summary == func("MK-7", 180.0, every=None, days=14).summary
