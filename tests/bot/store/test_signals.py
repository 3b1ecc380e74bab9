"""Signal observations: stored once per message, readable, deleted with the conversation."""

from bot.store.signals import delete_conversation_signals, record_signals, signals_of


def test_record_read_and_delete(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert record_signals("a", "m1", ["MINOR", "VIOLENCE", "NOT_A_CODE"], url) == 2
    assert record_signals("a", "m1", ["MINOR"], url) == 0
    assert record_signals("b", "m9", ["LOVERBOY"], url) == 1
    assert [code for code, _, _ in signals_of("a", url)] == ["MINOR", "VIOLENCE"]
    assert delete_conversation_signals("a", url) == 2
    assert signals_of("a", url) == []
    assert [code for code, _, _ in signals_of("b", url)] == ["LOVERBOY"]
