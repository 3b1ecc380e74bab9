import datetime as dt

import pytest

from bot.posters.registry import PosterVisit, create_code, hint_for, record_visit
from bot.store.database import session_scope


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'db.sqlite'}"


def test_a_code_tells_only_region_and_language(db):
    code = create_code("rotterdam", "ro", database_url=db)
    hint = hint_for(code, database_url=db)
    assert (hint.region, hint.language) == ("rotterdam", "ro")


def test_codes_are_random_and_unknown_codes_tell_nothing(db):
    codes = {create_code(None, None, database_url=db) for _ in range(20)}
    assert len(codes) == 20 and all(len(code) >= 16 for code in codes)
    assert hint_for("not-a-real-code", database_url=db) is None
    assert hint_for("", database_url=db) is None
    assert hint_for("x" * 500, database_url=db) is None


def test_unsupported_language_hint_is_refused(db):
    with pytest.raises(ValueError):
        create_code("amsterdam", "de", database_url=db)


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
