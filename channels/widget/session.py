"""Widget sessions: a secret the server issues, the conversation it stands for, and limits.

The page keeps the secret in a JavaScript variable only. Presenting it again (after a network
blip) continues the same conversation; the conversation id is a keyed hash of the secret, so
knowing or guessing a conversation id gives no way into it.
"""

import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional

from bot.privacy.pseudonyms import pseudonym

CHANNEL_NAME = "widget"
SECRET_BYTES = 32
# token_urlsafe(32): 43 characters of the URL-safe base64 alphabet, 256 random bits.
_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
_LANGUAGE_HINT_PATTERN = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}")

MAX_MESSAGE_CHARS = 4000
MAX_FRAME_BYTES = 8192
MAX_POSTER_CODE_CHARS = 32


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def is_well_formed_secret(value: Any) -> bool:
    return isinstance(value, str) and _SECRET_PATTERN.fullmatch(value) is not None


def conversation_id(secret: str) -> str:
    """The Rasa sender id of the conversation the secret stands for."""
    if not is_well_formed_secret(secret):
        raise ValueError("not a widget secret")
    return pseudonym(CHANNEL_NAME, secret)


@dataclass(frozen=True)
class Session:
    secret: str
    conversation_id: str
    resumed: bool


def open_session(presented: Any) -> Session:
    """Continue the conversation of a well-formed presented secret, or start a new one.

    Anything else (missing, malformed) starts a new conversation with a fresh secret; it never
    reaches an existing one.
    """
    if is_well_formed_secret(presented):
        return Session(presented, conversation_id(presented), resumed=True)
    secret = new_secret()
    return Session(secret, conversation_id(secret), resumed=False)


def language_hint(value: Any) -> Optional[str]:
    """A browser or picker language tag ('nl', 'ro-RO'), or None for anything else."""
    if isinstance(value, str) and _LANGUAGE_HINT_PATTERN.fullmatch(value):
        return value
    return None


def poster_code(value: Any) -> Optional[str]:
    if isinstance(value, str) and 0 < len(value) <= MAX_POSTER_CODE_CHARS:
        return value
    return None


@dataclass
class RateLimiter:
    """A token bucket: short bursts are fine, a flood is refused."""

    capacity: float = 5.0
    per_second: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _tokens: float = field(init=False)
    _last: float = field(init=False)

    def __post_init__(self) -> None:
        self._tokens = self.capacity
        self._last = self.clock()

    def allow(self) -> bool:
        now = self.clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.per_second)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False


class FrameError(ValueError):
    """A frame the page would never send; `code` is what the page is told."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ClientMessage:
    text: str
    metadata: Dict[str, str]


def parse_user_message(frame: Dict[str, Any]) -> ClientMessage:
    """The text and metadata of a `message` frame; raises FrameError with a code for the page."""
    text = frame.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FrameError("bad_request")
    if len(text) > MAX_MESSAGE_CHARS:
        raise FrameError("too_long")
    hint = language_hint(frame.get("language"))
    return ClientMessage(text=text, metadata={"language": hint} if hint else {})
