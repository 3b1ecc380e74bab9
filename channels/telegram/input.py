"""The input channel: Telegram's webhook into Rasa.

Responses to the webhook: a wrong or missing secret token 403 (nothing read); a body that is not
a JSON object 400; an update the assistant does not handle 200; a good update that could not be
handled 503, so Telegram delivers it again and the person's message is not lost.
"""

import hmac
import json
import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Set

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot

from bot.posters.registry import hint_for, record_visit
from bot.resilience.message_guard import guard_text, shortcuts_of
from bot.resilience.startup import protect
from channels.telegram.buttons import CallbackPayloads
from channels.telegram.chats import remember_chat
from channels.telegram.client import SECRET_TOKEN, make_bot
from channels.telegram.output import TelegramOutput
from channels.telegram.retry import RetryPolicy, call_with_retries
from channels.telegram.updates import Incoming, parse_update

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REMEMBERED_UPDATES = 10_000


class TelegramInput(InputChannel):
    """Telegram through python-telegram-bot's async Bot."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        for key in ("access_token", "webhook_secret"):
            if not credentials.get(key):
                raise RasaException(f"the telegram channel needs `{key}` in credentials.yml")
        return cls(
            access_token=str(credentials["access_token"]),
            webhook_secret=str(credentials["webhook_secret"]),
            bot_username=str(credentials.get("bot_username") or ""),
            webhook_url=credentials.get("webhook_url"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        access_token: str,
        webhook_secret: str,
        bot_username: str = "",
        webhook_url: Optional[str] = None,
        api_base_url: Optional[str] = None,
        retry: Optional[RetryPolicy] = None,
        request_timeout: float = 10.0,
        database_url: str = "",
    ) -> None:
        if not SECRET_TOKEN.match(webhook_secret):
            raise RasaException("webhook_secret: 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
        self.access_token = access_token
        self.webhook_secret = webhook_secret
        self.bot_username = bot_username.lstrip("@")
        self.webhook_url = webhook_url  # set with `python -m channels.telegram set-webhook`
        self.api_base_url = api_base_url
        self.retry = retry or RetryPolicy()
        self.request_timeout = request_timeout
        self.database_url = database_url
        self.payloads = CallbackPayloads()
        self._bot: Optional[Bot] = None
        self._handled: OrderedDict[int, None] = OrderedDict()
        self._in_progress: Set[int] = set()

    @property
    def bot(self) -> Bot:
        if self._bot is None:
            self._bot = make_bot(self.access_token, self.api_base_url, self.request_timeout)
        return self._bot

    def get_output_channel(self) -> TelegramOutput:
        """For messages pushed through the Rasa HTTP API (`output_channel=telegram`)."""
        return self._output({})

    def _output(self, known_chats: Dict[str, int]) -> TelegramOutput:
        return TelegramOutput(
            self.bot, self.payloads, self.retry, known_chats, database_url=self.database_url
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        protect(telegram_webhook)  # the action server fallback and the API check

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self._receive(request, on_new_message)

        @telegram_webhook.listener("after_server_stop")
        async def close_bot(*_: Any) -> None:
            if self._bot is not None:
                await self._bot.shutdown()

        return telegram_webhook

    def _authentic(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER)
        if not given:
            return False
        return hmac.compare_digest(given.encode(), self.webhook_secret.encode())

    async def _receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if not self._authentic(request):
            return response.text("forbidden", status=403)
        try:
            data = json.loads(request.body)
        except ValueError:  # also UnicodeDecodeError
            return response.text("not JSON", status=400)
        if not isinstance(data, dict):
            return response.text("not an update", status=400)
        try:
            incoming = parse_update(data, self.bot_username, self.payloads)
        except Exception as error:  # anything python-telegram-bot cannot read as an update
            logger.warning("telegram: unreadable update ignored (%s)", type(error).__name__)
            return response.text("ignored")
        if incoming is None or incoming.update_id in self._handled:
            return response.text("ignored")
        if incoming.update_id in self._in_progress:
            return response.text("in progress", status=503)
        self._in_progress.add(incoming.update_id)
        try:
            await self._handle(incoming, on_new_message, shortcuts_of(_agent(request)))
        except Exception as error:
            logger.error(
                "telegram: update not handled (%s); Telegram will deliver it again",
                type(error).__name__,
            )
            return response.text("try again", status=503)
        finally:
            self._in_progress.discard(incoming.update_id)
        self._handled[incoming.update_id] = None
        while len(self._handled) > REMEMBERED_UPDATES:
            self._handled.popitem(last=False)
        return response.text("ok")

    async def _handle(
        self,
        incoming: Incoming,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        shortcuts: Optional[Set[str]] = None,
    ) -> None:
        if incoming.callback_query_id is not None:
            await self._acknowledge_button(incoming)
        if not incoming.texts:
            return
        conversation = remember_chat(incoming.chat_id, self.database_url)
        output = self._output({conversation: incoming.chat_id})
        metadata = self._metadata(incoming)
        for text in incoming.texts:
            await on_new_message(
                UserMessage(
                    guard_text(text, shortcuts),
                    output,
                    conversation,
                    input_channel=self.name(),
                    metadata=dict(metadata),
                )
            )

    async def _acknowledge_button(self, incoming: Incoming) -> None:
        """Stop the button's spinner and take the keyboard away, so it is pressed only once."""
        await call_with_retries(
            "answerCallbackQuery",
            lambda: self.bot.answer_callback_query(incoming.callback_query_id),
            self.retry,
        )
        if incoming.keyboard_message_id is not None:
            await call_with_retries(
                "editMessageReplyMarkup",
                lambda: self.bot.edit_message_reply_markup(
                    chat_id=incoming.chat_id, message_id=incoming.keyboard_message_id
                ),
                self.retry,
            )

    def _metadata(self, incoming: Incoming) -> Dict[str, Any]:
        metadata: Dict[str, Any] = {"language": incoming.language}
        hint = hint_for(incoming.poster_code, self.database_url) if incoming.poster_code else None
        if hint is not None:
            record_visit(hint.code, self.database_url)
            metadata = {
                "language": hint.language or incoming.language,
                "region": hint.region,
                "poster": hint.code,
            }
        return {key: value for key, value in metadata.items() if value is not None}


def _agent(request: Request) -> Any:
    """The Rasa agent serving this request (None in channel-only tests)."""
    return getattr(request.app.ctx, "agent", None)
