"""``vitk plan`` through the real entry point (in-process), on the shipped food table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.helpers import run as run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "planner"
CONTRACT = {
    "status",
    "goal",
    "days",
    "supplement",
    "shopping_list",
    "exchange_list",
    "predicted_effect",
    "safety",
    "references",
}
TOTALS = {
    "k1_ug",
    "mk4_ug",
    "mk7_ug",
    "k2_total_ug",
    "k_total_ug",
    "calcium_mg",
    "vitamin_d_ug",
    "magnesium_mg",
}


def run(args, capsys):
    return run_cli(capsys, "plan", *args)


def test_json_follows_the_contract(capsys):
    code, out, err = run(
        ["--profile", str(DATA / "omnivore-40.yaml"), "--format", "json", "--no-effect"], capsys
    )
    assert code == 0, err
    d = json.loads(out)
    assert set(d) >= CONTRACT
    assert d["status"] in ("optimal", "infeasible", "time_limit")
    assert len(d["days"]) == 7
    for day in d["days"]:
        assert {"day", "items", "totals"} <= set(day)
        assert set(day["totals"]) >= TOTALS
        for item in day["items"]:
            assert {"food_id", "name", "servings", "portion", "grams"} <= set(item)
    assert d["supplement"] is None or set(d["supplement"]) == {"form", "dose_ug"}
    assert d["exchange_list"] is None  # not an antagonist user
    assert all({"key", "citation"} == set(r) for r in d["references"])


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_puts_safety_first_and_says_not_medical_advice(fmt, capsys):
    code, out, err = run(
        [
            "--profile",
            str(DATA / "warfarin-user.yaml"),
            "--diary",
            str(DATA / "warfarin-14-days.csv"),
            "--format",
            fmt,
            "--no-effect",
        ],
        capsys,
    )
    assert code == 0, err
    assert "Not medical advice" in out
    low = out.lower()
    assert low.index("safety") < low.index("shopping list")
    assert "exchange list" in low


def test_days_and_goal_options_reach_the_plan(capsys):
    code, out, err = run(
        [
            "--profile",
            str(DATA / "omnivore-40.yaml"),
            "--days",
            "3",
            "--goal",
            "k2=120",
            "--goal",
            "supplement=none",
            "--format",
            "json",
            "--no-effect",
        ],
        capsys,
    )
    assert code == 0, err
    d = json.loads(out)
    assert len(d["days"]) == 3
    assert d["goal"]["settings"]["k2_goal_ug"] == 120.0
    assert d["goal"]["settings"]["supplement"] == "none"


def test_infeasible_plan_exits_0_with_its_message(capsys):
    code, out, _ = run(
        [
            "--profile",
            str(DATA / "vegan-soy-free-man.yaml"),
            "--goal",
            "supplement=none",
            "--format",
            "text",
            "--no-effect",
        ],
        capsys,
    )
    assert code == 0
    assert "Status: infeasible" in out
    assert "vegan and soy-free, no supplement: food reaches at most" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--goal", "k2=lots"], ["goal 'k2'", "'lots'"]),
        (["--goal", "colour=red"], ["Unknown goal key 'colour'"]),
        (["--days", "40"], ["goal 'days'", "from 1 to 14", "'40'"]),
    ],
)
def test_bad_goal_is_one_line_exit_2(args, words, capsys):
    code, out, err = run(["--profile", str(DATA / "omnivore-40.yaml"), *args], capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    for w in words:
        assert w in err


def test_missing_profile_file_is_one_line(capsys, tmp_path):
    code, _, err = run(["--profile", str(tmp_path / "nobody.yaml")], capsys)
    assert code == 2
    assert "Profile file not found" in err and len(err.strip().splitlines()) == 1


def test_antagonist_user_asking_for_a_supplement_is_refused(capsys):
    code, _, err = run(
        [
            "--profile",
            str(DATA / "warfarin-user.yaml"),
            "--diary",
            str(DATA / "warfarin-14-days.csv"),
            "--goal",
            "supplement=MK-7 90",
        ],
        capsys,
    )
    assert code == 2
    assert "anticoagulation clinic" in err


def test_output_file(capsys, tmp_path):
    target = tmp_path / "plan.md"
    code, out, err = run(
        [
            "--profile",
            str(DATA / "pregnant-woman.yaml"),
            "--format",
            "md",
            "-o",
            str(target),
            "--no-effect",
        ],
        capsys,
    )
    assert code == 0 and out == ""
    assert "Wrote md plan" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Vitamin K meal plan")
    assert "## Shopping list" in text
