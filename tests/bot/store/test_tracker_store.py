"""ForgetfulSQLTrackerStore: a confirmed 'forget me' deletes the whole conversation."""

import asyncio
import json

from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import SQLTrackerStore
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


def test_loading_again_decrypts_only_rows_it_has_not_seen(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTCONTACT_KEY_DIR", str(tmp_path / "keys"))
    trackers = store(tmp_path)
    tracker = DialogueStateTracker.from_events("me", [UserUttered("hi"), BotUttered("hello")])
    asyncio.run(trackers.save(tracker))
    fresh = store(tmp_path)  # another replica: nothing remembered
    decrypted = []
    original = fresh.plaintexts._decrypt
    fresh.plaintexts._decrypt = lambda token: decrypted.append(token) or original(token)
    first = asyncio.run(fresh.retrieve("me"))
    second = asyncio.run(fresh.retrieve("me"))
    assert len(decrypted) == 2
    assert first.events == second.events and first is not second
    first.update(UserUttered("more"))
    asyncio.run(fresh.save(first))
    assert asyncio.run(fresh.retrieve("me")).latest_message.text == "more"
    assert len(decrypted) == 2


def test_rows_changed_by_another_process_are_read_from_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTCONTACT_KEY_DIR", str(tmp_path / "keys"))
    here, elsewhere = store(tmp_path), store(tmp_path)
    tracker = DialogueStateTracker.from_events("me", [UserUttered("hi")])
    asyncio.run(here.save(tracker))
    assert asyncio.run(here.retrieve("me")).latest_message.text == "hi"
    asyncio.run(elsewhere.delete("me"))
    assert asyncio.run(here.retrieve("me")) is None
    again = DialogueStateTracker.from_events("me", [UserUttered("new start")])
    asyncio.run(elsewhere.save(again))
    assert asyncio.run(here.retrieve("me")).latest_message.text == "new start"


def test_forgetting_drops_the_remembered_texts(tmp_path):
    trackers = store(tmp_path)
    tracker = DialogueStateTracker.from_events("me", [UserUttered("my secret")])
    asyncio.run(trackers.save(tracker))
    assert len(trackers.plaintexts) == 1
    tracker.update(ActionExecuted("action_forget_conversation"))
    asyncio.run(trackers.save(tracker))
    assert len(trackers.plaintexts) == 0


def test_a_loaded_tracker_is_saved_without_counting_rows_and_without_duplicates(tmp_path):
    trackers = store(tmp_path)
    asyncio.run(trackers.save(DialogueStateTracker.from_events("me", [UserUttered("one")])))
    loaded = asyncio.run(trackers.retrieve("me"))
    loaded.update(UserUttered("two"))
    counted = []
    original = SQLTrackerStore._additional_events
    SQLTrackerStore._additional_events = lambda self, s, t: counted.append(1) or original(
        self, s, t
    )
    try:
        asyncio.run(trackers.save(loaded))
        loaded.update(UserUttered("three"))
        asyncio.run(trackers.save(loaded))  # saved twice: only the new event is added
        stranger = DialogueStateTracker.from_events(
            "me", [UserUttered("one"), UserUttered("two"), UserUttered("three"), BotUttered("x")]
        )
        asyncio.run(trackers.save(stranger))  # not loaded here: Rasa's count query decides
    finally:
        SQLTrackerStore._additional_events = original
    assert counted == [1]
    texts = [e.text for e in asyncio.run(trackers.retrieve("me")).events]
    assert texts == ["one", "two", "three", "x"]


def test_counts_of_trackers_nobody_holds_are_not_kept(tmp_path):
    import gc

    trackers = store(tmp_path)
    asyncio.run(trackers.save(DialogueStateTracker.from_events("me", [UserUttered("one")])))
    loaded = asyncio.run(trackers.retrieve("me"))
    assert "me" in trackers._stored_counts
    del loaded
    gc.collect()
    assert "me" not in trackers._stored_counts
