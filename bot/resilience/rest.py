"""The REST channel with its input checked: a clear reply or a 4xx for anything a client sends.

Rasa's own REST channel answers 500 to a body that is valid JSON but not an object, puts every
message without a sender into one shared conversation called "default", answers an empty list
(silence) when the message or metadata has the wrong type or the text cannot be tokenised, and
logs the text of a message it failed on. This one answers 400 with a reason instead, 413 for a
body over `MAX_BODY_BYTES`, passes the text through `bot.resilience.message_guard`, keeps only
the language hint from the metadata, never takes the channel name from the client, and logs
failures without the text. When handling fails all the same, the person gets the apology with
the emergency numbers (`utter_emergency_service_unavailable`).

The REST channel is for local use and tests: it has no authentication and the client chooses
the conversation id, so it is not pseudonymised (docs/privacy.md).

credentials.yml (same URL as Rasa's `rest:`, `POST /webhooks/rest/webhook`):
    bot.resilience.rest.GuardedRestInput:
"""

import json
import logging
import re
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.resilience.action_fallback import APOLOGY_RESPONSE, install_action_fallback
from bot.resilience.message_guard import guard_metadata, guard_text, shortcuts_of
from bot.resilience.startup import protect

MAX_BODY_BYTES = 64 * 1024
# any id a client may reasonably use (the contract does not fix a format), but nothing that breaks
# a log line or an HTTP API path: no whitespace, control characters, / \\ ? # %
SENDER = re.compile(r"^[^\s/\\?#%\x00-\x1f\x7f]{1,128}\Z")
ERRORS = {
    "too_large": f"the body is larger than {MAX_BODY_BYTES} bytes",
    "not_json": "the body is not JSON in UTF-8",
    "not_object": "the body is not a JSON object",
    "sender": "sender: 1 to 128 characters, no spaces, control characters or / \\ ? # %",
    "message": "message must be a string",
    "metadata": "metadata must be an object",
    "not_ready": "no model is loaded yet",
}

logger = logging.getLogger(__name__)


class InvalidInput(ValueError):
    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(ERRORS[code])
        self.code, self.status = code, status


def parse_body(body: bytes) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """(sender, text, metadata) from a webhook body, or InvalidInput."""
    if len(body) > MAX_BODY_BYTES:
        raise InvalidInput("too_large", 413)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise InvalidInput("not_json") from None
    if not isinstance(payload, dict):
        raise InvalidInput("not_object")
    sender, text = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise InvalidInput("sender")
    if not isinstance(text, str):
        raise InvalidInput("message")
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidInput("metadata")
    return sender, text, guard_metadata(metadata)


async def apology_messages(agent: Any, sender: str) -> List[Dict[str, Any]]:
    """The apology in the conversation's language, for a turn that failed inside Rasa."""
    tracker = await agent.tracker_store.retrieve(sender)
    if tracker is None:
        tracker = DialogueStateTracker(sender, agent.domain.slots)
    message = await agent.nlg.generate(APOLOGY_RESPONSE, tracker, GuardedRestInput.name())
    if not message:
        return []
    return [{"recipient_id": sender, **{k: v for k, v in message.items() if v}}]


class GuardedRestInput(RestInput):
    """`POST /webhooks/rest/webhook` with `{"sender", "message", "metadata"}`, input checked."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)
        protect(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            try:
                sender, text, metadata = parse_body(request.body or b"")
            except InvalidInput as invalid:
                return response.json(
                    {"error": invalid.code, "message": str(invalid)}, status=invalid.status
                )
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return response.json({"error": "not_ready", "message": ERRORS["not_ready"]}, 503)
            install_action_fallback(agent)
            text = guard_text(text, shortcuts_of(agent))
            if bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, text, sender, self.name(), metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except (CancelledError, Exception) as error:
                # never the text: it may say who the person is or what happened to them
                logger.error("rest: a message could not be handled (%s)", type(error).__name__)
                return await self._reply_after_failure(agent, sender, collector)
            return response.json(collector.messages)

        return webhook

    @staticmethod
    async def _reply_after_failure(
        agent: Any, sender: str, collector: CollectingOutputChannel
    ) -> HTTPResponse:
        try:
            apology = await apology_messages(agent, sender)
        except Exception as error:
            logger.error("rest: the apology could not be rendered (%s)", type(error).__name__)
            apology = []
        if not collector.messages and not apology:
            return response.json({"error": "unavailable"}, status=503)
        return response.json(collector.messages + apology)
