"""What the person can still say while a human has the conversation (Rasa's ConversationPaused).

A paused Rasa conversation logs the person's messages for the worker and predicts nothing. Two
kinds of message must still get an answer from the assistant at once: "stop" (back to the bot)
and acute danger or self-harm (112 first, design: safety rules). Rasa 3.6 lets only `/restart`
through a pause (`MessageProcessor._should_handle_message`); `install()` widens that check to
these intents. It is installed when the project's tracker store is imported, which every
`rasa run` of this project does (endpoints.yml).
"""

from typing import Optional, Tuple

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import USER_INTENT_RESTART
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

ANSWERED_WHILE_PAUSED = frozenset(
    {USER_INTENT_RESTART, "handoff_stop", "disclose_acute_danger", "disclose_self_harm"}
)
# Short stop words also mean "done" or "okay" ("gata", "koniec"): a live chat with a person is
# ended only when the NLU is sure; the worker can close it in the console otherwise.
MIN_STOP_CONFIDENCE = 0.8


def latest_intent(tracker: DialogueStateTracker) -> Tuple[Optional[str], float]:
    message = tracker.latest_message
    if message is None:
        return None, 0.0
    return message.intent.get(INTENT_NAME_KEY), float(message.intent.get("confidence") or 0.0)


def should_handle_message(tracker: DialogueStateTracker) -> bool:
    if not tracker.is_paused():
        return True
    intent, confidence = latest_intent(tracker)
    if intent == "handoff_stop":
        return confidence >= MIN_STOP_CONFIDENCE
    return intent in ANSWERED_WHILE_PAUSED


def install() -> None:
    MessageProcessor._should_handle_message = staticmethod(should_handle_message)
