"""Deliver widget messages across Rasa replicas through Redis publish/subscribe.

A person's websocket is open on one replica. A message the handover console pushes through the
Rasa HTTP API may arrive at any replica: if that replica holds no socket of the conversation, it
publishes the message on Redis, and the replica that holds the socket sends it. Only what the page
renders crosses Redis (conversation id, text, buttons); nothing is stored there.
"""

import asyncio
import json
import logging
from typing import Any, Dict, Optional

import redis.asyncio as aioredis

from channels.widget.sockets import SocketRegistry

logger = logging.getLogger(__name__)

CHANNEL = "firstcontact:widget"
RECONNECT_SECONDS = 1.0


class RedisFanout:
    def __init__(self, url: str) -> None:
        self._url = url
        self._client: Optional[aioredis.Redis] = None
        self._listener: Optional[asyncio.Task] = None

    def _redis(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.from_url(self._url)
        return self._client

    async def publish(self, conversation_id: str, payload: Dict[str, Any]) -> None:
        frame = json.dumps({"conversation": conversation_id, "payload": payload})
        await self._redis().publish(CHANNEL, frame)

    def start(self, registry: SocketRegistry) -> None:
        """Listen (once per process, on the running loop) for messages to deliver locally."""
        if self._listener is None or self._listener.done():
            self._listener = asyncio.get_running_loop().create_task(self._listen(registry))

    async def _listen(self, registry: SocketRegistry) -> None:
        while True:
            try:
                pubsub = self._redis().pubsub()
                await pubsub.subscribe(CHANNEL)
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        await deliver(registry, message.get("data"))
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis restarting: keep trying, never take the server down
                logger.warning("widget fan-out: Redis unavailable, retrying")
                await asyncio.sleep(RECONNECT_SECONDS)


async def deliver(registry: SocketRegistry, data: Any) -> int:
    try:
        frame = json.loads(data)
        conversation, payload = frame["conversation"], frame["payload"]
    except (TypeError, ValueError, KeyError):
        return 0
    if not isinstance(conversation, str) or not isinstance(payload, dict):
        return 0
    return await registry.send(conversation, payload)
