"""Purge conversations whose last message is older than the retention period (default 30 days).

Deletes every tracker event of such a conversation and its signal records. `make run`
schedules it every hour; run it by hand with `python -m bot.privacy.retention --days 30`.
"""

import argparse
import datetime as dt
import logging
import os
import time
from typing import List

from sqlalchemy import create_engine, text

from bot.store.signals import delete_conversation_signals

RETENTION_DAYS_ENV = "FIRSTCONTACT_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
DEFAULT_TRACKER_DB_URL = "sqlite:///var/rasa.db"

logger = logging.getLogger(__name__)


def expired_conversations(tracker_db_url: str, days: float, now: float) -> List[str]:
    """Conversations whose newest tracker event is older than `days`."""
    cutoff = now - days * 86400
    engine = create_engine(tracker_db_url, future=True)
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return []
        rows = connection.execute(
            text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cut"),
            {"cut": cutoff},
        )
        return [row[0] for row in rows]


def purge(
    tracker_db_url: str, database_url: str = "", days: float = DEFAULT_RETENTION_DAYS, now=None
) -> int:
    """Delete the expired conversations; returns how many were deleted."""
    now = time.time() if now is None else now
    expired = expired_conversations(tracker_db_url, days, now)
    engine = create_engine(tracker_db_url, future=True)
    with engine.begin() as connection:
        for sender in expired:
            connection.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    for sender in expired:
        delete_conversation_signals(sender, database_url)
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
    parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    while True:
        count = purge(args.tracker_db_url, days=args.days)
        now = dt.datetime.now(dt.timezone.utc)
        print(f"{now:%Y-%m-%d %H:%M} UTC: retention purged {count} conversations", flush=True)
        if not args.every:
            return
        time.sleep(args.every)


if __name__ == "__main__":
    main()
