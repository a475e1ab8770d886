"""Local database: engine, schema and numbered Alembic migrations."""
