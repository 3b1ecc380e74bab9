"""What the person can still say while a human has the conversation (Rasa's ConversationPaused).

A paused Rasa conversation logs the person's messages for the worker and predicts nothing. Two
kinds of message must still get an answer from the assistant at once: "stop" (back to the bot)
and acute danger or self-harm (112 first, design: safety rules). Rasa 3.6 lets only `/restart`
through a pause (`MessageProcessor._should_handle_message`); `install()` widens that check to
these intents. It is installed when the project's tracker store is imported, which every
`rasa run` of this project does (endpoints.yml).
"""

from typing import Optional

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import USER_INTENT_RESTART
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

ANSWERED_WHILE_PAUSED = frozenset(
    {USER_INTENT_RESTART, "handoff_stop", "disclose_acute_danger", "disclose_self_harm"}
)


def latest_intent(tracker: DialogueStateTracker) -> Optional[str]:
    message = tracker.latest_message
    return message.intent.get(INTENT_NAME_KEY) if message is not None else None


def should_handle_message(tracker: DialogueStateTracker) -> bool:
    return not tracker.is_paused() or latest_intent(tracker) in ANSWERED_WHILE_PAUSED


def install() -> None:
    MessageProcessor._should_handle_message = staticmethod(should_handle_message)
