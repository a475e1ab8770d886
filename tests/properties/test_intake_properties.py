"""Intake totals as properties: order does not matter, days add up, supplements add exactly."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.foods.fakes import ALL

from vitk.foods.catalogue import Catalogue
from vitk.intake import DAY_FIELDS, Diary, summarise

CAT = Catalogue(ALL)
FOODS = ["natto", "gouda aged", "spinach", "skyr"]
SUPPLEMENTS = [
    ("K1", "10 mcg"),
    ("MK-4", "0.1 mg"),
    ("MK-7", "90 mcg"),
    ("vitamin D3", "1,000 IU"),
    ("vitamin D3", "10 mcg"),
    ("calcium", "250 mg"),
    ("magnesium", "0.2 g"),
]
rows = st.lists(
    st.one_of(
        st.tuples(
            st.integers(0, 6),
            st.just("food"),
            st.sampled_from(FOODS),
            st.sampled_from(["10 g", "2 oz", "0.5 lb", "1 serving"]),
        ),
        st.tuples(st.integers(0, 6), st.just("supplement"), st.sampled_from(SUPPLEMENTS)).map(
            lambda t: (t[0], t[1], *t[2])
        ),
    ),
    min_size=1,
    max_size=30,
)


def _diary(rs):
    base = dt.date(2026, 1, 1)
    return Diary.from_rows(
        [
            {"date": (base + dt.timedelta(days=d)).isoformat(), "kind": k, "item": i, "amount": a}
            for d, k, i, a in rs
        ]
    )


@given(rows, st.data())
def test_order_independent(rs, data):
    shuffled = data.draw(st.permutations(rs))
    a = summarise(_diary(rs), catalogue=CAT)
    b = summarise(_diary(shuffled), catalogue=CAT)
    for da, db in zip(a.days, b.days, strict=True):
        for k in DAY_FIELDS:
            assert da.values[k] == pytest.approx(db.values[k], rel=1e-9, abs=1e-9)


@given(rows)
def test_days_sum_to_whole(rs):
    """Summarising each row alone and adding gives the same daily totals."""
    whole = {d.date: d.values for d in summarise(_diary(rs), catalogue=CAT).days}
    parts: dict = {}
    for entry in _diary(rs).entries:
        single = Diary((entry,))
        day = summarise(single, catalogue=CAT).days[0]
        acc = parts.setdefault(day.date, dict.fromkeys(DAY_FIELDS, 0.0))
        for k in DAY_FIELDS:
            acc[k] += day.values[k]
    assert set(parts) == set(whole)
    for date, values in whole.items():
        for k in DAY_FIELDS:
            assert values[k] == pytest.approx(parts[date][k], rel=1e-9, abs=1e-9)
            assert values[k] >= 0


@given(rows, st.data())
def test_marks_are_consistent_and_order_independent(rs, data):
    """Unknown is not zero: a not-measured field adds exactly 0, marks never overlap, and
    the marks do not depend on row order."""
    a = summarise(_diary(rs), catalogue=CAT)
    b = summarise(_diary(data.draw(st.permutations(rs))), catalogue=CAT)
    for da, db in zip(a.days, b.days, strict=True):
        assert (da.not_measured, da.lower_bound) == (db.not_measured, db.lower_bound)
        assert not da.not_measured & da.lower_bound
        for k in da.not_measured:
            assert da.values[k] == 0.0
        # A supplement is measured for its own form: never "not measured".
        for k, v in da.supplements.items():
            if v > 0:
                assert k not in da.not_measured


@given(rows)
def test_json_nulls_are_exactly_the_unmeasured_fields(rs):
    """Unknown is not zero: in JSON a number is null iff its field is not measured."""
    data = summarise(_diary(rs), catalogue=CAT).to_dict()
    for d in data["days"] + data["rolling_7d"]:
        assert {k for k in DAY_FIELDS if d[k] is None} == set(d["not_measured"])
    nulls = {k for k, v in data["mean_daily"].items() if v is None}
    assert nulls == set(data["mean_daily_not_measured"])


calcium_days = st.lists(st.integers(0, 3000), min_size=1, max_size=14)


@given(calcium_days)
def test_days_above_ul_are_the_days_whose_intake_exceeds_it(amounts):
    from vitk.lifestage import life_stage

    rs = [(i, "supplement", "calcium", f"{a} mg") for i, a in enumerate(amounts)]
    base = dt.date(2026, 1, 1)
    d = Diary.from_rows(
        [
            {"date": (base + dt.timedelta(days=i)).isoformat(), "kind": k, "item": it, "amount": a}
            for i, k, it, a in rs
        ]
    )
    s = summarise(d, catalogue=CAT, stage=life_stage(40, "female"))
    row = {r["target"]: r for r in s.comparison}["calcium_ul"]
    expected = [
        (base + dt.timedelta(days=i)).isoformat() for i, a in enumerate(amounts) if a > 2500
    ]
    assert row["dates_above_ul"] == expected and row["days_above_ul"] == len(expected)
    if expected and sum(amounts) / len(amounts) <= 2500:
        assert row["status"].startswith("mean within UL; above UL on")
