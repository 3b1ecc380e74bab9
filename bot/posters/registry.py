"""Poster codes and what a code tells the assistant: the region and a language hint.

Where a poster hangs is a note only the coordinator sees (encrypted); the conversation learns
nothing else. Visits are counted per poster and day, never linked to a conversation.
"""

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, UniqueConstraint

from bot.languages import SUPPORTED_LANGUAGES
from bot.store.database import session_scope
from bot.store.models import Base

CODE_BYTES = 12  # 96 random bits: not guessable, short enough for a QR code and a /start payload


class PosterCode(Base):
    __tablename__ = "poster_codes"

    code = Column(String(32), primary_key=True)
    region = Column(String(64), nullable=True)
    language = Column(String(8), nullable=True)
    placement_note = Column(Text, nullable=True)  # encrypted; coordinator's eyes only
    created_at = Column(DateTime, nullable=False, default=lambda: dt.datetime.utcnow())


class PosterVisit(Base):
    """How many conversations came through a poster on a day; no link to any conversation."""

    __tablename__ = "poster_visits"
    __table_args__ = (UniqueConstraint("code", "day"),)

    id = Column(Integer, primary_key=True)
    code = Column(String(32), nullable=False, index=True)
    day = Column(Date, nullable=False)
    count = Column(Integer, nullable=False, default=0)


@dataclass(frozen=True)
class PosterHint:
    code: str
    region: Optional[str]
    language: Optional[str]


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def create_code(region: Optional[str], language: Optional[str], database_url: str = "") -> str:
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language hint {language!r}")
    code = new_code()
    with session_scope(database_url) as session:
        session.add(PosterCode(code=code, region=region, language=language))
    return code


def hint_for(code: str, database_url: str = "") -> Optional[PosterHint]:
    """The region and language hint of a poster code, or None for an unknown or malformed code."""
    if not isinstance(code, str) or not 8 <= len(code) <= 32:
        return None
    with session_scope(database_url) as session:
        row = session.get(PosterCode, code)
        if row is None:
            return None
        return PosterHint(code=row.code, region=row.region, language=row.language)


def record_visit(code: str, database_url: str = "", today: Optional[dt.date] = None) -> None:
    day = today or dt.date.today()
    with session_scope(database_url) as session:
        visit = session.query(PosterVisit).filter_by(code=code, day=day).one_or_none()
        if visit is None:
            session.add(PosterVisit(code=code, day=day, count=1))
        else:
            visit.count += 1
