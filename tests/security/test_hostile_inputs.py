"""End to end: every item of the hostile input corpus gets a clear reply or a 4xx over REST."""

import pytest

from tests.e2e.test_rest_conversation import response_text, texts
from tests.security.conftest import new_sender, post_raw
from tests.security.corpus import hostile_items
from tests.support.servers import http_json

pytestmark = pytest.mark.e2e

WEBHOOK = "/webhooks/rest/webhook"


def has_reply(body) -> bool:
    return isinstance(body, list) and any(m.get("text") for m in body if isinstance(m, dict))


@pytest.mark.parametrize("item", hostile_items(), ids=lambda item: item.id)
def test_every_hostile_input_gets_a_reply_or_a_4xx(guarded_assistant, item):
    answer = post_raw(guarded_assistant, WEBHOOK, item.rest_body(new_sender()))
    if item.expect == "reply":
        assert answer.status == 200, answer
        assert has_reply(answer.body), answer
    else:
        assert 400 <= answer.status < 500, answer
        assert answer.body["error"], answer


def test_the_server_is_still_up_after_the_corpus(guarded_assistant):
    for item in hostile_items():
        post_raw(guarded_assistant, WEBHOOK, item.rest_body(new_sender()))
    status = http_json("GET", f"{guarded_assistant.url}/status?token={guarded_assistant.token}")
    assert status["model_file"]
    assert has_reply(guarded_assistant.say(new_sender(), "hallo"))


def test_restart_typed_by_a_person_keeps_the_conversation(guarded_assistant):
    sender = new_sender()
    guarded_assistant.say(sender, "hallo, ik heb een vraag over mijn rechten")
    assert has_reply(guarded_assistant.say(sender, "/restart"))
    tracker = guarded_assistant.tracker(sender)
    assert not [e for e in tracker["events"] if e["event"] == "restart"]
    assert len([e for e in tracker["events"] if e["event"] == "user"]) == 2
    assert tracker["slots"]["language"] == "nl"


def test_forget_me_typed_as_a_command_still_asks_for_confirmation(guarded_assistant):
    sender = new_sender()
    guarded_assistant.say(sender, "hallo, goedenavond")
    replies = guarded_assistant.say(sender, "/forget_me")
    assert texts(replies) == [response_text("utter_identity_forget_confirm", "nl")]


def test_a_signal_cannot_be_claimed_with_intent_syntax(guarded_assistant):
    sender = new_sender()
    guarded_assistant.say(sender, "/disclose_acute_danger")
    assert guarded_assistant.slot(sender, "signals") == []


def test_the_buttons_of_the_assistant_still_work(guarded_assistant):
    sender = new_sender()
    guarded_assistant.say(sender, "hello, good evening")
    replies = guarded_assistant.say(sender, "/ask_health")
    assert texts(replies)[0] == response_text("utter_health_overview", "en")


def test_only_the_language_hint_of_the_metadata_is_stored(guarded_assistant):
    sender = new_sender()
    metadata = {"language": "ro-RO", "user_agent": "Probe/1.0", "ip": "203.0.113.5"}
    guarded_assistant.say(sender, "hi", metadata=metadata)
    users = [e for e in guarded_assistant.tracker(sender)["events"] if e["event"] == "user"]
    added_by_rasa = {"assistant_id", "model_id"}
    kept = {k: v for k, v in users[0]["metadata"].items() if k not in added_by_rasa}
    assert kept == {"language": "ro-RO"}
    assert users[0]["input_channel"] == "rest"
