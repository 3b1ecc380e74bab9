"""Tables of the handover: workers, shifts, handovers, notes and the audit log.

No message text is stored here: the conversation itself stays in the Rasa tracker store (and is
purged with it); notes are encrypted (bot.privacy.encryption).
"""

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.store.models import Base

ROLES = ("worker", "peer", "coordinator")
# which helper type a person asks for ("handoff" slot) each role answers
ROLE_FOR_HELPER_TYPE = {"worker": "worker", "peer": "peer"}

WAITING, CLAIMED, CLOSED, CANCELLED = "waiting", "claimed", "closed", "cancelled"
OPEN_STATUSES = (WAITING, CLAIMED)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Worker(Base):
    __tablename__ = "workers"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False)
    languages = Column(String(64), nullable=False, default="")  # comma-separated ISO 639-1 codes
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    @property
    def language_list(self) -> list:
        return [code for code in (self.languages or "").split(",") if code]


class Shift(Base):
    """A worker's planned time on the console, in UTC."""

    __tablename__ = "shifts"

    id = Column(Integer, primary_key=True)
    worker_id = Column(Integer, ForeignKey("workers.id", ondelete="CASCADE"), nullable=False)
    starts_at = Column(DateTime, nullable=False, index=True)
    ends_at = Column(DateTime, nullable=False, index=True)


class Handover(Base):
    """One request of one conversation for a human, from the request until it is closed."""

    __tablename__ = "handovers"

    id = Column(Integer, primary_key=True)
    conversation = Column(String(128), nullable=False, index=True)  # pseudonymous sender id
    channel = Column(String(32), nullable=True)
    language = Column(String(8), nullable=True)
    helper_type = Column(String(16), nullable=True)  # worker | peer | None (anyone: acute)
    severity = Column(String(16), nullable=True)  # acute | high | concern | None
    severity_rank = Column(Integer, nullable=False, default=3)  # 0 most urgent
    signal_codes = Column(String(255), nullable=False, default="")
    region = Column(String(64), nullable=True)
    legal_basis = Column(String(16), nullable=False, default="consent")  # or vital_interest
    out_of_hours = Column(Boolean, nullable=False, default=False)
    status = Column(String(16), nullable=False, default=WAITING, index=True)
    requested_at = Column(DateTime, nullable=False, default=utcnow)
    claimed_at = Column(DateTime, nullable=True)
    claimed_by = Column(Integer, ForeignKey("workers.id"), nullable=True)
    closed_at = Column(DateTime, nullable=True)
    outcome = Column(String(32), nullable=True)

    @property
    def codes(self) -> list:
        return [code for code in (self.signal_codes or "").split(",") if code]


class HandoverNote(Base):
    __tablename__ = "handover_notes"

    id = Column(Integer, primary_key=True)
    handover_id = Column(Integer, ForeignKey("handovers.id", ondelete="CASCADE"), nullable=False)
    author_id = Column(Integer, ForeignKey("workers.id"), nullable=False)
    text_encrypted = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    """Who read or wrote what, when. Never the content itself."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor_id = Column(Integer, ForeignKey("workers.id"), nullable=True)
    action = Column(String(48), nullable=False)
    conversation = Column(String(128), nullable=True, index=True)
    detail = Column(String(255), nullable=True)
