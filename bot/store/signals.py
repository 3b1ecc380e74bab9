"""Record, read and delete signal observations (the one table the console and statistics read)."""

import datetime as dt
from typing import Iterable, List, Tuple

from sqlalchemy import select

from bot.signals.vocabulary import vocabulary
from bot.store.database import session_scope
from bot.store.models import SignalObservation


def record_signals(conversation: str, message_id: str, codes: Iterable[str], url: str = "") -> int:
    """Store each known code once per message; returns how many were new."""
    known = vocabulary()
    added = 0
    with session_scope(url) as session:
        for code in dict.fromkeys(codes):
            if code not in known:
                continue
            exists = session.execute(
                select(SignalObservation.id).where(
                    SignalObservation.conversation == conversation,
                    SignalObservation.message_id == message_id,
                    SignalObservation.code == code,
                )
            ).first()
            if exists:
                continue
            session.add(
                SignalObservation(
                    conversation=conversation,
                    code=code,
                    severity=known[code].severity,
                    message_id=message_id,
                    observed_at=dt.datetime.utcnow(),
                )
            )
            added += 1
    return added


def signals_of(conversation: str, url: str = "") -> List[Tuple[str, str, dt.datetime]]:
    """(code, message_id, time) of a conversation, oldest first."""
    with session_scope(url) as session:
        rows = session.execute(
            select(
                SignalObservation.code, SignalObservation.message_id, SignalObservation.observed_at
            )
            .where(SignalObservation.conversation == conversation)
            .order_by(SignalObservation.observed_at, SignalObservation.id)
        ).all()
    return [tuple(row) for row in rows]


def delete_conversation_signals(conversation: str, url: str = "") -> int:
    with session_scope(url) as session:
        return (
            session.query(SignalObservation)
            .filter(SignalObservation.conversation == conversation)
            .delete(synchronize_session=False)
        )
