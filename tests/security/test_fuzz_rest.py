"""Property-based fuzzing of the REST webhook: bodies and texts never get a 5xx or silence.

Bounded (about 200 examples in all, fixed seed) against one running assistant.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import new_sender, post_raw

pytestmark = pytest.mark.e2e

WEBHOOK = "/webhooks/rest/webhook"
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Every code point, surrogates and controls included.
ANY_CHARACTER = st.characters(blacklist_categories=())
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHARACTER),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def bounded(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)


def replies_of(answer) -> list:
    return [m for m in answer.body if isinstance(m, dict) and (m.get("text") or m.get("buttons"))]


@bounded(100)
@given(text=st.text(ANY_CHARACTER, max_size=300))
def test_any_text_gets_a_reply(guarded_assistant, text):
    body = json.dumps({"sender": new_sender("fuzz"), "message": text}).encode()
    answer = post_raw(guarded_assistant, WEBHOOK, body)
    assert answer.status == 200, answer
    assert replies_of(answer), (text, answer)


@bounded(70)
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "sender": st.one_of(st.from_regex(r"\Afuzz-[a-z0-9]{1,20}\Z"), JSON_VALUES),
            "message": st.one_of(st.text(ANY_CHARACTER, max_size=200), JSON_VALUES),
            "metadata": JSON_VALUES,
            "input_channel": JSON_VALUES,
        },
    )
)
def test_any_json_body_gets_a_reply_or_a_4xx(guarded_assistant, fields):
    answer = post_raw(guarded_assistant, WEBHOOK, json.dumps(fields).encode())
    assert answer.status < 500, (fields, answer)
    if answer.status == 200 and isinstance(fields.get("message"), str) and fields["message"]:
        assert replies_of(answer), (fields, answer)


@bounded(30)
@given(raw=st.binary(max_size=2000) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_get_a_reply_or_a_4xx(guarded_assistant, raw):
    answer = post_raw(guarded_assistant, WEBHOOK, raw)
    assert answer.status < 500, (raw, answer)
