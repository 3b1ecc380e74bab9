"""ForgetfulSQLTrackerStore: a confirmed 'forget me' deletes the whole conversation."""

import asyncio
import json

from rasa.core.brokers.sql import SQLEventBroker
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.encryption import decrypt
from bot.store.event_broker import EncryptedSQLEventBroker
from bot.store.tracker_store import ForgetfulSQLTrackerStore


def store(tmp_path) -> ForgetfulSQLTrackerStore:
    return ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))


def test_forgetting_deletes_every_event_and_keeps_others(tmp_path):
    trackers = store(tmp_path)
    mine = DialogueStateTracker.from_events("me", [UserUttered("my secret"), BotUttered("ok")])
    other = DialogueStateTracker.from_events("other", [UserUttered("hello")])
    asyncio.run(trackers.save(mine))
    asyncio.run(trackers.save(other))

    mine.update(UserUttered("yes"))
    mine.update(ActionExecuted("action_forget_conversation"))
    mine.update(BotUttered("deleted"))
    asyncio.run(trackers.save(mine))

    assert asyncio.run(trackers.retrieve("me")) is None
    assert asyncio.run(trackers.retrieve("other")).latest_message.text == "hello"


def test_an_ordinary_turn_is_stored(tmp_path):
    trackers = store(tmp_path)
    tracker = DialogueStateTracker.from_events("me", [UserUttered("hi"), BotUttered("hello")])
    asyncio.run(trackers.save(tracker))
    assert len(asyncio.run(trackers.retrieve("me")).events) == 2


def test_forgetting_reaches_the_copy_in_rasas_sql_event_broker(tmp_path):
    broker = SQLEventBroker(db=str(tmp_path / "events.db"))
    trackers = ForgetfulSQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"), event_broker=broker
    )
    mine = DialogueStateTracker.from_events("me", [UserUttered("my secret")])
    other = DialogueStateTracker.from_events("other", [UserUttered("hello")])
    asyncio.run(trackers.save(mine))
    asyncio.run(trackers.save(other))

    def copies(sender):
        with broker.session_scope() as session:
            rows = session.query(broker.SQLBrokerEvent).filter_by(sender_id=sender)
            return rows.count()

    assert copies("me") == 1 and copies("other") == 1
    mine.update(ActionExecuted("action_forget_conversation"))
    asyncio.run(trackers.save(mine))
    assert copies("me") == 0 and copies("other") == 1


def test_what_people_wrote_is_stored_encrypted_in_both_copies(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTCONTACT_KEY_DIR", str(tmp_path / "keys"))
    broker = EncryptedSQLEventBroker(db=str(tmp_path / "events.db"))
    trackers = ForgetfulSQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"), event_broker=broker
    )
    tracker = DialogueStateTracker.from_events(
        "me", [UserUttered("he took my passport"), BotUttered("I am sorry")]
    )
    asyncio.run(trackers.save(tracker))
    for database in ("t.db", "events.db"):
        raw = (tmp_path / database).read_bytes()
        assert b"passport" not in raw and b"sorry" not in raw
    restored = asyncio.run(trackers.retrieve("me"))
    assert restored.latest_message.text == "he took my passport"
    with broker.session_scope() as session:
        rows = session.query(broker.SQLBrokerEvent).all()
        assert json.loads(decrypt(rows[0].data))["text"] == "he took my passport"


def test_rows_stored_before_encryption_are_still_read(tmp_path):
    trackers = store(tmp_path)
    with trackers.session_scope() as session:
        event = UserUttered("old plain row", timestamp=1.0).as_dict()
        session.add(
            trackers.SQLEvent(
                sender_id="old", type_name="user", timestamp=1.0, data=json.dumps(event)
            )
        )
        session.commit()
    assert asyncio.run(trackers.retrieve("old")).latest_message.text == "old plain row"
