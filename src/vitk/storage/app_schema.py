"""SQLAlchemy Core tables of the web app: users, sessions, profiles and diary entries.

Every row that belongs to a person carries ``user_id``; :mod:`vitk.storage.repository`
scopes each query by it. In single-user mode one local user (``LOCAL_USERNAME``) owns
everything. Changes go through a new numbered migration (``0002_app_tables`` created
these tables). Ids are never reused (``0004_ids_never_reused`` rebuilt the SQLite
tables with ``AUTOINCREMENT``; PostgreSQL sequences never repeat), so nothing keyed on a
user or entry id can reach a later account or row. Usernames are stored lower-case and
looked up case-insensitively (index on ``lower(username)``).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

__all__ = [
    "LOCAL_USERNAME",
    "app_metadata",
    "app_settings",
    "diary_entries",
    "profiles",
    "sessions",
    "users",
]

#: Username of the owner of all data in single-user mode (no password, cannot log in).
LOCAL_USERNAME = "local"

app_metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    app_metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    # argon2 hash; empty for the single-user local account (which cannot log in).
    Column("password_hash", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Bumped in the same transaction as every change to the user's profile or diary, so
    # caches of derived views (dashboard) can be validated with one cheap query.
    Column("data_version", Integer, nullable=False, server_default="0"),
    sqlite_autoincrement=True,
)
Index("ix_users_username_lower", func.lower(users.c.username))

sessions = Table(
    "sessions",
    app_metadata,
    # SHA-256 of the random cookie token; the token itself is never stored.
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.user_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

profiles = Table(
    "profiles",
    app_metadata,
    Column(
        "user_id",
        Integer,
        ForeignKey("users.user_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # The profile as entered (a JSON object accepted by vitk.advisor.profile_from_dict).
    Column("data", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

diary_entries = Table(
    "diary_entries",
    app_metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.user_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("date", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("item", Text, nullable=False),
    Column("amount", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_diary_entries_user_date", "user_id", "date"),
    sqlite_autoincrement=True,
)

#: Settings of the app itself (e.g. the secret its CSRF tokens are derived from, shared by
#: every server process on the database and kept across restarts). Added in 0003.
app_settings = Table(
    "app_settings",
    app_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
