"""PlaintextCache: decrypts each stored row once, never serves a text for another row, and
holds only recent conversations."""

from bot.store.plaintexts import PlaintextCache


class CountingDecrypt:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, token: str) -> str:
        self.calls += 1
        return token.upper()


def test_each_row_is_decrypted_once_while_the_conversation_is_active():
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt)
    assert cache.read("a", ["t1", "t2"]) == ["T1", "T2"]
    assert cache.read("a", ["t1", "t2", "t3"]) == ["T1", "T2", "T3"]
    assert decrypt.calls == 3


def test_rows_written_by_this_process_need_no_decryption():
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt)
    cache.remember("a", [("t1", "written one")])
    assert cache.read("a", ["t1"]) == ["written one"]
    assert decrypt.calls == 0


def test_a_row_replaced_in_the_database_is_decrypted_again():
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt)
    cache.read("a", ["t1"])
    assert cache.read("a", ["other token"]) == ["OTHER TOKEN"]
    assert decrypt.calls == 2


def test_conversations_do_not_share_texts():
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt)
    cache.remember("a", [("t1", "secret of a")])
    assert cache.read("b", ["t1"]) == ["T1"]


def test_forgetting_drops_a_conversation_at_once():
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt)
    cache.read("a", ["t1"])
    cache.forget("a")
    assert len(cache) == 0
    cache.read("a", ["t1"])
    assert decrypt.calls == 2


def test_only_the_most_recent_conversations_are_held():
    cache = PlaintextCache(CountingDecrypt(), max_conversations=2)
    for conversation in ("a", "b", "c"):
        cache.read(conversation, ["t"])
    cache.read("b", ["t"])
    assert list(cache._by_conversation) == ["c", "b"]


def test_idle_conversations_expire():
    now = [0.0]
    decrypt = CountingDecrypt()
    cache = PlaintextCache(decrypt, max_idle_seconds=60, clock=lambda: now[0])
    cache.read("a", ["t1"])
    now[0] = 61.0
    cache.read("b", ["t2"])
    assert list(cache._by_conversation) == ["b"]
    cache.read("a", ["t1"])
    assert decrypt.calls == 3
