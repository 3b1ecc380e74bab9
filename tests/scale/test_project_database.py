"""The project database on PostgreSQL: migrations give exactly the declared schema, and the
handover claim stays atomic under concurrent workers."""

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from bot.handover import queue
from bot.handover.models import CLAIMED, Handover, Worker
from bot.store import migrate
from bot.store.database import session_scope
from bot.store.schema import include_object, metadata

pytestmark = pytest.mark.scale


@pytest.fixture(scope="module")
def migrated(postgres_url):
    migrate.upgrade(postgres_url)
    return postgres_url


def test_migrations_create_exactly_the_declared_schema(migrated):
    engine = create_engine(migrated)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        differences = compare_metadata(context, metadata())
    assert differences == []
    assert set(metadata().tables) <= set(inspect(engine).get_table_names())


def test_claims_are_atomic_on_postgresql(migrated):
    with session_scope(migrated) as session:
        workers = [Worker(username=f"pg-{n}", password_hash="-", role="worker") for n in range(6)]
        session.add_all(workers)
        session.flush()
        worker_ids = [w.id for w in workers]
        handover_id = queue.request_handover(
            session, "pg-race", channel="rest", language="nl", helper_type="worker"
        ).id
    barrier = threading.Barrier(len(worker_ids))
    wins = []

    def try_claim(worker_id):
        with session_scope(migrated) as session:
            worker = session.get(Worker, worker_id)
            barrier.wait()
            if queue.claim(session, handover_id, worker):
                wins.append(worker_id)

    threads = [threading.Thread(target=try_claim, args=(w,)) for w in worker_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1
    with session_scope(migrated) as session:
        handover = session.get(Handover, handover_id)
        assert (handover.status, handover.claimed_by) == (CLAIMED, wins[0])


def test_downgrade_removes_the_schema_and_upgrade_restores_it(postgres_url, migrated):
    migrate.downgrade(postgres_url, "base")
    assert not set(metadata().tables) & set(inspect(create_engine(postgres_url)).get_table_names())
    migrate.upgrade(postgres_url)
    assert set(metadata().tables) <= set(inspect(create_engine(postgres_url)).get_table_names())
