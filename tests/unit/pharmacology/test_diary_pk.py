"""PK over a food and supplement diary: doses at 12:00, lower bounds, residual build-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from vitk.errors import DiaryError, InputError
from vitk.intake import Diary, read_diary, summarise
from vitk.pharmacology import regimen_from_diary, simulate_pk, simulate_pk_diary


def write(tmp_path: Path, rows: list[str], name: str = "diary.csv") -> Path:
    path = tmp_path / name
    path.write_text("date,kind,item,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def mk7_peak_time_h(res, t_from_h: float, t_to_h: float) -> float:
    window = (res.t_h >= t_from_h) & (res.t_h <= t_to_h)
    c = res.series["mk7_nmol_per_l"][0][window]
    return float(res.t_h[window][np.argmax(c)])


def test_doses_are_the_engine_day_totals_at_noon(tmp_path):
    path = write(
        tmp_path,
        [
            "2026-01-01,food,natto,50 g",
            "2026-01-01,supplement,K1,100 mcg",
            "2026-01-02,food,spinach,100 g",
        ],
    )
    doses = regimen_from_diary(path)
    days = summarise(read_diary(path)).days
    for code, fld in (("k1", "k1_ug"), ("mk4", "mk4_ug"), ("mk7", "mk7_ug")):
        np.testing.assert_allclose(doses.regimen.times_h(code), [12.0, 36.0])
        np.testing.assert_allclose(doses.regimen.amounts_ug(code), [d.values[fld] for d in days])
    assert doses.regimen.amounts_ug("mk7")[0] > 100  # natto is rich in MK-7
    assert doses.start_date == dt.date(2026, 1, 1) and doses.days == 2.0


def test_supplement_only_diary_gives_the_logged_dose(tmp_path):
    path = write(tmp_path, ["2026-03-01,supplement,MK-7,180 mcg"])
    doses = regimen_from_diary(path, dose_time_h=8.0)
    assert doses.regimen.amounts_ug("mk7").tolist() == [180.0]
    assert doses.regimen.times_h("mk7").tolist() == [8.0]
    # No food logged: the diet is unknown, so even MK-7 is only a lower bound.
    assert doses.status == {"k1": "not_measured", "mk4": "not_measured", "mk7": "lower_bound"}


def test_natto_peak_about_4_h_after_and_second_day_adds_on_the_residual(tmp_path):
    path = write(tmp_path, ["2026-01-01,food,natto,50 g", "2026-01-02,food,natto,50 g"])
    res = simulate_pk_diary(path, days=4, dt_h=0.25)
    dose = float(regimen_from_diary(path).regimen.amounts_ug("mk7")[0])
    # Tmax about 4 h for MK-7 (Schurgers2007): logged at 12:00, peak near 16:00.
    assert mk7_peak_time_h(res, 0.0, 24.0) == pytest.approx(16.0, abs=0.5)
    assert res.summary_by_form["mk7"]["tmax_h"] == pytest.approx(4.0, abs=0.5)
    # The second day's dose adds on the first one's residual (superposition, exact on the
    # grid): c(t) = c1(t - 12 h) + c1(t - 36 h) with c1 one dose at t = 0 (MK-7 baseline 0).
    one = simulate_pk("MK-7", dose, days=4, dt_h=0.25)
    c = res.series["mk7_nmol_per_l"][0]
    c1 = one.series["mk7_nmol_per_l"][0]
    day2 = (res.t_h > 24.0) & (res.t_h <= 48.0)
    i2 = int(np.argmax(np.where(day2, c, -1.0)))
    t2 = res.t_h[i2]
    residual = np.interp(t2 - 12.0, one.t_h, c1)
    assert residual > 0.5 * c1.max()  # MK-7 half-life about 3 days
    assert c[i2] == pytest.approx(residual + np.interp(t2 - 36.0, one.t_h, c1), rel=1e-9)
    assert t2 == pytest.approx(40.0, abs=0.5)
    assert c[i2] > 1.5 * c[res.t_h <= 24.0].max()


def test_unmeasured_form_is_flagged_not_zero(tmp_path):
    path = write(tmp_path, ["2026-01-01,food,natto,50 g"])
    res = simulate_pk_diary(path)
    diary = res.meta["diary"]
    assert diary["status_by_form"]["mk4"] == "not_measured"
    assert "mk4" in diary["not_measured_forms"]
    assert any("Not measured: MK-4" in note for note in res.meta["notes"])
    assert res.summary_by_form["mk4"]["tmax_h"] is None
    assert res.to_dict()["summary_by_form"]["mk7"]["cmax_nmol_per_l"] > 0


def test_days_without_rows_make_every_form_a_lower_bound(tmp_path):
    path = write(tmp_path, ["2026-01-01,food,natto,50 g", "2026-01-04,food,natto,50 g"])
    doses = regimen_from_diary(path)
    assert doses.days_without_rows == 2 and doses.days == 4.0
    assert doses.status["mk7"] == "lower_bound"
    assert any("2 day(s)" in note for note in doses.notes())


def test_result_cites_food_sources_and_pk_sets(tmp_path):
    path = write(tmp_path, ["2026-01-01,food,natto,50 g", "2026-01-01,food,spinach,100 g"])
    res = simulate_pk_diary(path)
    keys = res.meta["diary"]["source_keys"]
    assert keys["mk7"] and set(keys["mk7"]) <= set(res.references)
    assert {"Schurgers2007", "Novotny2010", "Wajima2009"} <= set(res.references)
    assert res.meta["regimen"] == "diary" and res.meta["form"] is None
    assert res.t_h[-1] == pytest.approx(24.0)  # default: the diary period


def test_accepts_a_diary_object():
    diary = Diary.from_rows(
        [{"date": "2026-01-01", "kind": "supplement", "item": "K1", "amount": "1 mg"}]
    )
    doses = regimen_from_diary(diary)
    assert doses.regimen.amounts_ug("k1") == pytest.approx([1000.0])


def test_bad_rows_and_options_are_one_line_errors(tmp_path):
    with pytest.raises(DiaryError, match="row 1"):
        regimen_from_diary(write(tmp_path, ["2026-01-01,food,natto,lots"]))
    with pytest.raises(InputError, match="dose_time_h"):
        regimen_from_diary(write(tmp_path, ["2026-01-01,food,natto,50 g"]), dose_time_h=24.0)
    big = write(tmp_path, ["2026-01-01,supplement,MK-7,60 mg"], name="big.csv")
    with pytest.raises(InputError, match="per intake"):
        simulate_pk_diary(big)
