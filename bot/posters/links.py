"""The two links a poster carries: the web widget (`?p=<code>`) and Telegram (`?start=<code>`).

Addresses come from the command line or the environment:
`FIRSTCONTACT_WIDGET_URL` (the widget page, e.g. https://chat.example.org/webhooks/widget/) and
`FIRSTCONTACT_TELEGRAM_BOT` (the bot's username; optional).
"""

import os
import re
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlsplit

from bot.posters.errors import BAD_TELEGRAM_BOT, BAD_WIDGET_URL, NO_WIDGET_URL, PosterError

WIDGET_URL_ENV = "FIRSTCONTACT_WIDGET_URL"
TELEGRAM_BOT_ENV = "FIRSTCONTACT_TELEGRAM_BOT"
# Telegram: usernames are 5-32 characters of letters, digits and _; a bot's ends in "bot".
TELEGRAM_BOT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{2,29}[Bb][Oo][Tt]$")


@dataclass(frozen=True)
class PosterLinks:
    widget: str
    telegram: Optional[str]  # None when no Telegram bot is configured


def widget_base(explicit: Optional[str] = None) -> str:
    url = (explicit or os.environ.get(WIDGET_URL_ENV) or "").strip()
    if not url:
        raise PosterError(NO_WIDGET_URL)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.fragment:
        raise PosterError(BAD_WIDGET_URL.format(url=url))
    return url


def telegram_bot(explicit: Optional[str] = None) -> Optional[str]:
    name = (explicit or os.environ.get(TELEGRAM_BOT_ENV) or "").strip().lstrip("@")
    if not name:
        return None
    if not TELEGRAM_BOT_NAME.match(name):
        raise PosterError(BAD_TELEGRAM_BOT.format(name=name))
    return name


def links_for(code: str, widget_url: str, bot_name: Optional[str]) -> PosterLinks:
    if widget_url.endswith(("?", "&")):
        separator = ""
    else:
        separator = "&" if urlsplit(widget_url).query else "?"
    widget = f"{widget_url}{separator}p={code}"
    telegram = f"https://t.me/{bot_name}?start={code}" if bot_name else None
    return PosterLinks(widget=widget, telegram=telegram)
