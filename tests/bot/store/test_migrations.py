"""The migrations build exactly the schema the code declares (SQLite here; PostgreSQL in
tests/scale/test_project_database.py), and a new table without a migration fails this test."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from bot.store import migrate
from bot.store.schema import include_object, metadata


def test_upgrade_gives_the_declared_schema_and_downgrade_removes_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        assert compare_metadata(context, metadata()) == []
    migrate.downgrade(url, "base")
    assert set(inspect(create_engine(url)).get_table_names()) <= {"alembic_version"}
