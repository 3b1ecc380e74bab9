"""When the action server cannot answer, the person gets an apology and the emergency numbers.

Rasa 3.6 logs the failure of a custom action and goes on without its events, so a person whose
message is answered by a custom action alone ("Rotterdam" after a health question) gets no reply
at all. `FallbackActionEndpoint` is the action endpoint with one difference: when the action
server is unreachable, times out, answers 5xx or answers something that is not JSON, it answers
for it with the domain response `utter_emergency_service_unavailable` (a short apology, 112 and
the 24/7 lines, in the person's language) and no events. A 4xx (an action rejecting itself)
behaves as before.

Channels install it when the server starts (`bot.resilience.startup.protect(blueprint)`), and
may again for each message in case the model was replaced (`install_action_fallback(agent)`;
both are idempotent).
"""

import asyncio
import logging
from typing import Any, Dict, Optional

import aiohttp
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

APOLOGY_RESPONSE = "utter_emergency_service_unavailable"
# Rasa waits 5 minutes for an action; a person in trouble should not.
ACTION_TIMEOUT_SECONDS = 20.0

logger = logging.getLogger(__name__)


def apology_result() -> Dict[str, Any]:
    """What the action server would have answered: the apology, nothing else."""
    return {"events": [], "responses": [{"response": APOLOGY_RESPONSE}]}


class FallbackActionEndpoint(EndpointConfig):
    """The configured action endpoint, answering with the apology when the server fails."""

    @classmethod
    def wrapping(cls, endpoint: EndpointConfig) -> "FallbackActionEndpoint":
        return cls(
            url=endpoint.url,
            params=endpoint.params,
            headers=endpoint.headers,
            basic_auth=endpoint.basic_auth,
            token=endpoint.token,
            token_name=endpoint.token_name,
            cafile=endpoint.cafile,
            type=endpoint.type,
            **endpoint.kwargs,
        )

    async def request(
        self,
        method: str = "post",
        subpath: Optional[str] = None,
        content_type: Optional[str] = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Optional[Any]:
        kwargs["timeout"] = aiohttp.ClientTimeout(total=ACTION_TIMEOUT_SECONDS)
        try:
            result = await super().request(method, subpath, content_type, compress, **kwargs)
        except ClientResponseError as error:
            if error.status < 500:
                raise
            return self._apology(f"status {error.status}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return self._apology(type(error).__name__)
        if not isinstance(result, dict):
            return self._apology("an answer that is not a JSON object")
        return result

    def _apology(self, reason: str) -> Dict[str, Any]:
        logger.error("The action server failed (%s); the person gets %s", reason, APOLOGY_RESPONSE)
        return apology_result()


def install_action_fallback(agent: Any) -> None:
    """Let the agent's processor (and the processor of a model loaded later) use the fallback."""
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None:
        return
    if not isinstance(endpoint, FallbackActionEndpoint):
        endpoint = FallbackActionEndpoint.wrapping(endpoint)
        agent.action_endpoint = endpoint
    processor = getattr(agent, "processor", None)
    if processor is not None and processor.action_endpoint is not endpoint:
        processor.action_endpoint = endpoint
