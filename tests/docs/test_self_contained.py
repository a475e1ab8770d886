"""The test suite stands on its own: no machine paths, full-release tests skip or fail clearly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Absolute folders of the machines the project was developed on; written split so that
# this file does not itself name them.
MACHINE_PATH = re.compile("/(" + "work" + "|" + "farm" + ")/")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".sh", ".yaml", ".yml", ".json"}


def _repo_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False, timeout=60
    )
    if out.returncode != 0:  # an unpacked sdist: walk the tree instead
        return [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return [ROOT / name for name in out.stdout.decode().split("\0") if name]


def test_no_file_names_a_machine_path() -> None:
    offenders = []
    for path in _repo_files():
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(ROOT)}:{n}"
            for n, line in enumerate(text.splitlines(), 1)
            if MACHINE_PATH.search(line)
        ]
    assert offenders == []


PROBE = """
def test_needs_release(full_sr28_release):
    assert (full_sr28_release / "NUT_DATA.txt").is_file()
"""


def _run_probe(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    probe = ROOT / "tests" / "docs" / f"test_probe_{os.getpid()}_{int(ci)}.py"
    probe.write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["VITK_SHARED_DIR"] = str(tmp_path)  # an empty folder: no release
    if ci:
        env["CI"] = "1"
    try:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:xdist", str(probe)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        probe.unlink()


def test_missing_release_is_skipped_with_reason_outside_ci(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "full SR28 release not found" in result.stdout
    assert "VITK_SHARED_DIR" in result.stdout


def test_missing_release_fails_under_ci(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout  # the fixture fails, so the test errors
    assert "full SR28 release not found" in result.stdout
