"""LanguagePolicy: the `language` slot follows the person, with the conversation in view."""

from pathlib import Path
from typing import Optional

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.language_detection import LanguageDetector
from bot.nlu.language_policy import LanguagePolicy, language_events
from bot.nlu.slot_policy import awaiting_first_prediction

DOMAIN = Domain.from_yaml(
    """
slots:
  language:
    type: text
    influence_conversation: false
    mappings:
    - type: custom
entities:
- language
responses:
  utter_x:
  - text: x
"""
)
DETECTOR = LanguageDetector()


def user_message(text: str, hint: Optional[str] = None, entities=None) -> UserUttered:
    return UserUttered(
        text,
        intent={"name": "greet", "confidence": 1.0},
        entities=entities or [],
        parse_data={"language_analysis": DETECTOR.analyse(text).as_dict()},
        metadata={"language": hint} if hint else {},
    )


def tracker_with(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", list(events), slots=DOMAIN.slots)


def new_language(tracker: DialogueStateTracker) -> Optional[str]:
    message = awaiting_first_prediction(tracker)
    events = language_events(message, tracker.get_slot("language")) if message else []
    assert all(isinstance(e, SlotSet) and e.key == "language" for e in events)
    return events[0].value if events else None


def test_first_message_sets_the_language():
    tracker = tracker_with(ActionExecuted("action_listen"), user_message("buna ziua, ce faci azi"))
    assert new_language(tracker) == "ro"


def test_short_message_keeps_the_language():
    tracker = tracker_with(
        SlotSet("language", "nl"), ActionExecuted("action_listen"), user_message("ok")
    )
    assert new_language(tracker) is None


def test_channel_hint_sets_the_language_of_a_short_first_message():
    tracker = tracker_with(ActionExecuted("action_listen"), user_message("ok", hint="pl-PL"))
    assert new_language(tracker) == "pl"


def test_language_button_payload_switches():
    chosen = [{"entity": "language", "value": "hu", "start": 0, "end": 0}]
    tracker = tracker_with(
        SlotSet("language", "nl"),
        ActionExecuted("action_listen"),
        user_message("/switch_language", entities=chosen),
    )
    assert new_language(tracker) == "hu"


def test_nothing_happens_once_the_bot_has_answered_the_message():
    tracker = tracker_with(
        ActionExecuted("action_listen"),
        user_message("buna ziua, ce faci azi"),
        ActionExecuted("utter_x"),
        BotUttered("x"),
    )
    assert new_language(tracker) is None


def test_policy_never_predicts_an_action(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("language_policy")
    context = ExecutionContext(GraphSchema({}), "test")
    policy = LanguagePolicy.create(LanguagePolicy.get_default_config(), storage, resource, context)
    tracker = tracker_with(ActionExecuted("action_listen"), user_message("hola, necesito ayuda"))
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    assert max(prediction.probabilities) == 0.0
    assert prediction.events == [SlotSet("language", "es")]


def test_policy_survives_a_save_and_reload(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("language_policy")
    context = ExecutionContext(GraphSchema({}), "test")
    config = LanguagePolicy.get_default_config()
    LanguagePolicy.create(config, storage, resource, context).train([], DOMAIN)
    loaded = LanguagePolicy.load(config, storage, resource, context)
    tracker = tracker_with(
        ActionExecuted("action_listen"), user_message("czesc, mam pytanie o prace")
    )
    assert loaded.predict_action_probabilities(tracker, DOMAIN).events == [
        SlotSet("language", "pl")
    ]


@pytest.mark.parametrize("broken", [None, "not a dict", {"candidate": "xx"}])
def test_missing_or_odd_analysis_does_not_crash(broken):
    message = UserUttered("hi", parse_data={"language_analysis": broken} if broken else {})
    tracker = tracker_with(ActionExecuted("action_listen"), message)
    assert new_language(tracker) in (None, "en")


def payload(hint: Optional[str]) -> UserUttered:
    """A payload like "/greet": Rasa parses it without the pipeline, so no analysis."""
    return UserUttered(
        "/greet",
        intent={"name": "greet", "confidence": 1.0},
        parse_data={},
        metadata={"language": hint} if hint else {},
    )


def test_a_payload_opening_a_conversation_takes_the_channel_hint():
    assert new_language(tracker_with(ActionExecuted("action_listen"), payload("ro-RO"))) == "ro"
    assert new_language(tracker_with(ActionExecuted("action_listen"), payload("de-DE"))) is None
    assert new_language(tracker_with(ActionExecuted("action_listen"), payload(None))) is None


def test_a_payload_hint_does_not_change_a_running_conversation():
    tracker = tracker_with(
        SlotSet("language", "nl"), ActionExecuted("action_listen"), payload("en-GB")
    )
    assert new_language(tracker) is None
