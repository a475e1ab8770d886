"""The advisor report says where the week's plan is (one line, worded for the person)."""

from __future__ import annotations

import vitk
from vitk.advisor.render import render


def test_report_points_to_the_plan_in_every_format():
    report = vitk.advise({"age": 40, "sex": "male"})
    plan = report.to_dict()["food_options"]["plan"]
    assert plan["page"] == "/plan" and plan["api"] == "/api/plan"
    assert "vitk plan --profile FILE" in plan["sentence"]
    for fmt in ("md", "text", "html"):
        assert "Meal plan" in render(report, fmt), fmt
    assert '<a href="/plan">' in render(report, "html")


def test_an_antagonist_user_is_pointed_to_the_steady_plan():
    report = vitk.advise({"age": 70, "sex": "male", "medications": ["warfarin"]})
    sentence = report.to_dict()["food_options"]["plan"]["sentence"]
    assert "steady" in sentence and "never a supplement" in sentence
    assert "clinic" in sentence


def test_a_baby_gets_no_plan_pointer():
    report = vitk.advise({"age": 0.5, "sex": "female"})
    assert report.to_dict()["food_options"]["plan"] is None
    assert "Meal plan" not in render(report, "md")
