"""Reading updates, without any server."""

import pytest

from channels.telegram.buttons import CALLBACK_DATA_LIMIT, CallbackPayloads
from channels.telegram.updates import parse_update
from tests.support.fake_telegram import callback_update, message_update, text_update

CHAT = 7_300_000_004


def read(update):
    return parse_update(update, "firstcontact_bot", CallbackPayloads())


@pytest.mark.parametrize(
    "typed, texts, code",
    [
        ("hallo", ("hallo",), None),
        ("  /start   AbCdEfGh12345678 ", ("/greet",), "AbCdEfGh12345678"),
        ("/start@FirstContact_Bot AbCdEfGh12345678", ("/greet",), "AbCdEfGh12345678"),
        ("/forget", ("/forget_me",), None),
        ("/forget@firstcontact_bot", ("/forget_me",), None),
        ("/FORGET", ("/forget_me",), None),
        ("/forget all of it", ("forget all of it",), None),
        ("/menu", ("/menu",), None),
        ("/help\nthey took my phone", ("help\nthey took my phone",), None),
        ("//affirm", ("affirm",), None),
        ("/", (), None),
        ("   ", (), None),
    ],
)
def test_texts_and_commands(typed, texts, code):
    incoming = read(text_update(CHAT, typed, "nl"))
    if not texts:
        assert incoming is None
        return
    assert (incoming.texts, incoming.poster_code, incoming.chat_id) == (texts, code, CHAT)


def test_group_chats_are_not_served():
    assert read(text_update(-100, "hallo", chat_type="group")) is None
    assert read(text_update(-100, "hallo", chat_type="supergroup")) is None
    assert read(message_update(-100, chat_type="channel", text="x")) is None


def test_only_payloads_we_issued_come_back_from_buttons():
    payloads = CallbackPayloads(capacity=2)
    long_payload = "/x{" + "y" * 100 + "}"
    keys = [payloads.callback_data(long_payload + str(i)) for i in range(3)]
    assert all(len(key.encode()) <= CALLBACK_DATA_LIMIT for key in keys)
    assert payloads.payload(keys[0]) is None  # the oldest key made room
    assert payloads.payload(keys[2]) == long_payload + "2"
    assert payloads.payload("/ask_health") == "/ask_health"
    assert payloads.payload('/request_human{"helper_type": "peer"}') is not None
    assert payloads.payload("plain words") is None
    assert payloads.payload(None) is None
    incoming = parse_update(callback_update(CHAT, "plain words"), "b", payloads)
    assert incoming.texts == () and incoming.callback_query_id is not None


def test_a_button_in_a_group_or_without_a_message_sends_nothing():
    in_group = callback_update(-100, "/menu")
    in_group["callback_query"]["message"]["chat"] = {"id": -100, "type": "group", "title": "g"}
    assert read(in_group) is None
    inline = callback_update(CHAT, "/menu")
    del inline["callback_query"]["message"]
    inline["callback_query"]["inline_message_id"] = "AAAA"
    incoming = read(inline)
    assert incoming.texts == () and incoming.callback_query_id is not None
    assert incoming.keyboard_message_id is None
