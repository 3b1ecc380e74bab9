"""Look for strings that must not be stored: in a log file and in every row of SQLite files."""

import sqlite3
from pathlib import Path
from typing import Iterable, List


def log_leaks(log: Path, needles: Iterable[str]) -> List[str]:
    text = log.read_text("utf-8", errors="replace")
    return [f"{log.name}: {needle!r}" for needle in needles if needle in text]


def table_rows(database: Path) -> Iterable[tuple]:
    """(table, column, value as text) for every value of every table."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=False):
                    if value is not None:
                        text = (
                            value.decode("utf-8", "replace")
                            if isinstance(value, bytes)
                            else str(value)
                        )
                        yield table, column, text
    finally:
        connection.close()


def database_leaks(database: Path, needles: Iterable[str]) -> List[str]:
    needles = list(needles)
    return [
        f"{database.name}:{table}.{column}: {needle!r}"
        for table, column, text in table_rows(database)
        for needle in needles
        if needle in text
    ]


def row_count(database: Path, table: str) -> int:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        connection.close()
