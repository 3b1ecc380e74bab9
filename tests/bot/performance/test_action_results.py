"""The compiled validator accepts and rejects exactly what Rasa's own check does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.performance import action_results

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "topic", "value": "health"}], "responses": []},
    {
        "events": [{"event": "followup", "name": "utter_menu"}],
        "responses": [{"response": "utter_handoff_waiting", "wait": "10"}],
    },
    {},
]
INVALID = [
    {"events": {"event": "slot"}},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "value": 1}]},  # a slot event needs a name
    {"responses": "utter_menu"},
    [],
]


def rasa_check(result) -> None:
    jsonschema.validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", VALID)
def test_valid_answers_pass(result) -> None:
    rasa_check(result)
    assert action_results.validate_action_result(RemoteAction("x", None), result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_answers_fail_with_rasas_error_and_hint(result) -> None:
    with pytest.raises(jsonschema.ValidationError) as expected:
        rasa_check(result)
    with pytest.raises(jsonschema.ValidationError) as raised:
        action_results.validate_action_result(RemoteAction("x", None), result)
    assert raised.value.message.startswith(expected.value.message)
    assert "Failed to validate Action server response" in raised.value.message


def test_installed_on_remote_actions() -> None:
    action_results.install()
    action = RemoteAction("action_local_help", None)
    assert action._validate_action_result({"events": []}) is True
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result({"events": [{"event": "no_such_event"}]})


def test_the_schema_is_checked_once() -> None:
    assert action_results.response_validator() is action_results.response_validator()
