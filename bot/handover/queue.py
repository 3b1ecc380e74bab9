"""The handover queue: who is on shift, honest waiting estimates, requests, claims and closing.

Every function takes an open SQLAlchemy session (bot.store.database.session_scope), so a caller
can combine several steps in one transaction. Times are naive UTC.
"""

import datetime as dt
import math
import os
from dataclasses import dataclass
from typing import Iterable, List, Optional

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from bot.handover.models import (
    CANCELLED,
    CLAIMED,
    CLOSED,
    OPEN_STATUSES,
    ROLE_FOR_HELPER_TYPE,
    WAITING,
    AuditEntry,
    Handover,
    HandoverNote,
    Shift,
    Worker,
    utcnow,
)
from bot.signals.vocabulary import SEVERITIES, by_severity, vocabulary

MINUTES_PER_CONVERSATION_ENV = "FIRSTCONTACT_MINUTES_PER_HANDOVER"
DEFAULT_MINUTES_PER_CONVERSATION = 15
FIRST_PICKUP_MINUTES = 5
NO_SEVERITY_RANK = len(SEVERITIES)


@dataclass(frozen=True)
class Availability:
    on_shift: int  # workers of the asked type on shift now
    speaks_language: bool  # at least one of them speaks the person's language
    estimated_wait_minutes: Optional[int]  # None when nobody is on shift
    next_shift_start: Optional[dt.datetime]  # when nobody is on shift: the next planned start


def minutes_per_conversation() -> int:
    return int(os.environ.get(MINUTES_PER_CONVERSATION_ENV, DEFAULT_MINUTES_PER_CONVERSATION))


def roles_for(helper_type: Optional[str]) -> List[str]:
    """Roles that answer a helper type; anyone who takes conversations when it is not given."""
    if helper_type in ROLE_FOR_HELPER_TYPE:
        return [ROLE_FOR_HELPER_TYPE[helper_type]]
    return sorted(set(ROLE_FOR_HELPER_TYPE.values()))


def workers_on_shift(
    session: Session, helper_type: Optional[str], now: dt.datetime
) -> List[Worker]:
    query = (
        session.query(Worker)
        .join(Shift, Shift.worker_id == Worker.id)
        .filter(Worker.active.is_(True), Worker.role.in_(roles_for(helper_type)))
        .filter(Shift.starts_at <= now, Shift.ends_at > now)
    )
    return list({worker.id: worker for worker in query}.values())


def next_shift_start(
    session: Session, helper_type: Optional[str], now: dt.datetime
) -> Optional[dt.datetime]:
    row = (
        session.query(Shift.starts_at)
        .join(Worker, Shift.worker_id == Worker.id)
        .filter(Worker.active.is_(True), Worker.role.in_(roles_for(helper_type)))
        .filter(Shift.starts_at > now)
        .order_by(Shift.starts_at)
        .first()
    )
    return row[0] if row else None


def waiting_ahead(session: Session, helper_type: Optional[str], severity_rank: int) -> int:
    """Open requests of the same helper type that would be answered before a new one."""
    return (
        session.query(Handover)
        .filter(Handover.status == WAITING, Handover.severity_rank <= severity_rank)
        .filter(or_(Handover.helper_type == helper_type, Handover.helper_type.is_(None)))
        .count()
    )


def availability(
    session: Session,
    helper_type: Optional[str],
    language: Optional[str],
    now: Optional[dt.datetime] = None,
    severity_rank: int = NO_SEVERITY_RANK,
) -> Availability:
    now = now or utcnow()
    on_shift = workers_on_shift(session, helper_type, now)
    if not on_shift:
        return Availability(0, False, None, next_shift_start(session, helper_type, now))
    speaks = any(language in worker.language_list for worker in on_shift)
    ahead = waiting_ahead(session, helper_type, severity_rank)
    rounds = math.floor(ahead / len(on_shift))
    wait = FIRST_PICKUP_MINUTES + rounds * minutes_per_conversation()
    return Availability(len(on_shift), speaks, wait, None)


def severity_of(codes: Iterable[str]) -> Optional[str]:
    ordered = by_severity(codes)
    return vocabulary()[ordered[0]].severity if ordered else None


def open_handover(session: Session, conversation: str) -> Optional[Handover]:
    return (
        session.query(Handover)
        .filter(Handover.conversation == conversation, Handover.status.in_(OPEN_STATUSES))
        .order_by(Handover.id.desc())
        .first()
    )


