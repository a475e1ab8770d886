"""The advisor's intake chart: a not-measured form has no bar, only ``n.m.`` (unknown is not zero)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.unit.advisor.helpers import prof

from vitk.advisor import advise
from vitk.advisor.chart import intake_chart_svg
from vitk.advisor.render import render


def _diary(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "d.csv"
    p.write_text("date,kind,item,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


def _ids(svg: str) -> set[str]:
    return set(re.findall(r'<g id="([^"]+)"', svg))


def _texts(svg: str, gid: str) -> str:
    """The text inside the group with id ``gid`` (texts are <text> with svg.fonttype none)."""
    m = re.search(rf'<g id="{re.escape(gid)}">(.*?)</g>', svg, flags=re.S)
    assert m, gid
    return "".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(1)))


@pytest.fixture
def natto_svg(tmp_path: Path) -> str:
    # Natto: K1 and MK-7 measured; MK-4 and other MKs measured in no logged food.
    report = advise(prof(), _diary(tmp_path, "2026-11-02,food,natto,50 g"))
    return intake_chart_svg(report.intake)


def test_not_measured_form_has_no_bar_only_nm(natto_svg: str) -> None:
    ids = _ids(natto_svg)
    for field in ("mk4_ug", "mk_long_other_ug"):
        assert f"bar-diet-{field}" not in ids and f"bar-supplements-{field}" not in ids
        assert _texts(natto_svg, f"nm-{field}") == "n.m."
    # Measured forms keep their bars, and carry no mark.
    for field in ("k1_ug", "mk7_ug"):
        assert f"bar-diet-{field}" in ids
        assert f"nm-{field}" not in ids and f"lb-{field}" not in ids
    bar = re.search(r'<g id="bar-diet-mk7_ug">\s*<path d="([^"]+)"', natto_svg)
    assert bar and len(set(re.findall(r"L ([\d.]+) ", bar.group(1)))) > 1  # a real width


def test_lower_bound_total_is_marked_and_captioned(natto_svg: str) -> None:
    ids = _ids(natto_svg)
    assert "bar-diet-k_total_ug" in ids
    assert _texts(natto_svg, "lb-k_total_ug").startswith("≥")
    assert "n.m. = not measured" in _texts(natto_svg, "marks-caption")
    # The reference intakes stay in the legend.
    assert "US AI 90 µg" in natto_svg and "EFSA AI 70 µg" in natto_svg


def test_supplement_over_unmeasured_diet(tmp_path: Path) -> None:
    report = advise(prof(), _diary(tmp_path, "2026-11-01,supplement,MK-7,90 mcg"))
    svg = intake_chart_svg(report.intake)
    ids = _ids(svg)
    assert "bar-supplements-mk7_ug" in ids and "bar-diet-mk7_ug" not in ids
    assert _texts(svg, "lb-mk7_ug") == "≥ (diet n.m.)"
    assert _texts(svg, "nm-k1_ug") == "n.m." and "bar-diet-k1_ug" not in ids


def test_no_diary_draws_supplements_as_lower_bounds() -> None:
    report = advise(prof(supplements={"vitamin_k": ["MK-7 100 ug"]}))
    svg = intake_chart_svg(report.intake)
    ids = _ids(svg)
    assert not {i for i in ids if i.startswith("bar-diet-")}
    assert "bar-supplements-mk7_ug" in ids and _texts(svg, "lb-mk7_ug") == "≥"
    assert _texts(svg, "nm-k1_ug") == "not recorded"
    assert "Diet not recorded" in _texts(svg, "marks-caption")


def test_fully_measured_diary_has_no_marks(tmp_path: Path) -> None:
    report = advise(prof(), _diary(tmp_path, "2026-11-02,food,natto,50 g"))
    intake = dict(report.intake)
    intake["by_form"] = [
        {**r, "diet_status": "measured", "total_status": "measured"} for r in intake["by_form"]
    ]
    svg = intake_chart_svg(intake)
    ids = _ids(svg)
    assert not {i for i in ids if i.startswith(("nm-", "lb-", "dnm-"))}
    assert "marks-caption" not in ids
    assert "bar-diet-mk4_ug" in ids  # a measured zero is a (zero-length) bar


def test_html_report_inlines_the_marked_chart(tmp_path: Path) -> None:
    html = render(advise(prof(), _diary(tmp_path, "2026-11-02,food,natto,50 g")), "html")
    assert 'id="nm-mk4_ug"' in html and 'id="bar-diet-mk7_ug"' in html
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<script" not in svg and 'href="http' not in svg and "<image" not in svg


def test_chart_is_well_formed_svg_that_scales(natto_svg: str) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(natto_svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert "max-width:100%" in (root.get("style") or "")


def test_html_report_draws_its_chart_without_matplotlib(tmp_path: Path) -> None:
    import subprocess
    import sys

    diary = _diary(tmp_path, "2026-11-02,food,natto,50 g")
    code = (
        "import sys, vitk\n"
        "from vitk.advisor.render import render\n"
        f"html = render(vitk.advise({{'age': '50', 'sex': 'female'}}, {str(diary)!r}), 'html')\n"
        "assert 'bar-diet-mk7_ug' in html\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
