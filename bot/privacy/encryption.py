"""Encryption at rest for what must be kept readable later (chat ids, notes, transcripts).

Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, with MultiFernet for key rotation.
"""

import argparse
from functools import lru_cache
from typing import Tuple

from cryptography.fernet import Fernet, MultiFernet

from bot.privacy.keys import encryption_keys


@lru_cache(maxsize=1)
def _cipher_for(keys: Tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _cipher() -> MultiFernet:
    return _cipher_for(tuple(encryption_keys()))


def encrypt(plaintext: str) -> str:
    return _cipher().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _cipher().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """Re-encrypt a token with the current (first) key."""
    return _cipher().rotate(token.encode()).decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["new-key"])
    args = parser.parse_args()
    if args.command == "new-key":
        print(Fernet.generate_key().decode())


if __name__ == "__main__":
    main()
