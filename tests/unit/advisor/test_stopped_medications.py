"""Stopped drugs are flagged and kept; a stopped VKA keeps its class but is left out of
the current medications."""

from __future__ import annotations

import pytest

from vitk.advisor.medications import (
    current_medications,
    normalise_all,
    treated_as_vka,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("previously on warfarin, now apixaban", [("warfarin", True), ("apixaban", False)]),
        ("apixaban; warfarin stopped 2023", [("apixaban", False), ("warfarin", True)]),
        ("Eliquis (apixaban) - stopped", [("apixaban", True)]),
        ("was on Sintrom", [("acenocoumarol", True)]),
        ("discontinued cipro", [("ciprofloxacin", True)]),
        ("formerly Marevan 3 mg", [("warfarin", True)]),
        ("no longer taking aspirin", [("aspirin", True)]),
        ("warfarin stopped, restarted 2024", [("warfarin", False)]),
        ("warfarin", [("warfarin", False)]),
        ("warfarin 5 mg daily", [("warfarin", False)]),
    ],
)
def test_stopped_drugs_are_flagged_and_kept(text, expected):
    out = normalise_all([text])
    assert [(m.generic, m.stopped) for m in out] == expected
    assert all(m.to_dict()["stopped"] is m.stopped for m in out)


def test_a_stopped_vka_keeps_its_class_and_current_medications_leaves_it_out():
    out = normalise_all(["apixaban; warfarin stopped 2023"])
    assert treated_as_vka(out)  # the safe direction: classes are kept
    assert [m.generic for m in current_medications(out)] == ["apixaban"]
    assert not treated_as_vka(current_medications(out))
