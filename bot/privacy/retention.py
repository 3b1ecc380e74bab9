"""Purge conversations whose last message is older than the retention period (default 30 days).

Deletes every tracker event of such a conversation, its signal records, its handovers (with
their notes) and its Telegram chat mapping. `make run`
schedules it every hour; run it by hand with `python -m bot.privacy.retention --days 30`.
"""

import argparse
import datetime as dt
import logging
import os
import time
from typing import List, Optional, Set

from sqlalchemy import bindparam, create_engine, text

from bot.handover.models import AuditEntry, Handover
from bot.handover.queue import delete_conversation as delete_conversation_handovers
from bot.store import sqlite
from bot.store.database import session_scope
from bot.store.models import SignalObservation
from bot.store.signals import delete_conversation_signals
from channels.telegram.chats import forget_chat, purge_stale_chats

RETENTION_DAYS_ENV = "FIRSTCONTACT_RETENTION_DAYS"
HANDOVER_RETENTION_DAYS_ENV = "FIRSTCONTACT_HANDOVER_RETENTION_DAYS"
EVENTS_DB_URL_ENV = "FIRSTCONTACT_EVENTS_DATABASE_URL"
AUDIT_RETENTION_DAYS_ENV = "FIRSTCONTACT_AUDIT_RETENTION_DAYS"
DEFAULT_AUDIT_RETENTION_DAYS = 365  # long enough to answer a complaint; no content is in it
DEFAULT_RETENTION_DAYS = 30
DEFAULT_TRACKER_DB_URL = "sqlite:///var/rasa.db"

logger = logging.getLogger(__name__)


def expired_conversations(tracker_db_url: str, days: float, now: float) -> List[str]:
    """Conversations whose newest tracker event is older than `days`."""
    cutoff = now - days * 86400
    engine = sqlite.tune(create_engine(tracker_db_url, future=True))  # secure_delete: overwritten
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return []
        rows = connection.execute(
            text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cut"),
            {"cut": cutoff},
        )
        return [row[0] for row in rows]


def delete_events(db_url: str, senders: set) -> None:
    engine = sqlite.tune(create_engine(db_url, future=True))  # secure_delete: overwritten
    with engine.begin() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return
        for sender in senders:
            connection.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})


def orphaned_conversations(
    tracker_db_url: str, database_url: str, days: float, now: float
) -> Set[str]:
    """Conversations with signals or handovers older than `days` but no tracker events left."""
    cutoff = dt.datetime.utcfromtimestamp(now - days * 86400)
    with session_scope(database_url) as session:
        candidates = {
            row[0]
            for row in session.query(SignalObservation.conversation).filter(
                SignalObservation.observed_at < cutoff
            )
        } | {
            row[0]
            for row in session.query(Handover.conversation).filter(Handover.requested_at < cutoff)
        }
    if not candidates:
        return set()
    engine = sqlite.tune(create_engine(tracker_db_url, future=True))  # secure_delete: overwritten
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return candidates
        alive = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT DISTINCT sender_id FROM events WHERE sender_id IN :senders"
                ).bindparams(bindparam("senders", expanding=True)),
                {"senders": sorted(candidates)},
            )
        }
    return candidates - alive


def audit_retention_days() -> float:
    return float(os.environ.get(AUDIT_RETENTION_DAYS_ENV, DEFAULT_AUDIT_RETENTION_DAYS))


def purge_audit_log(database_url: str, days: float, now: float) -> int:
    cutoff = dt.datetime.utcfromtimestamp(now - days * 86400)
    with session_scope(database_url) as session:
        return session.query(AuditEntry).filter(AuditEntry.at < cutoff).delete()


def handover_retention_days(default: float) -> float:
    return float(os.environ.get(HANDOVER_RETENTION_DAYS_ENV, default))


def purge(
    tracker_db_url: str,
    database_url: str = "",
    days: float = DEFAULT_RETENTION_DAYS,
    now=None,
    handover_days: Optional[float] = None,
    events_db_url: str = "",
) -> int:
    """Delete the expired conversations and all that belongs to them; returns how many.

    A conversation that was handed to a person is kept for `handover_days` instead (the
    organisation's setting, FIRSTCONTACT_HANDOVER_RETENTION_DAYS; by default the same period).
    """
    now = time.time() if now is None else now
    handover_days = handover_retention_days(days) if handover_days is None else handover_days
    expired = set(expired_conversations(tracker_db_url, days, now))
    with session_scope(database_url) as session:
        handed_over = {
            row[0]
            for row in session.query(Handover.conversation).filter(
                Handover.conversation.in_(expired)
            )
        }
    if handed_over:
        still_kept = handed_over - set(expired_conversations(tracker_db_url, handover_days, now))
        expired -= still_kept
    for url in filter(None, (tracker_db_url, events_db_url)):  # the event broker keeps a copy
        delete_events(url, expired)
    for sender in expired:
        delete_conversation_signals(sender, database_url)
        with session_scope(database_url) as session:
            delete_conversation_handovers(session, sender)
        forget_chat(sender, database_url)
    purge_stale_chats(max(days, handover_days), database_url)
    orphans = orphaned_conversations(tracker_db_url, database_url, max(days, handover_days), now)
    for sender in orphans:  # e.g. the action server was down when the person said "forget me"
        delete_conversation_signals(sender, database_url)
        with session_scope(database_url) as session:
            delete_conversation_handovers(session, sender)
    purge_audit_log(database_url, audit_retention_days(), now)
    logger.info("retention: purged %d conversations older than %s days", len(expired), days)
    return len(expired)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days",
        type=float,
        default=float(os.environ.get(RETENTION_DAYS_ENV, DEFAULT_RETENTION_DAYS)),
    )
    parser.add_argument("--tracker-db-url", default=DEFAULT_TRACKER_DB_URL)
    parser.add_argument(
        "--events-db-url",
        default=os.environ.get(EVENTS_DB_URL_ENV, ""),
        help="database of Rasa's SQL event broker, which holds a copy of every event",
    )
    parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    while True:
        count = purge(args.tracker_db_url, days=args.days, events_db_url=args.events_db_url)
        now = dt.datetime.now(dt.timezone.utc)
        print(f"{now:%Y-%m-%d %H:%M} UTC: retention purged {count} conversations", flush=True)
        if not args.every:
            return
        time.sleep(args.every)


if __name__ == "__main__":
    main()
