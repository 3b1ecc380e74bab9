"""A real Sanic server with the channel's blueprint, talking to a fake Bot API on 127.0.0.1."""

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
import pytest_asyncio
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels.telegram import TelegramInput
from channels.telegram.retry import RetryPolicy
from tests.support.fake_telegram import BOT_USERNAME, TOKEN, FakeTelegram
from tests.support.servers import free_port

SECRET = "test-webhook-secret_0123456789"
MENU = [
    {"title": "Health", "payload": "/ask_health"},
    {"title": "A worker", "payload": '/request_human{"helper_type": "worker"}'},
]
REPLY = "Hello, I am a computer program."


@pytest.fixture(autouse=True)
def project_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own SQLite file and its own keys."""
    database = tmp_path / "firstcontact.db"
    monkeypatch.setenv("FIRSTCONTACT_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("FIRSTCONTACT_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("FIRSTCONTACT_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("FIRSTCONTACT_ENCRYPTION_KEYS", raising=False)
    return database


@pytest.fixture
def fake_telegram():
    with FakeTelegram() as fake:
        yield fake


@dataclass
class Webhook:
    """The running channel: post updates to it, read what it handed to Rasa."""

    url: str
    channel: TelegramInput
    received: List[UserMessage] = field(default_factory=list)
    fail_next: int = 0

    async def post(self, update: Any, secret: Any = SECRET, raw: bytes = b"") -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        async with httpx.AsyncClient(timeout=60) as client:
            if raw:
                return await client.post(self.url, content=raw, headers=headers)
            return await client.post(self.url, json=update, headers=headers)

    def texts(self) -> List[str]:
        return [message.text for message in self.received]

    def metadata(self) -> List[Dict[str, Any]]:
        return [message.metadata for message in self.received]


@pytest_asyncio.fixture
async def webhook(fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch):
    # Sanic 21.12 rewrites its own methods when an app starts; test mode lets a second app start.
    monkeypatch.setattr(Sanic, "test_mode", True)
    channel = TelegramInput(
        access_token=TOKEN,
        webhook_secret=SECRET,
        bot_username=BOT_USERNAME,
        api_base_url=fake_telegram.base_url,
        retry=RetryPolicy(attempts=5, first_delay=0.01),
        request_timeout=0.5,
    )
    port = free_port()
    running = Webhook(f"http://127.0.0.1:{port}/webhooks/telegram/webhook", channel)

    async def on_new_message(message: UserMessage) -> None:
        """Stands in for Rasa: records the message and answers through the output channel."""
        if running.fail_next:
            running.fail_next -= 1
            raise RuntimeError("the assistant is not available")
        running.received.append(message)
        if message.text == "/greet":
            await message.output_channel.send_response(
                message.sender_id, {"text": REPLY, "buttons": list(MENU)}
            )
        else:
            await message.output_channel.send_response(message.sender_id, {"text": REPLY})

    app = Sanic(f"telegram_test_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/telegram")
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    yield running
    await server.before_stop()
    await server.close()
    await server.after_stop()
