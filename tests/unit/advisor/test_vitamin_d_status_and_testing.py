"""25(OH)D status bands, units and the testing line (dropped for at-risk groups)."""

from __future__ import annotations

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.engine import vitamin_d_testing
from vitk.advisor.render import render


def _safety(report, rule_id):
    return next(s for s in report.safety if s.rule_id == rule_id)


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_unverified_150_nmol_detail_is_marked(fmt):
    out = render(advise(prof(labs={"vitamin_d_25oh": "70 ng/mL"})), fmt)
    assert "150 nmol/L (60 ng/mL)†" in out
    assert "could not be verified" in out


def test_low_vitamin_d_gets_discuss_with_your_doctor():
    report = advise(prof(labs={"vitamin_d_25oh": "10 ng/mL"}))
    item = _safety(report, "SAF-D-LEVEL-02")
    assert "Discuss the result with your doctor" in item.message
    assert set(item.citations) == {"IOM2011", "ODS-D"}
    assert "SAF-D-LEVEL-02" not in advise(prof(labs={"vitamin_d_25oh": "35 nmol/L"})).fired_rule_ids


@pytest.mark.parametrize(
    "conditions",
    [
        {"fat_malabsorption": ["coeliac"]},
        {"chronic_kidney_disease": True},
        {"liver_disease": True},
        {"osteoporosis": True},
    ],
)
def test_testing_line_dropped_for_at_risk_groups(conditions):
    for labs in ({}, {"vitamin_d_25oh": "40 nmol/L"}):
        report = advise(prof(conditions=conditions, labs=labs))
        for fmt in ("md", "text", "html"):
            out = render(report, fmt)
            assert "not advised" not in out, fmt
            assert "a 25(OH)D test is reasonable" in out, fmt


def test_testing_line_kept_without_a_reason():
    for labs in ({}, {"vitamin_d_25oh": "40 nmol/L"}):
        out = render(advise(prof(labs=labs)), "md")
        assert "Routine 25(OH)D testing is not advised" in out
    assert vitamin_d_testing({})["at_risk"] == []


@pytest.mark.parametrize("unit", ["µg/L", "ug/L", "mcg/L"])
def test_25ohd_in_micrograms_per_litre(unit):
    report = advise(prof(labs={"vitamin_d_25oh": f"15 {unit}"}))
    vd = report.vitamin_d_status
    assert vd is not None
    assert vd["ng_per_ml"] == 15.0
    assert vd["band"] == "possibly_inadequate"


def test_25ohd_unknown_unit_lists_micrograms_per_litre():
    from vitk.errors import VitkError

    with pytest.raises(VitkError, match="allowed: nmol/L, ng/mL, µg/L"):
        advise(prof(labs={"vitamin_d_25oh": "20 mg/L"}))
