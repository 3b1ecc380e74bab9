"""End to end with no action server: the person still gets a reply in their language.

Needs a model trained with domain/resilience.yml (the response utter_emergency_service_unavailable).
"""

import pytest

from bot.resilience.action_fallback import APOLOGY_RESPONSE
from tests.e2e.test_rest_conversation import response_text, texts
from tests.security.conftest import new_sender
from tests.support.servers import http_json

pytestmark = pytest.mark.e2e

GREETINGS = {"nl": "hallo, goedenavond", "en": "hello, good evening", "ro": "buna seara tuturor"}


def uttered(assistant, sender):
    events = assistant.tracker(sender)["events"]
    return [e["metadata"].get("utter_action") for e in events if e["event"] == "bot"]


def test_the_fallback_is_installed_at_start_for_every_channel(assistant_without_actions):
    """First in this module and only through the HTTP API: no REST message has been sent yet,
    so only the start-up hook can have installed the fallback."""
    running = assistant_without_actions
    conversation = f"{running.url}/conversations/{new_sender('api')}"
    started_in_dutch = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {"event": "action", "name": "action_listen"},
        {"event": "slot", "name": "language", "value": "nl"},
    ]
    http_json("POST", f"{conversation}/tracker/events?token={running.token}", started_in_dutch)
    result = http_json(
        "POST", f"{conversation}/execute?token={running.token}", {"name": "action_local_help"}
    )
    assert texts(result["messages"]) == [response_text(APOLOGY_RESPONSE, "nl")]


def test_the_model_knows_the_apology(assistant_without_actions):
    running = assistant_without_actions
    domain = http_json("GET", f"{running.url}/domain?token={running.token}")
    assert APOLOGY_RESPONSE in domain["responses"], "retrain: the model predates resilience.yml"


@pytest.mark.parametrize("language", sorted(GREETINGS))
def test_a_place_answered_by_an_action_alone_gets_the_apology_in_the_persons_language(
    assistant_without_actions, language
):
    sender = new_sender("down")
    assistant_without_actions.say(sender, GREETINGS[language])
    replies = assistant_without_actions.say(sender, "Rotterdam")
    assert texts(replies) == [response_text(APOLOGY_RESPONSE, language)]
    assert uttered(assistant_without_actions, sender)[-1] == APOLOGY_RESPONSE


def test_acute_danger_gets_112_first_and_then_the_apology(assistant_without_actions):
    sender = new_sender("down")
    replies = assistant_without_actions.say(sender, "he is beating me right now, he is here")
    assert texts(replies) == [
        response_text("utter_emergency_acute", "en"),
        response_text(APOLOGY_RESPONSE, "en"),
    ]


def test_a_topic_question_gets_the_overview_and_the_apology(assistant_without_actions):
    """The overview comes from the domain; action_local_help, which follows it, cannot run."""
    sender = new_sender("down")
    assistant_without_actions.say(sender, GREETINGS["nl"])
    replies = assistant_without_actions.say(sender, "waar kan ik me laten testen op soa?")
    assert texts(replies) == [
        response_text("utter_health_overview", "nl"),
        response_text(APOLOGY_RESPONSE, "nl"),
    ]
