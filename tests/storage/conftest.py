"""Storage tests run on SQLite and on PostgreSQL (``VITK_TEST_POSTGRES_URL``).

Without ``VITK_TEST_POSTGRES_URL`` the PostgreSQL cases skip locally with a reason and
FAIL under CI (``CI=true``): scripts/ci-services.sh starts the server and prints the URL.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from vitk.storage.db import get_engine, upgrade

PG_ENV = "VITK_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    # Third-party deprecation we cannot fix (starlette's TestClient still uses httpx).
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


def postgres_url_or_skip() -> str:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    reason = (
        f"{PG_ENV} is not set: PostgreSQL storage tests cannot run "
        "(run `sudo bash scripts/ci-services.sh` and export the URL it prints)."
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + " CI must run them.", pytrace=False)
    pytest.skip(reason)


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def make_engine(backend: str, tmp_path: Path, revision: str = "head") -> Iterator[Engine]:
    """An empty database on ``backend`` ("sqlite" or "postgresql"), migrated to ``revision``."""
    if backend == "sqlite":
        engine = get_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
        upgrade(engine, revision)
        yield engine
        engine.dispose()
        return
    base = postgres_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = get_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = get_engine(_with_search_path(base, schema))
    try:
        upgrade(engine, revision)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    yield from make_engine(request.param, tmp_path)


@pytest.fixture
def db_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)
