"""End to end: the person's side of the handover over REST, with the real servers and database.

The console's part (claiming, replying) is played here through the Rasa HTTP API exactly as the
console does it (pause / resume events); the console itself is tested in test_handover_console.
"""

import datetime as dt

import pytest

from bot.handover.models import CANCELLED, CLOSED, WAITING, Handover, Shift, Worker, utcnow
from bot.store.database import session_scope
from tests.e2e.test_rest_conversation import new_sender, response_text, texts, uttered_responses
from tests.support.servers import http_json

pytestmark = pytest.mark.e2e


@pytest.fixture
def database(assistant):
    url = f"sqlite:///{assistant.workdir / 'firstcontact.db'}"
    yield url
    with session_scope(url) as session:  # leave no one on shift for the other tests
        session.query(Shift).delete()


def put_on_shift(url: str, role: str, languages: str, starts_in_hours: float, hours: float = 4):
    start = utcnow() + dt.timedelta(hours=starts_in_hours)
    with session_scope(url) as session:
        worker = Worker(
            username=f"{role}-{new_sender()}", password_hash="-", role=role, languages=languages
        )
        session.add(worker)
        session.flush()
        session.add(
            Shift(worker_id=worker.id, starts_at=start, ends_at=start + dt.timedelta(hours=hours))
        )


def handover_of(url: str, sender: str):
    with session_scope(url) as session:
        row = (
            session.query(Handover)
            .filter_by(conversation=sender)
            .order_by(Handover.id.desc())
            .first()
        )
        return (
            None
            if row is None
            else (row.status, row.helper_type, row.language, row.out_of_hours, row.legal_basis)
        )


def ask_for(assistant, sender: str, language: str, helper_type: str):
    assistant.say(sender, "/greet", metadata={"language": language})
    replies = assistant.say(sender, f'/request_human{{"helper_type": "{helper_type}"}}')
    assert texts(replies) == [response_text("utter_handoff_consent", language)]
    assert assistant.slot(sender, "handoff") == helper_type
    return assistant.say(sender, "/affirm")


def test_romanian_peer_request_with_someone_on_shift_is_queued(assistant, database):
    put_on_shift(database, "peer", "ro,en", starts_in_hours=-1)
    sender = new_sender()
    replies = ask_for(assistant, sender, "ro", "peer")
    assert uttered_responses(assistant, sender)[-1] == "utter_handoff_waiting"
    assert "5" in texts(replies)[0] and "{" not in texts(replies)[0]
    assert handover_of(database, sender) == (WAITING, "peer", "ro", False, "consent")
    replies = assistant.say(sender, "stop")
    assert texts(replies) == [response_text("utter_handoff_cancelled", "ro")]
    assert handover_of(database, sender)[0] == CANCELLED


def test_worker_on_shift_without_the_language_says_so(assistant, database):
    put_on_shift(database, "worker", "nl,en", starts_in_hours=-1)
    sender = new_sender()
    ask_for(assistant, sender, "bg", "worker")
    assert uttered_responses(assistant, sender)[-1] == "utter_handoff_waiting_other_language"


def test_out_of_hours_names_the_next_shift_and_takes_a_message(assistant, database):
    put_on_shift(database, "worker", "nl,en", starts_in_hours=20)
    sender = new_sender()
    replies = ask_for(assistant, sender, "en", "worker")
    assert uttered_responses(assistant, sender)[-1] == "utter_handoff_out_of_hours"
    assert "tomorrow at" in texts(replies)[0] or "today at" in texts(replies)[0]
    assert "0800-2000" in texts(replies)[0] and "112" in texts(replies)[0]
    assert handover_of(database, sender) is None  # nothing queued without a yes
    replies = assistant.say(sender, "/affirm")
    assert texts(replies) == [response_text("utter_handoff_message_queued", "en")]
    assert handover_of(database, sender) == (WAITING, "worker", "en", True, "consent")


def test_no_shift_planned_is_said_honestly_and_no_means_nothing_queued(assistant, database):
    sender = new_sender()
    ask_for(assistant, sender, "nl", "peer")
    assert uttered_responses(assistant, sender)[-1] == "utter_handoff_no_shift_planned"
    replies = assistant.say(sender, "/deny")
    assert texts(replies) == [response_text("utter_handoff_declined", "nl")]
    assert handover_of(database, sender) is None


def test_asking_without_saying_who_offers_the_choice_first(assistant, database):
    sender = new_sender()
    assistant.say(sender, "/greet", metadata={"language": "ro"})
    replies = assistant.say(sender, "/request_human")
    assert texts(replies) == [response_text("utter_handoff_choose", "ro")]
    assert replies[0]["buttons"] and assistant.slot(sender, "handoff") is None


def test_while_a_human_has_it_the_bot_is_silent_but_answers_danger_and_stop(assistant, database):
    put_on_shift(database, "worker", "nl,en", starts_in_hours=-1)
    sender = new_sender()
    ask_for(assistant, sender, "nl", "worker")
    events_url = f"{assistant.url}/conversations/{sender}/tracker/events?token={assistant.token}"
    http_json("POST", events_url, [{"event": "pause"}])  # what the console does when it claims
    with session_scope(database) as session:
        session.query(Handover).filter_by(conversation=sender).update({"status": "claimed"})

    assert assistant.say(sender, "waar kan ik me laten testen") == []
    replies = assistant.say(sender, "hij slaat me nu, hij is hier")
    assert texts(replies)[0] == response_text("utter_emergency_acute", "nl")
    assert assistant.say(sender, "ok dank je") == []  # still with the human
    replies = assistant.say(sender, "stop")
    assert texts(replies) == [response_text("utter_handoff_bot_back", "nl")]
    assert handover_of(database, sender)[0] == CLOSED
    assert assistant.say(sender, "waar kan ik me laten testen") != []


def test_acute_danger_with_someone_on_shift_asks_them_to_look_at_once(assistant, database):
    put_on_shift(database, "peer", "ro", starts_in_hours=-1)
    sender = new_sender()
    assistant.say(sender, "buna, am o intrebare")
    replies = assistant.say(sender, "ma bate acum, e aici in camera")
    assert texts(replies)[0] == response_text("utter_emergency_acute", "ro")
    assert response_text("utter_handoff_acute_queued", "ro") in texts(replies)
    status, helper_type, language, _, basis = handover_of(database, sender)
    assert (status, helper_type, language, basis) == (WAITING, None, "ro", "vital_interest")
