"""The two secrets of a deployment: the pseudonym key and the encryption keys.

Production sets them in the environment. The local profile (`make run`, tests) creates them once
under `var/` (mode 0600), so a developer never has to, and they never enter the repository.

- `FIRSTCONTACT_PSEUDONYM_KEY`: key of the keyed hash from channel ids to conversation ids.
- `FIRSTCONTACT_ENCRYPTION_KEYS`: comma-separated Fernet keys; the first encrypts, all decrypt.
  Rotation: put a new key (`python -m bot.privacy.encryption new-key`) first, re-encrypt stored
  values with `bot.privacy.encryption.rotate`, then drop the old key.
"""

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import List

from cryptography.fernet import Fernet

PSEUDONYM_KEY_ENV = "FIRSTCONTACT_PSEUDONYM_KEY"
ENCRYPTION_KEYS_ENV = "FIRSTCONTACT_ENCRYPTION_KEYS"
LOCAL_KEY_DIR_ENV = "FIRSTCONTACT_KEY_DIR"
DEFAULT_LOCAL_KEY_DIR = "var/keys"


def _local_key_file(name: str, create) -> str:
    directory = Path(os.environ.get(LOCAL_KEY_DIR_ENV, DEFAULT_LOCAL_KEY_DIR))
    path = directory / name
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process (the action server) created it just now
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(create())
    stat = path.stat()
    return _read_key_file(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_key_file(path: str, _modified_ns: int, _size: int) -> str:
    """Read once per version of the file: keys are needed for every stored event."""
    return Path(path).read_text().strip()


def pseudonym_key() -> bytes:
    value = os.environ.get(PSEUDONYM_KEY_ENV) or _local_key_file(
        "pseudonym.key", lambda: secrets.token_urlsafe(32)
    )
    return value.encode()


def encryption_keys() -> List[bytes]:
    value = os.environ.get(ENCRYPTION_KEYS_ENV) or _local_key_file(
        "encryption.keys", lambda: Fernet.generate_key().decode()
    )
    keys = [key.strip().encode() for key in value.split(",") if key.strip()]
    if not keys:
        raise ValueError(f"{ENCRYPTION_KEYS_ENV} holds no key")
    return keys
