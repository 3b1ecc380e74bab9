"""A small async client of the Rasa HTTP API: the only way the console reaches a conversation.

Message texts pass through here but are never logged.
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Optional
from urllib.parse import quote

import httpx

TIMEOUT_SECONDS = 10.0
LISTEN = {"event": "action", "name": "action_listen"}


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or answered with an error."""


@dataclass
class TranscriptLine:
    index: int  # position in the tracker's full event list: the polling cursor
    kind: str  # "person" | "bot" | "worker" | "choice"
    text: str
    at: float  # unix time


class RasaClient:
    def __init__(self, base_url: str, token: str, client: Optional[httpx.AsyncClient] = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._client = client or httpx.AsyncClient(timeout=TIMEOUT_SECONDS)

    async def close(self) -> None:
        await self._client.aclose()

    def _url(self, conversation: str, tail: str) -> str:
        return f"{self.base_url}/conversations/{quote(conversation, safe='')}/{tail}"

    async def _call(self, method: str, url: str, params: Dict[str, str], body: Any = None) -> Any:
        try:
            response = await self._client.request(
                method, url, params={"token": self.token, **params}, json=body
            )
        except httpx.HTTPError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code >= 400:
            raise RasaUnavailable(f"HTTP {response.status_code}")
        return response.json()

    async def tracker(self, conversation: str) -> Dict[str, Any]:
        return await self._call(
            "GET", self._url(conversation, "tracker"), {"include_events": "ALL"}
        )

    async def append_events(
        self, conversation: str, events: List[Dict[str, Any]], side_effects: bool = False
    ) -> Dict[str, Any]:
        params = (
            {"execute_side_effects": "true", "output_channel": "latest"} if side_effects else {}
        )
        return await self._call("POST", self._url(conversation, "tracker/events"), params, events)

    async def execute(self, conversation: str, action: str) -> Dict[str, Any]:
        return await self._call(
            "POST",
            self._url(conversation, "execute"),
            {"output_channel": "latest"},
            {"name": action},
        )

    # ------------------------------------------------------------ the steps of a handover

    async def say_response(self, conversation: str, response: str) -> None:
        """Send a domain response on the person's channel, then hand the turn to the person.

        `/execute` ends with the response itself; without the `action_listen` that Rasa puts
        after every bot turn, the next message of the person is answered by the fallback in a
        loop (seen with Rasa 3.6.21).
        """
        await self.execute(conversation, response)
        await self.append_events(conversation, [LISTEN])

    async def pause_and_join(self, conversation: str, role: str) -> None:
        await self.append_events(conversation, [{"event": "pause"}])
        await self.say_response(conversation, f"utter_handoff_joined_{role}")

    async def send_worker_message(self, conversation: str, text: str) -> None:
        # never the worker's name: the person sees only the role that joined
        event = {"event": "bot", "text": text, "metadata": {"from_worker": True}}
        await self.append_events(conversation, [event], side_effects=True)

    async def resume_bot(self, conversation: str) -> None:
        await self.append_events(conversation, [{"event": "resume"}])
        await self.say_response(conversation, "utter_handoff_bot_back")

    async def transcript(self, conversation: str, after: int = -1) -> List[TranscriptLine]:
        """Person, bot and worker messages with an index above `after`."""
        events = (await self.tracker(conversation)).get("events") or []
        return [
            line
            for index, event in enumerate(events)
            if index > after and (line := transcript_line(index, event)) is not None
        ]


def transcript_line(index: int, event: Dict[str, Any]) -> Optional[TranscriptLine]:
    kind = event.get("event")
    text = event.get("text") or ""
    at = float(event.get("timestamp") or 0)
    if kind == "user":
        if text.startswith("/"):  # a button the person pressed: show what it means
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            return TranscriptLine(index, "choice", intent or text[1:].split("{")[0], at)
        return TranscriptLine(index, "person", text, at) if text else None
    if kind == "bot" and text:
        from_worker = bool((event.get("metadata") or {}).get("from_worker"))
        return TranscriptLine(index, "worker" if from_worker else "bot", text, at)
    return None
