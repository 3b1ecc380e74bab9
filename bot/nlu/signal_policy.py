"""SignalPolicy: adds the signal codes recognised in a message to the `signals` slot.

Codes are added, never removed (shared/CONTRACT.md); the order is the order of recognition.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.signals import SIGNALS_ATTRIBUTE
from bot.nlu.slot_policy import SlotPolicy
from bot.signals.vocabulary import vocabulary

SIGNALS_SLOT = "signals"


def signal_events(message: UserUttered, known: List[str]) -> List[SlotSet]:
    found = (message.parse_data or {}).get(SIGNALS_ATTRIBUTE) or []
    codes = vocabulary()
    new = [c for c in found if isinstance(c, str) and c in codes and c not in known]
    return [SlotSet(SIGNALS_SLOT, [*known, *dict.fromkeys(new)])] if new else []


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class SignalPolicy(SlotPolicy):
    """Sets the `signals` slot; never chooses an action."""

    def slot_events(self, message: UserUttered, tracker: DialogueStateTracker) -> List[SlotSet]:
        return signal_events(message, list(tracker.get_slot(SIGNALS_SLOT) or []))
