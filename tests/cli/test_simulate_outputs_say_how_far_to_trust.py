"""Every `vitk simulate` output, table and JSON, regimen or diary, carries the validation
block: the nearest published observations with the model's value and, for a miss, why."""

import json

import pytest
from tests.cli.helpers import run

DIARY = (
    "date,kind,item,amount\n"
    '2026-01-01,food,"spinach, raw",150 g\n'
    "2026-01-02,food,natto,50 g\n"
    "2026-01-03,supplement,MK-7,45 ug\n"
)


@pytest.fixture
def diary(tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text(DIARY, encoding="utf-8")
    return str(path)


def _commands(diary: str) -> list[list[str]]:
    regimen = ["--form", "MK-7", "--dose", "45ug", "--every", "24h", "--days", "7"]
    return [
        ["pk", *regimen],
        ["carboxylation", *regimen],
        ["inr", "--vka", "acenocoumarol", *regimen],
        ["pk", "--diary", diary],
        ["carboxylation", "--diary", diary],
        ["inr", "--vka", "acenocoumarol", "--diary", diary],
    ]


def test_json_of_every_simulate_command_has_the_block(capsys, diary):
    for args in _commands(diary):
        code, out, err = run(capsys, "simulate", *args, "--format", "json")
        assert code == 0, (args, err)
        block = json.loads(out)["validation"]
        assert block["note"] and block["observations"], args
        for obs in block["observations"]:
            assert obs["study"] in obs["sentence"]
            assert obs["role"] in ("prediction", "calibration")
            if obs["ratio"] is not None:
                assert obs["ratio"] == pytest.approx(
                    obs["model"] / obs["observed"], rel=1e-2, abs=1e-3
                )  # both rounded in the block


def test_table_of_every_simulate_command_prints_the_block(capsys, diary):
    for args in _commands(diary):
        code, out, err = run(capsys, "simulate", *args)
        assert code == 0, (args, err)
        text = " ".join(out.split())
        assert "How far to trust this:" in text, args
        data = json.loads(run(capsys, "simulate", *args, "--format", "json")[1])
        for obs in data["validation"]["observations"]:
            assert " ".join(obs["sentence"].split()) in text, args


def test_inr_table_states_the_theuwissen_miss_and_why(capsys):
    code, out, _ = run(
        capsys, "simulate", "inr", "--vka", "acenocoumarol", "--form", "MK-7", "--dose", "45ug",
        "--every", "24h", "--days", "14",
    )  # fmt: skip
    text = " ".join(out.split())
    assert code == 0
    assert "observed -40 % (Theuwissen2013)" in text
    assert "outside 1.5x: MK-7's hepatic potency" in text
    assert "Schurgers2007's 50 µg/d threshold" in text


def test_diary_inr_and_markers_run_through_the_food_matrix(capsys, diary):
    inr = json.loads(
        run(capsys, "simulate", "inr", "--vka", "acenocoumarol", "--diary", diary, "--format",
            "json")[1]
    )  # fmt: skip
    assert inr["meta"]["regimen"] == "diary"
    # Spinach K1 counts as vegetable matrix, natto as fermented, the capsule as supplement.
    matrix_ug = inr["meta"]["diary"]["matrix_ug"]
    assert matrix_ug["k1"]["vegetable"] > 0 and matrix_ug["mk7"]["fermented"] > 0
    assert matrix_ug["mk7"]["supplement"] == pytest.approx(45.0)
    assert inr["summary"]["inr_change_pct"] < 0
    markers = json.loads(run(capsys, "simulate", "carboxylation", "--diary", diary,
                             "--format", "json")[1])  # fmt: skip
    assert markers["meta"]["regimen"] == "diary"
    assert markers["summary"]["ucoc_change_pct"] <= 0
