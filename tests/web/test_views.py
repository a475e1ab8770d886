"""The view helpers: profile form ↔ stored profile, and the dashboard cache key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vitk.web import views

BOXES = [k for k, _ in views.CONDITIONS] + [
    "pregnant",
    "lactating",
    "dairy_free",
    "soy_free",
    *(f"malabsorption_{k}" for k, _ in views.MALABSORPTION),
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
    pattern=st.sampled_from(views.DIET_PATTERNS),
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
    stored = views.profile_from_form(form, checked)
    back = views.form_values(stored)
    assert back["age"] == str(age) and back["sex"] == sex
    assert back["medications"].splitlines() == meds
    assert back["vitamin_k"].splitlines() == vk
    assert back["vitamin_d"] == vitamin_d
    assert back["diet_pattern"] == pattern
    assert set(back["checked"]) == set(checked)
    # What the form produces is what the advisor reads.
    assert (
        views.profile_from_form(
            {**form, **{k: v for k, v in back.items() if k != "checked"}}, back["checked"]
        )
        == stored
    )


def test_profile_errors_map_to_fields() -> None:
    assert views.profile_errors({"age": 40, "sex": "female"}) == {}
    errs = views.profile_errors({"age": 40, "sex": "female", "labs": {"inr": 0}})
    assert set(errs) == {"inr"}
    errs = views.profile_errors({"age": 40, "sex": "female", "supplements": {"magnesium": "5"}})
    assert set(errs) == {"magnesium"} and "unit" in errs["magnesium"]
    errs = views.profile_errors({"age": 40, "sex": "female", "hobby": "chess"})
    assert "profile" in errs
