"""User-scoped storage of accounts, sessions, profiles and diary entries.

Every method that reads or changes a person's data takes ``user_id`` and puts it in the
``WHERE`` clause, so one user's id can never reach another user's rows. Each write runs
in one transaction: it is stored completely or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from vitk.errors import InputError, VitkError
from vitk.storage.app_schema import (
    LOCAL_USERNAME,
    app_settings,
    diary_entries,
    profiles,
    sessions,
    users,
)

__all__ = ["EntryRecord", "NotFoundError", "Repository", "User", "normalise_username"]

#: Diary entry kinds.
KINDS = ("food", "supplement")
#: Longest item name and amount text accepted.
MAX_ITEM_CHARS = 200
MAX_AMOUNT_CHARS = 40


def normalise_username(username: str) -> str:
    """The stored form of a username: without surrounding blanks, lower-case."""
    return username.strip().lower()


class NotFoundError(VitkError, KeyError):
    """A diary entry, profile or user does not exist (or belongs to someone else)."""


@dataclass(frozen=True)
class User:
    """An account (``LOCAL_USERNAME`` in single-user mode)."""

    user_id: int
    username: str


@dataclass(frozen=True)
class EntryRecord:
    """One stored diary row."""

    entry_id: int
    date: dt.date
    kind: str
    item: str
    amount: str

    def to_row(self) -> dict[str, str]:
        """The row as :meth:`vitk.intake.Diary.from_rows` reads it."""
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "item": self.item,
            "amount": self.amount,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, **self.to_row()}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"date '{value}' is not a date; use YYYY-MM-DD.") from None


def _clean(date: dt.date | str, kind: str, item: str, amount: str) -> dict[str, Any]:
    k = str(kind).strip().lower()
    if k not in KINDS:
        raise InputError(f"kind '{kind}' is not allowed; use 'food' or 'supplement'.")
    it = " ".join(str(item).split())
    am = str(amount).strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in it + am):
        raise InputError("item and amount must not contain control characters.")
    if not it or len(it) > MAX_ITEM_CHARS:
        raise InputError(f"item must be 1–{MAX_ITEM_CHARS} characters; got {len(it)}.")
    if not am or len(am) > MAX_AMOUNT_CHARS:
        raise InputError(f"amount must be 1–{MAX_AMOUNT_CHARS} characters; got {len(am)}.")
    return {"date": _as_date(date), "kind": k, "item": it, "amount": am}


def _record(row: Any) -> EntryRecord:
    date = row.date if isinstance(row.date, dt.date) else dt.date.fromisoformat(str(row.date))
    return EntryRecord(int(row.entry_id), date, str(row.kind), str(row.item), str(row.amount))


def _new_id(result: Any) -> int:
    pk = result.inserted_primary_key
    if pk is None:  # pragma: no cover - every supported dialect returns it
        raise RuntimeError("the database did not return the new row's id")
    return int(pk[0])


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _bump(conn: Any, user_id: int) -> None:
    conn.execute(
        update(users)
        .where(users.c.user_id == user_id)
        .values(data_version=users.c.data_version + 1)
    )


class Repository:
    """Storage of one database; every per-person method is scoped by ``user_id``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def data_version(self, user_id: int) -> int:
        """A number that changes whenever the user's profile or diary changes."""
        with self.engine.connect() as conn:
            v = conn.execute(
                select(users.c.data_version).where(users.c.user_id == user_id)
            ).scalar_one_or_none()
        return int(v or 0)

    def cache_stamp(self, user_id: int) -> tuple[int, str]:
        """The user's data version and account creation time, in one primary-key query.

        Caches of a user's derived views key on this (with the id): the version changes
        with every change to the data, and the creation time tells a later account
        apart even if a database ever handed out the same id again.
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.data_version, users.c.created_at).where(users.c.user_id == user_id)
            ).first()
        if row is None:
            return (0, "")
        created = row.created_at
        stamp = _aware(created).isoformat() if isinstance(created, dt.datetime) else str(created)
        return (int(row.data_version or 0), stamp)

    # -- app settings ---------------------------------------------------------------------
    def setting(self, key: str, default: str) -> str:
        """The stored value of ``key``; stores ``default`` first if there is none."""
        with self.engine.connect() as conn:
            value = conn.execute(
                select(app_settings.c.value).where(app_settings.c.key == key)
            ).scalar_one_or_none()
        if value is not None:
            return str(value)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(app_settings).values(key=key, value=default))
        except IntegrityError:  # another process stored it first: use theirs
            pass
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(app_settings.c.value).where(app_settings.c.key == key)
            ).scalar_one()
        return str(stored)

    # -- users ---------------------------------------------------------------------------
    def create_user(self, username: str, password_hash: str) -> User:
        """Add an account (username stored lower-case); InputError if it is taken.

        Usernames ignore case: ``Alice`` is taken when ``alice`` exists.
        """
        name = normalise_username(username)
        with self.engine.begin() as conn:
            clash = conn.execute(
                select(users.c.user_id).where(func.lower(users.c.username) == name)
            ).first()
            if clash is not None:
                raise InputError(
                    f"Username '{username}' is taken (usernames ignore case); choose another."
                )
            try:
                result = conn.execute(
                    insert(users).values(
                        username=name, password_hash=password_hash, created_at=_now()
                    )
                )
            except IntegrityError:
                raise InputError(
                    f"Username '{username}' is taken (usernames ignore case); choose another."
                ) from None
            return User(_new_id(result), name)

    def find_user(self, username: str) -> tuple[User, str] | None:
        """The account and its password hash (username matched ignoring case), or None.

        Accounts created before usernames ignored case may differ only in case; for
        those the exact spelling is needed (an ambiguous match finds nothing).
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(users.c.user_id, users.c.username, users.c.password_hash).where(
                    func.lower(users.c.username) == normalise_username(username)
                )
            ).all()
        exact = [r for r in rows if r.username == username]
        chosen = exact or (rows if len(rows) == 1 else [])
        if not chosen:
            return None
        row = chosen[0]
        return User(int(row.user_id), str(row.username)), str(row.password_hash)

    def local_user(self) -> User:
        """The single-user mode account, created on first use."""
        found = self.find_user(LOCAL_USERNAME)
        if found is not None:
            return found[0]
        try:
            return self.create_user(LOCAL_USERNAME, "")
        except InputError:  # created concurrently
            again = self.find_user(LOCAL_USERNAME)
            if again is None:
                raise
            return again[0]

    def delete_user(self, user_id: int) -> None:
        """Delete an account with its sessions, profile and diary."""
        with self.engine.begin() as conn:
            for table in (diary_entries, profiles, sessions):
                conn.execute(delete(table).where(table.c.user_id == user_id))
            conn.execute(delete(users).where(users.c.user_id == user_id))

    # -- sessions ------------------------------------------------------------------------
    def create_session(self, user_id: int, token_hash: str, expires_at: dt.datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(sessions).values(
                    token_hash=token_hash,
                    user_id=user_id,
                    created_at=_now(),
                    expires_at=expires_at,
                )
            )

    def session_user(self, token_hash: str) -> User | None:
        """The user of an unexpired session, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.user_id, users.c.username, sessions.c.expires_at)
                .join(sessions, sessions.c.user_id == users.c.user_id)
                .where(sessions.c.token_hash == token_hash)
            ).first()
        if row is None or _aware(row.expires_at) <= _now():
            return None
        return User(int(row.user_id), str(row.username))

    def purge_sessions(self) -> int:
        """Delete expired sessions; returns how many."""
        with self.engine.begin() as conn:
            done = conn.execute(delete(sessions).where(sessions.c.expires_at <= _now()))
        return int(done.rowcount)

    def delete_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))

    # -- profile -------------------------------------------------------------------------
    def get_profile(self, user_id: int) -> dict[str, Any] | None:
        """The stored profile mapping, or None if the user has none yet."""
        with self.engine.connect() as conn:
            data = conn.execute(
                select(profiles.c.data).where(profiles.c.user_id == user_id)
            ).scalar_one_or_none()
        if data is None:
            return None
        loaded: dict[str, Any] = json.loads(data)
        return loaded

    def save_profile(self, user_id: int, data: Mapping[str, Any]) -> None:
        """Insert or replace the user's profile."""
        text = json.dumps(dict(data), sort_keys=True)  # ASCII: safe for any driver
        with self.engine.begin() as conn:
            done = conn.execute(
                update(profiles)
                .where(profiles.c.user_id == user_id)
                .values(data=text, updated_at=_now())
            )
            if done.rowcount == 0:
                conn.execute(insert(profiles).values(user_id=user_id, data=text, updated_at=_now()))
            _bump(conn, user_id)

    # -- diary ---------------------------------------------------------------------------
    def list_entries(
        self,
        user_id: int,
        *,
        date: dt.date | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[EntryRecord]:
        """The user's diary rows (optionally one date or an inclusive range), in order."""
        q = select(diary_entries).where(diary_entries.c.user_id == user_id)
        if date is not None:
            q = q.where(diary_entries.c.date == date)
        if start is not None:
            q = q.where(diary_entries.c.date >= start)
        if end is not None:
            q = q.where(diary_entries.c.date <= end)
        q = q.order_by(diary_entries.c.date, diary_entries.c.entry_id)
        with self.engine.connect() as conn:
            return [_record(r) for r in conn.execute(q)]

    def count_entries(self, user_id: int) -> int:
        with self.engine.connect() as conn:
            n = conn.execute(
                select(func.count())
                .select_from(diary_entries)
                .where(diary_entries.c.user_id == user_id)
            ).scalar_one()
        return int(n)

    def get_entry(self, user_id: int, entry_id: int) -> EntryRecord:
        """One of the user's rows; NotFoundError otherwise (also for other users' rows)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(diary_entries).where(
                    diary_entries.c.user_id == user_id, diary_entries.c.entry_id == entry_id
                )
            ).first()
        if row is None:
            raise NotFoundError(f"No diary entry {entry_id}.")
        return _record(row)

    def add_entry(
        self, user_id: int, date: dt.date | str, kind: str, item: str, amount: str
    ) -> EntryRecord:
        return self.add_entries(user_id, [(date, kind, item, amount)])[0]

    def add_entries(
        self, user_id: int, rows: Iterable[tuple[dt.date | str, str, str, str]]
    ) -> list[EntryRecord]:
        """Add rows in one transaction (all or none)."""
        clean = [_clean(*r) for r in rows]
        out: list[EntryRecord] = []
        with self.engine.begin() as conn:
            _bump(conn, user_id)
            for values in clean:
                result = conn.execute(
                    insert(diary_entries).values(user_id=user_id, created_at=_now(), **values)
                )
                out.append(
                    EntryRecord(
                        _new_id(result),
                        values["date"],
                        values["kind"],
                        values["item"],
                        values["amount"],
                    )
                )
        return out

    def update_entry(
        self, user_id: int, entry_id: int, date: dt.date | str, kind: str, item: str, amount: str
    ) -> EntryRecord:
        values = _clean(date, kind, item, amount)
        with self.engine.begin() as conn:
            done = conn.execute(
                update(diary_entries)
                .where(diary_entries.c.user_id == user_id, diary_entries.c.entry_id == entry_id)
                .values(**values)
            )
            _bump(conn, user_id)
        if done.rowcount == 0:
            raise NotFoundError(f"No diary entry {entry_id}.")
        return EntryRecord(
            entry_id, values["date"], values["kind"], values["item"], values["amount"]
        )

    def delete_entry(self, user_id: int, entry_id: int) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(
                delete(diary_entries).where(
                    diary_entries.c.user_id == user_id, diary_entries.c.entry_id == entry_id
                )
            )
            _bump(conn, user_id)
        if done.rowcount == 0:
            raise NotFoundError(f"No diary entry {entry_id}.")

    def delete_data(self, user_id: int) -> int:
        """Delete the user's diary and profile (the account stays); returns rows deleted."""
        with self.engine.begin() as conn:
            n = conn.execute(delete(diary_entries).where(diary_entries.c.user_id == user_id))
            m = conn.execute(delete(profiles).where(profiles.c.user_id == user_id))
            _bump(conn, user_id)
        return int(n.rowcount) + int(m.rowcount)
