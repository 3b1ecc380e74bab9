"""Real PostgreSQL and Redis servers (marker `scale`), started by `make test-scale`
(scripts/services.sh), which `make test` and `.ci/run` include."""

import os
from urllib.parse import urlparse

import pytest

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
