"""Engine factory and programmatic Alembic migrations.

The default database is a SQLite file in the user's data folder
(``platformdirs.user_data_dir("vitk")/vitk.sqlite``); the environment variable
``VITK_DATABASE_URL`` or an explicit URL overrides it (any SQLAlchemy URL, e.g.
PostgreSQL). SQLite connections run in WAL mode with foreign keys on.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

__all__ = [
    "ENV_VAR",
    "current_revision",
    "default_url",
    "get_engine",
    "head_revision",
    "upgrade",
]

ENV_VAR = "VITK_DATABASE_URL"


def default_url() -> str:
    """SQLite URL of the default database file (the folder is created if needed)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("vitk"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'vitk.sqlite'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """Engine for ``url``, else ``$VITK_DATABASE_URL``, else the default SQLite file.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy database URL.

    Returns
    -------
    Engine
        SQLite engines have foreign keys on and use WAL journaling.
    """
    url = url or os.environ.get(ENV_VAR) or default_url()
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    location = resources.files("vitk").joinpath("storage", "migrations")
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the package's Alembic migrations to ``engine`` up to ``revision``."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def head_revision() -> str:
    """Newest revision of the package's migration chain (one head, no branches)."""
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(create_engine("sqlite://"))
    heads = ScriptDirectory.from_config(cfg).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migration chain must have one head; found {heads}")
    return str(heads[0])


def current_revision(engine: Engine) -> str | None:
    """Alembic revision recorded in the database, or None if never migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        return rev
