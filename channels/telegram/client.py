"""The python-telegram-bot `Bot` the channel and the command line talk through."""

import logging
import re
from typing import Optional

from telegram import Bot
from telegram.request import HTTPXRequest

SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token
CONNECTIONS = 16  # concurrent Bot API calls; python-telegram-bot's default of 1 queues every reply


def quiet_logs() -> None:
    # httpx logs each request URL at INFO, and the URL holds the bot token; python-telegram-bot
    # logs message texts and chat ids at DEBUG.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.INFO)


def make_bot(token: str, base_url: Optional[str] = None, timeout: float = 10.0) -> Bot:
    """A Bot for the real Bot API, or for another server (`base_url` ends before the token)."""
    quiet_logs()
    request = HTTPXRequest(
        connection_pool_size=CONNECTIONS,
        connect_timeout=timeout,
        read_timeout=timeout,
        write_timeout=timeout,
        pool_timeout=timeout,
    )
    if base_url:
        return Bot(token, base_url=base_url, request=request)
    return Bot(token, request=request)
