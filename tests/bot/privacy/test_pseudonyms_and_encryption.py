import pytest
from cryptography.fernet import Fernet, InvalidToken

from bot.privacy import encryption
from bot.privacy.keys import ENCRYPTION_KEYS_ENV, LOCAL_KEY_DIR_ENV, PSEUDONYM_KEY_ENV
from bot.privacy.pseudonyms import pseudonym


@pytest.fixture(autouse=True)
def local_keys(tmp_path, monkeypatch):
    monkeypatch.delenv(PSEUDONYM_KEY_ENV, raising=False)
    monkeypatch.delenv(ENCRYPTION_KEYS_ENV, raising=False)
    monkeypatch.setenv(LOCAL_KEY_DIR_ENV, str(tmp_path / "keys"))
    return tmp_path / "keys"


def test_pseudonym_is_stable_and_does_not_contain_the_id():
    first = pseudonym("telegram", "123456789")
    assert first == pseudonym("telegram", "123456789")
    assert first.startswith("telegram-") and "123456789" not in first
    assert pseudonym("telegram", "123456780") != first
    assert pseudonym("widget", "123456789") != first


def test_pseudonym_depends_on_the_key(monkeypatch):
    local = pseudonym("telegram", "42")
    monkeypatch.setenv(PSEUDONYM_KEY_ENV, "another key")
    assert pseudonym("telegram", "42") != local


def test_local_keys_are_created_private(local_keys):
    pseudonym("telegram", "1")
    encryption.encrypt("x")
    for name in ("pseudonym.key", "encryption.keys"):
        assert (local_keys / name).stat().st_mode & 0o777 == 0o600


def test_encryption_round_trip_hides_the_text():
    token = encryption.encrypt("chat 987654321")
    assert "987654321" not in token
    assert encryption.decrypt(token) == "chat 987654321"


def test_rotation_keeps_old_values_readable(monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(ENCRYPTION_KEYS_ENV, old)
    token = encryption.encrypt("note")
    monkeypatch.setenv(ENCRYPTION_KEYS_ENV, f"{new},{old}")
    assert encryption.decrypt(token) == "note"
    rotated = encryption.rotate(token)
    monkeypatch.setenv(ENCRYPTION_KEYS_ENV, new)
    assert encryption.decrypt(rotated) == "note"
    with pytest.raises(InvalidToken):
        encryption.decrypt(token)


def test_a_rewritten_local_key_file_is_read_again(local_keys):
    first = encryption.encrypt("hello")
    path = local_keys / "encryption.keys"
    new_key = Fernet.generate_key().decode()
    path.write_text(f"{new_key},{path.read_text().strip()}")  # rotation: a new key first
    token = encryption.encrypt("hello")
    assert Fernet(new_key.encode()).decrypt(token.encode()) == b"hello"
    assert encryption.decrypt(first) == "hello"
