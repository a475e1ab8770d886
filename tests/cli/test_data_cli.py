"""`vitk data import-usda` through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from vitk.cli.main import main

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "sr28-pristine"


def test_import_small_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    main(["data", "import-usda", str(FIXTURE), "--db", url])
    out = capsys.readouterr().out
    assert "foods: 2" in out
    assert "portions: 3" in out
    assert "foods with mk4 (428): 1" in out


def test_db_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("VITK_DATABASE_URL", f"sqlite:///{db}")
    main(["data", "import-usda", str(FIXTURE)])
    assert "foods: 2" in capsys.readouterr().out
    assert db.is_file()


def test_missing_directory_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["data", "import-usda", str(tmp_path / "nope"), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "nope" in err
    assert "does not exist" in err
    assert "Traceback" not in err


def test_malformed_release_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in FIXTURE.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    (bad / "WEIGHT.txt").write_bytes(b"~01009~^1\r\n")
    with pytest.raises(SystemExit) as exc:
        main(["data", "import-usda", str(bad), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "WEIGHT.txt line 1" in err


def test_full_release_via_subprocess(full_sr28_release: Path, tmp_path: Path) -> None:
    """The installed console script on the full SR28 release (about 3 s)."""
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from vitk.cli.main import main; main()",
            "data",
            "import-usda",
            str(full_sr28_release),
            "--db",
            f"sqlite:///{tmp_path / 'full.sqlite'}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "foods: 8,789" in result.stdout
    assert "foods with mk4 (428): 588" in result.stdout
    assert "foods with k1 (430): 5,226" in result.stdout
    assert "foods with dihydro_k1 (429): 1,410" in result.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-2.4", "is -2.4; allowed: from 0 to 100,000 µg per 100 g."),
        ("2.4e6", "is 2.4e6; allowed: from 0 to 100,000 µg per 100 g."),
        ("lots", "must be a number from 0 to 100,000 µg per 100 g; got 'lots'."),
    ],
)
def test_impossible_value_is_one_line_error_and_nothing_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, expected: str
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in FIXTURE.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    lines = (bad / "NUT_DATA.txt").read_bytes().split(b"\r\n")
    parts = lines[3].split(b"^")  # line 4: cheddar vitamin K1 (430), Nutr_Val 2.4
    assert parts[1] == b"~430~"
    parts[2] = value.encode()
    lines[3] = b"^".join(parts)
    (bad / "NUT_DATA.txt").write_bytes(b"\r\n".join(lines))
    db = tmp_path / "x.db"
    with pytest.raises(SystemExit) as exc:
        main(["data", "import-usda", str(bad), "--db", f"sqlite:///{db}"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert "NUT_DATA.txt line 4: field Nutr_Val (vitamin K1, NDB_No 01009)" in err
    assert expected in err
    from vitk.storage.db import get_engine
    from vitk.usda.store import has_usda_data

    engine = get_engine(f"sqlite:///{db}")
    assert not has_usda_data(engine)
    engine.dispose()


FDC_FOUNDATION = Path(__file__).resolve().parents[1] / "data" / "fdc-foundation"
FDC_SR_LEGACY = Path(__file__).resolve().parents[1] / "data" / "fdc-sr-legacy"


def test_import_fdc_download(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fdc.sqlite'}"
    main(["data", "import-fdc", str(FDC_FOUNDATION), "--db", url])
    out = capsys.readouterr().out
    assert "foods: 2" in out
    assert "FoodData Central data types: foundation_food" in out
    assert "foods left out (no NDB number): 1" in out
    main(["foods", "show", "usda:11233", "--db", url, "--format", "json"])
    assert '"USDA-FDC-Foundation"' in capsys.readouterr().out


def test_import_usda_detects_an_fdc_download(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["data", "import-usda", str(FDC_SR_LEGACY), "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    out = capsys.readouterr().out
    assert "foods: 6" in out and "FoodData Central data types: sr_legacy_food" in out


def test_import_fdc_bad_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "fdc"
    shutil.copytree(FDC_FOUNDATION, folder)
    (folder / "food_nutrient.csv").write_text(
        (folder / "food_nutrient.csv").read_text("utf-8").replace('"389.6"', '"-1"'), "utf-8"
    )
    with pytest.raises(SystemExit) as exc:
        main(["data", "import-fdc", str(folder), "--db", f"sqlite:///{tmp_path / 'b.db'}"])
    assert exc.value.code != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "food_nutrient.csv line 2" in err
