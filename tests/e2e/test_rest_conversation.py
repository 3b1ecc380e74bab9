"""End to end over the REST channel: the real servers, a real model, nl/en/ro conversations."""

import uuid
from functools import lru_cache
from typing import List

import pytest
from rasa.shared.core.domain import Domain

from tests.support.servers import ROOT

pytestmark = pytest.mark.e2e


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def response_text(name: str, language: str) -> str:
    for variation in domain().responses[name]:
        for condition in variation.get("condition") or []:
            if condition.get("name") == "language" and condition.get("value") == language:
                return variation["text"]
    raise KeyError((name, language))


def texts(replies: List[dict]) -> List[str]:
    return [r.get("text") for r in replies]


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def uttered_responses(assistant, sender: str) -> List[str]:
    events = assistant.tracker(sender)["events"]
    return [e.get("metadata", {}).get("utter_action") for e in events if e["event"] == "bot"]


GREETINGS = {"nl": "hallo, goedenavond", "en": "hello, good evening", "ro": "buna seara tuturor"}
POLICE_QUESTIONS = {
    "nl": "ben jij van de politie of zo?",
    "en": "is this the police or something?",
    "ro": "esti de la politie sau ce?",
}


@pytest.mark.parametrize("language", ["nl", "en", "ro"])
def test_greeting_and_police_question_in_the_persons_language(assistant, language):
    sender = new_sender()
    replies = assistant.say(sender, GREETINGS[language])
    assert texts(replies)[0] == response_text("utter_identity_intro", language)
    assert texts(replies)[1] == response_text("utter_menu", language)
    assert len(replies[1]["buttons"]) >= 8
    assert assistant.slot(sender, "language") == language

    replies = assistant.say(sender, POLICE_QUESTIONS[language])
    assert texts(replies) == [response_text("utter_identity_police", language)]

    tracker = assistant.tracker(sender)
    assert tracker["slots"]["signals"] == []
    assert tracker["slots"]["handoff"] is None
    assert uttered_responses(assistant, sender) == [
        "utter_identity_intro",
        "utter_menu",
        "utter_identity_police",
    ]


def test_short_messages_do_not_flip_the_language(assistant):
    sender = new_sender()
    assistant.say(sender, "salut, am o intrebare despre sanatate")
    for short in ("ok", "thanks", "bye"):
        assistant.say(sender, short)
        assert assistant.slot(sender, "language") == "ro", short


def test_the_person_can_switch_language_explicitly(assistant):
    sender = new_sender()
    assistant.say(sender, "hoi, ik heb een vraag over mijn rechten")
    assert assistant.slot(sender, "language") == "nl"
    replies = assistant.say(sender, "vorbesti romaneste?")
    assert assistant.slot(sender, "language") == "ro"
    assert texts(replies)[0] == response_text("utter_language_switched", "ro")
    replies = assistant.say(sender, "speak english please")
    assert assistant.slot(sender, "language") == "en"
    assert texts(replies)[0] == response_text("utter_language_switched", "en")


def test_a_channel_hint_decides_a_short_first_message(assistant):
    sender = new_sender()
    replies = assistant.say(sender, "hi", metadata={"language": "ro-RO"})
    assert assistant.slot(sender, "language") == "ro"
    assert texts(replies)[0] == response_text("utter_identity_intro", "ro")


def test_what_it_does_not_understand_gets_the_honest_fallback(assistant):
    sender = new_sender()
    assistant.say(sender, "goedemiddag, ik werk in Utrecht")
    replies = assistant.say(sender, "qwxz vbnm plkj")
    assert texts(replies)[0] == response_text("utter_fallback", "nl")


def test_forget_me_deletes_the_conversation(assistant):
    sender = new_sender()
    secret = "ik werk in een club in Den Haag"
    assistant.say(sender, "hallo, " + secret)
    replies = assistant.say(sender, "vergeet mij alsjeblieft")
    assert texts(replies) == [response_text("utter_identity_forget_confirm", "nl")]
    replies = assistant.say(sender, "ja")
    assert texts(replies) == [response_text("utter_identity_forget_done", "nl")]
    remaining = assistant.tracker(sender)["events"]
    assert not [e for e in remaining if e["event"] == "user"]
    assert secret not in str(remaining)


def test_changing_ones_mind_keeps_the_conversation(assistant):
    sender = new_sender()
    assistant.say(sender, "hello, I have a question")
    assistant.say(sender, "forget me")
    replies = assistant.say(sender, "no")
    assert texts(replies)[0] == response_text("utter_identity_forget_cancelled", "en")
    users = [e for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert len(users) == 3
