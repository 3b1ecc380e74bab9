"""The webhook over real HTTP: a Sanic server with the channel, a fake Bot API behind it."""

import json

import httpx
import pytest
from rasa.shared.exceptions import RasaException
from sqlalchemy import create_engine, text

from bot.posters.registry import PosterVisit, create_code
from bot.privacy.pseudonyms import pseudonym
from bot.store.database import session_scope
from channels.telegram import TelegramInput
from channels.telegram.chats import remember_chat
from tests.channels.telegram.conftest import MENU, REPLY, SECRET
from tests.support.fake_telegram import (
    callback_update,
    document_update,
    edited_message_update,
    location_update,
    message_update,
    photo_update,
    sticker_update,
    text_update,
    voice_update,
)

CHAT = 7_300_000_001


@pytest.mark.asyncio
async def test_a_missing_secret_token_is_refused_and_nothing_is_processed(webhook, fake_telegram):
    response = await webhook.post(text_update(CHAT, "hallo", "nl"), secret=None)
    assert response.status_code == 403
    assert webhook.received == [] and fake_telegram.calls == []


@pytest.mark.asyncio
async def test_a_wrong_secret_token_is_refused_and_nothing_is_processed(webhook, fake_telegram):
    for wrong in ("", "x", SECRET + "x", SECRET[:-1], SECRET.upper()):
        response = await webhook.post(text_update(CHAT, "hallo", "nl"), secret=wrong)
        assert response.status_code == 403, wrong
    assert webhook.received == [] and fake_telegram.calls == []


@pytest.mark.asyncio
async def test_a_text_becomes_a_message_of_the_pseudonymous_conversation(webhook, fake_telegram):
    response = await webhook.post(text_update(CHAT, "hallo", "nl"))
    assert response.status_code == 200
    [message] = webhook.received
    assert message.text == "hallo"
    assert message.sender_id == pseudonym("telegram", str(CHAT))
    assert str(CHAT) not in message.sender_id
    assert message.input_channel == "telegram"
    assert message.metadata == {"language": "nl"}
    assert fake_telegram.calls_to("sendMessage") == [{"chat_id": CHAT, "text": REPLY}]


@pytest.mark.asyncio
async def test_the_telegram_language_code_is_passed_as_hint(webhook):
    await webhook.post(text_update(CHAT, "ok", "pt-br"))
    await webhook.post(text_update(CHAT + 1, "ok", "ro"))
    await webhook.post(text_update(CHAT + 2, "ok"))
    assert webhook.metadata() == [{"language": "pt-br"}, {"language": "ro"}, {}]


@pytest.mark.asyncio
async def test_a_poster_deep_link_greets_in_the_posters_language_and_keeps_the_code_out_of_the_text(
    webhook, project_database
):
    code = create_code("rotterdam_rijnmond", "ro")
    await webhook.post(text_update(CHAT, f"/start {code}", "nl"))
    [message] = webhook.received
    assert message.text == "/greet"
    assert message.metadata == {"language": "ro", "region": "rotterdam_rijnmond", "poster": code}
    with session_scope() as session:
        assert [v.count for v in session.query(PosterVisit).filter_by(code=code)] == [1]


@pytest.mark.asyncio
async def test_a_poster_without_language_hint_leaves_the_telegram_language(webhook):
    code = create_code("utrecht", None)
    await webhook.post(text_update(CHAT, f"/start {code}", "bg"))
    assert webhook.metadata() == [{"language": "bg", "region": "utrecht", "poster": code}]


@pytest.mark.asyncio
async def test_an_unknown_or_missing_start_code_is_just_a_greeting(webhook):
    await webhook.post(text_update(CHAT, "/start not-a-known-code-at-all", "hu"))
    await webhook.post(text_update(CHAT, "/start", "pl"))
    await webhook.post(text_update(CHAT, f"/start@{webhook.channel.bot_username} x", "es"))
    assert webhook.texts() == ["/greet", "/greet", "/greet"]
    assert webhook.metadata() == [{"language": "hu"}, {"language": "pl"}, {"language": "es"}]


@pytest.mark.asyncio
async def test_forget_command_asks_to_forget_the_conversation(webhook):
    await webhook.post(text_update(CHAT, "/forget", "nl"))
    assert webhook.texts() == ["/forget_me"]


