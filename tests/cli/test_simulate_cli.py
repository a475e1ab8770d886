import json

import pytest
from tests.cli.helpers import run


def test_pk_json_summary(capsys):
    code, out, _ = run(
        capsys,
        "simulate",
        "pk",
        "--form",
        "MK-7",
        "--dose",
        "180ug",
        "--every",
        "24h",
        "--days",
        "28",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    s = data["summary"]
    assert s["tmax_h"] == pytest.approx(4.0, abs=0.5)
    assert s["accumulation_ratio"] == pytest.approx(4.73, rel=0.01)
    assert s["t90_ss_h"] > 200 and s["trough_ss_nmol_per_l"] < s["cmax_nmol_per_l"]
    assert "Schurgers2007" in data["references"]
    assert len(data["time_series"]["t_h"]) == len(data["time_series"]["mk7_nmol_per_l"])


def test_carboxylation_json(capsys):
    code, out, _ = run(
        capsys,
        "simulate",
        "carboxylation",
        "--form",
        "MK-7",
        "--dose",
        "180ug",
        "--every",
        "24h",
        "--days",
        "84",
        "--format",
        "json",
    )
    assert code == 0
    s = json.loads(out)["summary"]
    assert s["ucoc_change_pct"] == pytest.approx(-60, abs=1)
    assert s["dp_ucmgp_change_pct"] == pytest.approx(-31, abs=1)


def test_inr_json_and_plot(capsys, tmp_path):
    png = tmp_path / "inr.png"
    code, out, _ = run(
        capsys,
        "simulate",
        "inr",
        "--vka",
        "warfarin",
        "--form",
        "MK-7",
        "--dose",
        "45ug",
        "--every",
        "24h",
        "--days",
        "42",
        "--format",
        "json",
        "--plot",
        str(png),
    )
    assert code == 0
    s = json.loads(out)["summary"]
    assert s["inr_end"] < s["inr_baseline"]
    assert s["inr_change_pct"] == pytest.approx(
        100 * (s["inr_end"] / s["inr_baseline"] - 1), abs=0.5
    )
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_cohort_table_output(capsys):
    code, out, err = run(
        capsys, "simulate", "pk", "--form", "K1", "--dose", "1mg", "--subjects", "50", "--seed", "3"
    )
    assert code == 0
    assert "5 %" in out and "cmax_nmol_per_l" in out
    assert err == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "pk", "--form", "MK-9", "--dose", "1ug"],
        ["simulate", "pk", "--form", "MK-7", "--dose", "1 parsec"],
        ["simulate", "pk", "--form", "MK-7", "--dose", "100ug", "--every", "sometimes"],
        ["simulate", "inr", "--vka", "heparin", "--dose", "45ug"],
        ["simulate", "pk", "--dose", "100ug", "--plot", "figure.pdf"],
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("Error: ") and err.count("\n") == 1


def test_inr_acenocoumarol_cohort_table(capsys):
    code, out, _ = run(
        capsys,
        "simulate",
        "inr",
        "--vka",
        "acenocoumarol",
        "--form",
        "MK-7",
        "--dose",
        "45ug",
        "--days",
        "28",
        "--subjects",
        "20",
        "--seed",
        "4",
    )
    assert code == 0
    assert "inr_change_pct" in out and "not dosing advice" in out
    assert "SinthromeSmPC2020" in out


def test_huge_cohort_is_refused_with_a_hint_not_a_memory_error(capsys):
    code, _, err = run(
        capsys,
        "simulate",
        "pk",
        "--form",
        "MK-7",
        "--dose",
        "180ug",
        "--every",
        "24h",
        "--days",
        "365",
        "--subjects",
        "100000",
        "--seed",
        "1",
    )
    assert code == 2
    assert "too large" in err and "fewer --subjects or fewer --days" in err
    # Worded for the CLI: no library argument names a CLI user cannot set.
    assert "dt_h" not in err and "pk.regular_troughs" not in err
    assert len(err.strip().splitlines()) == 1


