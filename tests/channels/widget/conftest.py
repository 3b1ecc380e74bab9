"""Keys of the tests' own: pseudonyms are computed with a throw-away key."""

import pytest

from bot.privacy.keys import LOCAL_KEY_DIR_ENV, PSEUDONYM_KEY_ENV


@pytest.fixture(autouse=True)
def throwaway_pseudonym_key(tmp_path, monkeypatch):
    monkeypatch.delenv(PSEUDONYM_KEY_ENV, raising=False)
    monkeypatch.setenv(LOCAL_KEY_DIR_ENV, str(tmp_path / "keys"))
