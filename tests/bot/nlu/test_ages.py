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
        ("am saptisprezece ani, nu stiu limba", "ro", 17),
        ("17 y/o, pot lucra legal aici?", "ro", 17),
        ("she's 15 y/o", "en", 15),
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
        ("clasa a 8-a am terminat-o acum 10 ani", "ro"),
        ("i left school 15 years ago", "en"),
        ("15 jaar geleden ben ik hier gekomen", "nl"),
        ("llegué hace 12 años", "es"),
        ("дойдох преди 16 години", "bg"),
    ],
)
def test_other_numbers_are_not_ages_under_18(text, language):
    assert minor_age_mentioned(tokenize(text), language) is None


def test_a_contracted_i_am_is_an_age_cue():
    assert minor_age_mentioned(tokenize("i'm 16 and i work in a club"), "en") == 16


@pytest.mark.parametrize(
    ("text", "language", "age"),
    [
        ("imam 17 godini i ne mi e hubavo", "bg", 17),
        ("na shestnaiset sam", "bg", 16),
        ("сестра ми е на петнайсе", "bg", 15),
        ("rodena sum 2010", "bg", 16),
        ("набор 2011 е", "bg", 15),
        ("sunt nascuta in 2009", "ro", 17),
        ("2010-ben születtem", "hu", 16),
        ("nací en 2012", "es", 14),
        ("cand aveam 16 ani m-a adus aici, acum am 17", "ro", 16),
        ("when i was 15 he brought me here", "en", 15),
        ("6estnaiset godi6na sym i me e strah", "bg", 16),
        ("kolko godini trqbva da si, az sym na 17", "bg", 17),
        ("sunt nascuta in 2010 nu stiu daca conteaza", "ro", 16),
        ("sint din 2009 da in acte scrie 2003", "ro", 17),
        ("soy del 2011", "es", 15),
    ],
)
def test_ages_in_transliteration_birth_years_and_past_ages_without_an_adult_age(
    text, language, age
):
    assert minor_age_mentioned(tokenize(text), language, this_year=2026) == age


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("рожденият ми ден е на 16 април", "bg"),
        ("programarea e pe 14 aprilie la ora 15", "ro"),
        ("ik ben er om 16 uur", "nl"),
        ("she is 15 euro cheaper", "en"),
        ("като бях на 16 избягах от вкъщи, сега съм на 30", "bg"),
        ("la 17 ani am avut primul iubit, acum am 34", "ro"),
        ("toen ik 16 was werkte ik in een bakkerij, nu ben ik 25", "nl"),
        ("born in 1995", "en"),
        ("since 2015 i work here", "en"),
        ("на 16-ти имам час в GGD", "bg"),
        ("lucrez aici din 2012", "ro"),
        ("zie je na 17 uur", "nl"),
        ("na 16 jest ok", "pl"),
    ],
)
def test_dates_times_amounts_over_ages_and_adult_birth_years_are_not_minors(text, language):
    assert minor_age_mentioned(tokenize(text), language, this_year=2026) is None


def test_a_birth_year_that_makes_someone_18_this_year_still_counts():
    # before their birthday they are 17: a minor is not ruled out
    assert minor_age_mentioned(tokenize("born in 2008"), "en", this_year=2026) == 18


def test_na_before_a_number_is_an_age_cue_in_bulgarian_only():
    assert minor_age_mentioned(tokenize("az sym na 16"), "bg") == 16
    assert minor_age_mentioned(tokenize("bel me na 16"), "nl") is None
