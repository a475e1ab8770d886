"""advise() builds each intermediate result once per call (issue 8: it used to build the
intake table three times)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vitk
from vitk.advisor import intake_table as it_module
from vitk.intake.engine import IntakeSummary

EXAMPLES = Path(vitk.__file__).parent / "data"


def test_advise_builds_the_intake_table_and_source_keys_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"intake_table": 0, "source_keys": 0}
    real_table = it_module.intake_table
    real_keys = IntakeSummary.source_keys

    def counting_table(*args: Any, **kwargs: Any) -> Any:
        calls["intake_table"] += 1
        return real_table(*args, **kwargs)

    def counting_keys(self: IntakeSummary, *args: Any, **kwargs: Any) -> Any:
        calls["source_keys"] += 1
        return real_keys(self, *args, **kwargs)

    monkeypatch.setattr(it_module, "intake_table", counting_table)
    monkeypatch.setattr(IntakeSummary, "source_keys", counting_keys)
    report = vitk.advise(
        EXAMPLES / "advisor" / "example_profile.yaml",
        EXAMPLES / "examples" / "diary_week.csv",
    )
    assert report.intake["basis"] == "diary"
    assert calls == {"intake_table": 1, "source_keys": 1}
