"""PlacePolicy: keeps the `place` and `region` slots at the latest place the person named."""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.knowledge.directory import default_directory
from bot.nlu.places import PLACES_ATTRIBUTE
from bot.nlu.slot_policy import SlotPolicy


def place_events(message: UserUttered, place: str, region: str) -> List[SlotSet]:
    found = (message.parse_data or {}).get(PLACES_ATTRIBUTE) or []
    known_regions = default_directory().regions
    for item in found:
        if isinstance(item, dict) and item.get("region") in known_regions:
            if (item.get("municipality"), item["region"]) == (place, region):
                return []
            return [SlotSet("place", item.get("municipality")), SlotSet("region", item["region"])]
    return []


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class PlacePolicy(SlotPolicy):
    """Sets the `place` and `region` slots; never chooses an action."""

    def slot_events(self, message: UserUttered, tracker: DialogueStateTracker) -> List[SlotSet]:
        return place_events(message, tracker.get_slot("place"), tracker.get_slot("region"))
