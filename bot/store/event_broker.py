"""EncryptedSQLEventBroker: Rasa's SQL event broker, storing each event encrypted.

The broker keeps a copy of every event (for statistics and audits), message texts included; it
gets the same protection as the tracker store (bot.privacy.encryption). Forget-me and the
retention purge delete its rows too (bot.store.tracker_store, bot.privacy.retention).

endpoints.yml:
    event_broker:
      type: bot.store.event_broker.EncryptedSQLEventBroker
      dialect: postgresql
      url: ...
"""

import json
from typing import Any, Dict

from rasa.core.brokers.sql import SQLEventBroker

from bot.privacy.encryption import encrypt


class EncryptedSQLEventBroker(SQLEventBroker):
    def publish(self, event: Dict[str, Any]) -> None:
        with self.session_scope() as session:
            session.add(
                self.SQLBrokerEvent(
                    sender_id=event.get("sender_id"), data=encrypt(json.dumps(event))
                )
            )
            session.commit()
