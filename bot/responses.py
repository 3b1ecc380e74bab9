"""The response generator: Rasa's own, except that button payloads are left alone.

A payload such as `/request_human{"helper_type": "peer"}` looks like a `{slot}` placeholder to
Rasa 3.6's interpolator, which then logs an error for every such button on every message (and
leaves the payload as it was). Payloads never carry slot values here, so they skip the
interpolation; titles and texts are filled as before.

endpoints.yml:
    nlg:
      type: bot.responses.ButtonSafeNaturalLanguageGenerator
"""

from typing import Any, Dict, List, Optional

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

PAYLOAD_KEYS = ("buttons", "quick_replies")


class ButtonSafeNaturalLanguageGenerator(TemplatedNaturalLanguageGenerator):
    def __init__(
        self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None
    ) -> None:
        super().__init__(domain.responses if domain is not None else {})

    def _fill_response(
        self,
        response: Dict[str, Any],
        filled_slots: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> Dict[str, Any]:
        kept: Dict[str, List[Any]] = {}
        for key in PAYLOAD_KEYS:
            choices = response.get(key)
            if isinstance(choices, list):
                kept[key] = [c.get("payload") if isinstance(c, dict) else None for c in choices]
                response[key] = [
                    {k: v for k, v in c.items() if k != "payload"} if isinstance(c, dict) else c
                    for c in choices
                ]
        filled = super()._fill_response(response, filled_slots, **kwargs)
        for key, payloads in kept.items():
            for choice, payload in zip(filled.get(key) or [], payloads, strict=False):
                if isinstance(choice, dict) and payload is not None:
                    choice["payload"] = payload
        return filled
