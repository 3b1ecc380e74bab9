"""Tables of the project's own database. The text of messages is never stored here."""

import datetime as dt

from sqlalchemy import Column, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class SignalObservation(Base):
    """One signal code recognised in one message of one conversation.

    `conversation` is the conversation's pseudonymous id (the Rasa sender id, which the
    channels derive with a keyed hash); `message_id` refers to the message, not its text.
    """

    __tablename__ = "signal_observations"
    __table_args__ = (UniqueConstraint("conversation", "message_id", "code"),)

    id = Column(Integer, primary_key=True)
    conversation = Column(String(128), nullable=False, index=True)
    code = Column(String(32), nullable=False)
    severity = Column(String(16), nullable=False)
    message_id = Column(String(64), nullable=False)
    observed_at = Column(DateTime, nullable=False, default=lambda: dt.datetime.utcnow())
