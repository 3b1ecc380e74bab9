"""The Rasa HTTP API answers malformed bodies with 400 instead of Rasa's own 500.

Rasa 3.6 answers 500 when `/model/parse`, `/conversations/<id>/messages` or
`/conversations/<id>/trigger_intent` get a body that is not a JSON object, a field of the wrong
type, or a text its NLU cannot take (a lone surrogate; a text long enough to exhaust memory).
These routes are behind the API token, so the check runs only for requests that carry
credentials: without them Rasa answers 401 as before.
"""

import json
import re
from typing import Any, Dict, Optional, Pattern, Tuple

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.resilience.message_guard import MAX_MESSAGE_CHARS, SURROGATES

# route -> the string fields its body must have
CHECKED_ROUTES: Tuple[Tuple[Pattern, Tuple[str, ...]], ...] = (
    (re.compile(r"^/model/parse/?$"), ("text",)),
    (re.compile(r"^/conversations/.+/messages/?$"), ("text",)),
    (re.compile(r"^/conversations/.+/trigger_intent/?$"), ("name",)),
)
TEXT_FIELDS = ("text",)


def carries_credentials(request: Request) -> bool:
    return bool(request.args.get("token") or request.headers.get("Authorization"))


def body_problem(body: bytes, fields: Tuple[str, ...]) -> Optional[str]:
    """Why the body cannot be handled, or None."""
    try:
        payload: Any = json.loads(body or b"null")
    except (ValueError, RecursionError):
        return "the body is not JSON in UTF-8"
    if not isinstance(payload, dict):
        return "the body is not a JSON object"
    for field in fields:
        if not isinstance(payload.get(field), str):
            return f"{field} must be a string"
    for field in TEXT_FIELDS:
        text = payload.get(field)
        if isinstance(text, str) and SURROGATES.search(text):
            return f"{field} holds invalid characters (lone surrogates)"
        if isinstance(text, str) and len(text) > MAX_MESSAGE_CHARS:
            return f"{field} is longer than {MAX_MESSAGE_CHARS} characters"
    return None


def _fields_for(path: str) -> Optional[Tuple[str, ...]]:
    for pattern, fields in CHECKED_ROUTES:
        if pattern.match(path):
            return fields
    return None


async def check_api_body(request: Request) -> Optional[HTTPResponse]:
    """Sanic request middleware: a 400 for a malformed body on the checked routes."""
    if request.method != "POST" or not carries_credentials(request):
        return None
    fields = _fields_for(request.path)
    if fields is None:
        return None
    problem = body_problem(request.body, fields)
    if problem is None:
        return None
    answer: Dict[str, Any] = {"status": "failure", "reason": "BadRequest", "message": problem}
    return response.json(answer, status=400)
