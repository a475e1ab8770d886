"""Property tests: safety rules never fail silently, whatever else is in the profile."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vitk.advisor import advise

VKA_NAMES = [
    "warfarin",
    "Coumadin",
    "Marevan",
    "Sintrom",
    "Marcoumar",
    "Previscan",
    "phenindione",
    "blood thinner",
    "warfarn",
]
DOAC_NAMES = ["apixaban", "Eliquis", "Xarelto", "rivaroxaban", "Lixiana", "Pradaxa", "dabigatran"]
OTHER = ["atorvastatin", "metformin", "omeprazole", "levothyroxine", "aspirin", "paracetamol"]
JUNK = st.text(alphabet="qwxzjkv ", min_size=1, max_size=12).filter(lambda s: s.strip())

profiles = st.fixed_dictionaries(
    {
        "age": st.integers(min_value=19, max_value=90),
        "sex": st.sampled_from(["female", "male"]),
        "supplements": st.fixed_dictionaries(
            {
                "vitamin_k": st.lists(
                    st.tuples(st.sampled_from(["K1", "MK-4", "MK-7"]), st.integers(0, 1000)).map(
                        lambda t: f"{t[0]} {t[1]} ug"
                    ),
                    max_size=2,
                ),
                "calcium": st.integers(0, 3000).map(lambda d: f"{d} mg"),
            }
        ),
        "conditions": st.fixed_dictionaries(
            {"osteoporosis": st.booleans(), "liver_disease": st.booleans()}
        ),
    }
)


@given(
    p=profiles, vka=st.sampled_from(VKA_NAMES), others=st.lists(st.sampled_from(OTHER), max_size=3)
)
def test_any_vka_gives_a_critical_vka_item_first(p, vka, others):
    p = {**p, "medications": [*others, vka]}
    report = advise(p)
    assert report.safety[0].category == "vka"
    assert report.safety[0].severity == "critical"


@given(
    p=profiles,
    doac=st.sampled_from(DOAC_NAMES),
    others=st.lists(st.sampled_from(OTHER), max_size=3),
)
def test_doac_without_vka_never_raises_a_vka_alarm(p, doac, others):
    report = advise({**p, "medications": [doac, *others]})
    assert "vka" not in report.safety_categories
    assert "doac" in report.safety_categories


@given(p=profiles, junk=st.lists(JUNK, min_size=1, max_size=3))
def test_unrecognised_names_are_always_reported(p, junk):
    report = advise({**p, "medications": junk})
    reported = [m["text"] for m in report.unrecognised_medications]
    recognised = [m["text"] for m in report.medications if m["generic"]]
    # the profile strips surrounding whitespace; nothing else is lost
    assert sorted(reported + recognised) == sorted(j.strip() for j in junk)
    if reported:
        assert "unrecognised_medication" in report.safety_categories
