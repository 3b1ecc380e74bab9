"""End to end: the real assistant (REST), the console, and a real headless Chromium.

A person asks for an experience expert in Romanian over REST, a peer logs in, sees it at the top
of the queue, takes it; messages go both ways; the peer closes it and the bot speaks again. With
nobody of the asked type on shift the person gets the honest out-of-hours answer.
"""

import datetime as dt
import uuid
from pathlib import Path

import pytest

from bot.console import models as _console_tables  # noqa: F401
from bot.console.auth import create_account
from bot.handover import queue
from bot.handover.models import CLOSED, WAITING, Handover, Shift
from bot.store.database import session_scope
from tests.bot.console import pages
from tests.bot.console.conftest import PASSWORD, start_console
from tests.e2e.conftest import MODEL
from tests.support.servers import start_assistant

pytestmark = pytest.mark.e2e


def bot_actions(tracker):
    return [
        (e.get("metadata") or {}).get("utter_action")
        for e in tracker["events"]
        if e["event"] == "bot"
    ]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    workdir = Path(tmp_path_factory.mktemp("handover-console"))
    database_url = f"sqlite:///{workdir / 'firstcontact.db'}"
    shared = {
        "FIRSTCONTACT_DATABASE_URL": database_url,
        "FIRSTCONTACT_KEY_DIR": str(workdir / "keys"),
    }
    now = dt.datetime.utcnow()
    with session_scope(database_url) as session:
        peer = create_account(session, "ioana", PASSWORD, "peer", "ro,en")
        worker = create_account(session, "anna", PASSWORD, "worker", "nl,en")
        session.add(
            Shift(
                worker_id=peer.id,
                starts_at=now - dt.timedelta(hours=1),
                ends_at=now + dt.timedelta(hours=4),
            )
        )
        # social workers only tomorrow: asking for one now is out of hours
        tomorrow = now + dt.timedelta(days=1)
        session.add(
            Shift(worker_id=worker.id, starts_at=tomorrow, ends_at=tomorrow + dt.timedelta(hours=4))
        )
    assistant = start_assistant(MODEL, workdir / "assistant", extra_env=shared)
    process = None
    try:
        process, url, _env = start_console(
            workdir, assistant.url, extra_env={"FIRSTCONTACT_API_TOKEN": assistant.token}
        )
        yield assistant, url, database_url
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        assistant.stop()


def test_romanian_peer_request_full_loop_in_the_browser(setup):
    assistant, console_url, database_url = setup
    person = f"e2e-ro-{uuid.uuid4().hex[:12]}"
    assistant.say(person, '/request_human{"helper_type": "peer"}', metadata={"language": "ro"})
    assert bot_actions(assistant.tracker(person))[-1] == "utter_handoff_consent"
    assistant.say(person, "/affirm", metadata={"language": "ro"})
    assert bot_actions(assistant.tracker(person))[-1] == "utter_handoff_waiting"
    with session_scope(database_url) as session:
        handover = queue.open_handover(session, person)
        assert (handover.status, handover.language, handover.helper_type) == (WAITING, "ro", "peer")
        handover_id = handover.id
        # someone who asked later waits behind the person
        queue.request_handover(
            session, f"later-{uuid.uuid4().hex}", channel="rest", language="nl", helper_type="peer"
        )

    with pages.chromium() as browser:
        page = browser.new_page()
        pages.log_in_with_the_keyboard(page, console_url, "ioana", PASSWORD)
        assert pages.session_cookie_is_secure_and_sent(page)
        page.locator(f'#queue tr[data-id="{handover_id}"]').wait_for()
        assert pages.first_queue_row(page) == str(handover_id)
        pages.claim(page, handover_id)
        tracker = assistant.tracker(person)
        assert tracker["paused"] is True
        assert bot_actions(tracker)[-1] == "utter_handoff_joined_peer"

        assistant.say(person, "Mulțumesc că ai venit. Am o întrebare despre acte.")
        pages.wait_for_line(page, "person", "Am o întrebare despre acte")  # without a reload

        pages.send_reply(page, "Bună, sunt aici. Spune-mi.")
        worker_events = [
            e
            for e in assistant.tracker(person)["events"]
            if e["event"] == "bot" and (e.get("metadata") or {}).get("from_worker")
        ]
        assert [e["text"] for e in worker_events] == ["Bună, sunt aici. Spune-mi."]

        pages.close_with(page, "informed")
    tracker = assistant.tracker(person)
    assert tracker["paused"] is False
    assert bot_actions(tracker)[-1] == "utter_handoff_bot_back"
    with session_scope(database_url) as session:
        assert session.get(Handover, handover_id).status == CLOSED
    answer = assistant.say(person, "unde pot face un test HIV?")
    assert answer, "the bot answers the person again"


def test_nobody_on_shift_gives_the_honest_out_of_hours_answer(setup):
    assistant, _console_url, _database_url = setup
    person = f"e2e-ooh-{uuid.uuid4().hex[:12]}"
    assistant.say(person, '/request_human{"helper_type": "worker"}', metadata={"language": "ro"})
    assistant.say(person, "/affirm", metadata={"language": "ro"})
    assert bot_actions(assistant.tracker(person))[-1] == "utter_handoff_out_of_hours"
