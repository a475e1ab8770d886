"""Dashboard charts: unknown is not zero (``n.m.``, no bar), lower bounds marked."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import Api

from vitk.intake import plots
from vitk.web import views

FORMS = [{"field": f, "label": lab} for f, lab in views.FORMS]
DAY = {f: 0.0 for f, _ in views.FORMS} | {
    "k1_ug": 12.0,
    "mk7_ug": 400.0,
    "k2_total_ug": 400.0,
    "k_total_ug": 412.0,
}


def _ids(svg: str) -> set[str]:
    return set(re.findall(r'<g id="([^"]+)"', svg))


def _texts(svg: str, gid: str) -> str:
    m = re.search(rf'<g id="{re.escape(gid)}">(.*?)</g>', svg, flags=re.S)
    assert m, gid
    return "".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(1)))


def test_day_chart_nm_has_no_bar_and_lower_bound_is_marked() -> None:
    week: dict[str, Any] = {
        **DAY,
        "mk4_ug": 3.0,
        "n_days": 3,
        "not_measured": ["dihydro_k1_ug"],
        "lower_bound": ["mk4_ug", "k_total_ug"],
    }
    svg = plots.day_forms_svg(
        FORMS,
        DAY,
        week,
        90.0,
        "2026-11-20",
        not_measured=["dihydro_k1_ug", "mk4_ug", "mk_long_other_ug"],
        lower_bound=["k2_total_ug", "k_total_ug"],
    )
    ids = _ids(svg)
    for f in ("dihydro_k1_ug", "mk4_ug", "mk_long_other_ug"):
        assert f"bar-day-{f}" not in ids and _texts(svg, f"nm-day-{f}") == "n.m."
    for f in ("k1_ug", "mk7_ug", "k2_total_ug", "k_total_ug"):
        assert f"bar-day-{f}" in ids and f"nm-day-{f}" not in ids
    assert _texts(svg, "lb-day-k_total_ug") == "≥" and "lb-day-mk7_ug" not in ids
    # The 7-day mean has its own marks.
    assert "bar-week-mk4_ug" in ids and _texts(svg, "lb-week-mk4_ug") == "≥"
    assert "bar-week-dihydro_k1_ug" not in ids and "nm-week-dihydro_k1_ug" in ids
    assert "n.m. = not measured" in _texts(svg, "marks-caption")
    assert "<script" not in svg and 'href="http' not in svg


def test_day_chart_without_marks_has_no_caption() -> None:
    svg = plots.day_forms_svg(FORMS, DAY, None, None, "2026-11-20")
    ids = _ids(svg)
    assert {f"bar-day-{f}" for f, _ in views.FORMS} <= ids
    assert not {i for i in ids if i.startswith(("nm-", "lb-"))} and "marks-caption" not in ids


def test_consistency_chart_open_markers_for_lower_bounds() -> None:
    cons = {
        "mean_ug": 200.0,
        "band_pct": 20,
        "band_low_ug": 160.0,
        "band_high_ug": 240.0,
        "series": [
            {"date": f"2026-11-2{i}", "k_total_ug": v} for i, v in enumerate([210, 180, 0, 230])
        ],
    }
    days = [
        {"date": "2026-11-21", "not_measured": [], "lower_bound": ["k_total_ug"]},
        {"date": "2026-11-22", "not_measured": ["k_total_ug"], "lower_bound": []},
    ]
    svg = plots.consistency_svg(cons, days)
    ids = _ids(svg)
    assert "points-lower_bound" in ids
    m = re.search(r'<g id="points-lower_bound">(.*?)</g>\s*</g>', svg, flags=re.S)
    assert m and "fill: #ffffff" in m.group(1)  # open markers
    assert m.group(1).count("<use") == 1  # one lower-bound day
    assert "≥ lower bound" in svg  # legend entry
    assert _texts(svg, "nm-2026-11-22") == "n.m."
    assert "Open marker = lower bound" in _texts(svg, "marks-caption")
    # Without marks: no open markers, no caption (the old chart).
    plain = _ids(plots.consistency_svg(cons))
    assert "points-lower_bound" not in plain and "marks-caption" not in plain


def add(api: Api, item: str, amount: str, date: str = "2026-11-20", kind: str = "food") -> Any:
    return api.post("/api/diary", json={"date": date, "kind": kind, "item": item, "amount": amount})


def test_dashboard_page_charts_show_marks(api: Api) -> None:
    api.put("/api/profile", json={"age": 67, "sex": "male", "medications": ["warfarin 5 mg"]})
    add(api, "natto", "40 g")  # K1 and MK-7 only: MK-4 not measured
    add(api, "gouda", "30 g", date="2026-11-21")
    d = api.get("/api/dashboard?date=2026-11-20").json()
    assert "mk4_ug" in d["day_not_measured"]
    page = api.get("/dashboard?date=2026-11-20").text
    day_chart = page.split('id="chart-day"', 1)[1].split("</figure>", 1)[0]
    assert 'id="nm-day-mk4_ug"' in day_chart and 'id="bar-day-mk4_ug"' not in day_chart
    assert 'id="bar-day-mk7_ug"' in day_chart
    assert 'id="chart-consistency"' in page
