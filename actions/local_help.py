"""Show the help organisations near the place the person named, for the topic in question."""

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.directory import NATIONAL, Organisation, default_directory

TOPIC_INTENT_PREFIX = "ask_"
DEFAULT_TOPIC = "exit"  # "local help organisations" in shared/CONTRACT.md
MAX_ORGANISATIONS = 4
# Directory names may explain themselves in English in brackets; only the name is shown.
EXPLANATION = re.compile(r"\s*\(.*?\)")


def topic_of(intent: Optional[str]) -> Optional[str]:
    if intent and intent.startswith(TOPIC_INTENT_PREFIX):
        return intent[len(TOPIC_INTENT_PREFIX) :]
    return None


def listing(organisations: List[Organisation]) -> str:
    """One line per organisation: name, phone, website (no free text: it is not translated)."""
    lines = []
    for org in organisations[:MAX_ORGANISATIONS]:
        contact = ", ".join(part for part in (org.phone, org.web) if part)
        name = EXPLANATION.sub("", org.name).strip()
        lines.append(f"• {name}" + (f": {contact}" if contact else ""))
    return "\n".join(lines)


class ActionLocalHelp(Action):
    """Lists regional organisations for the topic, or asks where the person is."""

    def name(self) -> str:
        return "action_local_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        intent = (tracker.latest_message or {}).get("intent", {}).get("name")
        asked = topic_of(intent)
        events = [SlotSet("topic", asked)] if asked else []
        topic = asked or tracker.get_slot("topic") or DEFAULT_TOPIC
        region, place = tracker.get_slot("region"), tracker.get_slot("place")
        if not region:
            if intent == "inform_place":
                dispatcher.utter_message(response="utter_exit_ask_place")
            return events
        found = default_directory().for_region(region, topic)
        if not found:
            found = default_directory().for_region(region, DEFAULT_TOPIC)
        regional = [org for org in found if NATIONAL not in org.regions]
        if regional:
            dispatcher.utter_message(
                response="utter_exit_local_help", place=place, organisations=listing(found)
            )
        else:
            # that message calls the lines free: only those the directory says are free
            free = [org for org in found if org.free] or [
                org for org in default_directory().for_region(None, "emergency") if org.free
            ]
            dispatcher.utter_message(
                response="utter_exit_local_help_none", place=place, organisations=listing(free)
            )
        return events
