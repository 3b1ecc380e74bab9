"""A claimed conversation through HTTP: transcript, polling, replies, notes, close, hand back."""

import uuid

from bot.console.rasa_api import LISTEN
from bot.console.views.conversation import OUTCOMES
from bot.handover import queue
from bot.handover.models import CLOSED, AuditEntry, Handover, HandoverNote
from bot.privacy.encryption import decrypt
from bot.store.database import session_scope
from tests.bot.console.conftest import waiting_request


def claimed_conversation(console, username="wanda"):
    conversation = f"c-{uuid.uuid4().hex}"
    handover_id = waiting_request(console, conversation)
    console.rasa.say(conversation, "buna, am nevoie de ajutor")
    browser = console.as_role(username)
    assert browser.post(f"/handovers/{handover_id}/claim").status_code == 303
    return browser, handover_id, conversation


def actions_of(console, conversation):
    return [(r[1], r[4]) for r in console.rasa.requests if r[2] == conversation and r[0] == "POST"]


def test_the_page_shows_the_conversation_so_far_and_quick_replies_in_the_persons_language(console):
    browser, handover_id, _ = claimed_conversation(console)
    page = browser.get(f"/handovers/{handover_id}").text
    assert "buna, am nevoie de ajutor" in page
    assert "[utter_handoff_joined_worker]" in page
    assert "Ești în siguranță chiar acum?" in page  # Romanian quick reply
    assert 'aria-live="polite"' in page and 'role="log"' in page
    for outcome in OUTCOMES:
        assert f'value="{outcome}"' in page


def test_new_messages_arrive_through_polling_after_the_cursor(console):
    browser, handover_id, conversation = claimed_conversation(console)
    first = browser.get(f"/api/handovers/{handover_id}/events").json()
    cursor = first["lines"][-1]["index"]
    console.rasa.say(conversation, "mai ești acolo?")
    later = browser.get(f"/api/handovers/{handover_id}/events?after={cursor}").json()
    assert later["state"] == "live"
    assert [(line["kind"], line["text"]) for line in later["lines"]] == [
        ("person", "mai ești acolo?")
    ]


def test_a_reply_is_a_bot_event_with_side_effects_and_no_name(console):
    browser, handover_id, conversation = claimed_conversation(console)
    answer = browser.request(
        "POST",
        f"/api/handovers/{handover_id}/messages",
        json={"text": "Sunt aici."},
        headers={"X-CSRF-Token": browser.csrf},
    )
    assert answer.status_code == 200
    request = [r for r in console.rasa.requests if r[2] == conversation][-1]
    assert request[4] == [{"event": "bot", "text": "Sunt aici.", "metadata": {"from_worker": True}}]
    assert request[3]["execute_side_effects"] == "true" and request[3]["output_channel"] == "latest"
    lines = browser.get(f"/api/handovers/{handover_id}/events").json()["lines"]
    assert ("worker", "Sunt aici.") in [(line["kind"], line["text"]) for line in lines]


def test_notes_are_stored_encrypted_and_shown_to_the_worker(console):
    browser, handover_id, _ = claimed_conversation(console)
    assert (
        browser.post(f"/handovers/{handover_id}/notes", {"note": "vraagt naar opvang"}).status_code
        == 303
    )
    with session_scope(console.database_url) as session:
        stored = session.query(HandoverNote).filter_by(handover_id=handover_id).one()
        assert "opvang" not in stored.text_encrypted
        assert decrypt(stored.text_encrypted) == "vraagt naar opvang"
    assert "vraagt naar opvang" in browser.get(f"/handovers/{handover_id}").text


def test_close_records_the_outcome_then_resumes_the_bot(console):
    browser, handover_id, conversation = claimed_conversation(console)
    answer = browser.post(f"/handovers/{handover_id}/close", {"outcome": "referred"})
    assert answer.status_code == 303
    with session_scope(console.database_url) as session:
        handover = session.get(Handover, handover_id)
        assert (handover.status, handover.outcome) == (CLOSED, "referred")
    assert actions_of(console, conversation)[-3:] == [
        ("tracker/events", [{"event": "resume"}]),
        ("execute", {"name": "utter_handoff_bot_back"}),
        ("tracker/events", [LISTEN]),
    ]
    again = browser.request(
        "POST",
        f"/api/handovers/{handover_id}/messages",
        json={"text": "still there?"},
        headers={"X-CSRF-Token": browser.csrf},
    )
    assert again.status_code == 409


def test_an_unknown_outcome_is_refused(console):
    browser, handover_id, _ = claimed_conversation(console)
    assert (
        browser.post(f"/handovers/{handover_id}/close", {"outcome": "arrested"}).status_code == 400
    )


def test_hand_back_to_the_bot(console):
    browser, handover_id, conversation = claimed_conversation(console)
    assert browser.post(f"/handovers/{handover_id}/hand-back").status_code == 303
    with session_scope(console.database_url) as session:
        assert session.get(Handover, handover_id).outcome == "handed_back"
    assert actions_of(console, conversation)[-2] == ("execute", {"name": "utter_handoff_bot_back"})


def test_when_the_bot_cannot_be_resumed_the_worker_can_try_again(console):
    browser, handover_id, conversation = claimed_conversation(console)
    console.rasa.down = True
    try:
        failed = browser.post(f"/handovers/{handover_id}/hand-back")
    finally:
        console.rasa.down = False
    assert failed.status_code == 502 and f"/handovers/{handover_id}/resume-bot" in failed.text
    assert browser.post(f"/handovers/{handover_id}/resume-bot").status_code == 303
    assert actions_of(console, conversation)[-2] == ("execute", {"name": "utter_handoff_bot_back"})


def test_the_console_notices_when_the_person_ended_it(console):
    browser, handover_id, conversation = claimed_conversation(console)
    with session_scope(console.database_url) as session:
        queue.cancel_by_person(session, conversation)
    state = browser.get(f"/api/handovers/{handover_id}/events").json()["state"]
    assert state == "ended_by_person"
    assert (
        "De persoon heeft het gesprek beëindigd." in browser.get(f"/handovers/{handover_id}").text
    )


def test_every_read_and_write_is_audited_without_content(console):
    browser, handover_id, conversation = claimed_conversation(console)
    browser.get(f"/handovers/{handover_id}")
    browser.get(f"/api/handovers/{handover_id}/events")
    browser.get(f"/api/handovers/{handover_id}/events")
    browser.request(
        "POST",
        f"/api/handovers/{handover_id}/messages",
        json={"text": "secret words"},
        headers={"X-CSRF-Token": browser.csrf},
    )
    browser.post(f"/handovers/{handover_id}/notes", {"note": "private words"})
    browser.post(f"/handovers/{handover_id}/close", {"outcome": "informed"})
    with session_scope(console.database_url) as session:
        entries = session.query(AuditEntry).filter_by(conversation=conversation).all()
        actions = [e.action for e in entries]
        everything = " ".join(f"{e.action} {e.detail}" for e in entries)
    assert actions.count("poll_conversation") == 1
    for action in ("claim", "open_conversation", "message", "note", "close", "bot_back"):
        assert action in actions
    assert "secret" not in everything and "private" not in everything
    audit = console.as_role("cora").get(f"/admin/audit?conversation={conversation}")
    assert audit.status_code == 200 and "open_conversation" in audit.text
    assert "wanda" in audit.text
