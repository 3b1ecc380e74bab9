"""Decrypted event data of the conversations active just now, so that loading a tracker for
each message does not decrypt its whole history again.

Entries are keyed by a digest of the stored token itself (a Fernet token carries a random IV),
so a cached text can only ever stand for exactly that stored row: rows deleted or rewritten
elsewhere (retention, another replica) are simply not asked for again. Holding plaintext in
memory is what serving the conversation does anyway; it is bounded here by conversation count
and idle time, and a forgotten conversation is dropped at once.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Callable, Dict, Iterable, List, Tuple

Digest = bytes


def digest(token: str) -> Digest:
    return hashlib.blake2b(token.encode(), digest_size=16).digest()


class PlaintextCache:
    def __init__(
        self,
        decrypt: Callable[[str], str],
        max_conversations: int = 500,
        max_idle_seconds: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._decrypt = decrypt
        self._max_conversations = max_conversations
        self._max_idle_seconds = max_idle_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._by_conversation: OrderedDict[str, Tuple[float, Dict[Digest, str]]] = OrderedDict()

    def read(self, conversation: str, tokens: Iterable[str]) -> List[str]:
        """The plaintexts of these stored tokens, in order; only these are kept afterwards."""
        with self._lock:
            known = self._take(conversation)
        current: Dict[Digest, str] = {}
        texts = []
        for token in tokens:
            key = digest(token)
            text = known.get(key)
            if text is None:
                text = self._decrypt(token)
            current[key] = text
            texts.append(text)
        with self._lock:
            self._put(conversation, current)
        return texts

    def remember(self, conversation: str, written: Iterable[Tuple[str, str]]) -> None:
        """(token, plaintext) pairs just stored for this conversation."""
        with self._lock:
            known = self._take(conversation)
            known.update((digest(token), text) for token, text in written)
            self._put(conversation, known)

    def forget(self, conversation: str) -> None:
        with self._lock:
            self._by_conversation.pop(conversation, None)

    def __len__(self) -> int:
        return len(self._by_conversation)

    def _take(self, conversation: str) -> Dict[Digest, str]:
        entry = self._by_conversation.pop(conversation, None)
        if entry is None or self._clock() - entry[0] > self._max_idle_seconds:
            return {}
        return entry[1]

    def _put(self, conversation: str, texts: Dict[Digest, str]) -> None:
        now = self._clock()
        self._by_conversation[conversation] = (now, texts)
        while self._by_conversation:
            oldest, (used, _) = next(iter(self._by_conversation.items()))
            if len(self._by_conversation) <= self._max_conversations and (
                now - used <= self._max_idle_seconds
            ):
                break
            del self._by_conversation[oldest]
