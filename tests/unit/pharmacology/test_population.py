import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import sets
from vitk.pharmacology.population import sample_lognormal, sample_pk, summarise
from vitk.pharmacology.simulate import simulate_pk


def test_same_seed_same_cohort_and_different_seed_differs():
    a = sample_pk(sets.load("Schurgers2007"), n=50, seed=3)
    b = sample_pk(sets.load("Schurgers2007"), n=50, seed=3)
    c = sample_pk(sets.load("Schurgers2007"), n=50, seed=4)
    np.testing.assert_array_equal(a.ke_per_h, b.ke_per_h)
    assert not np.allclose(a.ke_per_h, c.ke_per_h)


def test_lognormal_median_and_cv_match_the_set():
    draws = sample_lognormal({"x": 2.0}, {"x": 0.3}, n=200_000, seed=1)["x"]
    assert np.median(draws) == pytest.approx(2.0, rel=0.01)
    assert np.std(draws) / np.mean(draws) == pytest.approx(0.3, rel=0.02)


def test_summarise_orders_band():
    s = summarise(np.arange(101.0))
    assert (s["p5"], s["median"], s["p95"]) == (5.0, 50.0, 95.0)


@pytest.mark.parametrize("n", [0, -3])
def test_bad_cohort_size(n):
    with pytest.raises(InputError):
        sample_lognormal({"x": 1.0}, {}, n=n, seed=1)


def test_cohort_result_has_bands_around_the_median():
    res = simulate_pk("MK-7", 180.0, every="24h", days=14, subjects=200, seed=7)
    band = res.bands["cmax_nmol_per_l"]
    assert band["p5"] < band["median"] < band["p95"]
    frame = res.to_frame()
    assert {"mk7_nmol_per_l_median", "mk7_nmol_per_l_p5", "mk7_nmol_per_l_p95"} <= set(frame)


def test_cohorts_sample_the_half_life_range_and_keep_the_clearance():
    import numpy as np

    from vitk.pharmacology import sets
    from vitk.pharmacology.population import sample_pk

    p = sets.load("Uematsu1996")  # MK-4 half-life 0.5-3 h (secondary), CL/F from AUC
    cohort = sample_pk(p, n=4000, seed=5)
    t_half = np.log(2) / cohort.ke_per_h
    assert t_half.min() < 0.6 and t_half.max() > 2.5  # the range is explored
    cl = cohort.ke_per_h * cohort.vd_l
    # Clearance keeps the set's value: only the IIV on ka and F moves exposure.
    np.testing.assert_allclose(cl, p["ke [1/h]"] * p["V/F [L]"], rtol=1e-9)
    typical = sample_pk(p, n=1, seed=None)
    assert typical.ke_per_h[0] == p["ke [1/h]"]  # the typical subject is untouched
