"""Shared fixtures: the shared data folder, an isolated user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]

settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def shared_dir() -> Path:
    """The shared reference data: $VITK_SHARED_DIR, else ``../shared`` beside the checkout.

    A checkout made somewhere else on the project's machines (e.g. a clean clone in /tmp)
    falls back to the workspace copy at /work/shared when ``../shared`` is absent.
    """
    if "VITK_SHARED_DIR" in os.environ:
        return Path(os.environ["VITK_SHARED_DIR"])
    beside = REPO.parent / "shared"
    workspace = Path("/work/shared")
    return workspace if not beside.is_dir() and workspace.is_dir() else beside


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    assert path.is_dir(), f"shared data folder not found at {path}; set VITK_SHARED_DIR"
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
