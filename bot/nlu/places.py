"""PlaceDetector: a Rasa NLU component that records the Dutch places named in a message.

The places (municipality, region, the words as written) go into the parse data (`places`);
`bot.nlu.place_policy.PlacePolicy` keeps the `place` and `region` slots from them.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.directory import load_directory
from bot.knowledge.places import PlaceMatcher
from bot.nlu.component import StatelessComponent

PLACES_ATTRIBUTE = "places"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class PlaceDetector(StatelessComponent):
    """Finds municipality names and aliases in any supported language."""

    def __init__(self, matcher: PlaceMatcher) -> None:
        self._matcher = matcher

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> "PlaceDetector":
        return cls(PlaceMatcher(load_directory()))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            places = [
                {"municipality": p.municipality, "region": p.region, "text": p.text}
                for p in self._matcher.places(text)
            ]
            message.set(PLACES_ATTRIBUTE, places, add_to_output=True)
        return messages
