"""Respond to recognised distress and coercion signals by severity, and record them.

The rules (data/rules/signals.yml) have already answered the most severe signal of the message:
112 for acute danger, the answer for minors, or an acknowledgement, and for coercion that acts
someone was forced to do are not punished. This action answers the message's further signals,
records all of them, and offers a person as a follow-up action, never again within a few turns.
"""

import logging
from typing import Any, Dict, Iterable, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import queue_for_acute_danger
from bot.signals.vocabulary import by_severity, vocabulary
from bot.store.signals import record_signals

logger = logging.getLogger(__name__)

FIRST_RESPONSES = {
    "ACUTE_DANGER": "utter_emergency_acute",
    "SELF_HARM": "utter_emergency_self_harm",
    "MINOR": "utter_minors_signal",
}
ACKNOWLEDGEMENTS = {
    "VIOLENCE": "utter_rights_signal_violence",
    "THREATS": "utter_rights_signal_threats",
    "DOCUMENTS_WITHHELD": "utter_rights_signal_documents",
    "MOVEMENT_RESTRICTED": "utter_rights_signal_movement",
    "FORCED_WORK": "utter_rights_signal_forced_work",
    "MONEY_TAKEN": "utter_money_signal_taken",
    "DEBT_BONDAGE": "utter_money_signal_debt",
    "BLACKMAIL": "utter_rights_signal_blackmail",
    "RITUAL_OATH": "utter_rights_signal_ritual_oath",
    "DECEPTION": "utter_exit_signal_deception",
    "LOVERBOY": "utter_exit_signal_loverboy",
    "ISOLATION": "utter_exit_signal_isolation",
}
# Signals of coercion, where "what you were forced to do is not punished" fits.
COERCION = frozenset(
    {
        "FORCED_WORK",
        "MONEY_TAKEN",
        "DEBT_BONDAGE",
        "DOCUMENTS_WITHHELD",
        "MOVEMENT_RESTRICTED",
        "THREATS",
        "BLACKMAIL",
        "RITUAL_OATH",
    }
)
NOT_PUNISHED = "utter_police_not_punished"
# acute danger and self-harm: a person on shift is asked to look at once (design: safety rules)
URGENT_FOR_A_HUMAN = frozenset({"ACUTE_DANGER", "SELF_HARM"})
ACUTE_QUEUED = "utter_handoff_acute_queued"
OFFER = "utter_handoff_offer"
MAX_ACKNOWLEDGEMENTS = 2
# the offer of a person is not made again within this many bot messages
OFFER_COOLDOWN = 8


def plan_responses(
    codes: Sequence[str], said_this_turn: Sequence[str], said_before: Sequence[str]
) -> List[str]:
    """Response names still to send for the codes, the offer of a person last.

    said_this_turn: responses already sent since the person's message (by the rules);
    said_before: responses of earlier turns, oldest first.
    """
    codes = by_severity(codes)
    known = vocabulary()
    plan = [FIRST_RESPONSES[c] for c in codes if c in FIRST_RESPONSES]
    # acute danger: 112 and short safety steps only; no further texts, no question first (the
    # other codes are still recorded for the worker)
    acute = any(known[c].severity == "acute" for c in codes)
    if not acute:
        acknowledgements = [ACKNOWLEDGEMENTS[c] for c in codes if c in ACKNOWLEDGEMENTS]
        plan += acknowledgements[:MAX_ACKNOWLEDGEMENTS]
        if COERCION & set(codes):
            plan.append(NOT_PUNISHED)
    plan = [r for r in dict.fromkeys(plan) if r not in said_this_turn]
    if codes and not acute and OFFER not in [*said_before[-OFFER_COOLDOWN:], *said_this_turn]:
        plan.append(OFFER)
    return plan


def bot_responses(events: Iterable[Dict[str, Any]]) -> List[str]:
    return [
        e.get("metadata", {}).get("utter_action")
        for e in events
        if e.get("event") == "bot" and e.get("metadata", {}).get("utter_action")
    ]


def split_at_last_user_message(events: List[Dict[str, Any]]):
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return events[:index], events[index], events[index + 1 :]
    return events, None, []


class ActionRespondToSignals(Action):
    """Acknowledges signals, explains non-punishment where it fits, offers a person."""

    def name(self) -> str:
        return "action_respond_to_signals"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        codes = list((tracker.latest_message or {}).get("signals") or [])
        before, message, after = split_at_last_user_message(list(tracker.events))
        plan = plan_responses(codes, bot_responses(after), bot_responses(before))
        self._record(tracker.sender_id, message, codes)
        followup = [FollowupAction(OFFER)] if plan and plan[-1] == OFFER else []
        for response in plan[: len(plan) - len(followup)]:
            dispatcher.utter_message(response=response)
        if URGENT_FOR_A_HUMAN & set(codes) and self._queue_for_a_human(tracker):
            dispatcher.utter_message(response=ACUTE_QUEUED)
        return followup

    @staticmethod
    def _queue_for_a_human(tracker: Tracker) -> bool:
        try:
            return queue_for_acute_danger(tracker)
        except Exception:  # the 112 answer has gone out already; never fail the turn
            logger.exception("could not queue an acute conversation")
            return False

    @staticmethod
    def _record(conversation: str, message: Optional[Dict[str, Any]], codes: List[str]) -> None:
        if not codes or message is None:
            return
        try:
            record_signals(conversation, str(message.get("message_id") or ""), codes)
        except Exception:  # storing must never cost the person a reply
            logger.exception("could not record signals")
