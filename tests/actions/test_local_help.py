"""ActionLocalHelp: organisations near the place, for the topic in question."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.local_help import ActionLocalHelp, listing
from bot.knowledge.directory import default_directory


def run(intent, slots):
    tracker = Tracker(
        "c", slots, {"text": "x", "intent": {"name": intent}}, [], False, None, {}, "action_listen"
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionLocalHelp().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_a_topic_question_in_a_known_region_lists_local_organisations():
    messages, events = run("ask_exit", {"region": "rotterdam_rijnmond", "place": "Rotterdam"})
    assert events == [SlotSet("topic", "exit")]
    assert messages[0]["response"] == "utter_exit_local_help"
    assert messages[0]["place"] == "Rotterdam"
    assert "Humanitas" in messages[0]["organisations"]


def test_a_place_alone_uses_the_topic_asked_before():
    messages, events = run(
        "inform_place", {"region": "amsterdam", "place": "Amsterdam", "topic": "health"}
    )
    assert events == []
    assert messages[0]["response"] in ("utter_exit_local_help", "utter_exit_local_help_none")


def test_without_a_place_a_topic_question_adds_nothing():
    messages, events = run("ask_health", {})
    assert messages == [] and events == [SlotSet("topic", "health")]


def test_a_place_that_was_not_recognised_is_asked_for():
    messages, _ = run("inform_place", {})
    assert [m["response"] for m in messages] == ["utter_exit_ask_place"]


def test_the_listing_shows_only_directory_phone_numbers():
    text = listing(default_directory().for_region("amsterdam", "exit"))
    assert "(" not in text
    assert all(line.startswith("• ") for line in text.splitlines())
