"""Pseudonymous conversation ids: a keyed hash (HMAC-SHA256) of a channel's own id.

The same chat always maps to the same conversation, and no one without the key can go back
from the conversation id to the chat id or test a guessed chat id.
"""

import hashlib
import hmac

from bot.privacy.keys import pseudonym_key


def pseudonym(channel: str, channel_id: str) -> str:
    """`<channel>-<32 hex digits>`; the prefix tells which channel can answer the conversation."""
    digest = hmac.new(pseudonym_key(), f"{channel}:{channel_id}".encode(), hashlib.sha256)
    return f"{channel}-{digest.hexdigest()[:32]}"
