"""Console settings, read from the environment when the app is built (never at import time)."""

import os
from dataclasses import dataclass

PORT_ENV = "FIRSTCONTACT_CONSOLE_PORT"
RASA_URL_ENV = "FIRSTCONTACT_RASA_URL"
API_TOKEN_ENV = "FIRSTCONTACT_API_TOKEN"
DEFAULT_PORT = 5006
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ConsoleConfig:
    port: int = DEFAULT_PORT
    rasa_url: str = DEFAULT_RASA_URL
    api_token: str = ""
    database_url: str = ""  # empty: bot.store.database's own default / environment
    idle_timeout_minutes: int = 30
    absolute_timeout_hours: int = 12
    login_failures_per_username: int = 5
    login_failures_per_address: int = 20
    login_window_minutes: int = 15
    poll_audit_interval_seconds: int = 60

    @classmethod
    def from_environment(cls) -> "ConsoleConfig":
        return cls(
            port=int(os.environ.get(PORT_ENV, DEFAULT_PORT)),
            rasa_url=os.environ.get(RASA_URL_ENV, DEFAULT_RASA_URL).rstrip("/"),
            api_token=os.environ.get(API_TOKEN_ENV, ""),
        )
