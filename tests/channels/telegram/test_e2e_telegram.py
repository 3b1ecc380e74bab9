"""End to end: the full assistant with the Telegram channel, against the fake Bot API."""

from functools import lru_cache
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from rasa.shared.core.domain import Domain

from tests.support.fake_telegram import (
    BOT_USERNAME,
    TOKEN,
    FakeTelegram,
    callback_update,
    text_update,
)
from tests.support.servers import ROOT, http_json, start_assistant

pytestmark = pytest.mark.e2e

MODEL = ROOT / "models" / "firstcontact.tar.gz"
SECRET = "e2e-webhook-secret_0123456789"
CHAT = 7_300_000_099
PSEUDONYM_KEY = "e2e-pseudonym-key-for-the-telegram-test"
ENCRYPTION_KEY = Fernet.generate_key().decode()

CREDENTIALS = """\
rest:
channels.telegram.TelegramInput:
  access_token: ${TELEGRAM_ACCESS_TOKEN}
  webhook_secret: ${TELEGRAM_WEBHOOK_SECRET}
  bot_username: %s
  webhook_url: https://assistant.example.org/webhooks/telegram/webhook
  api_base_url: %s
"""


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def response_text(name: str, language: str) -> str:
    for variation in domain().responses[name]:
        for condition in variation.get("condition") or []:
            if condition.get("name") == "language" and condition.get("value") == language:
                return variation["text"]
    raise KeyError((name, language))


@pytest.fixture(scope="module")
def fake_telegram():
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture(scope="module")
def telegram_assistant(fake_telegram, tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    workdir = Path(tmp_path_factory.mktemp("telegram-assistant"))
    credentials = workdir / "credentials.yml"
    credentials.write_text(CREDENTIALS % (BOT_USERNAME, fake_telegram.base_url))
    running = start_assistant(
        MODEL,
        workdir,
        credentials=credentials,
        extra_env={
            "TELEGRAM_ACCESS_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "FIRSTCONTACT_PSEUDONYM_KEY": PSEUDONYM_KEY,
            "FIRSTCONTACT_ENCRYPTION_KEYS": ENCRYPTION_KEY,
        },
    )
    yield running
    running.stop()


@pytest.fixture
def same_keys_as_the_assistant(monkeypatch):
    monkeypatch.setenv("FIRSTCONTACT_PSEUDONYM_KEY", PSEUDONYM_KEY)
    monkeypatch.setenv("FIRSTCONTACT_ENCRYPTION_KEYS", ENCRYPTION_KEY)


def post_update(assistant, update, secret=SECRET) -> httpx.Response:
    return httpx.post(
        f"{assistant.url}/webhooks/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
        timeout=120,
    )


def test_a_dutch_greeting_on_telegram_is_answered_in_dutch_and_a_worker_can_push_a_message(
    telegram_assistant, fake_telegram, same_keys_as_the_assistant
):
    from channels.telegram.chats import conversation_id

    refused = post_update(telegram_assistant, text_update(CHAT, "hallo", "nl"), secret="wrong")
    assert refused.status_code == 403 and fake_telegram.calls == []

    response = post_update(telegram_assistant, text_update(CHAT, "hallo", "nl"))
    assert response.status_code == 200
    sent = fake_telegram.calls_to("sendMessage")
    assert sent[0] == {"chat_id": CHAT, "text": response_text("utter_identity_intro", "nl")}
    assert sent[1]["text"] == response_text("utter_menu", "nl")
    assert len(sent[1]["reply_markup"]["inline_keyboard"]) >= 8

    conversation = conversation_id(CHAT)
    assert telegram_assistant.slot(conversation, "language") == "nl"

    pushed = "Hoi, ik ben een hulpverlener. Ik lees je bericht."
    http_json(
        "POST",
        f"{telegram_assistant.url}/conversations/{conversation}/tracker/events"
        f"?execute_side_effects=true&output_channel=telegram&token={telegram_assistant.token}",
        {"event": "bot", "text": pushed},
    )
    assert fake_telegram.calls_to("sendMessage")[-1] == {"chat_id": CHAT, "text": pushed}


def test_a_pressed_menu_button_is_answered_and_the_chat_id_is_nowhere_in_plain_text(
    telegram_assistant, fake_telegram, same_keys_as_the_assistant
):
    chat = CHAT + 1
    post_update(telegram_assistant, text_update(chat, "hallo", "nl"))
    menu = [c for c in fake_telegram.calls_to("sendMessage") if c["chat_id"] == chat][-1]
    buttons = [row[0] for row in menu["reply_markup"]["inline_keyboard"]]
    health = next(b for b in buttons if b["callback_data"] == "/ask_health")
    before = len(fake_telegram.calls_to("sendMessage"))

    update = callback_update(chat, health["callback_data"], "nl", keyboard_message_id=1)
    assert post_update(telegram_assistant, update).status_code == 200

    assert (
        fake_telegram.calls_to("answerCallbackQuery")[-1]["callback_query_id"]
        == (update["callback_query"]["id"])
    )
    replies = fake_telegram.calls_to("sendMessage")[before:]
    dutch = {
        variation["text"]
        for variations in domain().responses.values()
        for variation in variations
        if {"name": "language", "type": "slot", "value": "nl"} in (variation.get("condition") or [])
    }
    assert replies and all(r["chat_id"] == chat and r["text"] in dutch for r in replies)

    workdir = telegram_assistant.workdir
    for stored in ("rasa.db", "firstcontact.db", "servers.log"):
        content = (workdir / stored).read_bytes()
        assert str(chat).encode() not in content, stored
        assert str(CHAT).encode() not in content, stored
