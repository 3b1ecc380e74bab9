"""The handover actions against a real SQLite database (no Rasa server)."""

import asyncio
import datetime as dt

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ConversationResumed, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import (
    ActionHandoffConfirm,
    ActionHandoffLeaveMessage,
    ActionHandoffRequest,
    ActionHandoffStop,
    queue_for_acute_danger,
)
from bot.handover import queue
from bot.handover.models import Handover, Shift, Worker, utcnow
from bot.store.database import session_scope


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("FIRSTCONTACT_DATABASE_URL", url)
    return url


def on_shift(url, role="worker", languages="nl", starts_in_hours=-1.0):
    start = utcnow() + dt.timedelta(hours=starts_in_hours)
    with session_scope(url) as session:
        worker = Worker(
            username=f"w{start.timestamp()}{role}",
            password_hash="-",
            role=role,
            languages=languages,
        )
        session.add(worker)
        session.flush()
        session.add(
            Shift(worker_id=worker.id, starts_at=start, ends_at=start + dt.timedelta(hours=4))
        )


def tracker(slots=None, entities=(), signals=(), paused=False):
    latest = {
        "text": "x",
        "intent": {"name": "request_human"},
        "entities": [{"entity": "helper_type", "value": v} for v in entities],
        "signals": list(signals),
    }
    return Tracker(
        "conv-1",
        {"language": "nl", "signals": [], **(slots or {})},
        latest,
        [{"event": "user", "input_channel": "rest", "text": "x"}],
        paused,
        None,
        {},
        "action_listen",
    )


def run(action, current):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, {}))
    return [m["response"] for m in dispatcher.messages], events, dispatcher.messages


def test_without_a_helper_type_the_choice_comes_first(database):
    said, events, _ = run(ActionHandoffRequest(), tracker())
    assert said == ["utter_handoff_choose"] and SlotSet("handoff_stage", "choosing") in events


def test_a_named_helper_type_sets_the_contract_slot_and_asks_consent(database):
    said, events, _ = run(ActionHandoffRequest(), tracker(entities=["peer"]))
    assert said == ["utter_handoff_consent"]
    assert SlotSet("handoff", "peer") in events and SlotSet("handoff_stage", "consent") in events


def test_confirm_without_consent_stage_queues_nothing(database):
    said, _, _ = run(ActionHandoffConfirm(), tracker(slots={"handoff": "worker"}))
    assert said == ["utter_handoff_choose"]
    with session_scope(database) as session:
        assert session.query(Handover).count() == 0


def test_confirm_queues_with_a_wait_when_someone_is_on_shift(database):
    on_shift(database)
    slots = {
        "handoff": "worker",
        "handoff_stage": "consent",
        "signals": ["THREATS"],
        "region": "utrecht",
    }
    said, _, messages = run(ActionHandoffConfirm(), tracker(slots=slots))
    assert said == ["utter_handoff_waiting"] and messages[0]["wait_minutes"] == str(
        queue.FIRST_PICKUP_MINUTES
    )
    with session_scope(database) as session:
        row = session.query(Handover).one()
        assert (row.severity, row.region, row.channel, row.out_of_hours) == (
            "high",
            "utrecht",
            "rest",
            False,
        )


def test_out_of_hours_then_leaving_a_message(database):
    on_shift(database, starts_in_hours=60)  # always two or more days ahead
    slots = {"handoff": "worker", "handoff_stage": "consent"}
    said, events, messages = run(ActionHandoffConfirm(), tracker(slots=slots))
    assert said == ["utter_handoff_out_of_hours"] and messages[0]["next_shift"].startswith("op ")
    said, _, _ = run(
        ActionHandoffLeaveMessage(),
        tracker(slots={"handoff": "worker", "handoff_stage": "offered_message"}),
    )
    assert said == ["utter_handoff_message_queued"]
    with session_scope(database) as session:
        assert session.query(Handover).one().out_of_hours


def test_leave_message_needs_the_offer(database):
    said, _, _ = run(ActionHandoffLeaveMessage(), tracker(slots={"handoff": "worker"}))
    assert said == ["utter_ask_anything_else"]


def test_stop_while_with_a_human_resumes_the_bot(database):
    with session_scope(database) as session:
        worker = Worker(username="anna", password_hash="-", role="worker", languages="nl")
        session.add(worker)
        handover = queue.request_handover(
            session, "conv-1", channel="rest", language="nl", helper_type="worker"
        )
        queue.claim(session, handover.id, worker)
    said, events, _ = run(ActionHandoffStop(), tracker(paused=True))
    assert said == ["utter_handoff_bot_back"] and ConversationResumed() in events
    said, events, _ = run(ActionHandoffStop(), tracker())
    assert said == ["utter_ask_anything_else"] and ConversationResumed() not in events


def test_acute_danger_is_queued_only_when_someone_is_on_shift(database):
    assert not queue_for_acute_danger(tracker(signals=["ACUTE_DANGER"]))
    on_shift(database, role="peer")
    assert queue_for_acute_danger(tracker(signals=["ACUTE_DANGER"]))
    assert not queue_for_acute_danger(tracker(signals=["ACUTE_DANGER"]))  # already in line
    with session_scope(database) as session:
        row = session.query(Handover).one()
        assert (row.severity, row.legal_basis, row.helper_type) == ("acute", "vital_interest", None)
