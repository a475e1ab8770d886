"""Alembic environment: runs online against the engine passed in by vitk.storage.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from vitk.storage.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # e.g. the alembic command line with sqlalchemy.url set
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
