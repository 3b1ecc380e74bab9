"""Retention: conversations past the period disappear with their signals; recent ones stay."""

import asyncio
import datetime as dt
import time

from rasa.core.brokers.sql import SQLEventBroker
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handover import queue
from bot.handover.models import AuditEntry, Handover
from bot.privacy.retention import purge, purge_audit_log
from bot.store.database import session_scope
from bot.store.signals import record_signals, signals_of
from bot.store.tracker_store import ForgetfulSQLTrackerStore
from channels.telegram.chats import chat_id_for, remember_chat

DAY = 86400


def test_old_conversations_are_purged_with_their_signals(tmp_path):
    tracker_db = tmp_path / "rasa.db"
    database = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    store = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    now = time.time()
    old = DialogueStateTracker.from_events(
        "old",
        [
            UserUttered("hi", timestamp=now - 40 * DAY),
            BotUttered("hello", timestamp=now - 40 * DAY),
        ],
    )
    recent = DialogueStateTracker.from_events("recent", [UserUttered("hi", timestamp=now - DAY)])
    asyncio.run(store.save(old))
    asyncio.run(store.save(recent))
    record_signals("old", "m1", ["MINOR"], database)
    record_signals("recent", "m2", ["LOVERBOY"], database)

    assert purge(f"sqlite:///{tracker_db}", database, days=30, now=now) == 1

    assert asyncio.run(store.retrieve("old")) is None
    assert asyncio.run(store.retrieve("recent")) is not None
    assert signals_of("old", database) == []
    assert [code for code, _, _ in signals_of("recent", database)] == ["LOVERBOY"]


def test_an_empty_or_missing_store_purges_nothing(tmp_path):
    assert purge(f"sqlite:///{tmp_path / 'none.db'}", f"sqlite:///{tmp_path / 'x.db'}") == 0


def test_handed_over_conversations_follow_the_organisations_period(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTCONTACT_KEY_DIR", str(tmp_path / "keys"))
    tracker_db = tmp_path / "rasa.db"
    database = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    store = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    now = time.time()
    handed = remember_chat(123456789, database)  # a Telegram conversation
    for sender in (handed, "plain"):
        old = DialogueStateTracker.from_events(
            sender, [UserUttered("hi", timestamp=now - 40 * DAY)]
        )
        asyncio.run(store.save(old))
    with session_scope(database) as session:
        queue.request_handover(
            session, handed, channel="telegram", language="ro", helper_type="peer"
        )

    assert purge(f"sqlite:///{tracker_db}", database, days=30, now=now, handover_days=60) == 1
    assert asyncio.run(store.retrieve("plain")) is None
    assert asyncio.run(store.retrieve(handed)) is not None

    assert (
        purge(f"sqlite:///{tracker_db}", database, days=30, now=now + 30 * DAY, handover_days=60)
        == 1
    )
    assert asyncio.run(store.retrieve(handed)) is None
    with session_scope(database) as session:
        assert session.query(Handover).count() == 0
    assert chat_id_for(handed, database) is None


def test_the_event_brokers_copy_is_purged_too(tmp_path):
    tracker_db, events_db = tmp_path / "rasa.db", tmp_path / "events.db"
    broker = SQLEventBroker(db=str(events_db))
    store = ForgetfulSQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=str(tracker_db), event_broker=broker
    )
    now = time.time()
    old = DialogueStateTracker.from_events("old", [UserUttered("hi", timestamp=now - 40 * DAY)])
    asyncio.run(store.save(old))
    database = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    purge(
        f"sqlite:///{tracker_db}",
        database,
        days=30,
        now=now,
        events_db_url=f"sqlite:///{events_db}",
    )
    with broker.session_scope() as session:
        assert session.query(broker.SQLBrokerEvent).count() == 0


def test_signals_and_handovers_left_without_a_conversation_are_purged(tmp_path):
    tracker_db = tmp_path / "rasa.db"
    database = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    store = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    now = time.time()
    alive = DialogueStateTracker.from_events("alive", [UserUttered("hi", timestamp=now - DAY)])
    asyncio.run(store.save(alive))
    record_signals("alive", "m1", ["LOVERBOY"], database)
    record_signals("gone", "m2", ["MINOR"], database)  # its tracker was deleted without them
    with session_scope(database) as session:
        queue.request_handover(session, "gone", channel="rest", language="nl", helper_type="peer")
    later = now + 40 * DAY
    assert purge(f"sqlite:///{tracker_db}", database, days=30, now=later, handover_days=30) == 1
    assert signals_of("gone", database) == []
    with session_scope(database) as session:
        assert session.query(Handover).filter_by(conversation="gone").count() == 0


def test_audit_entries_go_after_their_own_period(tmp_path):
    database = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    now = time.time()
    with session_scope(database) as session:
        session.add(AuditEntry(action="claim", at=dt.datetime.utcfromtimestamp(now - 400 * DAY)))
        session.add(AuditEntry(action="claim", at=dt.datetime.utcfromtimestamp(now - 10 * DAY)))
    assert purge_audit_log(database, 365, now) == 1
    with session_scope(database) as session:
        assert session.query(AuditEntry).count() == 1
