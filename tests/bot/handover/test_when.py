import datetime as dt

import pytest

from bot.handover.when import PHRASES, WEEKDAYS, describe_start, minutes_count
from bot.languages import SUPPORTED_LANGUAGES

NOW = dt.datetime(2026, 11, 27, 14, 0)  # Friday 15:00 in Amsterdam (UTC+1)


def test_every_language_has_every_phrase():
    assert set(PHRASES) == set(WEEKDAYS) == set(SUPPORTED_LANGUAGES)
    for language in SUPPORTED_LANGUAGES:
        assert set(PHRASES[language]) == {"today", "tomorrow", "day", "date"}
        assert len(WEEKDAYS[language]) == 7


@pytest.mark.parametrize(
    "start, expected",
    [
        (dt.datetime(2026, 11, 27, 17, 0), "today at 18:00"),
        (dt.datetime(2026, 11, 28, 8, 0), "tomorrow at 09:00"),
        (dt.datetime(2026, 11, 30, 8, 0), "on Monday at 09:00"),
        (dt.datetime(2026, 12, 10, 8, 0), "on 10-12-2026 at 09:00"),
    ],
)
def test_english_in_dutch_local_time(start, expected):
    assert describe_start(start, "en", NOW) == expected


def test_summer_time_and_other_languages():
    summer_now = dt.datetime(2026, 7, 1, 10, 0)
    assert describe_start(dt.datetime(2026, 7, 2, 7, 0), "nl", summer_now) == "morgen om 09:00"
    assert describe_start(dt.datetime(2026, 11, 30, 8, 0), "pl", NOW) == "w poniedziałek o 09:00"
    assert describe_start(dt.datetime(2026, 11, 27, 23, 30), "ro", NOW) == "mâine la ora 00:30"


def test_romanian_says_de_from_twenty_minutes():
    assert [minutes_count(n, "ro") for n in (5, 19, 20, 35, 101, 120)] == [
        "5",
        "19",
        "20 de",
        "35 de",
        "101",
        "120 de",
    ]
    assert minutes_count(35, "pl") == "35"
