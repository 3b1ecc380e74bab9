import itertools

import pytest

from bot.privacy.pseudonyms import pseudonym
from channels.widget.session import (
    MAX_MESSAGE_CHARS,
    FrameError,
    RateLimiter,
    conversation_id,
    is_well_formed_secret,
    language_hint,
    new_secret,
    open_session,
    parse_user_message,
    poster_code,
)


def test_a_new_secret_is_long_random_and_well_formed():
    secrets = {new_secret() for _ in range(100)}
    assert len(secrets) == 100
    assert all(is_well_formed_secret(secret) and len(secret) == 43 for secret in secrets)


def test_conversation_id_is_the_widget_pseudonym_of_the_secret():
    secret = new_secret()
    assert conversation_id(secret) == pseudonym("widget", secret)
    assert conversation_id(secret).startswith("widget-")
    assert secret not in conversation_id(secret)


def test_without_a_secret_a_new_conversation_starts_with_a_fresh_secret():
    first, second = open_session(None), open_session(None)
    assert not first.resumed and not second.resumed
    assert first.secret != second.secret
    assert first.conversation_id != second.conversation_id
    assert first.conversation_id == conversation_id(first.secret)


def test_presenting_the_secret_again_continues_the_same_conversation():
    started = open_session(None)
    again = open_session(started.secret)
    assert again.resumed
    assert again.conversation_id == started.conversation_id


@pytest.mark.parametrize(
    "presented",
    ["", "short", "x" * 44, "a" * 42 + "!", 12345, {"secret": "x"}, ["x"], None],
)
def test_anything_but_a_well_formed_secret_starts_a_new_conversation(presented):
    session = open_session(presented)
    assert not session.resumed
    assert session.secret != presented


def test_knowing_a_conversation_id_does_not_lead_into_that_conversation():
    victim = open_session(None)
    for guess in (victim.conversation_id, victim.conversation_id.removeprefix("widget-")):
        intruder = open_session(guess)
        assert intruder.conversation_id != victim.conversation_id


def test_a_made_up_well_formed_secret_gets_its_own_conversation():
    victim = open_session(None)
    made_up = open_session("A" * 43)
    assert made_up.conversation_id != victim.conversation_id


def test_conversation_id_refuses_what_is_not_a_secret():
    with pytest.raises(ValueError):
        conversation_id("widget-0123")


@pytest.mark.parametrize("tag", ["nl", "ro-RO", "en-GB", "pt_BR", "zh-Hant-TW"])
def test_browser_language_tags_are_accepted_as_hints(tag):
    assert language_hint(tag) == tag


@pytest.mark.parametrize("value", [None, "", "n", "nl; DROP", "x" * 40, 7, ["nl"]])
def test_other_values_are_not_language_hints(value):
    assert language_hint(value) is None


def test_poster_codes_are_short_strings():
    assert poster_code("abcDEF123_-x") == "abcDEF123_-x"
    assert poster_code("x" * 33) is None
    assert poster_code(5) is None
    assert poster_code("") is None


def test_a_message_frame_carries_only_the_text_and_the_language_hint():
    message = parse_user_message({"text": "hallo", "language": "nl-NL", "sender": "someone"})
    assert message.text == "hallo"
    assert message.metadata == {"language": "nl-NL"}
    assert parse_user_message({"text": "hi", "language": "<script>"}).metadata == {}


def test_a_too_long_message_is_refused_with_its_own_code():
    parse_user_message({"text": "x" * MAX_MESSAGE_CHARS})
    with pytest.raises(FrameError) as refused:
        parse_user_message({"text": "x" * (MAX_MESSAGE_CHARS + 1)})
    assert refused.value.code == "too_long"


@pytest.mark.parametrize("frame", [{}, {"text": ""}, {"text": "   "}, {"text": ["hi"]}])
def test_an_empty_or_malformed_message_is_a_bad_request(frame):
    with pytest.raises(FrameError) as refused:
        parse_user_message(frame)
    assert refused.value.code == "bad_request"


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_a_burst_then_refuses_a_flood():
    clock = ManualClock()
    limiter = RateLimiter(capacity=5, per_second=1, clock=clock)
    allowed = [limiter.allow() for _ in range(8)]
    assert allowed == [True] * 5 + [False] * 3


def test_rate_limiter_recovers_with_time():
    clock = ManualClock()
    limiter = RateLimiter(capacity=3, per_second=2, clock=clock)
    assert all(limiter.allow() for _ in range(3))
    assert not limiter.allow()
    clock.now += 0.5
    assert limiter.allow()
    assert not limiter.allow()
    clock.now += 100
    assert list(itertools.islice((limiter.allow() for _ in range(10)), 4)) == [True] * 3 + [False]
