"""The advisor's intake section: unknown is not zero, and every intake number has sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.render import render


def _diary(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "d.csv"
    p.write_text("date,kind,item,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


@pytest.fixture
def natto_report(tmp_path):
    # Natto (curated): K1 (USDA-SR28) and MK-7 (ODS-K, Tsukamoto2000) only; no MK-4,
    # no other MKs, no dihydro-K1.
    return advise(prof(), _diary(tmp_path, "2026-11-02,food,natto,50 g"))


def test_by_form_rows_carry_status_and_food_sources(natto_report):
    rows = {r["field"]: r for r in natto_report.intake["by_form"]}
    assert rows["mk4_ug"]["diet_ug"] == 0.0  # JSON stays numeric …
    assert rows["mk4_ug"]["diet_status"] == "not_measured"  # … and says what 0 means
    assert rows["mk4_ug"]["total_status"] == "not_measured"
    assert rows["mk7_ug"]["diet_status"] == "measured"
    assert rows["k2_total_ug"]["total_status"] == "lower_bound"
    assert "Tsukamoto2000" in rows["mk7_ug"]["source_keys"]
    assert rows["k1_ug"]["source_keys"] == ["USDA-SR28"]
    assert rows["mk4_ug"]["source_keys"] == []
    comp = {c["target"]: c for c in natto_report.intake["comparison"]}
    assert comp["US FNB AI"]["intake_status"] == "lower_bound"
    assert comp["EFSA AI"]["intake_status"] == "measured"
    assert comp["EFSA AI"]["intake_source_keys"] == ["USDA-SR28"]
    # The food value sources are cited at the end of the report.
    refs = {r["key"] for r in natto_report.to_dict()["references"]}
    assert {"Tsukamoto2000", "USDA-SR28"} <= refs
    co = {c["nutrient"]: c for c in natto_report.co_nutrients}
    # Natto's vitamin D is an SR28 assumed zero (Src_Cd 7): no measured source behind it.
    assert co["vitamin D"]["intake_source_keys"] == []
    assert co["calcium"]["intake_source_keys"] == ["USDA-SR28"]


def test_json_keeps_its_keys(natto_report):
    data = json.loads(render(natto_report, "json"))
    for key in ("safety", "unrecognised_medications", "intake", "recommendations", "references"):
        assert key in data
    assert set(data["intake"]["by_form"][0]) >= {"form", "field", "diet_ug", "total_ug"}


def test_text_md_html_show_nm_and_lower_bounds(natto_report):
    md = render(natto_report, "md")
    mk4 = next(line for line in md.splitlines() if line.startswith("| MK-4 |"))
    assert mk4.split("|")[2].strip() == "n.m." and mk4.split("|")[4].strip() == "n.m."
    k2 = next(line for line in md.splitlines() if line.startswith("| K2 total |"))
    assert k2.split("|")[4].strip().startswith("≥")
    assert "n.m. = not measured" in md
    text = render(natto_report, "text")
    mk4_text = next(line for line in text.splitlines() if line.strip().startswith("MK-4 "))
    # diet n.m., supplements 0.0 (none taken: a known zero), total n.m.
    assert mk4_text.split()[1:4] == ["n.m.", "0.0", "n.m."]
    html = render(natto_report, "html")
    row = re.search(r'<tr data-field="mk4_ug">(.*?)</tr>', html)
    assert row and row.group(1).count("n.m.") == 2
    assert 'data-status="lower_bound">≥' in html


def test_supplement_only_diary_says_no_foods(tmp_path):
    report = advise(prof(), _diary(tmp_path, "2026-11-01,supplement,MK-7,90 mcg"))
    assert report.intake["coverage"]["k2_measured_share"] is None
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["k1_ug"]["diet_status"] == "not_measured"
    assert rows["mk7_ug"]["total_status"] == "lower_bound"  # 90 µg + an unknown diet
    assert rows["mk7_ug"]["supplement_source"] == "diary"
    for fmt in ("text", "md", "html"):
        out = render(report, fmt)
        assert "No foods logged: totals come from supplements only." in out, fmt
        assert "0 foods logged" not in out, fmt


def test_without_diary_statuses_are_none():
    report = advise(prof(supplements={"vitamin_k": ["MK-7 90 ug"]}))
    rows = {r["field"]: r for r in report.intake["by_form"]}
    assert rows["mk7_ug"]["diet_status"] is None and rows["mk7_ug"]["total_ug"] is None
    assert rows["mk7_ug"]["supplement_source"] == "profile"
    assert "n.m." not in render(report, "md")
