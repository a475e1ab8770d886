"""Shared fixtures: test data folders, the full SR28 release, an isolated user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
#: Small fixtures written to the layouts they stand for (see tests/data/README.md).
DATA = REPO / "tests" / "data"

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def shared_dir() -> Path:
    """The shared reference data: $VITK_SHARED_DIR, else ``../shared`` beside the checkout."""
    if os.environ.get("VITK_SHARED_DIR"):
        return Path(os.environ["VITK_SHARED_DIR"])
    return REPO.parent / "shared"


@pytest.fixture(scope="session")
def full_sr28_release() -> Path:
    """The complete USDA SR28 release, for the full-release import tests only.

    Where it is absent the test is skipped with the reason, except under CI (``CI`` set),
    where a missing release is a failure: CI must run the full import.
    """
    path = shared_dir() / "data" / "usda-sr28"
    if not (path / "NUT_DATA.txt").is_file():
        reason = (
            f"full SR28 release not found at {path} (set VITK_SHARED_DIR to the folder "
            "holding data/usda-sr28); only the full-release import tests need it"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user data directory from tests."""
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("VITK_DATABASE_URL", raising=False)
