"""Conversation ids and the encrypted chat ids behind them."""

import datetime as dt

from bot.privacy.pseudonyms import pseudonym
from bot.store.database import session_scope
from channels.telegram.chats import (
    TelegramChat,
    chat_id_for,
    conversation_id,
    forget_chat,
    purge_stale_chats,
    remember_chat,
)

CHAT = 7_300_000_003


def test_the_conversation_id_is_the_keyed_pseudonym_of_the_chat():
    assert conversation_id(CHAT) == pseudonym("telegram", str(CHAT))
    assert conversation_id(CHAT) != conversation_id(CHAT + 1)
    assert str(CHAT) not in conversation_id(CHAT)


def test_a_remembered_chat_is_found_again_and_kept_once(project_database):
    conversation = remember_chat(CHAT)
    assert remember_chat(CHAT) == conversation
    assert chat_id_for(conversation) == CHAT
    with session_scope() as session:
        rows = session.query(TelegramChat).all()
        assert len(rows) == 1 and str(CHAT) not in rows[0].encrypted_chat_id
    assert str(CHAT).encode() not in project_database.read_bytes()


def test_forgetting_removes_the_way_back_to_the_chat():
    conversation = remember_chat(CHAT)
    assert forget_chat(conversation) is True
    assert chat_id_for(conversation) is None
    assert forget_chat(conversation) is False


def test_chats_not_seen_within_the_retention_period_are_purged():
    day = dt.date(2026, 11, 1)
    old = remember_chat(CHAT, today=day)
    recent = remember_chat(CHAT + 1, today=day)
    remember_chat(CHAT + 1, today=day + dt.timedelta(days=29))
    assert purge_stale_chats(30, today=day + dt.timedelta(days=31)) == 1
    assert chat_id_for(old) is None and chat_id_for(recent) == CHAT + 1
