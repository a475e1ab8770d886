"""Grades and citations follow evidence.md; reference values not set for a life stage
say so, including pregnancy over 50."""

from __future__ import annotations

import pytest

from vitk.advisor import advise
from vitk.advisor.render import render
from vitk.advisor.rules import load_rules

RULES = load_rules()


def test_grades_and_citations_follow_evidence_md():
    assert RULES.by_id("SAF-ABX-02").citations == ("StLukesK",)  # ODS-K is † for this row
    for rid in ("SAF-ORL-01", "SAF-BAS-01"):
        r = RULES.by_id(rid)
        assert r.unverified and r.grade == "mixed or limited", rid
    msg = RULES.by_id("REL-VASC-01").message
    assert "vitamin K supplements (K1 or K2)" in msg
    assert "Trials show K2" not in msg


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_values_not_set_say_not_set(fmt):
    out = render(advise({"age": 0.3, "sex": "female"}), fmt)
    efsa = next(ln for ln in out.splitlines() if "EFSA AI" in ln)
    assert "not set" in efsa
    assert "not recorded µg/d" not in efsa
    assert "EFSA set no AI for this life stage" in out
    assert "US FNB set no UL for this life stage" in out


def test_pregnant_over_50_is_told_no_pregnancy_value_is_published():
    report = advise({"age": 52, "sex": "female", "pregnant": True})
    mg = next(c for c in report.co_nutrients if c["nutrient"] == "magnesium")
    assert mg["target"] == 320.0
    assert "no pregnancy-specific value is published for age 52" in mg["stage_note"]
    assert "no pregnancy-specific value is published" in render(report, "md")