@pytest.mark.asyncio
async def test_typed_intents_are_read_as_text_so_nothing_skips_signal_recognition(webhook):
    await webhook.post(text_update(CHAT, '/request_human{"helper_type": "peer"}', "en"))
    await webhook.post(text_update(CHAT, "/help he took my passport", "en"))
    await webhook.post(text_update(CHAT, "/start@another_bot hi", "en"))
    assert webhook.texts() == [
        'request_human{"helper_type": "peer"}',
        "help he took my passport",
        "start@another_bot hi",
    ]


@pytest.mark.asyncio
async def test_buttons_become_an_inline_keyboard(webhook, fake_telegram):
    await webhook.post(text_update(CHAT, "/start", "en"))
    [sent] = fake_telegram.calls_to("sendMessage")
    assert sent["text"] == REPLY
    keyboard = sent["reply_markup"]["inline_keyboard"]
    assert [[button["text"] for button in row] for row in keyboard] == [["Health"], ["A worker"]]
    assert [row[0]["callback_data"] for row in keyboard] == [b["payload"] for b in MENU]


@pytest.mark.asyncio
async def test_a_pressed_button_is_answered_and_its_payload_sent(webhook, fake_telegram):
    update = callback_update(CHAT, "/ask_health", "es", keyboard_message_id=4242)
    response = await webhook.post(update)
    assert response.status_code == 200
    assert webhook.texts() == ["/ask_health"]
    assert webhook.metadata() == [{"language": "es"}]
    assert webhook.received[0].sender_id == pseudonym("telegram", str(CHAT))
    [answered] = fake_telegram.calls_to("answerCallbackQuery")
    assert answered["callback_query_id"] == update["callback_query"]["id"]
    [edited] = fake_telegram.calls_to("editMessageReplyMarkup")
    assert (edited["chat_id"], edited["message_id"]) == (CHAT, 4242)
    assert "reply_markup" not in edited


@pytest.mark.asyncio
async def test_a_payload_longer_than_telegram_allows_round_trips_through_a_short_key(
    webhook, fake_telegram
):
    long_payload = '/request_human{"helper_type": "worker", "note": "' + "x" * 80 + '"}'
    conversation = remember_chat(CHAT)
    await webhook.channel.get_output_channel().send_text_with_buttons(
        conversation, "pick", [{"title": "t", "payload": long_payload}]
    )
    [sent] = fake_telegram.calls_to("sendMessage")
    data = sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert len(data.encode()) <= 64
    await webhook.post(callback_update(CHAT, data, "nl"))
    assert webhook.texts() == [long_payload]


@pytest.mark.asyncio
async def test_button_data_we_did_not_issue_is_answered_but_not_sent(webhook, fake_telegram):
    for data in ("k:made-up-key", "hello there", ""):
        response = await webhook.post(callback_update(CHAT, data, "nl"))
        assert response.status_code == 200
    assert webhook.received == []
    assert len(fake_telegram.calls_to("answerCallbackQuery")) == 3


@pytest.mark.parametrize(
    "make_update",
    [photo_update, voice_update, sticker_update, document_update, location_update],
)
@pytest.mark.asyncio
async def test_non_text_gets_the_text_only_reply_and_nothing_is_stored(
    webhook, fake_telegram, project_database, make_update
):
    response = await webhook.post(make_update(CHAT, "ro"))
    assert response.status_code == 200
    assert webhook.texts() == ["/non_text"]
    assert webhook.metadata() == [{"language": "ro"}]
    assert fake_telegram.calls_to("getFile", answer=None) == []
    stored = project_database.read_bytes()
    traces = (b"AgAC-photo", b"AwAC-voice", b"CAAC-sticker", b"BQAC-doc", b"passport", b"52.37")
    assert [trace for trace in traces if trace in stored] == []


@pytest.mark.asyncio
async def test_a_photo_caption_is_still_read_as_text(webhook):
    await webhook.post(photo_update(CHAT, "en", caption="help me please"))
    assert webhook.texts() == ["/non_text", "help me please"]


@pytest.mark.asyncio
async def test_the_chat_id_is_stored_only_encrypted(webhook, project_database):
    await webhook.post(text_update(CHAT, "hallo", "nl"))
    stored = project_database.read_bytes()
    assert str(CHAT).encode() not in stored
    engine = create_engine(f"sqlite:///{project_database}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM telegram_chats")).fetchall()
    assert len(rows) == 1
    assert rows[0][0] == pseudonym("telegram", str(CHAT))
    assert all(str(CHAT) not in str(value) for value in rows[0])


