"""Actions about the person's data: forgetting the conversation."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.handover.queue import delete_conversation as delete_conversation_handovers
from bot.store.database import session_scope
from bot.store.signals import delete_conversation_signals
from channels.telegram.chats import forget_chat


class ActionForgetConversation(Action):
    """Deletes the conversation's signals, handovers and Telegram chat; the rule then says so.

    The deletion of the conversation itself happens in the tracker store when Rasa saves this turn
    (bot.store.tracker_store.ForgetfulSQLTrackerStore), so that nothing of the
    conversation, this turn included, is kept.
    """

    def name(self) -> str:
        return "action_forget_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        delete_conversation_signals(tracker.sender_id)
        with session_scope() as session:
            delete_conversation_handovers(session, tracker.sender_id)
        forget_chat(tracker.sender_id)
        return []
