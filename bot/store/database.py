"""The project's own database (SQLAlchemy): SQLite by default, PostgreSQL at scale.

URL from FIRSTCONTACT_DATABASE_URL; default `sqlite:///var/firstcontact.db`.
"""

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.store import sqlite
from bot.store.models import Base

DATABASE_URL_ENV = "FIRSTCONTACT_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///var/firstcontact.db"


def database_url() -> str:
    return os.environ.get(DATABASE_URL_ENV, DEFAULT_DATABASE_URL)


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    return sqlite.engine(url, future=True)  # pre-ping: survives a database restart


_tables_created: Dict[str, int] = {}


def _ensure_tables(url: str, engine: Engine) -> None:
    """Embedded SQLite: create missing tables, again whenever a module declared more tables.

    Other databases (PostgreSQL) get their schema only from the migrations
    (`python -m bot.store.migrate upgrade`), never from here.
    """
    if engine.dialect.name != "sqlite":
        return
    if _tables_created.get(url) != len(Base.metadata.tables):
        Base.metadata.create_all(engine)
        _tables_created[url] = len(Base.metadata.tables)


@contextmanager
def session_scope(url: str = "") -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    url = url or database_url()
    engine = engine_for(url)
    _ensure_tables(url, engine)
    session = sessionmaker(bind=engine, future=True)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
