"""Renderers: safety first, every rule id and reference shown, self-contained HTML."""

from __future__ import annotations

import json
import re

import pytest
from tests.unit.advisor.helpers import PROFILES, prof

from vitk.advisor import advise
from vitk.advisor.chart import intake_chart_svg
from vitk.advisor.render import render
from vitk.errors import InputError


@pytest.fixture(scope="module")
def vka_report():
    return advise(PROFILES["vka_with_mk7"])


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_safety_comes_first_and_everything_is_cited(vka_report, fmt):
    out = render(vka_report, fmt)
    first_safety = out.index("SAF-VKA-01")
    for later in ("REL-BONE-01", "FACT-FORMS-01"):
        assert out.index(later) > first_safety
    assert "Not medical advice" in out
    for ref in vka_report.references:
        assert f"[{ref['key']}]" in out
    assert "Theuwissen2013" in out


def test_markdown_sections_in_order(vka_report):
    out = render(vka_report, "md")
    heads = re.findall(r"^## (\d)\.", out, flags=re.M)
    assert heads == ["1", "2", "3", "4", "5", "6", "7"]


def test_no_safety_rules_message():
    out = render(advise(prof()), "md")
    assert "No safety rule applies" in out


def test_html_is_self_contained_with_inline_svg(vka_report):
    out = render(vka_report, "html")
    assert out.startswith("<!DOCTYPE html>")
    assert out.count("<svg") == 1
    assert "<script" not in out
    assert "<link" not in out
    assert not re.search(r'src=["\']https?:', out)


def test_html_escapes_user_text():
    out = render(advise(prof(medications=["<b>pill</b>"])), "html")
    assert "<b>pill</b>" not in out
    assert "&lt;b&gt;pill&lt;/b&gt;" in out


def test_json_round_trip(vka_report):
    d = json.loads(render(vka_report, "json"))
    assert d == json.loads(json.dumps(vka_report.to_dict()))
    assert d["safety"][0]["category"] == "vka"


def test_unknown_format():
    with pytest.raises(InputError, match="allowed"):
        render(advise(prof()), "pdf")


def test_chart_shows_targets_and_forms(high_k_diary):
    report = advise(prof(), high_k_diary)
    svg = intake_chart_svg(report.intake)
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "US AI 90 µg" in svg
    assert "EFSA AI 70 µg" in svg
    assert "MK-7" in svg


def test_text_lists_unrecognised_medication():
    out = render(advise(prof(medications=["zorblax forte"])), "text")
    assert "NOT RECOGNISED: 'zorblax forte'" in out


def test_unverified_items_are_marked_in_the_report():
    out = render(advise(prof(medications=["Previscan"])), "md")
    assert "fluindione (†)" in out
    assert "could not verify" in out
    assert "relies on an unverified" in render(advise(PROFILES["orlistat_alone"]), "md")
