"""ActionRespondToSignals: what is said after the rules, the offer, and what is recorded."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.signals import ActionRespondToSignals, plan_responses
from bot.store.signals import signals_of


def test_acute_danger_adds_no_question_and_no_offer():
    assert plan_responses(["ACUTE_DANGER"], ["utter_emergency_acute"], []) == []


def test_in_acute_danger_further_signals_are_not_answered_only_the_safety_steps():
    plan = plan_responses(["ACUTE_DANGER", "DOCUMENTS_WITHHELD"], ["utter_emergency_acute"], [])
    assert plan == []
    plan = plan_responses(["ACUTE_DANGER", "VIOLENCE", "THREATS"], [], [])
    assert plan == ["utter_emergency_acute"]


def test_self_harm_and_a_minor_get_both_first_answers():
    plan = plan_responses(["SELF_HARM", "MINOR", "MONEY_TAKEN"], ["utter_emergency_self_harm"], [])
    assert plan == ["utter_minors_signal"]


def test_two_high_signals_get_both_acknowledgements_and_one_offer():
    plan = plan_responses(
        ["DOCUMENTS_WITHHELD", "MONEY_TAKEN"],
        ["utter_rights_signal_documents", "utter_police_not_punished"],
        [],
    )
    assert plan == ["utter_money_signal_taken", "utter_handoff_offer"]


def test_coercion_after_its_rule_only_adds_the_offer():
    said = ["utter_money_signal_taken", "utter_police_not_punished"]
    assert plan_responses(["MONEY_TAKEN"], said, []) == ["utter_handoff_offer"]


def test_a_concern_gets_no_non_punishment_message():
    assert plan_responses(["LOVERBOY"], ["utter_exit_signal_loverboy"], []) == [
        "utter_handoff_offer"
    ]


def test_the_offer_is_not_repeated_within_a_few_turns():
    before = ["utter_handoff_offer", "utter_handoff_declined", "utter_menu"]
    assert plan_responses(["LOVERBOY"], ["utter_exit_signal_loverboy"], before) == []


def test_the_offer_comes_back_after_the_cooldown():
    before = ["utter_handoff_offer"] + ["utter_menu"] * 8
    assert plan_responses(["LOVERBOY"], ["utter_exit_signal_loverboy"], before) == [
        "utter_handoff_offer"
    ]


def tracker(codes, events) -> Tracker:
    return Tracker(
        "conv-1",
        {"signals": []},
        {"text": "x", "intent": {"name": "disclose_minor"}, "signals": codes},
        events,
        False,
        None,
        {},
        "action_listen",
    )


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("FIRSTCONTACT_DATABASE_URL", url)
    return url


def test_the_action_records_the_signals_and_offers_a_person(database):
    events = [
        {"event": "user", "text": "x", "message_id": "m-1"},
        {"event": "bot", "text": "y", "metadata": {"utter_action": "utter_minors_signal"}},
    ]
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionRespondToSignals().run(dispatcher, tracker(["MINOR"], events), {}))
    assert result == [FollowupAction("utter_handoff_offer")]
    assert dispatcher.messages == []
    assert [(code, ref) for code, ref, _ in signals_of("conv-1", database)] == [("MINOR", "m-1")]
