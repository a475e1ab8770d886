"""Allowed input ranges of the simulations (vitk.pharmacology.limits) and disclaimers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from vitk.errors import InputError
from vitk.pharmacology import limits, regimens, simulate_carboxylation, simulate_inr, simulate_pk
from vitk.pharmacology.anticoagulation import VKAParameters, titrate_vka_dose_mg
from vitk.pharmacology.results import INR_DISCLAIMER, MODEL_DISCLAIMER
from vitk.references import all_references

NON_FINITE = [math.nan, math.inf, -math.inf]


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and msg.endswith(".")
    return msg


@pytest.mark.parametrize("dose", [-1.0, 50_000.001, 1e30, "abc", *NON_FINITE])
def test_dose_per_intake_out_of_range(dose):
    with pytest.raises(InputError) as exc:
        limits.check_dose_ug(dose)
    msg = one_line(exc)
    assert "from 0 to 50,000 µg (50 mg)" in msg and "got" in msg


@pytest.mark.parametrize("dose", [0.0, 0.1, 180.0, 50_000.0])
def test_dose_per_intake_in_range(dose):
    assert limits.check_dose_ug(dose) == dose


@pytest.mark.parametrize("days", [0.0, -1.0, 3650.5, *NON_FINITE])
def test_days_out_of_range(days):
    with pytest.raises(InputError) as exc:
        limits.check_days(days)
    assert "days must be above 0 and at most 3650" in one_line(exc)


@pytest.mark.parametrize("subjects", [0, -5, 100_001, 2.5, True, "10"])
def test_subjects_out_of_range(subjects):
    with pytest.raises(InputError) as exc:
        limits.check_subjects(subjects)
    assert "subjects must be a whole number from 1 to 100,000" in one_line(exc)


@pytest.mark.parametrize("text", ["0h", "0.5h", "0d", "3651d"])
def test_every_out_of_range(text):
    with pytest.raises(InputError) as exc:
        regimens.parse_every(text)
    msg = one_line(exc)
    assert "every must be from 1 h to 3650 d" in msg and repr(text) in msg


@pytest.mark.parametrize("every_h", [0.0, 0.99, *NON_FINITE])
def test_regular_regimen_rejects_bad_intervals(every_h):
    with pytest.raises(InputError):
        regimens.regular("MK-7", 100.0, every_h=every_h, days=7)


@pytest.mark.parametrize(
    ("vka", "dose", "ok"),
    [
        ("warfarin", 0.0, True),
        ("warfarin", 0.5, True),
        ("warfarin", 20.0, True),
        ("warfarin", 0.4, False),
        ("warfarin", 20.1, False),
        ("warfarin", 500.0, False),
        ("warfarin", -1.0, False),
        ("warfarin", math.nan, False),
        ("acenocoumarol", 12.0, True),
        ("acenocoumarol", 12.5, False),
        ("Acenocoumarol", math.inf, False),
    ],
)
def test_vka_dose_ranges(vka, dose, ok):
    if ok:
        assert limits.check_vka_dose_mg(vka, dose) == dose
    else:
        with pytest.raises(InputError) as exc:
            limits.check_vka_dose_mg(vka, dose)
        assert f"{vka.lower()} dose must be 0 (no anticoagulant) or from" in one_line(exc)


@pytest.mark.parametrize("target", [1.0, 4.5, -2.0, *NON_FINITE])
def test_target_inr_out_of_range(target):
    with pytest.raises(InputError) as exc:
        limits.check_target_inr(target)
    assert "target INR must be above 1 and below 4.5" in one_line(exc)


def test_daily_total_is_capped_for_regular_and_irregular_regimens():
    ok = regimens.regular("MK-4", 50_000.0, every_h=8.0, days=2)  # 150 mg a day: allowed
    limits.check_regimen(ok)
    with pytest.raises(InputError) as exc:
        limits.check_regimen(regimens.regular("MK-4", 40_000.0, every_h=6.0, days=2))
    assert "160,000 µg in 24 h" in one_line(exc)
    # Four 40 mg doses within 23 h, spread irregularly, are caught as well.
    burst = regimens.irregular([(100.0 + 7.6 * k, "K1", 40_000.0) for k in range(4)])
    with pytest.raises(InputError):
        limits.check_regimen(burst)
    spread = regimens.irregular([(100.0 + 8.1 * k, "K1", 40_000.0) for k in range(4)])
    limits.check_regimen(spread)  # only three fall within any 24 h


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"dose_ug": 1e30}, "Dose per intake must be from 0 to 50,000 µg"),
        ({"dose_ug": math.nan}, "Dose per intake"),
        ({"dose_ug": 100.0, "days": 0}, "days must be above 0"),
        ({"dose_ug": 100.0, "subjects": -5}, "subjects must be a whole number"),
        ({"dose_ug": 100.0, "subjects": 1_000_000}, "subjects must be a whole number"),
        ({"dose_ug": 100.0, "every": "0h"}, "every must be from 1 h"),
        ({"dose_ug": 40_000.0, "every": "6h"}, "in 24 h"),
    ],
)
@pytest.mark.parametrize("func", [simulate_pk, simulate_carboxylation, simulate_inr])
def test_simulations_share_the_limits(func, kwargs, text):
    kwargs = {"days": 2, **kwargs}
    with pytest.raises(InputError) as exc:
        func("MK-7", **kwargs)
    assert text in one_line(exc)


def test_simulations_check_ready_regimens_too():
    reg = regimens.Regimen((regimens.Dose(0.0, "k1", 1e9),))  # built without the checks
    with pytest.raises(InputError):
        simulate_pk(reg, days=1)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"vka_dose_mg": 500.0}, "warfarin dose must be 0 (no anticoagulant) or from 0.5 to 20"),
        ({"vka": "acenocoumarol", "vka_dose_mg": 15.0}, "from 0.5 to 12 mg a day; got 15 mg"),
        ({"vka_dose_mg": math.inf}, "warfarin dose"),
        ({"vka_dose_mg": 5.0, "target_inr": math.nan}, "target INR"),
    ],
)
def test_inr_rejects_absurd_vka_doses(kwargs, text):
    with pytest.raises(InputError) as exc:
        simulate_inr("MK-7", 45.0, every="24h", days=2, **kwargs)
    assert text in one_line(exc)


def test_a_given_vka_dose_in_range_runs():
    res = simulate_inr("MK-7", 45.0, every="24h", days=2, vka_dose_mg=5.0)
    assert res.summary["vka_dose_mg"] == pytest.approx(5.0)


@pytest.mark.parametrize(("vka", "target"), [("warfarin", 2.5), ("acenocoumarol", 2.5)])
def test_vka_dose_range_covers_the_models_own_titrated_doses(vka, target):
    """The bounds' justification: 5-95 % of titrated virtual subjects (INR 2.5) fit."""
    from vitk.pharmacology.sets import VKA_SETS

    params = VKAParameters.from_set(VKA_SETS[vka], n=4000, seed=3)
    doses = titrate_vka_dose_mg(params, target_inr=target)
    lo, hi = limits.VKA_DOSE_RANGE_MG_PER_D[vka]
    p5, p95 = np.percentile(doses, [5, 95])
    assert lo <= p5 and p95 <= hi
    typical = VKAParameters.from_set(VKA_SETS[vka])
    for t in (2.0, 3.0):
        assert lo <= float(titrate_vka_dose_mg(typical, target_inr=t)[0]) <= hi


