"""ActionTopicDetail and ActionTopicCost: deeper answers and 'is it free?' for the topic."""

import asyncio
from functools import lru_cache
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.topics import (
    COST_TOPICS,
    COST_UNKNOWN,
    DETAILS,
    ActionTopicCost,
    ActionTopicDetail,
    next_detail,
    split_detail,
)

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def bot(response):
    return {"event": "bot", "text": "x", "metadata": {"utter_action": response}}


def tracker(intent, slots=None, entities=None, events=None) -> Tracker:
    message = {"text": "x", "intent": {"name": intent}, "entities": entities or []}
    return Tracker("conv-1", slots or {}, message, events or [], False, None, {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return [m["response"] for m in dispatcher.messages], events


def detail_entity(value):
    return [{"entity": "detail", "value": value}]


def test_a_button_gives_the_chosen_detail_and_sets_the_topic():
    said, events = run(
        ActionTopicDetail(),
        tracker("ask_more", {"topic": "health"}, detail_entity("police_anonymous_report")),
    )
    assert said == ["utter_police_anonymous_report"]
    assert events == [SlotSet("topic", "police")]


def test_tell_me_more_gives_the_first_detail_of_the_current_topic():
    said, events = run(ActionTopicDetail(), tracker("ask_more", {"topic": "shelter"}))
    assert said == ["utter_shelter_tonight"]
    assert events == [SlotSet("topic", "shelter")]


def test_tell_me_more_again_gives_the_next_detail_not_yet_shown():
    history = [bot("utter_health_overview"), bot("utter_health_testing_how")]
    said, _ = run(ActionTopicDetail(), tracker("ask_more", {"topic": "health"}, events=history))
    assert said == ["utter_health_condom_broke_or_assault"]


def test_when_every_detail_was_shown_it_starts_again_at_the_first():
    names = ["utter_money_overview"] + [f"utter_money_{d}" for d in DETAILS["money"]]
    assert next_detail("money", names) == "debts"


def test_a_new_overview_starts_the_details_again():
    names = ["utter_money_overview", "utter_money_debts", "utter_money_overview"]
    assert next_detail("money", names) == "debts"


def test_tell_me_more_without_a_topic_shows_the_menu():
    said, events = run(ActionTopicDetail(), tracker("ask_more", {}))
    assert said == ["utter_menu"] and events == []


def test_an_unknown_detail_falls_back_to_the_current_topic():
    said, _ = run(
        ActionTopicDetail(), tracker("ask_more", {"topic": "exit"}, detail_entity("exit_nothing"))
    )
    assert said == ["utter_exit_programmes"]


def test_an_unknown_topic_slot_shows_the_menu():
    said, _ = run(ActionTopicDetail(), tracker("ask_more", {"topic": "identity"}))
    assert said == ["utter_menu"]


@pytest.mark.parametrize("key", ["health_prep", "HEALTH_PREP ", "rights_age_limits"])
def test_detail_keys_are_split_into_topic_and_detail(key):
    assert split_detail(key) is not None


@pytest.mark.parametrize("key", [None, "", "health", "prep", "health_nothing", "emergency_acute"])
def test_other_keys_are_not_details(key):
    assert split_detail(key) is None


def test_is_it_free_answers_for_the_current_topic():
    said, events = run(ActionTopicCost(), tracker("ask_cost", {"topic": "health"}))
    assert said == ["utter_health_cost"] and events == []


@pytest.mark.parametrize("topic", ["rights", "exit", None, "nonsense"])
def test_is_it_free_without_facts_on_cost_says_so_and_offers_a_person(topic):
    said, _ = run(ActionTopicCost(), tracker("ask_cost", {"topic": topic}))
    assert said == [COST_UNKNOWN]


def test_every_response_the_actions_can_send_is_in_the_domain():
    names = set(domain().responses)
    for topic, details in DETAILS.items():
        for detail in details:
            assert f"utter_{topic}_{detail}" in names
    for topic in COST_TOPICS:
        assert f"utter_{topic}_cost" in names
    assert COST_UNKNOWN in names and "utter_menu" in names


def test_every_overview_has_a_button_to_each_of_its_details():
    for topic, details in DETAILS.items():
        for variation in domain().responses[f"utter_{topic}_overview"]:
            payloads = [b["payload"] for b in variation["buttons"]]
            wanted = [f'/ask_more{{"detail": "{topic}_{d}"}}' for d in details]
            assert payloads[: len(details)] == wanted
            assert payloads[len(details) :] == ["/menu", "/request_human"]


def test_deeper_and_cost_answers_lead_back_to_the_menu_and_to_a_person():
    for topic, details in DETAILS.items():
        names = [f"utter_{topic}_{d}" for d in details]
        names += [f"utter_{topic}_cost"] if topic in COST_TOPICS else []
        for name in names:
            for variation in domain().responses[name]:
                payloads = {b["payload"] for b in variation["buttons"]}
                assert payloads == {"/menu", "/request_human"}, name


def test_the_rules_send_the_new_intents_to_the_actions():
    rules = (ROOT / "data/rules/topics.yml").read_text("utf-8")
    assert "intent: ask_more\n  - action: action_topic_detail" in rules
    assert "intent: ask_cost\n  - action: action_topic_cost" in rules
    assert {"ask_more", "ask_cost"} <= set(domain().intents)
    assert "detail" in domain().entities
    assert {"action_topic_detail", "action_topic_cost"} <= set(domain().user_actions)
