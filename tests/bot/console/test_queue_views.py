"""The queue through HTTP: order, what a worker sees, claims and claim races, out-of-hours."""

import datetime as dt
import threading
import uuid

from bot.console.rasa_api import LISTEN
from bot.handover import queue
from bot.handover.models import CLAIMED, WAITING, AuditEntry, Handover, Worker
from bot.store.database import session_scope
from tests.bot.console.conftest import waiting_request


def new_id(prefix="q"):
    return f"{prefix}-{uuid.uuid4().hex}"


def test_queue_shows_language_severity_labelled_signals_region_wait_and_flag(console):
    old = dt.datetime.utcnow() - dt.timedelta(minutes=42)
    plain, urgent = new_id(), new_id()
    waiting_request(console, plain, now=old, language="bg", region="amsterdam", out_of_hours=True)
    waiting_request(console, urgent, signal_codes=["DOCUMENTS_WITHHELD", "ACUTE_DANGER"])
    browser = console.as_role("wanda")
    state = browser.get("/api/queue").json()
    mine = [item for item in state["waiting"] if item["id"] in _ids(console, plain, urgent)]
    assert [item["severity"] for item in mine] == ["acute", ""]
    first, second = mine
    assert [s["code"] for s in first["signals"]] == ["ACUTE_DANGER", "DOCUMENTS_WITHHELD"]
    assert first["signals"][0]["label"] == "Acuut gevaar"  # Dutch interface: the Dutch label
    assert (second["language"], second["out_of_hours"]) == ("bg", True)
    assert second["region"] == "Amsterdam-Amstelland"
    assert second["waiting_minutes"] >= 42
    page = browser.get("/queue").text
    assert "buiten diensttijd gevraagd" in page and "Acuut gevaar" in page


def test_english_interface_labels_signals_from_the_vocabulary(console):
    urgent = new_id()
    waiting_request(console, urgent, signal_codes=["ACUTE_DANGER"])
    browser = console.as_role("walter")
    browser.post("/settings/interface", {"ui_language": "en"})
    state = browser.get("/api/queue").json()
    item = next(i for i in state["waiting"] if i["id"] in _ids(console, urgent))
    assert item["signals"][0]["label"] == "Immediate threat to life or body right now"
    assert "Urgency" in browser.get("/queue").text
    browser.post("/settings/interface", {"ui_language": "nl"})


def _ids(console, *conversations):
    with session_scope(console.database_url) as session:
        found = session.query(Handover).filter(Handover.conversation.in_(conversations))
        by_conversation = {h.conversation: h.id for h in found}
    return [by_conversation[c] for c in conversations]


def test_a_worker_sees_worker_and_acute_requests_a_peer_sees_peer_and_acute(console):
    for_worker, for_peer, acute = new_id(), new_id(), new_id()
    waiting_request(console, for_worker, helper_type="worker")
    waiting_request(console, for_peer, helper_type="peer")
    waiting_request(console, acute, helper_type=None, signal_codes=["ACUTE_DANGER"])
    names = (for_worker, for_peer, acute)
    ids = dict(zip(names, _ids(console, *names), strict=True))
    worker_sees = {i["id"] for i in console.as_role("wanda").get("/api/queue").json()["waiting"]}
    peer_sees = {i["id"] for i in console.as_role("petra").get("/api/queue").json()["waiting"]}
    assert ids[for_worker] in worker_sees and ids[for_peer] not in worker_sees
    assert ids[for_peer] in peer_sees and ids[for_worker] not in peer_sees
    assert ids[acute] in worker_sees and ids[acute] in peer_sees
    peer_claim = console.as_role("petra").post(f"/handovers/{ids[for_worker]}/claim")
    assert peer_claim.status_code == 403


def test_claim_pauses_the_bot_and_announces_the_role_without_a_name(console):
    conversation = new_id()
    handover_id = waiting_request(console, conversation, helper_type="peer")
    answer = console.as_role("petra").post(f"/handovers/{handover_id}/claim")
    assert answer.status_code == 303 and answer.headers["location"] == f"/handovers/{handover_id}"
    sent = [r for r in console.rasa.requests if r[2] == conversation]
    assert [(r[1], r[4]) for r in sent] == [
        ("tracker/events", [{"event": "pause"}]),
        ("execute", {"name": "utter_handoff_joined_peer"}),
        ("tracker/events", [LISTEN]),
    ]
    assert sent[1][3]["output_channel"] == "latest"
    assert "petra" not in str(sent)


def race(browsers, handover_id):
    """Both workers press "take" at the same moment."""
    answers = [None, None]
    start = threading.Barrier(2)

    def take(index):
        start.wait()
        answers[index] = browsers[index].post(f"/handovers/{handover_id}/claim")

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_workers_racing_for_one_conversation_one_wins(console):
    browsers = [console.as_role("wanda"), console.as_role("walter")]
    for _round in range(5):
        handover_id = waiting_request(console, new_id("race"))
        answers = race(browsers, handover_id)
        codes = sorted(a.status_code for a in answers)
        assert codes == [303, 409]
        loser = next(a for a in answers if a.status_code == 409)
        assert "Iemand anders heeft dit gesprek al opgepakt" in loser.text
        with session_scope(console.database_url) as session:
            handover = session.get(Handover, handover_id)
            winner = session.get(Worker, handover.claimed_by).username
            claims = session.query(AuditEntry).filter_by(
                action="claim", conversation=handover.conversation
            )
            assert handover.status == CLAIMED and claims.count() == 1
        winning = answers[0] if answers[0].status_code == 303 else answers[1]
        assert winner == ("wanda" if winning is answers[0] else "walter")


def test_when_rasa_cannot_be_reached_the_claim_goes_back_to_the_queue(console):
    handover_id = waiting_request(console, new_id())
    console.rasa.down = True
    try:
        answer = console.as_role("wanda").post(f"/handovers/{handover_id}/claim")
    finally:
        console.rasa.down = False
    assert answer.status_code == 502
    assert "weer in de wachtrij" in answer.text
    with session_scope(console.database_url) as session:
        assert session.get(Handover, handover_id).status == WAITING


def test_out_of_hours_request_when_nobody_is_on_shift(console):
    """The flag the assistant sets from the availability is what the console then shows."""
    with session_scope(console.database_url) as session:
        found = queue.availability(session, "peer", "ro")
        conversation = new_id()
        queue.request_handover(
            session,
            conversation,
            channel="rest",
            language="ro",
            helper_type="peer",
            out_of_hours=found.on_shift == 0,
        )
    assert found.on_shift == 0
    state = console.as_role("petra").get("/api/queue").json()
    item = next(i for i in state["waiting"] if i["id"] in _ids(console, conversation))
    assert item["out_of_hours"] is True


def test_queue_polls_are_audited_once_a_minute_not_every_poll(console):
    browser = console.as_role("walter")
    with session_scope(console.database_url) as session:
        walter = session.query(Worker).filter_by(username="walter").one().id
        before = session.query(AuditEntry).filter_by(actor_id=walter, action="poll_queue").count()
    for _ in range(5):
        assert browser.get("/api/queue").status_code == 200
    with session_scope(console.database_url) as session:
        after = session.query(AuditEntry).filter_by(actor_id=walter, action="poll_queue").count()
    assert after - before <= 1
