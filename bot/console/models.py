"""The console's own table: server-side login sessions (only a SHA-256 of each token is kept).

Failed logins are counted in memory only (bot.console.auth), never stored.
"""

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from bot.handover.models import utcnow
from bot.store.models import Base

UI_LANGUAGES = ("nl", "en")


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    worker_id = Column(Integer, ForeignKey("workers.id", ondelete="CASCADE"), nullable=False)
    ui_language = Column(String(2), nullable=False, default="nl")
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen_at = Column(DateTime, nullable=False, default=utcnow)
