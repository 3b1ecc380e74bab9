"""Set, delete or show the Telegram webhook: `python -m channels.telegram set-webhook --url ...`.

Environment: TELEGRAM_ACCESS_TOKEN, TELEGRAM_WEBHOOK_SECRET (for set-webhook),
TELEGRAM_WEBHOOK_URL (instead of --url), TELEGRAM_API_BASE_URL (a local Bot API server).
"""

import argparse
import asyncio
import os
import secrets
import sys
from typing import List, Optional

from telegram import Bot
from telegram.error import TelegramError

from channels.telegram.client import SECRET_TOKEN, make_bot

ALLOWED_UPDATES = ["message", "callback_query"]


class UsageError(Exception):
    pass


def _env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise UsageError(f"{name} is not set")
    return value


def _bot() -> Bot:
    return make_bot(_env("TELEGRAM_ACCESS_TOKEN"), os.environ.get("TELEGRAM_API_BASE_URL"))


async def set_webhook(url: str, drop_pending_updates: bool) -> str:
    secret = _env("TELEGRAM_WEBHOOK_SECRET")
    if not SECRET_TOKEN.match(secret):
        raise UsageError("TELEGRAM_WEBHOOK_SECRET: 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
    if not url.startswith("https://"):
        raise UsageError("Telegram sends webhooks only to https:// addresses")
    async with _bot() as bot:
        await bot.set_webhook(
            url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=drop_pending_updates,
        )
    return f"webhook set to {url}"


async def delete_webhook(drop_pending_updates: bool) -> str:
    async with _bot() as bot:
        await bot.delete_webhook(drop_pending_updates=drop_pending_updates)
    return "webhook deleted"


async def info() -> str:
    async with _bot() as bot:
        webhook = await bot.get_webhook_info()
        lines = [
            f"bot: @{bot.username}",
            f"url: {webhook.url or '(none)'}",
            f"pending updates: {webhook.pending_update_count}",
            f"allowed updates: {', '.join(webhook.allowed_updates or []) or '(all)'}",
        ]
        if webhook.last_error_message:
            lines.append(f"last error: {webhook.last_error_message}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m channels.telegram", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    setter = commands.add_parser("set-webhook", help="point Telegram at this deployment")
    setter.add_argument("--url", default=os.environ.get("TELEGRAM_WEBHOOK_URL"))
    setter.add_argument("--drop-pending-updates", action="store_true")
    deleter = commands.add_parser("delete-webhook", help="stop Telegram sending updates")
    deleter.add_argument("--drop-pending-updates", action="store_true")
    commands.add_parser("info", help="the bot and its webhook as Telegram sees them")
    commands.add_parser("new-secret", help="print a random webhook secret")
    args = parser.parse_args(argv)
    try:
        if args.command == "new-secret":
            print(secrets.token_urlsafe(32))
        elif args.command == "set-webhook":
            if not args.url:
                raise UsageError("give --url or set TELEGRAM_WEBHOOK_URL")
            print(asyncio.run(set_webhook(args.url, args.drop_pending_updates)))
        elif args.command == "delete-webhook":
            print(asyncio.run(delete_webhook(args.drop_pending_updates)))
        else:
            print(asyncio.run(info()))
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except TelegramError as error:  # its message can hold the token; the type says enough
        print(f"error: Telegram answered {type(error).__name__}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
