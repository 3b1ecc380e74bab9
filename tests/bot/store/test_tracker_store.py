"""ForgetfulSQLTrackerStore: a confirmed 'forget me' deletes the whole conversation."""

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

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
