"""Language analysis and the stickiness decision (bot.nlu.language_detection)."""

import pytest

from bot.nlu.language_detection import LanguageDetector, decide


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def language_after(detector, text, current=None, hint=None) -> str:
    return decide(detector.analyse(text), current, hint).language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("buna ziua, am o intrebare despre munca", "ro"),
        ("ik werk vanuit huis, mag dat eigenlijk?", "nl"),
        ("where can I get a free test for std", "en"),
        ("Здравейте, къде мога да се изследвам?", "bg"),
        ("hol tudok ingyen tesztet csinalni", "hu"),
        ("donde puedo hacerme la prueba gratis", "es"),
        ("gdzie moge zrobic darmowy test", "pl"),
        ("zdravei, iskam da pitam neshto", "bg"),  # Bulgarian typed in Latin letters
        ("sybiram hap4eta ot mesec, mislq 4e ve4e stigat", "bg"),  # 4 for ч, q for я
        ("ve4e nqmam sili", "bg"),
        ("nqmam oshte 18 godini", "bg"),
        ("dzisiaj pracuje do czwartej, potem ide do domu", "pl"),
        ("quiero que me ayudes, por favor", "es"),
    ],
)
def test_a_clear_first_message_sets_its_language(detector, text, expected):
    assert language_after(detector, text) == expected


@pytest.mark.parametrize("short", ["ok", "bye", "👍", "?", "da", "no", "si", "haha", "...", ""])
def test_a_short_message_never_flips_the_conversation(detector, short):
    for current in ("nl", "ro", "bg", "pl"):
        assert language_after(detector, short, current=current, hint="en") == current


def test_a_short_english_word_keeps_a_romanian_conversation(detector):
    assert language_after(detector, "thanks", current="ro") == "ro"


def test_a_clear_long_message_in_another_language_switches(detector):
    text = "sorry I do not understand Dutch, can you tell me where to get tested"
    assert language_after(detector, text, current="nl") == "en"


def test_a_romanian_message_with_dutch_words_stays_romanian(detector):
    text = "am fost la GGD pentru test si ce fac cu politie daca ma opresc"
    assert language_after(detector, text, current="ro") == "ro"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("speak English", "en"),
        ("english please", "en"),
        ("vorbește românește", "ro"),
        ("vorbesti romana?", "ro"),
        ("in het Nederlands graag", "nl"),
        ("kun je Nederlands praten", "nl"),
        ("¿hablas español?", "es"),
        ("mówisz po polsku?", "pl"),
        ("po polsku prosze", "pl"),
        ("beszélsz magyarul?", "hu"),
        ("говориш ли български", "bg"),
        ("can we talk in Hungarian", "hu"),
    ],
)
def test_an_explicit_request_switches_language(detector, text, expected):
    for current in ("nl", "en", "ro", "bg"):
        assert language_after(detector, text, current=current) == expected


def test_naming_two_languages_is_not_a_switch(detector):
    assert detector.analyse("I speak Dutch and English a bit").explicit_switch is None


def test_a_language_name_in_a_long_unrelated_sentence_is_not_a_switch(detector):
    text = "my friend has a Polish boyfriend and she wants to know about the rules here"
    assert detector.analyse(text).explicit_switch is None


def test_the_channel_hint_decides_an_uninformative_first_message(detector):
    assert language_after(detector, "ok", hint="ro-RO") == "ro"
    assert language_after(detector, "hello", hint="bg") == "bg"


def test_a_clear_first_message_beats_the_channel_hint(detector):
    assert language_after(detector, "buna, am nevoie de ajutor cu actele", hint="en-GB") == "ro"


def test_an_unsupported_hint_is_ignored(detector):
    assert language_after(detector, "ok", hint="pt-BR") == "en"


def test_nothing_known_gives_the_default(detector):
    assert language_after(detector, "👍") == "en"


def test_the_analysis_is_deterministic(detector):
    text = "ce pot sa fac"
    assert {detector.analyse(text).as_dict()["candidate"] for _ in range(20)} == {
        detector.analyse(text).candidate
    }
