"""Telegram channel for Rasa, built on python-telegram-bot's async Bot.

credentials.yml:

    channels.telegram.TelegramInput:
      access_token: ${TELEGRAM_ACCESS_TOKEN}      # from BotFather
      webhook_secret: ${TELEGRAM_WEBHOOK_SECRET}  # Telegram sends it back in every webhook call
      bot_username: ${TELEGRAM_BOT_USERNAME}      # without the @
      webhook_url: ${TELEGRAM_WEBHOOK_URL}        # https://<host>/webhooks/telegram/webhook
      # api_base_url: http://127.0.0.1:8081/bot   # only for a local Bot API server (tests)

The webhook is set with `python -m channels.telegram set-webhook` (see docs/telegram.md).
"""

from typing import Any

__all__ = ["TelegramInput", "TelegramOutput"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so the action server can use channels.telegram.chats without
    # loading Rasa's server side, Sanic and python-telegram-bot.
    if name == "TelegramInput":
        from channels.telegram.input import TelegramInput

        return TelegramInput
    if name == "TelegramOutput":
        from channels.telegram.output import TelegramOutput

        return TelegramOutput
    raise AttributeError(name)
