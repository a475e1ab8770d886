import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import anticoagulation as ac
from vitk.pharmacology.simulate import simulate_inr


def test_titration_reaches_the_target_inr():
    res = simulate_inr(None, days=14, target_inr=2.5)
    # Titration uses interval-mean inhibition; daily fluctuation of factor VII moves the
    # sampled INR by a few percent.
    assert res.summary["inr_baseline"] == pytest.approx(2.5, rel=0.03)


def test_no_supplement_keeps_inr_flat():
    res = simulate_inr(None, days=21)
    inr = res.series["inr"][0]
    assert np.ptp(inr) / inr.mean() < 0.03


def test_more_vitamin_k_lowers_inr_monotonically():
    ends = [
        simulate_inr("K1", d, every="24h", days=14).summary["inr_end"] for d in (0.0, 100.0, 300.0)
    ]
    assert ends[0] > ends[1] > ends[2]


def test_without_vka_factors_stay_at_baseline():
    res = simulate_inr(None, days=7, vka_dose_mg=0.0)
    np.testing.assert_allclose(res.series["inr"], 1.0, atol=1e-6)


def test_inr_power_law():
    assert (
        float(
            ac.inr_from_factors(
                np.array(1.0), np.array(1.0), np.array(1.0), inr0=1.0, gamma=-0.1975
            )
        )
        == 1.0
    )
    assert float(
        ac.inr_from_factors(np.array(0.5), np.array(0.5), np.array(0.5), inr0=1.0, gamma=-0.1975)
    ) == pytest.approx(0.125**-0.1975)


def test_batched_solution_matches_per_subject_lsoda():
    res = simulate_inr("MK-7", 45.0, every="24h", days=10, subjects=4, seed=11)
    params = ac.VKAParameters.from_set(n=4, seed=11 + 7919)
    from vitk.pharmacology import regimens, sets
    from vitk.pharmacology.population import sample_pk

    cohort = sample_pk(sets.load("Schurgers2007"), n=4, seed=11)
    reg = regimens.daily("MK-7", 45.0, days=10)
    for i in range(4):
        one = ac.simulate_inr_arrays(
            res.t_h,
            reg,
            {"mk7": cohort.subset(slice(i, i + 1))},
            params.subset(slice(i, i + 1)),
            method="LSODA",
        )
        np.testing.assert_allclose(one["inr"][0], res.series["inr"][i], rtol=1e-4)


@pytest.mark.parametrize(
    "kwargs", [{"vka": "heparin"}, {"target_inr": 6.0}, {"vka_dose_mg": -1.0}, {"backend": "spark"}]
)
def test_bad_inr_inputs(kwargs):
    with pytest.raises(InputError):
        simulate_inr("K1", 100.0, every="24h", days=3, **kwargs)


def test_acenocoumarol_set_reproduces_its_dose_anchor_and_half_life():
    from dataclasses import replace

    from vitk.pharmacology import sets

    s = sets.load("SinthromeSmPC2020")
    d = s["derivation"]
    assert s["CL [L/h]"] / s["V [L]"] == pytest.approx(np.log(2) / d["half-life [h]"], rel=1e-3)
    p = ac.VKAParameters.from_set("SinthromeSmPC2020")
    dose = ac.titrate_vka_dose_mg(p, target_inr=2.5)[0]
    assert dose == pytest.approx(d["maintenance dose at INR 2.5 [mg/d]"], rel=0.01)
    # Coagulation part is borrowed from Falkenhagen2023.
    assert p.d_factor_per_h["ii"] == sets.load("Falkenhagen2023")["d_II [1/h]"]
    doubled = replace(p, ic50_mg_per_l=2 * p.ic50_mg_per_l)
    assert ac.titrate_vka_dose_mg(doubled, target_inr=2.5)[0] > 1.9 * dose


def test_acenocoumarol_fluctuates_more_within_a_day_than_warfarin():
    ranges = {}
    for vka in ("warfarin", "acenocoumarol"):
        res = simulate_inr(None, days=3, vka=vka, dt_h=1.0)
        last_day = res.series["inr"][0][-25:]
        ranges[vka] = np.ptp(last_day)
    # Half-life 9.5 h vs 35 h: factor VII follows the swings of inhibition.
    assert ranges["acenocoumarol"] > 2 * ranges["warfarin"]