def test_acenocoumarol_range_contains_the_label_range():
    lo, hi = limits.VKA_DOSE_RANGE_MG_PER_D["acenocoumarol"]
    assert lo <= 1.0 and hi >= 8.0  # SinthromeSmPC2020 maintenance 1-8 mg/d


def test_limit_references_exist():
    keys = set(all_references())
    assert set(limits.LIMITS["references"]) <= keys


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (lambda: simulate_pk("MK-7", 180.0, days=1), MODEL_DISCLAIMER),
        (lambda: simulate_carboxylation("MK-7", 180.0, every="24h", days=2), MODEL_DISCLAIMER),
        (lambda: simulate_inr("MK-7", 45.0, every="24h", days=2), INR_DISCLAIMER),
    ],
)
def test_every_result_carries_its_disclaimer(result, text):
    res = result()
    d = res.to_dict()
    assert d["disclaimer"] == text == res.disclaimer
    assert {"summary", "time_series", "references", "meta"} <= set(d)


def test_disclaimer_wording():
    assert "not medical advice" in MODEL_DISCLAIMER
    assert INR_DISCLAIMER.startswith("Illustration, not dosing advice")
    assert "warfarin" in INR_DISCLAIMER and "anticoagulation clinic" in INR_DISCLAIMER


def test_carboxylation_refuses_jobs_beyond_its_run_time_bound():
    from vitk.pharmacology.simulate import MAX_CARBOXYLATION_SUBJECT_HOURS

    # 100,000 subjects x 10 years would run for hours; it is refused before any work.
    with pytest.raises(InputError) as exc:
        simulate_carboxylation("MK-7", 180, every="24h", days=3650, subjects=100_000, seed=1)
    msg = one_line(exc)
    assert "100,000 subjects x 3650 days" in msg and "fewer subjects" in msg
    # Just inside the bound is accepted by the check (a tiny run stands in for it).
    assert MAX_CARBOXYLATION_SUBJECT_HOURS >= 100_000 * 365 * 24
    res = simulate_carboxylation("MK-7", 180, every="24h", days=1, subjects=2, seed=1)
    assert res.summary["ucoc_change_pct"] <= 0.0
