"""``vitk check``: the three input kinds, the formats, and one-line errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from tests.cli.helpers import run

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "checker" / "articles"


def test_check_a_file_prints_verdicts(capsys) -> None:
    code, out, err = run(capsys, "check", str(ARTICLES / "k2_with_d3.txt"))
    assert code == 0, err
    assert "CONTRADICTED" in out and "Not medical advice" in out


def test_check_json_follows_the_contract(capsys) -> None:
    code, out, _ = run(capsys, "check", str(ARTICLES / "clinic_blog.md"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"source", "claims", "summary", "references"}
    assert any("promotional" in c["flags"] for c in data["claims"])


def test_check_reads_standard_input(capsys, monkeypatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Vitamin K2 reverses arterial calcification."))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "check", "-", "--format", "markdown")
    assert code == 0
    assert "| unsupported |" in out


def test_check_writes_html_to_a_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _, _ = run(
        capsys,
        "check",
        str(ARTICLES / "supplement_seller.html"),
        "--format",
        "html",
        "-o",
        str(target),
    )
    assert code == 0
    assert 'tabindex="0"' in target.read_text("utf-8")


def test_bad_input_is_one_line_and_exit_code_2(capsys, tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for arg in (str(binary), str(tmp_path / "missing.md")):
        code, out, err = run(capsys, "check", arg)
        assert code == 2
        assert err.startswith("Error: ") and err.count("\n") == 1
        assert "Traceback" not in err
