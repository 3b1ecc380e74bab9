import dataclasses
import datetime as dt
import sqlite3

import pytest

from bot.posters.registry import (
    MIN_CONVERSATIONS_FOR_STATISTICS,
    PosterHint,
    PosterVisit,
    create_code,
    find_code,
    hint_for,
    list_codes,
    record_visit,
    retire_code,
)
from bot.store.database import session_scope

NOTE = "Club Paradiso, staff toilet behind the bar"


def test_a_code_tells_only_region_and_language(db):
    code = create_code("rotterdam_rijnmond", "ro", database_url=db)
    hint = hint_for(code, database_url=db)
    assert (hint.region, hint.language) == ("rotterdam_rijnmond", "ro")
    assert [f.name for f in dataclasses.fields(PosterHint)] == ["code", "region", "language"]


def test_codes_are_random_and_unknown_codes_tell_nothing(db):
    codes = {create_code(None, None, database_url=db) for _ in range(20)}
    assert len(codes) == 20 and all(len(code) >= 16 for code in codes)
    assert hint_for("not-a-real-code", database_url=db) is None
    assert hint_for("", database_url=db) is None
    assert hint_for("x" * 500, database_url=db) is None


def test_codes_never_start_with_a_dash_so_the_command_line_takes_them(monkeypatch):
    from bot.posters import registry

    drawn = iter(["-Pz_9C7CXvi8mhIf", "--abc", "Pz_9C7CXvi8mhIf"])
    monkeypatch.setattr(registry.secrets, "token_urlsafe", lambda _: next(drawn))
    assert registry.new_code() == "Pz_9C7CXvi8mhIf"


def test_codes_fit_a_telegram_start_payload(db):
    code = create_code(None, None, database_url=db)
    assert len(code) <= 64 and all(c.isalnum() or c in "-_" for c in code)


def test_unsupported_language_hint_is_refused(db):
    with pytest.raises(ValueError):
        create_code("amsterdam", "de", database_url=db)


def test_unknown_region_is_refused(db):
    with pytest.raises(ValueError, match="region"):
        create_code("rotterdam", "nl", database_url=db)


def test_visits_are_counted_per_day_without_a_conversation(db):
    code = create_code("utrecht", "nl", database_url=db)
    day = dt.date(2026, 11, 27)
    record_visit(code, database_url=db, today=day)
    record_visit(code, database_url=db, today=day)
    record_visit(code, database_url=db, today=day + dt.timedelta(days=1))
    with session_scope(db) as session:
        counts = sorted((v.day, v.count) for v in session.query(PosterVisit).filter_by(code=code))
    assert counts == [(day, 2), (day + dt.timedelta(days=1), 1)]
    assert set(PosterVisit.__table__.columns.keys()) == {"id", "code", "day", "count"}


def test_made_up_codes_are_not_counted(db):
    record_visit("made-up-code-123", database_url=db)
    with session_scope(db) as session:
        assert session.query(PosterVisit).count() == 0


def test_a_retired_code_no_longer_resolves_and_is_not_counted(db):
    code = create_code("amsterdam", "bg", database_url=db)
    assert retire_code(code, database_url=db) is True
    assert hint_for(code, database_url=db) is None
    record_visit(code, database_url=db)
    with session_scope(db) as session:
        assert session.query(PosterVisit).filter_by(code=code).count() == 0
    assert find_code(code, database_url=db).retired
    assert retire_code(code, database_url=db) is False
    assert retire_code("no-such-code-here", database_url=db) is False


def test_retiring_one_code_leaves_the_others(db):
    kept, retired = (create_code("utrecht", "nl", database_url=db) for _ in range(2))
    retire_code(retired, database_url=db)
    assert hint_for(kept, database_url=db) is not None


def test_statistics_are_hidden_until_five_conversations(db):
    code = create_code("twente", "pl", database_url=db)
    first = dt.date(2026, 11, 1)
    for day in range(MIN_CONVERSATIONS_FOR_STATISTICS - 1):
        record_visit(code, database_url=db, today=first + dt.timedelta(days=day))
    assert find_code(code, database_url=db).conversations is None
    assert [p.conversations for p in list_codes(database_url=db)] == [None]
    record_visit(code, database_url=db, today=first)
    assert find_code(code, database_url=db).conversations == MIN_CONVERSATIONS_FOR_STATISTICS
    assert [p.conversations for p in list_codes(database_url=db)] == [5]


def test_the_placement_note_is_encrypted_at_rest_and_not_in_the_hint(db, tmp_path):
    code = create_code("amsterdam", "hu", database_url=db, placement_note=NOTE)
    hint = hint_for(code, database_url=db)
    assert NOTE not in repr(hint)
    stored = sqlite3.connect(tmp_path / "db.sqlite").execute(
        "SELECT placement_note FROM poster_codes"
    )
    token = stored.fetchone()[0]
    assert token and "Paradiso" not in token
    assert b"Paradiso" not in (tmp_path / "db.sqlite").read_bytes()
    assert find_code(code, database_url=db).placement_note() == NOTE


def test_a_poster_without_a_note_stores_none(db):
    code = create_code(None, None, database_url=db, placement_note="   ")
    assert find_code(code, database_url=db).placement_note() is None