def request_handover(
    session: Session,
    conversation: str,
    *,
    channel: Optional[str],
    language: Optional[str],
    helper_type: Optional[str],
    signal_codes: Iterable[str] = (),
    region: Optional[str] = None,
    out_of_hours: bool = False,
    legal_basis: str = "consent",
    now: Optional[dt.datetime] = None,
) -> Handover:
    """Put a conversation in the queue, or update its open request (never two per conversation)."""
    codes = by_severity(signal_codes)
    severity = severity_of(codes)
    rank = SEVERITIES.index(severity) if severity else NO_SEVERITY_RANK
    handover = open_handover(session, conversation)
    if handover is None:
        handover = Handover(conversation=conversation, requested_at=now or utcnow())
        session.add(handover)
    handover.channel = channel
    handover.language = language
    handover.helper_type = helper_type if helper_type in ROLE_FOR_HELPER_TYPE else None
    handover.signal_codes = ",".join(codes)
    handover.severity = severity
    handover.severity_rank = min(rank, handover.severity_rank if handover.id else rank)
    handover.region = region
    handover.out_of_hours = out_of_hours
    handover.legal_basis = legal_basis
    session.flush()
    return handover


def waiting_queue(session: Session, worker: Optional[Worker] = None) -> List[Handover]:
    """Waiting requests, most severe first, then longest waiting; a worker sees their type."""
    query = session.query(Handover).filter(Handover.status == WAITING)
    if worker is not None and worker.role in ROLE_FOR_HELPER_TYPE.values():
        query = query.filter(
            or_(Handover.helper_type == worker.role, Handover.helper_type.is_(None))
        )
    return query.order_by(Handover.severity_rank, Handover.requested_at, Handover.id).all()


def claim(session: Session, handover_id: int, worker: Worker, now: Optional[dt.datetime] = None):
    """Atomically take a waiting request; False when someone else was first (or it is gone)."""
    result = session.execute(
        update(Handover)
        .where(and_(Handover.id == handover_id, Handover.status == WAITING))
        .values(status=CLAIMED, claimed_by=worker.id, claimed_at=now or utcnow())
        .execution_options(synchronize_session="fetch")
    )
    claimed = result.rowcount == 1
    if claimed:
        record(session, worker.id, "claim", _conversation_of(session, handover_id))
    return claimed


def close(
    session: Session,
    handover_id: int,
    worker: Optional[Worker],
    outcome: str,
    now: Optional[dt.datetime] = None,
) -> Optional[Handover]:
    handover = session.get(Handover, handover_id)
    if handover is None or handover.status not in OPEN_STATUSES:
        return None
    handover.status = CLOSED
    handover.closed_at = now or utcnow()
    handover.outcome = outcome
    record(session, worker.id if worker else None, "close", handover.conversation, outcome)
    return handover


def cancel_by_person(session: Session, conversation: str) -> Optional[Handover]:
    """The person said stop: a waiting request is withdrawn, a live one is closed."""
    handover = open_handover(session, conversation)
    if handover is None:
        return None
    was_claimed = handover.status == CLAIMED
    handover.status = CLOSED if was_claimed else CANCELLED
    handover.closed_at = utcnow()
    handover.outcome = "ended_by_person" if was_claimed else "withdrawn_by_person"
    record(session, None, "person_stopped", conversation)
    return handover


def record(
    session: Session,
    actor_id: Optional[int],
    action: str,
    conversation: Optional[str],
    detail: Optional[str] = None,
) -> None:
    session.add(
        AuditEntry(actor_id=actor_id, action=action, conversation=conversation, detail=detail)
    )


def delete_conversation(session: Session, conversation: str) -> int:
    """Forget me: the conversation's handovers and their notes go; the audit keeps no text."""
    handovers = session.query(Handover).filter(Handover.conversation == conversation).all()
    for handover in handovers:
        session.query(HandoverNote).filter(HandoverNote.handover_id == handover.id).delete()
        session.delete(handover)
    session.query(AuditEntry).filter(AuditEntry.conversation == conversation).update(
        {AuditEntry.conversation: None}, synchronize_session=False
    )
    return len(handovers)


def _conversation_of(session: Session, handover_id: int) -> Optional[str]:
    handover = session.get(Handover, handover_id)
    return handover.conversation if handover else None


def release(session: Session, handover_id: int, worker: Worker) -> bool:
    """Put a claimed request back in the queue (its claim could not reach the person)."""
    result = session.execute(
        update(Handover)
        .where(
            and_(
                Handover.id == handover_id,
                Handover.status == CLAIMED,
                Handover.claimed_by == worker.id,
            )
        )
        .values(status=WAITING, claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session="fetch")
    )
    released = result.rowcount == 1
    if released:
        record(session, worker.id, "release", _conversation_of(session, handover_id))
    return released


def claimed_by(session: Session, worker: Worker) -> List[Handover]:
    """The conversations a worker has taken and not yet closed, oldest claim first."""
    return (
        session.query(Handover)
        .filter(Handover.status == CLAIMED, Handover.claimed_by == worker.id)
        .order_by(Handover.claimed_at, Handover.id)
        .all()
    )
