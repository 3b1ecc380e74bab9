import datetime as dt

import pytest

from bot.handover.models import Shift, Worker
from bot.store.database import session_scope

NOW = dt.datetime(2026, 11, 27, 14, 0)  # a Friday, 15:00 in Amsterdam


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'handover.sqlite'}"


def add_worker(session, username, role="worker", languages="nl,en", shift=None):
    worker = Worker(username=username, password_hash="x", role=role, languages=languages)
    session.add(worker)
    session.flush()
    if shift:
        start, end = shift
        session.add(Shift(worker_id=worker.id, starts_at=start, ends_at=end))
        session.flush()
    return worker


@pytest.fixture
def on_shift_now():
    return (NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=3))


__all__ = ["NOW", "add_worker", "session_scope"]
