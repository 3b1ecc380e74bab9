"""Real PostgreSQL and Redis servers (marker `scale`), started by `make test-scale`
(scripts/services.sh), which `make test` and `.ci/run` include."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bot.store import migrate
from tests.support.servers import ROOT, start_action_server, start_assistant

MODEL = ROOT / "models" / "firstcontact.tar.gz"
PRODUCTION_ENDPOINTS = ROOT / "profiles" / "production" / "endpoints.yml"
PRODUCTION_CREDENTIALS = ROOT / "profiles" / "production" / "credentials.yml"
TELEGRAM_ENV = {  # the production credentials need them; nothing calls Telegram in these tests
    "TELEGRAM_ACCESS_TOKEN": "123:not-a-real-token",
    "TELEGRAM_WEBHOOK_SECRET": "not_a_real_secret",
    "TELEGRAM_BOT_USERNAME": "not_a_bot",
    "TELEGRAM_WEBHOOK_URL": "https://example.invalid/webhooks/telegram/webhook",
}
POSTGRES_ENV = "FIRSTCONTACT_TEST_POSTGRES_URL"
REDIS_ENV = "FIRSTCONTACT_TEST_REDIS_URL"


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests with `make test-scale`")
    return value


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return _required(POSTGRES_ENV)


@pytest.fixture(scope="session")
def redis_url() -> str:
    return _required(REDIS_ENV)


@pytest.fixture(scope="session")
def production_env(postgres_url, redis_url) -> dict:
    """The environment the production profile (profiles/production/endpoints.yml) reads."""
    postgres, redis = urlparse(postgres_url), urlparse(redis_url)
    return {
        "FIRSTCONTACT_POSTGRES_HOST": postgres.hostname,
        "FIRSTCONTACT_POSTGRES_PORT": str(postgres.port),
        "FIRSTCONTACT_POSTGRES_DB": postgres.path.lstrip("/"),
        "FIRSTCONTACT_EVENTS_DB": postgres.path.lstrip("/") + "_events",
        "FIRSTCONTACT_POSTGRES_USER": postgres.username,
        "FIRSTCONTACT_POSTGRES_PASSWORD": postgres.password or "",
        "FIRSTCONTACT_REDIS_HOST": redis.hostname,
        "FIRSTCONTACT_REDIS_PORT": str(redis.port),
        "FIRSTCONTACT_REDIS_PASSWORD": "",
        "FIRSTCONTACT_DATABASE_URL": postgres_url,
    }


@pytest.fixture(scope="session")
def replicas(tmp_path_factory, production_env):
    """Two Rasa replicas on the production profile sharing one action server."""
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    migrate.upgrade(production_env["FIRSTCONTACT_DATABASE_URL"])
    workdir = Path(tmp_path_factory.mktemp("replicas"))
    keys = {"FIRSTCONTACT_KEY_DIR": str(workdir / "keys")}
    actions = start_action_server(workdir / "actions", {**production_env, **keys})
    action_url = actions.url
    endpoints = PRODUCTION_ENDPOINTS.read_text()
    env = {**production_env, **keys, **TELEGRAM_ENV, "FIRSTCONTACT_ACTION_URL": action_url}
    # the production profile has no REST channel; these tests talk REST, so they add it
    shared_token = secrets.token_hex(16)  # replicas share one API token, as in production
    credentials = workdir / "credentials.yml"
    credentials.write_text(
        "bot.resilience.rest.GuardedRestInput:\n" + PRODUCTION_CREDENTIALS.read_text()
    )
    first, second = (
        start_assistant(
            MODEL,
            workdir / name,
            extra_env=env,
            endpoints_yml=endpoints,
            action_url=action_url,
            credentials=credentials,
            token=shared_token,
        )
        for name in ("r1", "r2")
    )
    os.environ["FIRSTCONTACT_KEY_DIR"] = keys["FIRSTCONTACT_KEY_DIR"]  # same pseudonyms here
    yield first, second
    for running in (first, second, actions):
        running.stop()
