"""The embedded SQLite databases run with WAL, synchronous=NORMAL and secure_delete."""

import asyncio
import sqlite3

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event, text

from bot.store import sqlite
from bot.store.database import engine_for, session_scope
from bot.store.tracker_store import ForgetfulSQLTrackerStore

EXPECTED = {"journal_mode": "wal", "synchronous": 1, "secure_delete": 1}


def pragmas(engine) -> dict:
    with engine.connect() as connection:
        return {name: connection.execute(text(f"PRAGMA {name}")).scalar() for name in EXPECTED}


def test_project_database_connections_are_tuned(tmp_path):
    url = f"sqlite:///{tmp_path / 'fc.db'}"
    with session_scope(url) as session:
        session.execute(text("SELECT 1"))
    assert pragmas(engine_for(url)) == EXPECTED


def test_tracker_store_connections_are_tuned_and_still_work(tmp_path):
    store = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert pragmas(store.engine) == EXPECTED
    tracker = DialogueStateTracker.from_events("me", [UserUttered("hi"), BotUttered("hello")])
    asyncio.run(store.save(tracker))
    assert len(asyncio.run(store.retrieve("me")).events) == 2


def forgotten_text_left_in_files(path, engine) -> bool:
    marker = "forget-this-" + "x" * 200
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
        for body in ("kept one", marker, "kept two"):
            connection.execute(text("INSERT INTO notes VALUES (:body)"), {"body": body})
    with engine.begin() as connection:  # one conversation among others is forgotten
        connection.execute(text("DELETE FROM notes WHERE body = :body"), {"body": marker})
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    files = [path, path.with_name(path.name + "-wal")]
    return any(marker.encode() in f.read_bytes() for f in files if f.exists())


def test_forgotten_text_is_not_left_in_free_pages(tmp_path):
    path = tmp_path / "tuned.db"
    assert not forgotten_text_left_in_files(path, sqlite.tune(create_engine(f"sqlite:///{path}")))


def test_without_secure_delete_the_text_would_stay(tmp_path):
    """The control for the test above: SQLite builds differ in their default."""
    path = tmp_path / "untuned.db"
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA secure_delete=OFF"))
    assert forgotten_text_left_in_files(path, engine)


def test_an_in_memory_database_keeps_its_tables():
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE kept (id INTEGER)"))
    sqlite.tune(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM kept")).scalar() == 0


def test_other_databases_are_left_alone():
    engine = create_engine("postgresql://nobody@127.0.0.1:1/none")
    assert sqlite.tune(engine) is engine  # no connection is made, no listener added


def test_the_file_is_a_normal_sqlite_database_for_other_tools(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    with session_scope(url) as session:
        session.execute(text("SELECT 1"))
    with sqlite3.connect(tmp_path / "other.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_database_keeps_its_connections_open(tmp_path):
    store = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "p.db"))
    opened = []
    event.listen(store.engine, "connect", lambda connection, _: opened.append(connection))
    tracker = DialogueStateTracker.from_events("me", [UserUttered("hi"), BotUttered("hello")])
    for _ in range(5):
        asyncio.run(store.save(tracker))
        asyncio.run(store.retrieve("me"))
    assert len(opened) == 1
