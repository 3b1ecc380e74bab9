"""Going deeper within a topic ("tell me more", the overview's buttons) and "is it free?".

The deeper answers are `utter_<topic>_<detail>` in the topic's domain file; the cost answers are
`utter_<topic>_cost` where the facts in shared/nl-help-facts.yml say something about cost.
"""

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

# The deeper answers per topic, in the order the overview's buttons show them: "tell me more"
# without a choice gives the first one not yet shown.
DETAILS: Dict[str, List[str]] = {
    "rights": ["licence_and_municipality", "working_from_home", "age_limits"],
    "health": ["testing_how", "condom_broke_or_assault", "prep"],
    "shelter": ["tonight", "longer_term"],
    "exit": ["programmes", "step_by_step"],
    "money": ["debts", "taxes"],
    "police": ["anonymous_report", "what_happens_if_you_report"],
    "migration": ["residence_scheme_victims", "eu_citizens", "no_papers"],
    "minors": ["where_to_go"],
}
# Topics with an `utter_<topic>_cost`; the others get COST_UNKNOWN.
COST_TOPICS = ("health", "shelter", "money", "police", "migration", "minors")
COST_UNKNOWN = "utter_handoff_cost_unknown"
MENU = "utter_menu"
DETAIL_ENTITY = "detail"


def split_detail(key: Optional[str]) -> Optional[tuple]:
    """'health_prep' -> ('health', 'prep') when that deeper answer exists, else None."""
    if not isinstance(key, str):
        return None
    key = key.strip().lower()
    for topic, details in DETAILS.items():
        prefix = topic + "_"
        if key.startswith(prefix) and key[len(prefix) :] in details:
            return topic, key[len(prefix) :]
    return None


def responses_said(tracker: Tracker) -> List[str]:
    """The responses sent in this conversation so far (from the bot events' metadata)."""
    said = []
    for event in tracker.events or []:
        if event.get("event") == "bot":
            name = (event.get("metadata") or {}).get("utter_action")
            if name:
                said.append(name)
    return said


def next_detail(topic: str, said: List[str]) -> str:
    """The first deeper answer of the topic not shown since its overview, else the first."""
    overview = f"utter_{topic}_overview"
    since = said[len(said) - said[::-1].index(overview) :] if overview in said else said
    for detail in DETAILS[topic]:
        if f"utter_{topic}_{detail}" not in since:
            return detail
    return DETAILS[topic][0]


class ActionTopicDetail(Action):
    """A deeper answer: the one chosen by button, or the next one of the current topic."""

    def name(self) -> str:
        return "action_topic_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        chosen = None
        for value in tracker.get_latest_entity_values(DETAIL_ENTITY):
            chosen = split_detail(value)
            if chosen:
                break
        if chosen is None:
            topic = tracker.get_slot("topic")
            if topic not in DETAILS:
                dispatcher.utter_message(response=MENU)
                return []
            chosen = (topic, next_detail(topic, responses_said(tracker)))
        topic, detail = chosen
        dispatcher.utter_message(response=f"utter_{topic}_{detail}")
        return [SlotSet("topic", topic)]


class ActionTopicCost(Action):
    """'Is it free?' for the topic in question, or an honest 'I do not know' with a person."""

    def name(self) -> str:
        return "action_topic_cost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        topic = tracker.get_slot("topic")
        if topic in COST_TOPICS:
            dispatcher.utter_message(response=f"utter_{topic}_cost")
        else:
            dispatcher.utter_message(response=COST_UNKNOWN)
        return []
