"""The pattern syntax, negation and hypotheticals, and the shipped pattern files."""

from pathlib import Path

import pytest

from bot.languages import SUPPORTED_LANGUAGES
from bot.nlu.signal_matcher import (
    PATTERNS_DIR,
    PatternError,
    SignalMatcher,
    compile_pattern,
    load_language,
)
from bot.signals.vocabulary import vocabulary

PATTERNS = """
language: en
negation_cues: ["not", "doesn't", "never", "nobody"]
hypothetical_cues: ["what if", "is it legal"]
patterns:
  DOCUMENTS_WITHHELD:
  - "(keeps|took|has) ... (my|her) passport*"
  MOVEMENT_RESTRICTED:
  - "(cannot|not) (go|leave) ... alone"
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory) -> SignalMatcher:
    directory = Path(tmp_path_factory.mktemp("patterns"))
    (directory / "en.yml").write_text(PATTERNS)
    return SignalMatcher(directory)


def test_a_plain_disclosure_matches(matcher):
    assert matcher.affirmative_codes("he keeps my passport in his car", "en") == [
        "DOCUMENTS_WITHHELD"
    ]


def test_third_person_matches(matcher):
    assert matcher.affirmative_codes("the boss took her passports", "en") == ["DOCUMENTS_WITHHELD"]


def test_a_negation_before_the_match_cancels_it(matcher):
    assert matcher.affirmative_codes("he never took my passport", "en") == []


def test_a_negation_in_an_earlier_clause_does_not_cancel(matcher):
    assert matcher.affirmative_codes("i never know, he took my passport", "en") == [
        "DOCUMENTS_WITHHELD"
    ]


def test_a_negation_joined_by_a_hyphen_still_counts(tmp_path):
    (tmp_path / "ro.yml").write_text(
        'negation_cues: ["nu"]\npatterns:\n  MONEY_TAKEN:\n  - "ia ... banii"\n'
    )
    matcher = SignalMatcher(tmp_path)
    assert matcher.affirmative_codes("nu-mi ia banii", "ro") == []
    assert matcher.affirmative_codes("imi ia banii", "ro") == ["MONEY_TAKEN"]


def test_a_negation_inside_the_match_cancels_it(matcher):
    assert matcher.affirmative_codes("he has not got my passport", "en") == []


def test_a_pattern_that_spells_out_a_negation_is_not_cancelled_by_it(matcher):
    assert matcher.affirmative_codes("i cannot go out alone", "en") == ["MOVEMENT_RESTRICTED"]
    assert matcher.affirmative_codes("i am not allowed to go out alone", "en") == []


def test_a_hypothetical_cancels_its_sentence_only(matcher):
    assert matcher.affirmative_codes("what if he keeps my passport?", "en") == []
    text = "what if i want to stop? he keeps my passport"
    assert matcher.affirmative_codes(text, "en") == ["DOCUMENTS_WITHHELD"]


def test_a_stated_age_under_18_is_minor(matcher):
    assert matcher.affirmative_codes("my friend is 15", "en") == ["MINOR"]
    assert matcher.affirmative_codes("what if a girl is 16?", "en") == []


@pytest.mark.parametrize("bad", ["... passport", "passport ...", "(a|)", "(a b)", ""])
def test_malformed_patterns_are_refused(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)


def test_unknown_codes_are_refused(tmp_path):
    (tmp_path / "en.yml").write_text("patterns:\n  NOT_A_CODE: ['x']\n")
    with pytest.raises(PatternError):
        load_language(tmp_path / "en.yml")


def test_every_language_ships_patterns_for_every_code():
    matcher = SignalMatcher(PATTERNS_DIR)
    assert set(SUPPORTED_LANGUAGES) <= matcher.languages
    for language in SUPPORTED_LANGUAGES:
        patterns = load_language(PATTERNS_DIR / f"{language}.yml")
        missing = set(vocabulary()) - {"MINOR"} - {c for c, p in patterns.patterns.items() if p}
        assert not missing, (language, missing)
        assert patterns.negation_cues and patterns.hypothetical_cues, language


def test_a_minor_pattern_ending_on_a_date_is_not_an_age(tmp_path):
    (tmp_path / "bg.yml").write_text(
        'language: bg\nnegation_cues: ["не"]\nhypothetical_cues: []\npatterns:\n'
        '  MINOR:\n  - "(е|съм) на (15|16)"\n'
    )
    matcher = SignalMatcher(tmp_path)
    assert matcher.affirmative_codes("рожденият ми ден е на 16 април", "bg") == []
    assert matcher.affirmative_codes("тя е на 16 и работи тук", "bg") == ["MINOR"]
    assert matcher.affirmative_codes("тя е на 16", "bg") == ["MINOR"]


@pytest.mark.parametrize(
    ("language", "text", "code"),
    [
        ("bg", "izvadi pistolet i kaza 4e shte me zastrelq", "ACUTE_DANGER"),
        ("bg", "вече са на стълбите", "ACUTE_DANGER"),
        ("bg", "мисля да си прережа вените", "SELF_HARM"),
        ("bg", "навършвам пълнолетие през декември", "MINOR"),
        ("ro", "e beat si da in mine de o ora", "ACUTE_DANGER"),
        ("ro", "zic ca intra peste mine la noapte", "ACUTE_DANGER"),
        ("ro", "nu am unde sa fug", "ACUTE_DANGER"),
        ("ro", "eu inca sunt in a noua la liceu", "MINOR"),
        ("ro", "banii intra pe cardul lui", "MONEY_TAKEN"),
        ("bg", "само съм в тежест на всички", "SELF_HARM"),
        ("bg", "ne iskam ve4e da jiveq", "SELF_HARM"),
        ("bg", "кой ще плати да ме върнат ако вече ме няма", "SELF_HARM"),
        ("ro", "care e doza mortala de xanax", "SELF_HARM"),
        ("ro", "cine plateste sa ma duca acasa daca nu mai sunt?", "SELF_HARM"),
        ("ro", "prietena mea zice ca vrea sa se omoare", "SELF_HARM"),
    ],
)
def test_shipped_patterns_from_the_fourth_and_fifth_tuning_sets(language, text, code):
    from bot.nlu.signal_matcher import default_matcher

    assert code in default_matcher().affirmative_codes(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("bg", "порязах си пръста докато режех домати"),
        ("ro", "voiam doar sa intreb niste chestii"),
        ("ro", "daca nu mai sunt la munca maine, cine ma inlocuieste"),
    ],
)
def test_everyday_cuts_and_phrases_are_not_self_harm_patterns(language, text):
    from bot.nlu.signal_matcher import default_matcher

    assert "SELF_HARM" not in default_matcher().affirmative_codes(text, language)
