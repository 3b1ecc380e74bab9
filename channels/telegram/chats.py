"""Which Telegram chat answers a conversation: the chat id, kept only encrypted.

The conversation id is a keyed hash of the chat id (`bot.privacy.pseudonyms`), so it cannot be
turned back into a chat id; to answer a conversation that did not just write (the handover
console pushing a message through the Rasa HTTP API), the chat id is kept here, encrypted.
"""

import datetime as dt
from typing import Optional

from sqlalchemy import Column, Date, String, Text, delete

from bot.privacy.encryption import decrypt, encrypt
from bot.privacy.pseudonyms import pseudonym
from bot.store.database import session_scope
from bot.store.models import Base

CHANNEL = "telegram"


class TelegramChat(Base):
    """One conversation's Telegram chat. `last_seen_on` (a day, no time) lets stale rows go."""

    __tablename__ = "telegram_chats"

    conversation = Column(String(64), primary_key=True)
    encrypted_chat_id = Column(Text, nullable=False)
    last_seen_on = Column(Date, nullable=False)


def conversation_id(chat_id: int) -> str:
    """The Rasa sender id of a Telegram chat."""
    return pseudonym(CHANNEL, str(chat_id))


def remember_chat(chat_id: int, database_url: str = "", today: Optional[dt.date] = None) -> str:
    """Keep the chat id (encrypted) under its conversation id; returns the conversation id."""
    conversation = conversation_id(chat_id)
    day = today or dt.date.today()
    with session_scope(database_url) as session:
        row = session.get(TelegramChat, conversation)
        if row is None:
            session.add(
                TelegramChat(
                    conversation=conversation,
                    encrypted_chat_id=encrypt(str(chat_id)),
                    last_seen_on=day,
                )
            )
        elif row.last_seen_on != day:
            row.last_seen_on = day
    return conversation


def chat_id_for(conversation: str, database_url: str = "") -> Optional[int]:
    """The chat of a conversation, or None when it is unknown or was forgotten."""
    with session_scope(database_url) as session:
        row = session.get(TelegramChat, conversation)
        return int(decrypt(row.encrypted_chat_id)) if row is not None else None


def forget_chat(conversation: str, database_url: str = "") -> bool:
    """Delete what ties a conversation to a chat; True when there was something to delete."""
    with session_scope(database_url) as session:
        chat = TelegramChat.conversation == conversation
        return session.execute(delete(TelegramChat).where(chat)).rowcount > 0


def purge_stale_chats(days: float, database_url: str = "", today: Optional[dt.date] = None) -> int:
    """Delete chats not seen for more than `days` days (for the retention purge)."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=days)
    with session_scope(database_url) as session:
        result = session.execute(delete(TelegramChat).where(TelegramChat.last_seen_on < cutoff))
        return result.rowcount
