"""Repository: migrations, user scoping, atomic writes and round trips on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, inspect

from vitk.errors import InputError
from vitk.storage.db import current_revision, head_revision, upgrade
from vitk.storage.repository import NotFoundError, Repository

APP_TABLES = {"users", "sessions", "profiles", "diary_entries", "app_settings"}


def test_migrations_create_app_tables_and_record_revision(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    names = set(inspect(engine).get_table_names())
    assert names >= APP_TABLES
    upgrade(engine)  # idempotent
    assert current_revision(engine) == head_revision()


def test_downgrade_removes_only_app_tables(engine: Engine) -> None:
    from alembic import command

    from vitk.storage.db import _alembic_config

    command.downgrade(_alembic_config(engine), "0001_usda_tables")
    names = set(inspect(engine).get_table_names())
    assert not (APP_TABLES & names)
    assert "usda_food" in names
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= APP_TABLES


def test_users_are_unique_and_local_user_is_stable(engine: Engine) -> None:
    repo = Repository(engine)
    a = repo.create_user("alice", "hash")
    with pytest.raises(InputError, match="taken"):
        repo.create_user("alice", "other")
    assert repo.find_user("alice") == (a, "hash")
    assert repo.find_user("nobody") is None
    assert repo.local_user() == repo.local_user()


def test_entries_are_scoped_to_their_user(engine: Engine) -> None:
    repo = Repository(engine)
    a = repo.create_user("alice", "x")
    b = repo.create_user("bob", "x")
    ea = repo.add_entry(a.user_id, "2026-11-02", "food", "natto", "40 g")
    repo.add_entry(b.user_id, "2026-11-02", "food", "gouda", "30 g")
    assert [e.item for e in repo.list_entries(a.user_id)] == ["natto"]
    assert [e.item for e in repo.list_entries(b.user_id)] == ["gouda"]
    with pytest.raises(NotFoundError):
        repo.get_entry(b.user_id, ea.entry_id)
    with pytest.raises(NotFoundError):
        repo.update_entry(b.user_id, ea.entry_id, "2026-11-02", "food", "kale", "1 g")
    with pytest.raises(NotFoundError):
        repo.delete_entry(b.user_id, ea.entry_id)
    assert repo.get_entry(a.user_id, ea.entry_id).item == "natto"
    repo.save_profile(a.user_id, {"age": 40, "sex": "female"})
    assert repo.get_profile(b.user_id) is None
    assert repo.delete_data(b.user_id) == 1
    assert repo.count_entries(a.user_id) == 1
    assert repo.get_profile(a.user_id) == {"age": 40, "sex": "female"}


def test_add_entries_is_all_or_nothing(engine: Engine) -> None:
    repo = Repository(engine)
    u = repo.local_user()
    rows = [("2026-11-02", "food", "natto", "40 g"), ("2026-11-03", "meal", "natto", "40 g")]
    with pytest.raises(InputError, match="kind 'meal'"):
        repo.add_entries(u.user_id, rows)
    assert repo.count_entries(u.user_id) == 0


def test_entry_validation_messages(engine: Engine) -> None:
    repo = Repository(engine)
    u = repo.local_user()
    with pytest.raises(InputError, match="not a date"):
        repo.add_entry(u.user_id, "2026-13-40", "food", "natto", "40 g")
    with pytest.raises(InputError, match="item must be"):
        repo.add_entry(u.user_id, "2026-11-02", "food", "   ", "40 g")
    with pytest.raises(InputError, match="amount must be"):
        repo.add_entry(u.user_id, "2026-11-02", "food", "natto", "9" * 41)
    with pytest.raises(InputError, match="control characters"):
        repo.add_entry(u.user_id, "2026-11-02", "food", "nat\x00to", "40 g")


def test_list_by_date_and_range_in_order(engine: Engine) -> None:
    repo = Repository(engine)
    u = repo.local_user()
    for d in ("2026-11-03", "2026-11-01", "2026-11-02", "2026-11-02"):
        repo.add_entry(u.user_id, d, "food", f"food {d}", "1 g")
    dates = [e.date.isoformat() for e in repo.list_entries(u.user_id)]
    assert dates == sorted(dates)
    assert len(repo.list_entries(u.user_id, date=dt.date(2026, 11, 2))) == 2
    got = repo.list_entries(u.user_id, start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 3))
    assert len(got) == 3


def test_sessions_expire(engine: Engine) -> None:
    repo = Repository(engine)
    u = repo.create_user("carol", "x")
    now = dt.datetime.now(dt.UTC)
    repo.create_session(u.user_id, "a" * 64, now + dt.timedelta(hours=1))
    repo.create_session(u.user_id, "b" * 64, now - dt.timedelta(seconds=1))
    assert repo.session_user("a" * 64) == u
    assert repo.session_user("b" * 64) is None
    assert repo.session_user("c" * 64) is None
    assert repo.purge_sessions() == 1
    assert repo.session_user("a" * 64) == u
    repo.delete_session("a" * 64)
    assert repo.session_user("a" * 64) is None


def test_delete_user_cascades(engine: Engine) -> None:
    repo = Repository(engine)
    u = repo.create_user("dave", "x")
    repo.add_entry(u.user_id, "2026-11-02", "food", "natto", "40 g")
    repo.save_profile(u.user_id, {"age": 30})
    repo.delete_user(u.user_id)
    assert repo.find_user("dave") is None
    assert repo.count_entries(u.user_id) == 0


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    item=TEXT,
    amount=TEXT.filter(lambda s: len(s.strip()) <= 40),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    profile=st.dictionaries(st.text(max_size=10), st.one_of(st.integers(), TEXT), max_size=4),
)
def test_round_trip(engine: Engine, item: str, amount: str, day: dt.date, profile: dict) -> None:
    repo = Repository(engine)
    u = repo.local_user()
    rec = repo.add_entry(u.user_id, day, "supplement", item, amount)
    back = repo.get_entry(u.user_id, rec.entry_id)
    assert back == rec
    assert back.item == " ".join(item.split())
    assert back.amount == amount.strip()
    assert back.date == day
    repo.save_profile(u.user_id, profile)
    assert repo.get_profile(u.user_id) == profile
    repo.delete_entry(u.user_id, rec.entry_id)


def test_settings_are_stored_once(engine: Engine) -> None:
    repo = Repository(engine)
    first = repo.setting("csrf_secret", "aa")
    assert first == "aa"
    assert repo.setting("csrf_secret", "bb") == "aa"
