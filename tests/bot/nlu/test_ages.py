"""Stated ages under 18, in digits and words, in the supported languages."""

import pytest

from bot.nlu.ages import minor_age_mentioned
from bot.nlu.signal_matcher import tokenize


@pytest.mark.parametrize(
    ("text", "language", "age"),
    [
        ("im 16 and he makes me work", "en", 16),
        ("she is only fifteen", "en", 15),
        ("ik ben zestien jaar", "nl", 16),
        ("am saptesprezece ani", "ro", 17),
        ("на 14 години съм", "bg", 14),
        ("tizenhat éves vagyok", "hu", 16),
        ("mi prima tiene 15 años", "es", 15),
        ("mam szesnaście lat", "pl", 16),
    ],
)
def test_ages_under_18_are_found(text, language, age):
    assert minor_age_mentioned(tokenize(text), language) == age


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("i am 23 years old", "en"),
        ("i work 16 hours a day", "en"),
        ("kamer 12, om 11 uur", "nl"),
        ("tengo 2 hijos", "es"),
        ("once a week", "en"),
    ],
)
def test_other_numbers_are_not_ages_under_18(text, language):
    assert minor_age_mentioned(tokenize(text), language) is None


def test_a_contracted_i_am_is_an_age_cue():
    assert minor_age_mentioned(tokenize("i'm 16 and i work in a club"), "en") == 16
