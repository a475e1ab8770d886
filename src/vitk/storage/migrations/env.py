"""Alembic environment: runs online against the engine passed in by vitk.storage.db.

On SQLite the whole upgrade runs in one explicit transaction (the ``sqlite3`` driver
would otherwise commit each ``CREATE``/``DROP`` on its own) with foreign keys off, because
rebuilding a parent table (``DROP TABLE`` + rename) with foreign keys on would cascade
the implicit ``DELETE`` to the child rows. ``PRAGMA foreign_key_check`` must come back
empty before the transaction commits; foreign keys are switched back on afterwards.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from vitk.storage.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # e.g. the alembic command line with sqlalchemy.url set
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if engine.dialect.name == "sqlite":
    with engine.connect() as connection:
        dbapi = connection.connection.dbapi_connection
        saved = dbapi.isolation_level  # type: ignore[union-attr]
        dbapi.isolation_level = None  # type: ignore[union-attr]  # we send BEGIN ourselves
        try:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # one migrator at a time
            try:
                _run(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows with broken foreign keys: {broken}")
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
            dbapi.isolation_level = saved  # type: ignore[union-attr]
else:
    with engine.begin() as connection:
        _run(connection)
