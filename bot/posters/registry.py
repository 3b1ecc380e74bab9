"""Poster codes and what a code tells the assistant: the region and a language hint.

Where a poster hangs is a note only the coordinator sees (encrypted); the conversation learns
nothing else. Visits are counted per poster and day, never linked to a conversation, and a
poster's count is shown only once it is large enough not to point at anyone.
"""

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import List, Optional

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, UniqueConstraint, func

from bot.languages import SUPPORTED_LANGUAGES
from bot.privacy.encryption import decrypt, encrypt
from bot.store.database import session_scope
from bot.store.models import Base

CODE_BYTES = 12  # 96 random bits: not guessable, short enough for a QR code and a /start payload
# Below this many conversations a poster's count could point at the few people who used it.
MIN_CONVERSATIONS_FOR_STATISTICS = 5


class PosterCode(Base):
    __tablename__ = "poster_codes"

    code = Column(String(32), primary_key=True)
    region = Column(String(64), nullable=True)
    language = Column(String(8), nullable=True)
    placement_note = Column(Text, nullable=True)  # encrypted; coordinator's eyes only
    created_at = Column(DateTime, nullable=False, default=lambda: dt.datetime.utcnow())
    retired_at = Column(DateTime, nullable=True)  # a retired code no longer resolves


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


@dataclass(frozen=True)
class PosterSummary:
    """What the coordinator's list shows of one poster."""

    code: str
    region: Optional[str]
    language: Optional[str]
    created_at: dt.datetime
    retired_at: Optional[dt.datetime]
    encrypted_note: Optional[str]
    conversations: Optional[int]  # None while fewer than MIN_CONVERSATIONS_FOR_STATISTICS

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def placement_note(self) -> Optional[str]:
        """The decrypted note; call only where the coordinator asked to see notes."""
        return decrypt(self.encrypted_note) if self.encrypted_note else None


def new_code() -> str:
    """A random URL-safe code that does not start with "-" (a command line would read it as an
    option: `python -m bot.posters retire -Pz...`)."""
    while True:
        code = secrets.token_urlsafe(CODE_BYTES)
        if not code.startswith("-"):
            return code


def known_regions() -> frozenset:
    from bot.knowledge.directory import default_directory

    return frozenset(default_directory().regions)


def create_code(
    region: Optional[str],
    language: Optional[str],
    database_url: str = "",
    placement_note: Optional[str] = None,
) -> str:
    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language hint {language!r}")
    if region is not None and region not in known_regions():
        raise ValueError(f"unknown region {region!r} (ids are in bot/knowledge/data/regions.yml)")
    note = placement_note.strip() if placement_note else ""
    code = new_code()
    with session_scope(database_url) as session:
        session.add(
            PosterCode(
                code=code,
                region=region,
                language=language,
                placement_note=encrypt(note) if note else None,
            )
        )
    return code


def _plausible(code: object) -> bool:
    return isinstance(code, str) and 8 <= len(code) <= 32


def hint_for(code: str, database_url: str = "") -> Optional[PosterHint]:
    """The region and language hint of a poster code, or None for an unknown, retired or
    malformed code."""
    if not _plausible(code):
        return None
    with session_scope(database_url) as session:
        row = session.get(PosterCode, code)
        if row is None or row.retired_at is not None:
            return None
        return PosterHint(code=row.code, region=row.region, language=row.language)


def record_visit(code: str, database_url: str = "", today: Optional[dt.date] = None) -> None:
    """Count a conversation that came through a poster; unknown and retired codes count nothing,
    so made-up codes cannot fill the table."""
    if hint_for(code, database_url) is None:
        return
    day = today or dt.date.today()
    with session_scope(database_url) as session:
        visit = session.query(PosterVisit).filter_by(code=code, day=day).one_or_none()
        if visit is None:
            session.add(PosterVisit(code=code, day=day, count=1))
        else:
            visit.count += 1


def retire_code(code: str, database_url: str = "") -> bool:
    """Retire a code so it no longer resolves; False when there is no such active code."""
    if not _plausible(code):
        return False
    with session_scope(database_url) as session:
        row = session.get(PosterCode, code)
        if row is None or row.retired_at is not None:
            return False
        row.retired_at = dt.datetime.utcnow()
        return True


def find_code(code: str, database_url: str = "") -> Optional[PosterSummary]:
    """One poster as the coordinator sees it (retired ones too), or None."""
    if not _plausible(code):
        return None
    with session_scope(database_url) as session:
        row = session.get(PosterCode, code)
        if row is None:
            return None
        total = session.query(func.sum(PosterVisit.count)).filter_by(code=code).scalar()
        return _summary(row, int(total or 0))


def list_codes(database_url: str = "") -> List[PosterSummary]:
    """Every poster, oldest first, with a conversation count only where it is safe to show."""
    with session_scope(database_url) as session:
        totals = dict(
            session.query(PosterVisit.code, func.sum(PosterVisit.count)).group_by(PosterVisit.code)
        )
        rows = session.query(PosterCode).order_by(PosterCode.created_at, PosterCode.code).all()
        return [_summary(row, int(totals.get(row.code) or 0)) for row in rows]


def _summary(row: PosterCode, total_conversations: int) -> PosterSummary:
    shown = total_conversations >= MIN_CONVERSATIONS_FOR_STATISTICS
    return PosterSummary(
        code=row.code,
        region=row.region,
        language=row.language,
        created_at=row.created_at,
        retired_at=row.retired_at,
        encrypted_note=row.placement_note,
        conversations=total_conversations if shown else None,
    )
