"""Cross-replica delivery: a frame from Redis reaches only this replica's sockets of its
conversation; garbage is ignored. (Real Redis and two replicas: tests/scale/test_replicas.py.)"""

import asyncio
import json

from channels.widget.fanout import deliver
from channels.widget.sockets import SocketRegistry, WidgetOutput


class RecordingSocket:
    def __init__(self) -> None:
        self.frames = []

    async def send(self, data: str) -> None:
        self.frames.append(json.loads(data))


class RecordingFanout:
    def __init__(self) -> None:
        self.published = []

    async def publish(self, conversation_id, payload) -> None:
        self.published.append((conversation_id, payload))


def test_a_published_frame_reaches_the_local_socket_of_its_conversation():
    registry, mine, other = SocketRegistry(), RecordingSocket(), RecordingSocket()
    registry.add("widget-a", mine)
    registry.add("widget-b", other)
    frame = json.dumps({"conversation": "widget-a", "payload": {"type": "bot", "text": "hi"}})
    assert asyncio.run(deliver(registry, frame)) == 1
    assert mine.frames == [{"type": "bot", "text": "hi"}] and other.frames == []


def test_garbage_from_redis_is_ignored():
    registry = SocketRegistry()
    registry.add("widget-a", RecordingSocket())
    for data in (b"\xff", "null", "[]", '{"conversation": 1, "payload": {}}', "{}"):
        assert asyncio.run(deliver(registry, data)) == 0


def test_output_publishes_only_when_no_socket_is_open_here():
    registry, fanout, socket = SocketRegistry(), RecordingFanout(), RecordingSocket()
    output = WidgetOutput(registry, fanout)
    asyncio.run(output.send_text_message("widget-away", "to the other replica"))
    registry.add("widget-here", socket)
    asyncio.run(output.send_text_message("widget-here", "local"))
    assert [c for c, _ in fanout.published] == ["widget-away"]
    assert socket.frames[0]["text"] == "local"
