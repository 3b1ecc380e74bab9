"""The output channel: messages pushed to a conversation reach its chat, and only its chat."""

import pytest

from channels.telegram import TelegramInput
from channels.telegram.chats import forget_chat, remember_chat
from channels.telegram.output import MESSAGE_LIMIT, UnknownConversation, split_text
from channels.telegram.retry import RetryPolicy
from tests.support.fake_telegram import TOKEN

CHAT = 7_300_000_002


@pytest.fixture
def channel(fake_telegram):
    return TelegramInput(
        access_token=TOKEN,
        webhook_secret="secret",
        api_base_url=fake_telegram.base_url,
        retry=RetryPolicy(attempts=3, first_delay=0.01),
        request_timeout=0.5,
    )


@pytest.mark.asyncio
async def test_a_pushed_message_finds_the_chat_from_the_conversation_id(channel, fake_telegram):
    conversation = remember_chat(CHAT)
    await channel.get_output_channel().send_response(conversation, {"text": "A worker writes"})
    assert fake_telegram.calls_to("sendMessage") == [{"chat_id": CHAT, "text": "A worker writes"}]


@pytest.mark.asyncio
async def test_a_forgotten_or_unknown_conversation_cannot_be_reached(channel, fake_telegram):
    conversation = remember_chat(CHAT)
    assert forget_chat(conversation)
    with pytest.raises(UnknownConversation):
        await channel.get_output_channel().send_text_message(conversation, "hello?")
    with pytest.raises(UnknownConversation):
        await channel.get_output_channel().send_text_message("telegram-unknown", "hello?")
    assert fake_telegram.calls_to("sendMessage", answer=None) == []


@pytest.mark.asyncio
async def test_a_blocked_bot_is_not_retried_and_raises_nothing(channel, fake_telegram):
    fake_telegram.fail_next(1, status=403)
    await channel.get_output_channel().send_text_message(remember_chat(CHAT), "hello")
    assert [c.answer for c in fake_telegram.calls] == ["403"]


@pytest.mark.asyncio
async def test_a_long_text_is_sent_in_parts_with_the_buttons_on_the_last(channel, fake_telegram):
    paragraphs = ["a" * 3000, "b" * 3000, "c" * 100]
    buttons = [{"title": "Menu", "payload": "/menu"}]
    await channel.get_output_channel().send_text_with_buttons(
        remember_chat(CHAT), "\n\n".join(paragraphs), buttons
    )
    sent = fake_telegram.calls_to("sendMessage")
    assert [s["text"] for s in sent] == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 100]
    assert "reply_markup" not in sent[0] and "inline_keyboard" in sent[1]["reply_markup"]


@pytest.mark.asyncio
async def test_custom_payloads_never_reach_the_person_as_raw_json(channel, fake_telegram):
    await channel.get_output_channel().send_response(remember_chat(CHAT), {"custom": {"x": 1}})
    assert fake_telegram.calls == []


def test_split_text_keeps_paragraphs_and_the_limit():
    assert split_text("one\n\ntwo") == ["one\n\ntwo"]
    parts = split_text("x" * (MESSAGE_LIMIT * 2 + 5))
    assert [len(p) for p in parts] == [MESSAGE_LIMIT, MESSAGE_LIMIT, 5]
