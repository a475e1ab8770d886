import json

import pytest

from vitk.cli.main import main


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


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
    assert "too large" in err and "troughs" in err


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
