"""Ids are never reused; usernames ignore case.

On SQLite, ``users`` and ``diary_entries`` are rebuilt with ``AUTOINCREMENT``: without it
SQLite hands the id of a deleted last row to the next insert, so a new account could get
the id of a deleted one (and anything keyed on it, such as a cached dashboard, would
follow). PostgreSQL sequences never hand out an id twice, so nothing changes there.

Usernames become case-insensitive: stored usernames are lower-cased, except where two
accounts differ only in case (those keep their name as it is and can still log in with
it exactly); an index on ``lower(username)`` serves the case-insensitive lookup.

Revision ID: 0004_ids_never_reused
Revises: 0003_app_settings
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_ids_never_reused"
down_revision = "0003_app_settings"
branch_labels = None
depends_on = None

_USERS_COLS = "user_id, username, password_hash, created_at, data_version"
_ENTRY_COLS = "entry_id, user_id, date, kind, item, amount, created_at"


def _rebuild_sqlite() -> None:
    # env.py runs this in one transaction with foreign keys off; the copies keep every id,
    # and SQLite's sqlite_sequence then starts after the largest one.
    op.create_table(
        "users_v4",
        sa.Column("user_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data_version", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sqlite_autoincrement=True,
    )
    op.execute(f"INSERT INTO users_v4 ({_USERS_COLS}) SELECT {_USERS_COLS} FROM users")
    op.execute("DROP TABLE users")
    op.execute("ALTER TABLE users_v4 RENAME TO users")
    op.create_table(
        "diary_entries_v4",
        sa.Column("entry_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("amount", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.user_id"],
            name="fk_diary_entries_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", name="pk_diary_entries"),
        sqlite_autoincrement=True,
    )
    op.execute(
        f"INSERT INTO diary_entries_v4 ({_ENTRY_COLS}) SELECT {_ENTRY_COLS} FROM diary_entries"
    )
    op.execute("DROP TABLE diary_entries")  # also drops ix_diary_entries_user_date
    op.execute("ALTER TABLE diary_entries_v4 RENAME TO diary_entries")
    op.create_index("ix_diary_entries_user_date", "diary_entries", ["user_id", "date"])


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite()
    op.execute(
        "UPDATE users SET username = lower(username) "
        "WHERE username <> lower(username) AND NOT EXISTS ("
        "SELECT 1 FROM users AS other WHERE other.user_id <> users.user_id "
        "AND lower(other.username) = lower(users.username))"
    )
    op.create_index("ix_users_username_lower", "users", [sa.text("lower(username)")])


def downgrade() -> None:
    # AUTOINCREMENT and lower-case usernames are valid under 0003 too; only the index goes.
    op.drop_index("ix_users_username_lower", table_name="users")
