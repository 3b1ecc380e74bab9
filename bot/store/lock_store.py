"""AtomicRedisLockStore: Rasa's Redis lock store with atomic ticket changes.

Rasa 3.6's RedisLockStore keeps each conversation's ticket queue as one Redis value and changes it
in three steps (read, change, write). When two replicas receive messages of the same conversation
at the same moment, both can read an empty queue and both take ticket 0: they process the two
messages at once, and the tracker store keeps the events of only one of them (a lost message,
reproduced in tests/scale/test_replicas.py). Here every change of a queue happens under a short
Redis mutex of its own (redis-py's Lock: SET NX with an expiry), so tickets are handed out one
by one across replicas.

endpoints.yml:
    lock_store:
      type: bot.store.lock_store.AtomicRedisLockStore
      url: redis-host
      port: 6379
"""

from typing import Any, ContextManager

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_TIMEOUT_SECONDS = 5  # a crashed replica's mutex expires by itself
MUTEX_WAIT_SECONDS = 10


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig, **_: Any) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _mutex(self, conversation_id: str) -> ContextManager:
        return self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_TIMEOUT_SECONDS,
            blocking_timeout=MUTEX_WAIT_SECONDS,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
