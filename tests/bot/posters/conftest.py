import pytest

from bot.privacy.keys import ENCRYPTION_KEYS_ENV, LOCAL_KEY_DIR_ENV


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'db.sqlite'}"


@pytest.fixture(autouse=True)
def local_keys(tmp_path, monkeypatch):
    """Encryption keys of this test only, never the developer's var/keys."""
    monkeypatch.delenv(ENCRYPTION_KEYS_ENV, raising=False)
    monkeypatch.setenv(LOCAL_KEY_DIR_ENV, str(tmp_path / "keys"))
    return tmp_path / "keys"
