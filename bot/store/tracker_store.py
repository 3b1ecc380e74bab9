"""ForgetfulSQLTrackerStore: Rasa's SQL tracker store that can forget a whole conversation.

When the person confirms "forget me", the action `action_forget_conversation` runs; when
Rasa then saves that turn, this store deletes every stored event of the conversation
instead, and stores nothing of the turn either. The next message starts a fresh tracker.

endpoints.yml:
    tracker_store:
      type: bot.store.tracker_store.ForgetfulSQLTrackerStore
      dialect: sqlite            # or postgresql
      db: var/rasa.db
"""

import logging
from typing import Any

from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handover import interrupts

FORGET_ACTION = "action_forget_conversation"

logger = logging.getLogger(__name__)

interrupts.install()  # "stop" and acute danger are answered while a human has the conversation


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
        # After a database restart, pooled connections are dead: test each one before use
        # (SQLAlchemy's pool_pre_ping, which Rasa does not set), so the next message works.
        for engine in (self.engine, getattr(self.event_broker, "engine", None)):
            if engine is not None:
                engine.pool._pre_ping = True

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forget_requested(tracker):
            await self.delete(tracker.sender_id)
            return
        await super().save(tracker)

    async def delete(self, sender_id: str) -> None:
        """Delete every stored event of one conversation."""
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
