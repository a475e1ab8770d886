"""The view helpers: profile form ↔ stored profile, and the dashboard cache key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from vitk.advisor import profile_form
from vitk.web import views

BOXES = [k for k, _ in profile_form.CONDITIONS] + [
    "pregnant",
    "lactating",
    "dairy_free",
    "soy_free",
    *(f"malabsorption_{k}" for k, _ in profile_form.MALABSORPTION),
]
LINE = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=","
        ),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    age=st.integers(min_value=0, max_value=120),
    sex=st.sampled_from(["female", "male"]),
    checked=st.lists(st.sampled_from(BOXES), unique=True),
    meds=st.lists(LINE, max_size=3),
    vk=st.lists(LINE, max_size=2),
    vitamin_d=st.one_of(st.just(""), LINE),
    pattern=st.sampled_from(profile_form.DIET_PATTERNS),
)
def test_form_round_trip(
    age: int,
    sex: str,
    checked: list[str],
    meds: list[str],
    vk: list[str],
    vitamin_d: str,
    pattern: str,
) -> None:
    form = {
        "age": str(age),
        "sex": sex,
        "medications": "\n".join(meds),
        "vitamin_k": "\n".join(vk),
        "vitamin_d": vitamin_d,
        "diet_pattern": pattern,
    }
    stored = profile_form.profile_from_form(form, checked)
    back = profile_form.form_values(stored)
    assert back["age"] == str(age) and back["sex"] == sex
    assert back["medications"].splitlines() == meds
    assert back["vitamin_k"].splitlines() == vk
    assert back["vitamin_d"] == vitamin_d
    assert back["diet_pattern"] == pattern
    assert set(back["checked"]) == set(checked)
    # What the form produces is what the advisor reads.
    assert (
        profile_form.profile_from_form(
            {**form, **{k: v for k, v in back.items() if k != "checked"}}, back["checked"]
        )
        == stored
    )


def test_profile_errors_map_to_fields() -> None:
    assert profile_form.profile_errors({"age": 40, "sex": "female"}) == {}
    errs = profile_form.profile_errors({"age": 40, "sex": "female", "labs": {"inr": 0}})
    assert set(errs) == {"inr"}
    errs = profile_form.profile_errors(
        {"age": 40, "sex": "female", "supplements": {"magnesium": "5"}}
    )
    assert set(errs) == {"magnesium"} and "unit" in errs["magnesium"]
    errs = profile_form.profile_errors({"age": 40, "sex": "female", "hobby": "chess"})
    assert "profile" in errs


def _dashboard_repo(tmp_path: Path) -> tuple[Any, int]:
    from vitk.storage.db import get_engine, upgrade
    from vitk.storage.repository import Repository

    engine = get_engine(f"sqlite:///{tmp_path / 'views.sqlite'}")
    upgrade(engine)
    repo = Repository(engine)
    return repo, repo.create_user("dana", "x").user_id


def test_dashboard_marks_not_measured_and_lower_bounds(tmp_path: Path) -> None:
    from vitk.foods.catalogue import default_catalogue

    repo, uid = _dashboard_repo(tmp_path)
    repo.add_entries(
        uid,
        [
            ("2026-11-01", "food", "spinach raw", "100 g"),
            ("2026-11-01", "supplement", "MK-7", "90 mcg"),
            ("2026-11-02", "food", "natto", "50 g"),
        ],
    )
    cat = default_catalogue()
    d = views.dashboard(repo, cat, views.SummaryCache(), uid, dt.date(2026, 11, 2))
    # Natto has K1 and MK-7 only: MK-4 and the other MKs are unknown, not zero.
    assert d["day"]["mk4_ug"] == 0.0 and d["day_logged"] is True
    assert d["day_not_measured"] == ["dihydro_k1_ug", "mk4_ug", "mk_long_other_ug"]
    assert d["day_lower_bound"] == ["k2_total_ug", "k_total_ug"]
    assert "Tsukamoto2000" in d["day_source_keys"]["mk7_ug"]
    assert d["day_source_keys"]["mk4_ug"] == []
    # Spinach (day 1) measured MK-4: over the 7-day window it is a lower bound.
    assert "mk4_ug" in d["rolling_7d"]["lower_bound"]
    assert d["days"][0]["not_measured"] == ["dihydro_k1_ug"]
    # A day with nothing logged is unknown throughout.
    empty = views.dashboard(repo, cat, views.SummaryCache(), uid, dt.date(2026, 11, 5))
    assert empty["day_logged"] is False
    assert empty["day_not_measured"] == [f for f, _ in views.FORMS]


def test_dashboard_supplements_only_coverage(tmp_path: Path) -> None:
    from vitk.foods.catalogue import default_catalogue

    repo, uid = _dashboard_repo(tmp_path)
    repo.add_entry(uid, "2026-11-01", "supplement", "MK-7", "90 mcg")
    d = views.dashboard(repo, default_catalogue(), views.SummaryCache(), uid)
    assert d["coverage_warning"] == "No foods logged: totals come from supplements only."
    assert d["coverage"]["k2_measured_share"] is None
    assert d["day"]["mk7_ug"] == 90.0 and "mk7_ug" in d["day_lower_bound"]


def test_dashboard_page_shows_marks(api: Any) -> None:
    for row in (
        {"date": "2026-11-01", "kind": "food", "item": "spinach raw", "amount": "100 g"},
        {"date": "2026-11-02", "kind": "food", "item": "natto", "amount": "50 g"},
    ):
        assert api.post("/api/diary", json=row).status_code in (200, 201)
    page = api.get("/dashboard?date=2026-11-02").text
    mk4 = re.search(r'data-form="mk4_ug"><th scope="row">MK-4</th><td>(.*?)</td>', page)
    assert mk4 and "n.m." in mk4.group(1) and "0.0" not in mk4.group(1)
    k2 = re.search(r'data-form="k2_total_ug"><th scope="row">K2 total</th><td>(.*?)</td>', page)
    assert k2 and "≥" in k2.group(1)
    assert 'id="marks-note"' in page


def test_report_page_marks_unmeasured_forms(api: Any) -> None:
    api.put("/api/profile", json={"age": 40, "sex": "female"})
    row = {"date": "2026-11-02", "kind": "food", "item": "natto", "amount": "50 g"}
    assert api.post("/api/diary", json=row).status_code in (200, 201)
    page = api.get("/report").text
    # Natto has no MK-4 value: diet and total are "n.m.", not 0.0.
    mk4 = re.search(r"<tr><td>MK-4</td>(.*?)</tr>", page)
    assert mk4 and mk4.group(1).count("n.m.") == 2
    assert 'id="marks-note"' in page
