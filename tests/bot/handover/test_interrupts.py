from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import bot.store.tracker_store  # noqa: F401 - installs the interrupts, as `rasa run` does
from bot.handover.interrupts import should_handle_message


def paused_after(intent: str, confidence: float = 1.0) -> DialogueStateTracker:
    tracker = DialogueStateTracker("c", slots=[])
    tracker.update(ConversationPaused())
    tracker.update(UserUttered("text", intent={"name": intent, "confidence": confidence}))
    return tracker


def test_a_paused_conversation_stays_silent_for_ordinary_messages():
    assert not should_handle_message(paused_after("ask_health"))
    assert not should_handle_message(paused_after("greet"))


def test_stop_and_acute_danger_are_answered_while_paused():
    for intent in ("handoff_stop", "disclose_acute_danger", "disclose_self_harm", "restart"):
        assert should_handle_message(paused_after(intent))


def test_unpaused_conversations_are_handled():
    tracker = DialogueStateTracker("c", slots=[])
    tracker.update(UserUttered("hi", intent={"name": "greet", "confidence": 1.0}))
    assert should_handle_message(tracker)


def test_the_processor_uses_it_once_the_tracker_store_is_loaded():
    assert MessageProcessor._should_handle_message(paused_after("handoff_stop"))
    assert not MessageProcessor._should_handle_message(paused_after("ask_rights"))


def test_an_unsure_stop_does_not_end_a_live_chat():
    assert not should_handle_message(paused_after("handoff_stop", confidence=0.6))
    assert should_handle_message(paused_after("disclose_acute_danger", confidence=0.6))
