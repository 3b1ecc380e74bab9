"""Connection settings for the embedded SQLite databases (the tracker store and our own).

- Connections are kept open in a pool. SQLAlchemy 1.4 otherwise opens and closes a connection
  for every session of a file database, and with WAL the close of the last connection writes the
  whole log back into the database file: on every turn of every conversation.
- WAL journal: readers do not wait for the writer, and a commit appends to the log instead of
  rewriting and syncing the database file twice.
- synchronous=NORMAL: with WAL, a commit survives a crash of the process; only a power cut or
  an OS crash can lose the last commits, never corrupt the file (SQLite's documented guarantee).
- secure_delete: rows deleted by "forget me" and by the retention purge are overwritten, not
  left readable in free pages of the file.
"""

from typing import Any, Dict, Union

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import QueuePool

PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON")


def is_sqlite_file(url: Union[str, URL]) -> bool:
    url = make_url(url)
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def pool_options(url: Union[str, URL]) -> Dict[str, Any]:
    """create_engine() options that keep a file database's connections open."""
    if not is_sqlite_file(url):
        return {}
    # a pooled connection may be used by another thread than the one that opened it (never
    # by two at once): pysqlite's same-thread check must be off
    return {
        "poolclass": QueuePool,
        "pool_size": 5,
        "max_overflow": 10,
        "connect_args": {"check_same_thread": False},
    }


def _apply_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def tune(engine: Engine) -> Engine:
    """Apply the pragmas to every connection of a SQLite engine (others are left alone)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _apply_pragmas):
        event.listen(engine, "connect", _apply_pragmas)
        if is_sqlite_file(engine.url):  # disposing an in-memory database would drop it
            engine.dispose()  # connections opened before this get the pragmas when reopened
    return engine


def engine(url: Union[str, URL], **options: Any) -> Engine:
    """A tuned engine; file SQLite databases keep their connections in a pool."""
    return tune(create_engine(url, pool_pre_ping=True, **pool_options(url), **options))


def replace_engine(owner: Any) -> None:
    """Give a Rasa store (tracker store, SQL event broker) a pooled, tuned SQLite engine.

    Rasa builds these engines itself, without a pool for SQLite; other databases keep theirs
    (with pre-ping: pooled connections die when the database restarts).
    """
    from sqlalchemy.orm import sessionmaker

    current = getattr(owner, "engine", None)
    if current is None:
        return
    if not is_sqlite_file(current.url):
        current.pool._pre_ping = True
        tune(current)
        return
    current.dispose()
    owner.engine = engine(current.url)
    owner.sessionmaker = sessionmaker(bind=owner.engine)
