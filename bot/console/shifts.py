"""Shifts as the console shows and takes them: local Dutch time on screen, naive UTC stored."""

import datetime as dt
from dataclasses import dataclass
from typing import List, Mapping, Optional, Tuple

from sqlalchemy.orm import Session

from bot.handover import queue
from bot.handover.models import Shift, Worker, utcnow
from bot.handover.when import LOCAL_TIME

MAX_SHIFT_HOURS = 24
INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">


@dataclass(frozen=True)
class ShiftRow:
    id: int
    worker: Optional[str]
    starts: str
    ends: str
    now: bool


def to_utc(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=LOCAL_TIME).astimezone(dt.timezone.utc).replace(tzinfo=None)


def to_local_text(utc: dt.datetime) -> str:
    return utc.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")


def parse_form(form: Mapping) -> Tuple[dt.datetime, dt.datetime]:
    """Start and end (local time in the form) as UTC; ValueError when they make no shift."""
    starts = to_utc(dt.datetime.strptime(form.get("starts_at") or "", INPUT_FORMAT))
    ends = to_utc(dt.datetime.strptime(form.get("ends_at") or "", INPUT_FORMAT))
    if not starts < ends <= starts + dt.timedelta(hours=MAX_SHIFT_HOURS):
        raise ValueError("a shift ends after it starts, within a day")
    if ends <= utcnow():
        raise ValueError("a shift in the past")
    return starts, ends


def upcoming(session: Session, worker_id: Optional[int] = None) -> List[Shift]:
    """Shifts that have not ended, soonest first; one worker's or everyone's."""
    query = session.query(Shift).filter(Shift.ends_at > utcnow())
    if worker_id is not None:
        query = query.filter(Shift.worker_id == worker_id)
    return query.order_by(Shift.starts_at, Shift.id).all()


def as_row(shift: Shift, worker: Optional[Worker]) -> ShiftRow:
    now = utcnow()
    return ShiftRow(
        shift.id,
        worker.username if worker else None,
        to_local_text(shift.starts_at),
        to_local_text(shift.ends_at),
        shift.starts_at <= now < shift.ends_at,
    )


def add(
    session: Session, worker_id: int, starts: dt.datetime, ends: dt.datetime, actor_id: int
) -> Shift:
    shift = Shift(worker_id=worker_id, starts_at=starts, ends_at=ends)
    session.add(shift)
    session.flush()
    queue.record(session, actor_id, "add_shift", None, f"shift {shift.id} of worker {worker_id}")
    return shift


def delete(session: Session, shift: Shift, actor_id: int) -> None:
    queue.record(
        session, actor_id, "delete_shift", None, f"shift {shift.id} of worker {shift.worker_id}"
    )
    session.delete(shift)
