"""What a channel lets through to Rasa (bot.resilience.message_guard and the REST body checks)."""

import json

import pytest
from rasa.shared.core.domain import Domain

from bot.resilience.api_guard import body_problem
from bot.resilience.message_guard import (
    MAX_MESSAGE_CHARS,
    allowed_shortcuts,
    button_payloads,
    clean_text,
    guard_metadata,
    guard_text,
    language_switch_payloads,
)
from bot.resilience.rest import MAX_BODY_BYTES, InvalidInput, parse_body
from tests.support.servers import ROOT


@pytest.fixture(scope="module")
def shortcuts():
    domain = Domain.load(str(ROOT / "domain"))
    return allowed_shortcuts(domain.intents, domain.responses)


def test_lone_surrogates_become_replacement_characters():
    assert clean_text("\ud800hallo\udfff") == "\ufffdhallo\ufffd"
    clean_text("\ud800hallo").encode("utf-8")  # no UnicodeEncodeError


def test_control_characters_and_bidi_overrides_are_dropped_newlines_kept():
    assert clean_text("\x00ha\x1bllo\x7f\r\nwereld\t!") == "hallo\nwereld\t!"
    assert clean_text("\u202ehallo\u202c \u2066x\u2069") == "hallo x"


def test_emoji_and_other_scripts_are_kept():
    for text in ("😀🙏", "👩‍👩‍👧", "مرحبا", "Здравей", "łódź ăîșț"):
        assert clean_text(text) == text


def test_text_is_cut_at_the_limit():
    assert len(clean_text("ab " * MAX_MESSAGE_CHARS)) <= MAX_MESSAGE_CHARS
    assert clean_text("   ") == ""


@pytest.mark.parametrize(
    "typed, seen",
    [
        ("/restart", "restart"),
        ("/session_start", "session_start"),
        ("/back", "back"),
        ("/disclose_acute_danger", "disclose_acute_danger"),
        ('/greet{"language": "xx"}', 'greet{"language": "xx"}'),
        ('/greet{"x":', 'greet{"x":'),
        ("///", ""),
        ('/request_human{"helper_type": "admin"}', 'request_human{"helper_type": "admin"}'),
        ("/nlu_fallback", "nlu_fallback"),
        ("/not_an_intent", "not_an_intent"),
    ],
)
def test_intent_syntax_not_offered_by_the_assistant_is_read_as_words(shortcuts, typed, seen):
    assert guard_text(typed, shortcuts) == seen


@pytest.mark.parametrize(
    "typed",
    [
        "/menu",
        "/affirm",
        "/deny",
        "/ask_health",
        "/request_human",
        '/request_human{"helper_type": "peer"}',
        '/request_human{"helper_type":"worker"}',
        "/forget_me",
        "/greet",
    ],
)
def test_the_assistants_own_shortcuts_and_forget_me_stay_intents(shortcuts, typed):
    assert guard_text(typed, shortcuts) == typed


def test_the_shortcuts_come_from_the_domain():
    responses = {"utter_x": [{"text": "t", "buttons": [{"title": "a", "payload": '/a{"b": 1}'}]}]}
    assert button_payloads(responses) == {'/a{"b": 1}'}
    allowed = allowed_shortcuts(["greet", "restart", "disclose_minor"], responses)
    assert allowed == {"/greet", '/a{"b": 1}'} | language_switch_payloads()


def test_the_language_picker_may_switch_to_supported_languages_only(shortcuts):
    assert guard_text('/switch_language{"language":"ro"}', shortcuts).startswith("/")
    assert not guard_text('/switch_language{"language":"de"}', shortcuts).startswith("/")


def test_only_the_language_hint_is_kept_from_metadata():
    assert guard_metadata({"language": "ro-RO", "ip": "203.0.113.9", "ua": "x"}) == {
        "language": "ro-RO"
    }
    assert guard_metadata({"language": 5}) is None
    assert guard_metadata({"language": "x" * 100}) is None
    assert guard_metadata(None) is None


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "not_json"),
        (b"\xff\xfe", "not_json"),
        (b"[" * 30000, "not_json"),
        (b"[]", "not_object"),
        (b"null", "not_object"),
        (body(message="hi"), "sender"),
        (body(sender="", message="hi"), "sender"),
        (body(sender=5, message="hi"), "sender"),
        (body(sender="a\nb", message="hi"), "sender"),
        (body(sender="../x", message="hi"), "sender"),
        (body(sender="s" * 129, message="hi"), "sender"),
        (body(sender="abc\n", message="hi"), "sender"),
        (body(sender="a b", message="hi"), "sender"),
        (body(sender="abc"), "message"),
        (body(sender="abc", message=None), "message"),
        (body(sender="abc", message=["hi"]), "message"),
        (body(sender="abc", message="hi", metadata="nl"), "metadata"),
    ],
)
def test_malformed_bodies_are_refused_with_a_reason(raw, code):
    with pytest.raises(InvalidInput) as refused:
        parse_body(raw)
    assert refused.value.code == code
    assert refused.value.status == 400


def test_a_body_over_the_limit_is_413():
    with pytest.raises(InvalidInput) as refused:
        parse_body(b" " * (MAX_BODY_BYTES + 1))
    assert refused.value.status == 413


def test_a_good_body_is_taken_apart():
    raw = body(sender="e2e-1", message="hallo", metadata={"language": "nl", "ua": "x"})
    assert parse_body(raw) == ("e2e-1", "hallo", {"language": "nl"})


def test_combining_marks_are_joined_or_dropped():
    assert clean_text("cafe\u0301") == "café"
    assert clean_text("h̸̢̛e̵͓͝lp") == "help"
    assert clean_text("مَرْحَبًا") == "مرحبا"
    assert clean_text("\u0338") == ""


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"", "not a JSON object"),
        (b"{", "not JSON"),
        (b"[1]", "not a JSON object"),
        (b'{"text": 5}', "text must be a string"),
        (b'{"text": "\\ud800"}', "lone surrogates"),
        (json.dumps({"text": "a " * 1500}).encode(), "longer than"),
    ],
)
def test_the_api_body_check_names_the_problem(raw, problem):
    assert problem in body_problem(raw, ("text",))


def test_a_good_api_body_passes():
    assert body_problem(b'{"text": "hallo", "sender": "user"}', ("text",)) is None


@pytest.mark.parametrize("sender", ["user@example.org", "checker-ü-1", "3f2b9c1e-uuid", "a.b:c_d"])
def test_ordinary_sender_ids_of_any_client_are_accepted(sender):
    assert parse_body(body(sender=sender, message="hi"))[0] == sender