@pytest.mark.asyncio
async def test_malformed_json_or_a_non_object_is_a_bad_request(webhook):
    assert (await webhook.post(None, raw=b"{not json")).status_code == 400
    assert (await webhook.post(None, raw=b"\xff\xfe\x00")).status_code == 400
    assert (await webhook.post([1, 2, 3])).status_code == 400
    assert (await webhook.post("hallo")).status_code == 400
    assert webhook.received == []


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"update_id": "nope"},
        {"update_id": 1, "message": "hallo"},
        {"update_id": 2, "message": {"text": "no chat"}},
        {"update_id": 3, "callback_query": {"data": "/menu"}},
        {"update_id": 4, "message": {"message_id": 1, "date": 0, "chat": None, "text": "x"}},
        {"update_id": 5, "message": {"message_id": 1, "date": 0, "chat": {"id": "x"}}},
    ],
)
@pytest.mark.asyncio
async def test_garbage_updates_never_get_a_server_error(webhook, garbage):
    response = await webhook.post(garbage)
    assert response.status_code < 500
    assert webhook.received == []


@pytest.mark.asyncio
async def test_updates_the_assistant_does_not_handle_are_acknowledged_and_ignored(webhook):
    for update in (
        edited_message_update(CHAT, "edited"),
        text_update(-100123, "hello group", "nl", chat_type="group"),
        message_update(CHAT, "nl", new_chat_title="x"),
    ):
        assert (await webhook.post(update)).status_code == 200
    assert webhook.received == []


@pytest.mark.asyncio
async def test_a_failure_while_handling_asks_telegram_to_deliver_again(webhook):
    update = text_update(CHAT, "please help", "en")
    webhook.fail_next = 1
    response = await webhook.post(update)
    assert response.status_code == 503
    assert webhook.received == []
    response = await webhook.post(update)  # Telegram's redelivery
    assert response.status_code == 200
    assert webhook.texts() == ["please help"]


@pytest.mark.asyncio
async def test_a_redelivered_update_is_handled_once(webhook, fake_telegram):
    update = text_update(CHAT, "hallo", "nl")
    assert (await webhook.post(update)).status_code == 200
    assert (await webhook.post(update)).status_code == 200
    assert webhook.texts() == ["hallo"]
    assert len(fake_telegram.calls_to("sendMessage")) == 1


@pytest.mark.asyncio
async def test_replies_survive_rate_limits(webhook, fake_telegram):
    fake_telegram.fail_next(2, status=429, retry_after=1)
    response = await webhook.post(text_update(CHAT, "hallo", "nl"))
    assert response.status_code == 200
    assert [c["text"] for c in fake_telegram.calls_to("sendMessage", answer="429")] == [REPLY] * 2
    assert fake_telegram.calls_to("sendMessage") == [{"chat_id": CHAT, "text": REPLY}]


@pytest.mark.asyncio
async def test_replies_survive_timeouts_and_server_errors(webhook, fake_telegram):
    fake_telegram.hang_next(1)
    fake_telegram.fail_next(1, status=500)
    response = await webhook.post(text_update(CHAT, "hallo", "nl"))
    assert response.status_code == 200
    attempts = [c.answer for c in fake_telegram.calls if c.method == "sendMessage"]
    assert attempts == ["hang", "500", "ok"]


@pytest.mark.asyncio
async def test_when_telegram_stays_down_the_message_is_kept_and_telegram_gets_no_error(
    webhook, fake_telegram
):
    fake_telegram.fail_next(10, status=500)
    response = await webhook.post(text_update(CHAT, "hallo", "nl"))
    assert response.status_code == 200
    assert webhook.texts() == ["hallo"]
    assert len(fake_telegram.calls_to("sendMessage", answer="500")) == 5
    assert fake_telegram.calls_to("sendMessage") == []


@pytest.mark.asyncio
async def test_health_route(webhook):
    async with httpx.AsyncClient() as client:
        response = await client.get(webhook.url.rsplit("/", 1)[0] + "/")
    assert response.json() == {"status": "ok"}


def test_credentials_need_a_token_and_a_valid_secret():
    with pytest.raises(RasaException):
        TelegramInput.from_credentials({"access_token": "t"})
    with pytest.raises(RasaException):
        TelegramInput.from_credentials({"access_token": "t", "webhook_secret": "has spaces"})
    channel = TelegramInput.from_credentials(
        {"access_token": "t", "webhook_secret": "s3cret", "bot_username": "@some_bot"}
    )
    assert channel.name() == "telegram" and channel.bot_username == "some_bot"
    assert json.dumps(channel.url_prefix()) == '"telegram"'
