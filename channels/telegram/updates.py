"""What a Telegram update asks of the assistant, decided without any I/O.

- Only private chats are served: in a group, other members would read the conversation.
- `/start <code>` (a poster's deep link) starts with the greeting; the code is returned apart
  and never becomes message text. `/forget` asks to forget the conversation; `/menu` and `/help`
  show the menu.
- Any other text starting with "/" (and a command followed by words) loses its slashes, so a
  typed "/intent" cannot skip the language and signal recognition that reads every message.
- Photos, voice, stickers, files, locations, contacts...: nothing is downloaded; the assistant
  answers that it reads text only. A caption is still read as text (it may ask for help).
- Edited messages, channel posts and the like are ignored.
"""

from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from telegram import Message, Update

from channels.telegram.buttons import CallbackPayloads

GREET = "/greet"
FORGET = "/forget_me"
MENU = "/menu"
NON_TEXT = "/non_text"
COMMANDS = {"/start": GREET, "/forget": FORGET, "/menu": MENU, "/help": MENU}
NON_TEXT_KINDS = (
    "animation",
    "audio",
    "contact",
    "dice",
    "document",
    "game",
    "location",
    "paid_media",
    "photo",
    "poll",
    "sticker",
    "story",
    "venue",
    "video",
    "video_note",
    "voice",
)


@dataclass(frozen=True)
class Incoming:
    """The user messages one update becomes, in order, and where they came from."""

    chat_id: int
    update_id: int
    texts: Tuple[str, ...]
    language: Optional[str] = None  # Telegram's language_code, a hint for the detector
    poster_code: Optional[str] = None
    callback_query_id: Optional[str] = None
    keyboard_message_id: Optional[int] = None  # the message whose button was pressed


def parse_update(
    data: Dict[str, Any], bot_username: str, payloads: CallbackPayloads
) -> Optional[Incoming]:
    """The messages of an update, or None for an update the assistant does not handle.

    Raises on data that is not a Telegram update at all.
    """
    update = Update.de_json(data, None)
    if type(update.update_id) is not int:  # python-telegram-bot takes a list or a string too
        raise TypeError("update_id is not a whole number")
    if update.message is not None:
        return _from_message(update.update_id, update.message, bot_username)
    query = update.callback_query
    if query is not None:
        pressed_on = query.message  # None for inline-mode messages, which this bot never sends
        if pressed_on is not None and pressed_on.chat.type != "private":
            return None
        payload = payloads.payload(query.data) if pressed_on is not None else None
        return Incoming(
            chat_id=pressed_on.chat.id if pressed_on is not None else query.from_user.id,
            update_id=update.update_id,
            texts=(payload,) if payload else (),
            language=query.from_user.language_code,
            callback_query_id=query.id,
            keyboard_message_id=pressed_on.message_id if isinstance(pressed_on, Message) else None,
        )
    return None


def _from_message(update_id: int, message: Message, bot_username: str) -> Optional[Incoming]:
    if message.chat.type != "private":
        return None
    language = message.from_user.language_code if message.from_user else None
    poster_code = None
    if message.text is not None:
        texts, poster_code = _read_text(message.text, bot_username)
    elif any(getattr(message, kind, None) for kind in NON_TEXT_KINDS):
        caption = _plain(message.caption or "")
        texts = (NON_TEXT, caption) if caption else (NON_TEXT,)
    else:
        return None
    if not texts:
        return None
    return Incoming(
        chat_id=message.chat.id,
        update_id=update_id,
        texts=texts,
        language=language,
        poster_code=poster_code,
    )


def _read_text(text: str, bot_username: str) -> Tuple[Tuple[str, ...], Optional[str]]:
    """The text to send and a poster code, if the text was `/start <code>`."""
    text = text.strip()
    if not text.startswith("/"):
        return ((text,) if text else ()), None
    command, argument = (text.split(maxsplit=1) + [""])[:2]
    name, _, addressee = command.partition("@")
    if addressee and addressee.lower() != bot_username.lower().lstrip("@"):
        name = command  # another bot's command: read as text
    known = COMMANDS.get(name.lower())
    argument = argument.strip()
    if known == GREET:
        return (GREET,), argument or None
    if known is not None and not argument:
        return (known,), None
    # "/help he took my passport": words after a command are read like any message
    plain = _plain(text)
    return ((plain,) if plain else ()), None


def _plain(text: str) -> str:
    return text.strip().lstrip("/").strip()
