"""Which sockets are open for which conversation, and the output channel that writes to them."""

import json
import logging
from typing import Any, Dict, List, Optional, Protocol, Set

from rasa.core.channels.channel import OutputChannel

logger = logging.getLogger(__name__)


class Socket(Protocol):
    async def send(self, data: str) -> None: ...


class Fanout(Protocol):
    async def publish(self, conversation_id: str, payload: Dict[str, Any]) -> None: ...


class SocketRegistry:
    """conversation id -> the sockets open for it (usually one; two for a moment on reconnect)."""

    def __init__(self) -> None:
        self._sockets: Dict[str, Set[Socket]] = {}

    def add(self, conversation_id: str, socket: Socket) -> None:
        self._sockets.setdefault(conversation_id, set()).add(socket)

    def remove(self, conversation_id: str, socket: Socket) -> None:
        sockets = self._sockets.get(conversation_id)
        if sockets is None:
            return
        sockets.discard(socket)
        if not sockets:
            del self._sockets[conversation_id]

    def open_sockets(self, conversation_id: str) -> List[Socket]:
        return list(self._sockets.get(conversation_id, ()))

    async def send(self, conversation_id: str, payload: Dict[str, Any]) -> int:
        """Send to every open socket of the conversation; returns how many received it."""
        data = json.dumps(payload, ensure_ascii=False)
        delivered = 0
        for socket in self.open_sockets(conversation_id):
            try:
                await socket.send(data)
                delivered += 1
            except Exception:  # a socket that just closed is simply dropped
                logger.info("widget: dropped a closed socket")
                self.remove(conversation_id, socket)
        return delivered


def bot_payload(message: Dict[str, Any]) -> Dict[str, Any]:
    """The frame the page renders for one bot message: text and buttons, nothing else."""
    choices = message.get("buttons") or message.get("quick_replies") or []
    buttons = [
        {"title": str(choice.get("title", "")), "payload": str(choice.get("payload", ""))}
        for choice in choices
        if isinstance(choice, dict) and choice.get("payload")
    ]
    text = message.get("text")
    return {"type": "bot", "text": text if isinstance(text, str) else "", "buttons": buttons}


class WidgetOutput(OutputChannel):
    """Bot messages of a conversation go to its open sockets; with none open they stay in the
    tracker only."""

    def __init__(self, registry: SocketRegistry, fanout: Optional["Fanout"] = None) -> None:
        self._registry = registry
        self._fanout = fanout

    @classmethod
    def name(cls) -> str:
        return "widget"

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        payload = bot_payload(message)
        if not (payload["text"] or payload["buttons"]):
            return
        delivered = await self._registry.send(recipient_id, payload)
        if not delivered and self._fanout is not None:  # the socket may be on another replica
            await self._fanout.publish(recipient_id, payload)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})
