"""LanguagePolicy: keeps the `language` slot in step with what the person writes.

A policy, not an action, so that it needs no action server and runs in `rasa test` too: it
never predicts an action (all probabilities zero) and only contributes a `SlotSet` event,
which Rasa applies before the next action runs, so the first reply is already in the new
language.
"""

from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.languages import normalise_language_code
from bot.nlu.language import ANALYSIS_ATTRIBUTE, LANGUAGE_SLOT, hint_from_metadata
from bot.nlu.language_detection import LanguageAnalysis, decide

# Actions Rasa runs itself between a user message and the first prediction.
PREPARATORY_ACTIONS = {"action_extract_slots", "action_listen", "action_session_start"}
METADATA_FILE = "language_policy.json"


def awaiting_first_prediction(tracker: DialogueStateTracker) -> Optional[UserUttered]:
    """The user message this turn answers, if no reply action has run since it."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event
        if isinstance(event, ActionExecuted) and event.action_name not in PREPARATORY_ACTIONS:
            return None
    return None


def requested_language(message: UserUttered) -> Optional[str]:
    """A language chosen with a button (`/switch_language{"language": "ro"}`)."""
    for entity in message.entities or []:
        if entity.get("entity") == LANGUAGE_SLOT:
            return normalise_language_code(str(entity.get("value")))
    return None


def language_events(tracker: DialogueStateTracker) -> List[SlotSet]:
    """The slot change, if any, that the latest user message calls for."""
    message = awaiting_first_prediction(tracker)
    if message is None:
        return []
    current = tracker.get_slot(LANGUAGE_SLOT)
    chosen = requested_language(message)
    if chosen:
        return [SlotSet(LANGUAGE_SLOT, chosen)] if chosen != current else []
    stored = (message.parse_data or {}).get(ANALYSIS_ATTRIBUTE)
    if not isinstance(stored, dict):
        return []
    analysis = LanguageAnalysis.from_dict(stored)
    decision = decide(analysis, current, hint_from_metadata(message.metadata))
    return [SlotSet(LANGUAGE_SLOT, decision.language)] if decision.language != current else []


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class LanguagePolicy(Policy):
    """Sets the `language` slot; never chooses an action."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 0}

    def train(
        self,
        training_trackers: List[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        with self._model_storage.write_to(self._resource) as path:
            (path / METADATA_FILE).write_text("{}", encoding="utf-8")
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        return self._prediction(self._default_predictions(domain), events=language_events(tracker))
