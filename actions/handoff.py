"""The person's side of the handover: choose who, consent, honest availability, queue, stop.

Rules (data/rules/handoff.yml) call these in order: request_human -> action_handoff_request
(asks who, then asks consent); yes -> action_handoff_confirm (queues, or says when the next
shift is and offers to leave a message); yes -> action_handoff_leave_message. "stop" at any time
-> action_handoff_stop. The console pauses the conversation when a worker takes it.
"""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationResumed, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.handover import queue
from bot.handover.models import utcnow
from bot.handover.when import describe_start, minutes_count
from bot.languages import SUPPORTED_LANGUAGES
from bot.store.database import session_scope

logger = logging.getLogger(__name__)

HELPER_TYPES = ("worker", "peer")
STAGE_SLOT = "handoff_stage"
OFFERED_MESSAGE = "offered_message"
DEFAULT_LANGUAGE = "en"


def helper_type_of(tracker: Tracker) -> Optional[str]:
    """From this message's entity, else what the person chose before."""
    for value in tracker.get_latest_entity_values("helper_type"):
        if value in HELPER_TYPES:
            return value
    chosen = tracker.get_slot("handoff")
    return chosen if chosen in HELPER_TYPES else None


def language_of(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def request_details(tracker: Tracker) -> Dict[str, Any]:
    return {
        "channel": tracker.get_latest_input_channel(),
        "language": tracker.get_slot("language"),
        "signal_codes": tracker.get_slot("signals") or [],
        "region": tracker.get_slot("region"),
    }


class ActionHandoffRequest(Action):
    """Asks who the person wants to talk to, then asks consent."""

    def name(self) -> str:
        return "action_handoff_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        with session_scope() as session:
            already = queue.open_handover(session, tracker.sender_id) is not None
        if already:
            dispatcher.utter_message(response="utter_handoff_already_waiting")
            return [SlotSet(STAGE_SLOT, None)]
        helper_type = helper_type_of(tracker)
        if helper_type is None:
            dispatcher.utter_message(response="utter_handoff_choose")
            return [SlotSet(STAGE_SLOT, "choosing")]
        dispatcher.utter_message(response="utter_handoff_consent")
        return [SlotSet("handoff", helper_type), SlotSet(STAGE_SLOT, "consent")]


class ActionHandoffConfirm(Action):
    """After consent: queue the person and say roughly how long, or say when the next shift is."""

    def name(self) -> str:
        return "action_handoff_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        helper_type = helper_type_of(tracker)
        if tracker.get_slot(STAGE_SLOT) != "consent" or helper_type is None:
            dispatcher.utter_message(response="utter_handoff_choose")
            return [SlotSet(STAGE_SLOT, "choosing")]
        language = language_of(tracker)
        now = utcnow()
        with session_scope() as session:
            found = queue.availability(session, helper_type, tracker.get_slot("language"), now)
            if found.on_shift:
                queue.request_handover(
                    session, tracker.sender_id, helper_type=helper_type, **request_details(tracker)
                )
        if found.on_shift:
            response = (
                "utter_handoff_waiting"
                if found.speaks_language
                else "utter_handoff_waiting_other_language"
            )
            wait = minutes_count(found.estimated_wait_minutes, language)
            dispatcher.utter_message(response=response, wait_minutes=wait)
            return [SlotSet(STAGE_SLOT, None)]
        if found.next_shift_start is None:
            dispatcher.utter_message(response="utter_handoff_no_shift_planned")
        else:
            next_shift = describe_start(found.next_shift_start, language, now)
            dispatcher.utter_message(response="utter_handoff_out_of_hours", next_shift=next_shift)
        return [SlotSet(STAGE_SLOT, OFFERED_MESSAGE)]


class ActionHandoffLeaveMessage(Action):
    """Out of hours, the person wants to leave a message: queue it for the next shift."""

    def name(self) -> str:
        return "action_handoff_leave_message"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        if tracker.get_slot(STAGE_SLOT) != OFFERED_MESSAGE:
            dispatcher.utter_message(response="utter_ask_anything_else")
            return []
        with session_scope() as session:
            queue.request_handover(
                session,
                tracker.sender_id,
                helper_type=helper_type_of(tracker),
                out_of_hours=True,
                **request_details(tracker),
            )
        dispatcher.utter_message(response="utter_handoff_message_queued")
        return [SlotSet(STAGE_SLOT, None)]


class ActionHandoffDecline(Action):
    """The person does not want a human after all: nothing is queued."""

    def name(self) -> str:
        return "action_handoff_decline"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(response="utter_handoff_declined")
        return [SlotSet(STAGE_SLOT, None)]


class ActionHandoffStop(Action):
    """Stop waiting, or end the conversation with the human: the bot takes over again."""

    def name(self) -> str:
        return "action_handoff_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        with session_scope() as session:
            handover = queue.cancel_by_person(session, tracker.sender_id)
            was_live = handover is not None and handover.outcome == "ended_by_person"
        events: List[Dict[str, Any]] = [SlotSet(STAGE_SLOT, None)]
        if handover is None:
            dispatcher.utter_message(response="utter_ask_anything_else")
        elif was_live:
            events.append(ConversationResumed())
            dispatcher.utter_message(response="utter_handoff_bot_back")
        else:
            dispatcher.utter_message(response="utter_handoff_cancelled")
        return events


def queue_for_acute_danger(tracker: Tracker) -> bool:
    """Acute danger: if anyone is on shift, put the conversation first in line (vital interest).

    Returns whether it was queued; the person is told so by the caller.
    """
    now = utcnow()
    with session_scope() as session:
        if queue.open_handover(session, tracker.sender_id) is not None:
            return False
        if not queue.availability(session, None, tracker.get_slot("language"), now).on_shift:
            return False
        details = request_details(tracker)
        codes = set(details.pop("signal_codes")) | set(
            (tracker.latest_message or {}).get("signals") or []
        )
        queue.request_handover(
            session,
            tracker.sender_id,
            helper_type=None,
            signal_codes=codes,
            legal_basis="vital_interest",
            **details,
        )
    return True
