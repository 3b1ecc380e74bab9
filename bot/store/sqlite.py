"""Connection settings for the embedded SQLite databases (the tracker store and our own).

- WAL journal: readers do not wait for the writer, and a commit appends to the log instead of
  rewriting and syncing the database file twice.
- synchronous=NORMAL: with WAL, a commit survives a crash of the process; only a power cut or
  an OS crash can lose the last commits, never corrupt the file (SQLite's documented guarantee).
- secure_delete: rows deleted by "forget me" and by the retention purge are overwritten, not
  left readable in free pages of the file.
"""

from sqlalchemy import event
from sqlalchemy.engine import Engine

PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON")


def _apply_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def tune(engine: Engine) -> Engine:
    """Apply the pragmas to every connection of a SQLite engine (others are left alone)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _apply_pragmas):
        event.listen(engine, "connect", _apply_pragmas)
        if engine.url.database not in (None, "", ":memory:"):  # disposing would drop it
            engine.dispose()  # connections opened before this get the pragmas when reopened
    return engine
