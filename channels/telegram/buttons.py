"""Rasa buttons as Telegram inline keyboards, and the way back from a pressed button.

Telegram limits `callback_data` to 64 bytes. A longer payload is kept here under a short random
key (in memory: after a restart an old long button asks the person to use the menu again).
A pressed button's data is accepted only if it is a key we issued or looks like a Rasa payload.
"""

import re
import secrets
from collections import OrderedDict
from typing import Any, Dict, List, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

CALLBACK_DATA_LIMIT = 64
KEY_PREFIX = "k:"
RASA_PAYLOAD = re.compile(r"^/[A-Za-z0-9_]+(\{.*\})?$", re.DOTALL)


class CallbackPayloads:
    """Short keys for payloads too long for `callback_data`; the oldest keys go first."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def callback_data(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_DATA_LIMIT and not payload.startswith(KEY_PREFIX):
            return payload
        key = KEY_PREFIX + secrets.token_urlsafe(12)
        self._payloads[key] = payload
        while len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)
        return key

    def payload(self, callback_data: Optional[str]) -> Optional[str]:
        """The payload of a pressed button, or None for data we did not issue."""
        if not isinstance(callback_data, str):
            return None
        if callback_data.startswith(KEY_PREFIX):
            return self._payloads.get(callback_data)
        return callback_data if RASA_PAYLOAD.match(callback_data) else None


def inline_keyboard(
    buttons: List[Dict[str, Any]], payloads: CallbackPayloads
) -> Optional[InlineKeyboardMarkup]:
    """One button per row: the titles are sentences in seven languages and need the width."""
    rows = []
    for button in buttons:
        title, payload = button.get("title"), button.get("payload")
        if not title or not payload:
            continue
        rows.append([InlineKeyboardButton(title, callback_data=payloads.callback_data(payload))])
    return InlineKeyboardMarkup(rows) if rows else None
