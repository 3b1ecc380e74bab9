"""ForgetfulSQLTrackerStore: Rasa's SQL tracker store that encrypts what people wrote and can
forget a whole conversation.

Each event's data (the message text, the parse data, the bot's reply) is stored encrypted with
the deployment's keys (bot.privacy.encryption); the columns Rasa queries on (conversation id,
event type, time, intent and action names) stay readable. Rows written before encryption was
introduced are still read.

When the person confirms "forget me", the action `action_forget_conversation` runs; when
Rasa then saves that turn, this store deletes every stored event of the conversation
instead, and stores nothing of the turn either. The next message starts a fresh tracker.

endpoints.yml:
    tracker_store:
      type: bot.store.tracker_store.ForgetfulSQLTrackerStore
      dialect: sqlite            # or postgresql
      db: var/rasa.db
"""

import itertools
import json
import logging
import weakref
from typing import Any, Dict, Iterator, Optional, Tuple

from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session

from bot import performance
from bot.handover import interrupts
from bot.privacy.encryption import decrypt, encrypt
from bot.store import sqlite
from bot.store.plaintexts import PlaintextCache

FORGET_ACTION = "action_forget_conversation"

logger = logging.getLogger(__name__)

interrupts.install()  # "stop" and acute danger are answered while a human has the conversation
performance.install()  # Rasa hot paths without repeated work (bot/performance)


def stored_plaintext(stored: str) -> str:
    """An event's JSON: decrypted (a Fernet token), or as stored before encryption."""
    return stored if stored.lstrip().startswith("{") else decrypt(stored)


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """Whether the forget action ran in the latest turn of this conversation."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store with deletion of a conversation on request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # After a database restart, pooled connections are dead: each one is tested before use
        # (pre-ping, which Rasa does not set), so the next message works. SQLite files get a
        # connection pool and the settings of bot/store/sqlite.py.
        sqlite.replace_engine(self)
        sqlite.replace_engine(self.event_broker)
        self.plaintexts = PlaintextCache(stored_plaintext)
        # how many of a loaded tracker's events are stored: saves skip counting them in SQL
        self._stored_counts: Dict[str, Tuple[weakref.ref[DialogueStateTracker], int]] = {}

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            await self.delete(tracker.sender_id)
            return
        # Rasa's SQLTrackerStore.save, with the event data encrypted
        await self.stream_events(tracker)
        written = []
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                plaintext = json.dumps(data)
                token = encrypt(plaintext)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=token,
                    )
                )
                written.append((token, plaintext))
            session.commit()
        self.plaintexts.remember(tracker.sender_id, written)
        self._remember_stored_count(tracker, len(tracker.events))

    def _additional_events(
        self, session: Session, tracker: DialogueStateTracker
    ) -> Iterator[Event]:
        """The events not stored yet: known without a query for a tracker this store loaded."""
        known = self._stored_counts.pop(tracker.sender_id, None)
        if known is None or known[0]() is not tracker:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, known[1], len(tracker.events))

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        # Rasa's SQLTrackerStore._retrieve, with the event data decrypted
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            stored = [row.data for row in rows]
        events = [json.loads(text) for text in self.plaintexts.read(sender_id, stored)]
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if len(tracker.events) == len(events):
            self._remember_stored_count(tracker, len(events))
        return tracker

    def _remember_stored_count(self, tracker: DialogueStateTracker, count: int) -> None:
        sender_id = tracker.sender_id

        def drop(dead: "weakref.ref[DialogueStateTracker]") -> None:
            if self._stored_counts.get(sender_id, (None,))[0] is dead:
                del self._stored_counts[sender_id]

        self._stored_counts[sender_id] = (weakref.ref(tracker, drop), count)

    async def delete(self, sender_id: str) -> None:
        """Delete every stored event of one conversation."""
        self.plaintexts.forget(sender_id)
        self._stored_counts.pop(sender_id, None)
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        deleted += forget_in_event_broker(self.event_broker, sender_id)
        logger.info("Forgot a conversation (%d events deleted)", deleted)


def forget_in_event_broker(broker: object, sender_id: str) -> int:
    """Rasa's SQL event broker keeps a copy of every event: forgetting must reach it too."""
    if not isinstance(broker, SQLEventBroker):
        return 0
    with broker.session_scope() as session:
        deleted = (
            session.query(broker.SQLBrokerEvent)
            .filter(broker.SQLBrokerEvent.sender_id == sender_id)
            .delete(synchronize_session=False)
        )
        session.commit()
    return deleted
