"""SlotPolicy: the base of policies that keep a slot in step with the person's messages.

Such a policy never predicts an action (all probabilities zero); it only contributes `SlotSet`
events, which Rasa applies from every policy before the next action runs. Being a policy and
not an action, it needs no action server and runs in `rasa test` too.
"""

from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

# Actions Rasa runs itself between a user message and the first prediction.
PREPARATORY_ACTIONS = {"action_extract_slots", "action_listen", "action_session_start"}
METADATA_FILE = "slot_policy.json"


def awaiting_first_prediction(tracker: DialogueStateTracker) -> Optional[UserUttered]:
    """The user message this turn answers, if no reply action has run since it."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event
        if isinstance(event, ActionExecuted) and event.action_name not in PREPARATORY_ACTIONS:
            return None
    return None


class SlotPolicy(Policy):
    """Subclasses implement `slot_events` for the latest user message."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": 0}

    def slot_events(self, message: UserUttered, tracker: DialogueStateTracker) -> List[SlotSet]:
        raise NotImplementedError

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
        message = awaiting_first_prediction(tracker)
        events = self.slot_events(message, tracker) if message is not None else []
        return self._prediction(self._default_predictions(domain), events=events)
