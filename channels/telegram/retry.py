"""Calls to the Bot API that survive rate limits and timeouts, and never raise into Rasa.

`RetryAfter` waits as long as Telegram asks; timeouts and network errors back off
exponentially; other errors (a blocked bot, a bad request) are not retried. After the last try
the call is logged, by method name and error type only (never a text or a chat id), and given up.
"""

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable, Optional, TypeVar

from telegram.error import NetworkError, RetryAfter, TelegramError

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    first_delay: float = 0.5  # seconds; doubled after each timeout or network error
    longest_wait: float = 60.0  # cap on one wait, whatever Telegram asks

    def backoff(self, attempt: int) -> float:
        return min(self.first_delay * 2 ** (attempt - 1), self.longest_wait)


def _retry_after_seconds(error: RetryAfter) -> float:
    value = error._retry_after  # a timedelta; the public property may be a deprecated int
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def call_with_retries(
    method: str, call: Callable[[], Awaitable[T]], policy: RetryPolicy
) -> Optional[T]:
    """The call's result, or None when it failed for good."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return await call()
        except RetryAfter as error:
            delay = min(_retry_after_seconds(error), policy.longest_wait)
            reason = "rate limited"
        except NetworkError as error:  # includes TimedOut
            delay = policy.backoff(attempt)
            reason = type(error).__name__
        except TelegramError as error:
            logger.warning("telegram: %s failed, not retried (%s)", method, type(error).__name__)
            return None
        if attempt < policy.attempts:
            logger.info("telegram: %s %s; try %d again in %.1fs", method, reason, attempt, delay)
            await asyncio.sleep(delay)
    logger.error("telegram: %s given up after %d tries (%s)", method, policy.attempts, reason)
    return None
