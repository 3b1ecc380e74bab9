"""The output channel: bot messages to a Telegram chat, found from the conversation id."""

import logging
from typing import Any, Dict, List, Optional

from rasa.core.channels.channel import OutputChannel
from rasa.shared.exceptions import RasaException
from telegram import Bot, InlineKeyboardMarkup

from channels.telegram.buttons import CallbackPayloads, inline_keyboard
from channels.telegram.chats import chat_id_for
from channels.telegram.retry import RetryPolicy, call_with_retries

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096  # characters Telegram accepts in one message


class UnknownConversation(RasaException):
    """No Telegram chat is known for the conversation (it was forgotten, or never was one)."""


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> List[str]:
    """Parts of at most `limit` characters, cut between paragraphs where possible."""
    parts: List[str] = []
    current = ""
    for paragraph in text.strip().split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(paragraph) > limit:
            parts.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        current = paragraph
    if current:
        parts.append(current)
    return parts


class TelegramOutput(OutputChannel):
    """Sends to the chat of a conversation.

    Answering a message that just came in, the chat is known (`known_chats`); a message pushed
    through the Rasa HTTP API finds it in the encrypted `telegram_chats` table.
    """

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(
        self,
        bot: Bot,
        payloads: CallbackPayloads,
        retry: RetryPolicy,
        known_chats: Optional[Dict[str, int]] = None,
        database_url: str = "",
    ) -> None:
        self.bot = bot
        self._payloads = payloads
        self._retry = retry
        self._known_chats = dict(known_chats or {})
        self._database_url = database_url

    def _chat_id(self, recipient_id: str) -> int:
        chat_id = self._known_chats.get(recipient_id)
        if chat_id is None:
            chat_id = chat_id_for(recipient_id, self._database_url)
        if chat_id is None:
            raise UnknownConversation("no Telegram chat is known for this conversation")
        return chat_id

    async def _send(
        self, recipient_id: str, text: str, markup: Optional[InlineKeyboardMarkup] = None
    ) -> None:
        chat_id = self._chat_id(recipient_id)
        parts = split_text(text)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await call_with_retries(
                "sendMessage",
                lambda part=part, last=last: self.bot.send_message(
                    chat_id, part, reply_markup=markup if last else None
                ),
                self._retry,
            )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(recipient_id, text, inline_keyboard(buttons, self._payloads))

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        # Raw JSON would reach the person as text; the domain has no custom payloads for Telegram.
        logger.warning("telegram: a custom payload was not sent")
