import json

import pytest

from channels.widget.sockets import SocketRegistry, WidgetOutput, bot_payload


class RecordingSocket:
    def __init__(self, closed: bool = False) -> None:
        self.sent: list = []
        self.closed = closed

    async def send(self, data: str) -> None:
        if self.closed:
            raise ConnectionError("closed")
        self.sent.append(json.loads(data))


def test_bot_payload_keeps_text_and_buttons_only():
    payload = bot_payload(
        {
            "text": "Kies",
            "buttons": [{"title": "Gezondheid", "payload": "/ask_health"}, {"title": "leeg"}],
            "image": "https://example.org/x.png",
            "recipient_id": "widget-1",
        }
    )
    assert payload == {
        "type": "bot",
        "text": "Kies",
        "buttons": [{"title": "Gezondheid", "payload": "/ask_health"}],
    }


def test_quick_replies_become_buttons():
    payload = bot_payload({"text": "?", "quick_replies": [{"title": "Ja", "payload": "/affirm"}]})
    assert payload["buttons"] == [{"title": "Ja", "payload": "/affirm"}]


@pytest.mark.asyncio
async def test_output_reaches_every_open_socket_of_the_conversation_and_no_other():
    registry = SocketRegistry()
    mine, mine_too, someone_else = RecordingSocket(), RecordingSocket(), RecordingSocket()
    registry.add("widget-a", mine)
    registry.add("widget-a", mine_too)
    registry.add("widget-b", someone_else)
    await WidgetOutput(registry).send_response("widget-a", {"text": "hallo"})
    assert mine.sent == mine_too.sent == [{"type": "bot", "text": "hallo", "buttons": []}]
    assert someone_else.sent == []


@pytest.mark.asyncio
async def test_without_an_open_socket_nothing_is_sent_and_nothing_fails():
    registry = SocketRegistry()
    await WidgetOutput(registry).send_text_message("widget-gone", "hallo")
    assert registry.open_sockets("widget-gone") == []


@pytest.mark.asyncio
async def test_a_socket_that_closed_is_dropped():
    registry = SocketRegistry()
    closed, open_ = RecordingSocket(closed=True), RecordingSocket()
    registry.add("widget-a", closed)
    registry.add("widget-a", open_)
    assert await registry.send("widget-a", {"type": "bot", "text": "x", "buttons": []}) == 1
    assert registry.open_sockets("widget-a") == [open_]


def test_removing_the_last_socket_forgets_the_conversation():
    registry = SocketRegistry()
    socket = RecordingSocket()
    registry.add("widget-a", socket)
    registry.remove("widget-a", socket)
    registry.remove("widget-a", socket)
    assert registry.open_sockets("widget-a") == []
