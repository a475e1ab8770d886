"""Intake figures come from the library: unknown is no bar, lower bounds are marked."""

from __future__ import annotations

import re

from matplotlib.figure import Figure
from tests.unit.foods.fakes import ALL

from vitk.foods.catalogue import Catalogue
from vitk.intake import Diary, plots, render, summarise
from vitk.nutrients import FIELD, VITAMIN_K_FIELDS

CAT = Catalogue(ALL)
FORMS = [{"field": f, "label": FIELD[f].short_label} for f in VITAMIN_K_FIELDS]


def _ids(svg: str) -> set[str]:
    return set(re.findall(r'<g id="([^"]+)"', svg))


def _summary(*rows: tuple[str, str, str, str]) -> dict:
    diary = Diary.from_rows(
        [dict(zip(("date", "kind", "item", "amount"), r, strict=True)) for r in rows]
    )
    return summarise(diary, catalogue=CAT).to_dict(unknown_as_zero=True)


def test_day_figure_draws_no_bar_for_a_form_nobody_measured() -> None:
    data = _summary(("2026-01-01", "food", "spinach", "1 cup"))
    day = data["days"][0]
    fig = plots.day_forms_figure(
        FORMS,
        day,
        None,
        90.0,
        day["date"],
        not_measured=day["not_measured"],
        lower_bound=day["lower_bound"],
    )
    assert isinstance(fig, Figure)
    svg = plots.day_forms_svg(
        FORMS,
        day,
        None,
        90.0,
        day["date"],
        not_measured=day["not_measured"],
        lower_bound=day["lower_bound"],
    )
    ids = _ids(svg)
    # Spinach has K1 but no menaquinone value: K1 is a bar, MK-7 is n.m. with no bar.
    assert "mk7_ug" in day["not_measured"] and "k1_ug" not in day["not_measured"]
    assert "bar-day-k1_ug" in ids
    assert "bar-day-mk7_ug" not in ids and "nm-day-mk7_ug" in ids
    assert "marks-caption" in ids
    assert render.CHART_MARKS_CAPTION in svg
    assert "<script" not in svg and 'href="http' not in svg


def test_day_figure_without_marks_has_every_bar_and_no_caption() -> None:
    day = {f["field"]: 10.0 for f in FORMS}
    svg = plots.day_forms_svg(FORMS, day, None, None, "2026-01-01")
    ids = _ids(svg)
    assert {f"bar-day-{f['field']}" for f in FORMS} <= ids
    assert "marks-caption" not in ids


def test_consistency_figure_from_the_summary_marks_lower_bound_days() -> None:
    data = _summary(
        ("2026-01-01", "food", "natto", "40 g"),
        ("2026-01-02", "food", "natto", "30 g"),
        ("2026-01-02", "food", "no such food at all", "30 g"),
        ("2026-01-03", "food", "spinach", "1 cup"),
    )
    days = data["days"]
    assert "k_total_ug" in days[1]["lower_bound"]  # the unknown food makes day 2 a minimum
    svg = plots.consistency_svg(data["consistency"], days)
    ids = _ids(svg)
    assert "points-lower_bound" in ids and "marks-caption" in ids
    assert render.SERIES_MARKS_CAPTION in svg
    low, high = render.consistency_band_ug(data["consistency"])
    assert low < data["consistency"]["mean_ug"] < high
    assert isinstance(plots.consistency_figure(data["consistency"], days), Figure)
