"""The Rasa HTTP API: 401 without the token, and never a 5xx for a malformed body with it."""

import json

import pytest

from tests.security.conftest import post_raw

pytestmark = pytest.mark.e2e

ROUTES = [
    "/model/parse",
    "/conversations/api-probe/messages",
    "/conversations/api-probe/trigger_intent",
    "/conversations/api-probe/execute",
    "/conversations/api-probe/tracker/events",
    "/conversations/api-probe/predict",
]
BODIES = [
    b"",
    b"not json",
    b"\xff\xfe",
    b"[1]",
    b"null",
    b"{}",
    b'{"text": 5, "name": 5}',
    b'{"text": null}',
    b'{"text": "\\ud800", "sender": "user"}',
    json.dumps({"text": "hallo ik werk " * 8000, "sender": "user"}).encode(),
]


@pytest.mark.parametrize("route", ROUTES)
def test_without_the_token_every_route_answers_401(guarded_assistant, route):
    for body in BODIES:
        answer = post_raw(guarded_assistant, route, body)
        assert answer.status == 401, (body[:40], answer)


@pytest.mark.parametrize("route", ROUTES)
def test_with_the_token_a_malformed_body_gets_a_4xx(guarded_assistant, route):
    for body in BODIES:
        answer = post_raw(guarded_assistant, f"{route}?token={guarded_assistant.token}", body)
        assert 400 <= answer.status < 500, (body[:40], answer)


def test_with_the_token_a_good_parse_still_works(guarded_assistant):
    body = json.dumps({"text": "hallo, goedenavond"}).encode()
    answer = post_raw(guarded_assistant, f"/model/parse?token={guarded_assistant.token}", body)
    assert answer.status == 200
    assert answer.body["intent"]["name"] == "greet"


def test_an_authorization_header_counts_as_credentials(guarded_assistant):
    headers = {"Authorization": "Bearer not-a-valid-token"}
    answer = post_raw(guarded_assistant, "/model/parse", b"[1]", headers)
    assert 400 <= answer.status < 500