def test_inr_dask_backend_matches_local(capsys):
    args = [
        "simulate",
        "inr",
        "--form",
        "MK-7",
        "--dose",
        "45ug",
        "--days",
        "7",
        "--subjects",
        "6",
        "--seed",
        "8",
        "--format",
        "json",
    ]
    code, out_local, _ = run(capsys, *args)
    assert code == 0
    code, out_dask, _ = run(capsys, *args, "--backend", "dask", "--workers", "1")
    assert code == 0
    assert json.loads(out_dask)["summary"] == json.loads(out_local)["summary"]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["pk", "--dose", "1e30ug"], "Dose per intake must be from 0 to 50,000 µg (50 mg)"),
        (["pk", "--dose", "51mg"], "got 51000 µg"),
        (["pk", "--dose", "100ug", "--days", "0"], "days must be above 0 and at most 3650; got 0"),
        (["pk", "--dose", "100ug", "--days", "nan"], "days must be above 0"),
        (["pk", "--dose", "100ug", "--days", "inf"], "days must be above 0"),
        (["carboxylation", "--dose", "100ug", "--days", "0"], "days must be above 0"),
        (["inr", "--dose", "45ug", "--days", "0"], "days must be above 0"),
        (["pk", "--dose", "100ug", "--subjects", "-5"], "subjects must be a whole number"),
        (["pk", "--dose", "100ug", "--subjects", "1000000"], "from 1 to 100,000"),
        (["pk", "--dose", "100ug", "--every", "0h"], "every must be from 1 h to 3650 d"),
        (["pk", "--dose", "100ug", "--every", "0.1h"], "got '0.1h'"),
        (["pk", "--dose", "40mg", "--every", "6h"], "160,000 µg in 24 h"),
        (
            ["inr", "--dose", "45ug", "--vka-dose", "500mg", "--days", "7"],
            "warfarin dose must be 0 (no anticoagulant) or from 0.5 to 20 mg a day; got 500 mg",
        ),
        (
            ["inr", "--vka", "acenocoumarol", "--dose", "45ug", "--vka-dose", "15mg"],
            "acenocoumarol dose must be 0 (no anticoagulant) or from 0.5 to 12 mg a day",
        ),
        (["inr", "--dose", "45ug", "--vka-dose", "5mg", "--target", "nan"], "target INR"),
        (["inr", "--dose", "45ug", "--workers", "1000"], "--workers must be from 1 to 64"),
    ],
)
def test_out_of_range_input_is_one_line_exit_2(capsys, args, text):
    code, out, err = run(capsys, "simulate", *args)
    assert code == 2 and out == ""
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert text in err


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("pk", "Model illustration from published averages; not medical advice."),
        ("carboxylation", "Model illustration from published averages; not medical advice."),
        ("inr", "Illustration, not dosing advice: never change warfarin"),
    ],
)
def test_every_output_carries_its_disclaimer(capsys, kind, text):
    base = ["simulate", kind, "--form", "MK-7", "--dose", "45ug", "--days", "2"]
    code, out, _ = run(capsys, *base)
    assert code == 0 and text in " ".join(out.split())
    code, out, _ = run(capsys, *base, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["disclaimer"].startswith(text)
    assert {"summary", "time_series", "references"} <= set(data)


def test_days_given_is_used_not_the_default(capsys):
    code, out, _ = run(
        capsys, "simulate", "pk", "--dose", "100ug", "--days", "0.5", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["meta"]["days"] == 0.5 and max(data["time_series"]["t_h"]) == 12.0


def _json(capsys, *args):
    code, out, err = run(capsys, "simulate", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("command", ["inr", "carboxylation"])
def test_no_every_is_one_dose_like_pk(capsys, command):
    base = [command, "--form", "MK-7", "--dose", "180ug", "--days", "14"]
    one = _json(capsys, *base)
    daily = _json(capsys, *base, "--every", "24h")
    assert one["meta"]["every"] is None and one["meta"]["regimen"] == "one dose"
    assert daily["meta"]["regimen"] == "every 24h"
    if command == "inr":
        assert one["summary"]["inr_change_pct"] == pytest.approx(-2.0, abs=1.5)
        assert daily["summary"]["inr_change_pct"] < -30
    else:
        assert abs(one["summary"]["ucoc_change_pct"]) < 0.2 * abs(
            daily["summary"]["ucoc_change_pct"]
        )
    pk = _json(capsys, "pk", "--form", "MK-7", "--dose", "180ug", "--days", "14")
    assert pk["meta"]["regimen"] == "one dose"


def test_pk_diary_json_and_table(capsys, tmp_path):
    diary = tmp_path / "diary.csv"
    diary.write_text(
        "date,kind,item,amount\n2026-01-01,food,natto,50 g\n2026-01-02,food,natto,50 g\n",
        encoding="utf-8",
    )
    data = _json(capsys, "pk", "--diary", str(diary))
    assert data["meta"]["regimen"] == "diary"
    assert data["meta"]["diary"]["not_measured_forms"] == ["mk4"]
    assert data["summary_by_form"]["mk7"]["tmax_h"] == pytest.approx(4.0, abs=0.5)
    assert data["summary"]["mk7_cmax_nmol_per_l"] > 0
    t = data["time_series"]["t_h"]
    assert t[-1] == pytest.approx(48.0)
    assert {"k1_nmol_per_l", "mk4_nmol_per_l", "mk7_nmol_per_l"} <= set(data["time_series"])
    code, out, _ = run(capsys, "simulate", "pk", "--diary", str(diary))
    assert code == 0 and "Not measured: MK-4" in out and "12:00" in out


@pytest.mark.parametrize(
    ("extra", "text"),
    [
        (["--form", "K1"], "--diary cannot be combined with --form"),
        (["--dose", "100ug"], "--diary cannot be combined with --dose"),
        (["--every", "24h"], "--diary cannot be combined with --every"),
        (["--set", "Jones2007"], "--diary cannot be combined with --set"),
    ],
)
def test_pk_diary_is_exclusive_with_regimen_options(capsys, tmp_path, extra, text):
    diary = tmp_path / "diary.csv"
    diary.write_text("date,kind,item,amount\n2026-01-01,food,natto,50 g\n", encoding="utf-8")
    code, _, err = run(capsys, "simulate", "pk", "--diary", str(diary), *extra)
    assert code == 2 and err.count("\n") == 1 and text in err


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["pk", "--diary", "no-such-diary.csv"], "does not exist"),
        (["pk", "--form", "MK-7"], "--dose is required"),
        (["inr", "--form", "MK-7"], "--dose is required"),
    ],
)
def test_missing_dose_or_diary_is_one_line_exit_2(capsys, args, text):
    code, _, err = run(capsys, "simulate", *args)
    assert code == 2 and err.count("\n") == 1 and text in err
