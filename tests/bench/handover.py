"""Handover delivery latency through the console: person -> console and console -> person.

Person -> console: from sending a REST message until the console's JSON endpoint, polled at the
page's own pace (every 500 ms after the previous answer), returns it. Console -> person: from the
worker's reply POST until the reply is in the person's tracker (a REST-only conversation keeps it
there). 100 messages each way, one at a time, in one claimed conversation.
"""

import datetime as dt
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List

from bot.console import models as _console_tables  # noqa: F401
from bot.console.auth import create_account
from bot.handover import queue
from bot.handover.models import Shift
from bot.store.database import session_scope
from tests.bench.performance import percentile
from tests.bot.console.conftest import PASSWORD, Browser, start_console
from tests.support.servers import start_assistant

MESSAGES = 100
PAGE_POLL_SECONDS = 0.5  # as bot/console/static/console.js
TIMEOUT_SECONDS = 30.0


class PagePoller(threading.Thread):
    """Polls the console's events endpoint like the conversation page does; notes arrival times."""

    def __init__(self, browser: Browser, handover_id: int):
        super().__init__(daemon=True)
        self.browser = browser
        self.path = f"/api/handovers/{handover_id}/events"
        self.cursor = -1
        self.arrived: Dict[str, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            answer = self.browser.get(f"{self.path}?after={self.cursor}").json()
            now = time.monotonic()
            for line in answer.get("lines", []):
                self.cursor = max(self.cursor, line["index"])
                self.arrived.setdefault(line["text"], now)
            self.stop.wait(PAGE_POLL_SECONDS)


def _wait_for(predicate, what: str) -> float:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(0.005)
    raise RuntimeError(f"{what} did not arrive within {TIMEOUT_SECONDS}s")


def run(model_path: Path) -> Dict[str, List[float]]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-handover-"))
    database_url = f"sqlite:///{workdir / 'firstcontact.db'}"
    shared = {
        "FIRSTCONTACT_DATABASE_URL": database_url,
        "FIRSTCONTACT_KEY_DIR": str(workdir / "keys"),
    }
    now = dt.datetime.utcnow()
    with session_scope(database_url) as session:
        peer = create_account(session, "bench-peer", PASSWORD, "peer", "ro")
        session.add(Shift(worker_id=peer.id, starts_at=now, ends_at=now + dt.timedelta(hours=6)))
    assistant = start_assistant(model_path, workdir / "assistant", extra_env=shared)
    process = None
    try:
        process, url, _env = start_console(
            workdir, assistant.url, extra_env={"FIRSTCONTACT_API_TOKEN": assistant.token}
        )
        person = f"bench-{uuid.uuid4().hex[:12]}"
        assistant.say(person, "buna ziua", metadata={"language": "ro"})
        with session_scope(database_url) as session:
            handover_id = queue.request_handover(
                session, person, channel="rest", language="ro", helper_type="peer"
            ).id
        browser = Browser(url)
        browser.login("bench-peer")
        if browser.post(f"/handovers/{handover_id}/claim").status_code != 303:
            raise RuntimeError("the bench conversation could not be claimed")
        poller = PagePoller(browser, handover_id)
        poller.start()
        to_console: List[float] = []
        for number in range(MESSAGES):
            text = f"mesaj de test {number} {uuid.uuid4().hex[:6]}"
            started = time.monotonic()
            assistant.say(person, text)
            _wait_for(lambda t=text: t in poller.arrived, "a person's message")
            to_console.append(poller.arrived[text] - started)
        poller.stop.set()
        to_person: List[float] = []
        for number in range(MESSAGES):
            text = f"raspuns de test {number} {uuid.uuid4().hex[:6]}"
            started = time.monotonic()
            sent = browser.request(
                "POST",
                f"/api/handovers/{handover_id}/messages",
                json={"text": text},
                headers={"X-CSRF-Token": browser.csrf},
            )
            if sent.status_code != 200:
                raise RuntimeError(f"reply refused: HTTP {sent.status_code}")
            done = _wait_for(
                lambda t=text: any(e.get("text") == t for e in assistant.tracker(person)["events"]),
                "a worker's reply",
            )
            to_person.append(done - started)
        return {"to_console": to_console, "to_person": to_person}
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        assistant.stop()


def markdown(results: Dict[str, List[float]]) -> str:
    def row(name: str, values: List[float]) -> str:
        median = statistics.median(values) * 1000
        p95 = percentile(values, 0.95) * 1000
        return f"| {name} | {len(values)} | {median:.0f} | {p95:.0f} |"

    return "\n".join(
        [
            "## Handover delivery latency",
            "",
            "One claimed REST conversation on loopback, real Rasa server and action server, the "
            "console in its own process, SQLite. Person to console: from sending the REST message "
            "until the console's JSON endpoint, polled like the page does (every "
            f"{PAGE_POLL_SECONDS * 1000:.0f} ms after the previous answer), returns it; half a "
            "polling interval is expected on average. Console to person: from the worker's reply "
            "POST until the reply is in the person's tracker.",
            "",
            "| direction | messages | median (ms) | p95 (ms) |",
            "|---|---|---|---|",
            row("person -> console", results["to_console"]),
            row("console -> person", results["to_person"]),
            "",
        ]
    )


def measure(model_path: Path) -> str:
    return markdown(run(model_path))
