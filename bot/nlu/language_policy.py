"""LanguagePolicy: keeps the `language` slot in step with what the person writes.

The first reply after a message is already rendered in the language decided here.
"""

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.languages import normalise_language_code
from bot.nlu.language import ANALYSIS_ATTRIBUTE, LANGUAGE_SLOT, hint_from_metadata
from bot.nlu.language_detection import LanguageAnalysis, decide
from bot.nlu.slot_policy import SlotPolicy


def requested_language(message: UserUttered) -> Optional[str]:
    """A language chosen with a button (`/switch_language{"language": "ro"}`)."""
    for entity in message.entities or []:
        if entity.get("entity") == LANGUAGE_SLOT:
            return normalise_language_code(str(entity.get("value")))
    return None


def language_events(message: UserUttered, current: Optional[str]) -> List[SlotSet]:
    """The slot change, if any, that the message calls for."""
    chosen = requested_language(message)
    if chosen:
        return [SlotSet(LANGUAGE_SLOT, chosen)] if chosen != current else []
    stored = (message.parse_data or {}).get(ANALYSIS_ATTRIBUTE)
    if not isinstance(stored, dict):
        # A payload ("/greet" from a widget opening, a poster link, a button) is parsed by Rasa's
        # RegexMessageHandler, which skips the pipeline: no analysis, but a new conversation
        # still takes the channel's hint.
        hint = normalise_language_code(hint_from_metadata(message.metadata))
        return [SlotSet(LANGUAGE_SLOT, hint)] if hint and not current else []
    analysis = LanguageAnalysis.from_dict(stored)
    decision = decide(analysis, current, hint_from_metadata(message.metadata))
    return [SlotSet(LANGUAGE_SLOT, decision.language)] if decision.language != current else []


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class LanguagePolicy(SlotPolicy):
    """Sets the `language` slot; never chooses an action."""

    def slot_events(self, message: UserUttered, tracker: DialogueStateTracker) -> List[SlotSet]:
        return language_events(message, tracker.get_slot(LANGUAGE_SLOT))
