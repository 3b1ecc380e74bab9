"""End to end: each severity path in nl, en and ro, over REST with the real servers."""

import uuid

import pytest

from bot.nlu.signal_matcher import SignalMatcher
from bot.store.signals import signals_of
from tests.e2e.test_rest_conversation import response_text, texts

pytestmark = pytest.mark.e2e

MESSAGES = {
    "nl": {
        "acute": "hij slaat me nu, hij is hier in de kamer",
        "self_harm": "ik wil niet meer leven",
        "minor": "ik ben 16 en ik werk in een club",
        "documents": "de baas heeft mijn paspoort afgepakt",
        "loverboy": "mijn vriend zegt dat ik voor hem moet blijven werken",
        "negated": "nee hoor, niemand pakt mijn geld af",
        "violence_now": "hij heeft me geslagen en hij staat nog buiten",
        "violence_over": "hij heeft me vorig jaar geslagen, nu woon ik alleen",
    },
    "en": {
        "acute": "he is beating me right now, he is here",
        "self_harm": "i don't want to live anymore",
        "minor": "i'm 16 and i work in a club",
        "documents": "the boss took my passport",
        "loverboy": "my boyfriend says i have to keep working for him",
        "negated": "nobody takes my money, i keep it all",
        "violence_now": "he punched me and he is still outside",
        "violence_over": "he punched me last year, i moved out since",
    },
    "ro": {
        "acute": "ma bate acum, e aici in camera",
        "self_harm": "nu mai vreau sa traiesc",
        "minor": "am 16 ani si lucrez intr-un club",
        "documents": "seful mi-a luat pasaportul",
        "loverboy": "iubitul meu zice ca trebuie sa lucrez in continuare pentru el",
        "negated": "nu, nimeni nu imi ia banii",
        "violence_now": "m-a lovit cu cureaua si inca e aici, ajutor",
        "violence_over": "acum trei ani m-a lovit, acum sunt bine",
    },
}
LANGUAGES = sorted(MESSAGES)


def conversation(assistant, language: str) -> str:
    sender = f"e2e-{uuid.uuid4().hex}"
    opener = {
        "nl": "hallo, ik heb een vraag",
        "en": "hello, i have a question",
        "ro": "buna, am o intrebare",
    }
    assistant.say(sender, opener[language])
    assert assistant.slot(sender, "language") == language
    return sender


@pytest.mark.parametrize("language", LANGUAGES)
def test_acute_danger_gets_112_in_the_first_reply_and_no_question(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["acute"])
    assert texts(replies)[0] == response_text("utter_emergency_acute", language)
    assert "112" in texts(replies)[0]
    assert response_text("utter_handoff_offer", language) not in texts(replies)
    assert "ACUTE_DANGER" in assistant.slot(sender, "signals")


@pytest.mark.parametrize("language", LANGUAGES)
def test_violence_told_as_happening_now_gets_112_first(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["violence_now"])
    assert texts(replies)[0] == response_text("utter_emergency_acute", language)
    assert {"ACUTE_DANGER", "VIOLENCE"} <= set(assistant.slot(sender, "signals"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_violence_that_is_over_is_not_an_emergency(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["violence_over"])
    assert response_text("utter_emergency_acute", language) not in texts(replies)
    assert assistant.slot(sender, "signals") == ["VIOLENCE"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_harm_gets_112_and_113_first(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["self_harm"])
    assert texts(replies)[0] == response_text("utter_emergency_self_harm", language)
    assert "113" in texts(replies)[0]
    assert "SELF_HARM" in assistant.slot(sender, "signals")


def test_an_indirect_goodbye_that_no_pattern_knows_gets_113_first(assistant):
    text = "am dat toate hainele mele, nu o sa mai am nevoie de ele"
    assert SignalMatcher().affirmative_codes(text, "ro") == []  # the urgent classifier's route
    sender = conversation(assistant, "ro")
    replies = assistant.say(sender, text)
    assert texts(replies)[0] == response_text("utter_emergency_self_harm", "ro")
    assert "SELF_HARM" in assistant.slot(sender, "signals")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_minor_gets_the_answer_for_minors_and_the_offer(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["minor"])
    assert texts(replies) == [
        response_text("utter_minors_signal", language),
        response_text("utter_handoff_offer", language),
    ]
    assert assistant.slot(sender, "signals") == ["MINOR"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_high_severity_is_acknowledged_with_non_punishment(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["documents"])
    assert texts(replies) == [
        response_text("utter_rights_signal_documents", language),
        response_text("utter_police_not_punished", language),
        response_text("utter_handoff_offer", language),
    ]
    assert assistant.slot(sender, "signals") == ["DOCUMENTS_WITHHELD"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_concern_is_named_and_a_declined_offer_is_not_repeated(assistant, language):
    sender = conversation(assistant, language)
    replies = assistant.say(sender, MESSAGES[language]["loverboy"])
    assert texts(replies) == [
        response_text("utter_exit_signal_loverboy", language),
        response_text("utter_handoff_offer", language),
    ]
    replies = assistant.say(sender, {"nl": "nee", "en": "no", "ro": "nu"}[language])
    assert texts(replies) == [response_text("utter_handoff_declined", language)]
    replies = assistant.say(sender, MESSAGES[language]["documents"])
    assert response_text("utter_handoff_offer", language) not in texts(replies)
    assert assistant.slot(sender, "signals") == ["LOVERBOY", "DOCUMENTS_WITHHELD"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_negation_adds_no_signal(assistant, language):
    sender = conversation(assistant, language)
    assistant.say(sender, MESSAGES[language]["negated"])
    assert assistant.slot(sender, "signals") == []


def test_signals_are_stored_with_the_message_reference_not_the_text(assistant):
    sender = conversation(assistant, "en")
    assistant.say(sender, MESSAGES["en"]["documents"])
    url = f"sqlite:///{assistant.workdir / 'firstcontact.db'}"
    rows = signals_of(sender, url)
    assert [code for code, _, _ in rows] == ["DOCUMENTS_WITHHELD"]
    user_ids = [
        e["message_id"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"
    ]
    assert rows[0][1] == user_ids[-1]
