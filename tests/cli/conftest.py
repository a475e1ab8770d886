"""CLI tests see no terminal width unless they set one.

Piped CLI output honours ``COLUMNS`` (``vitk.cli.options.console``), and pytest-xdist
workers run with ``COLUMNS=80``; without this, a table test's result would depend on
how the suite was started.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
