"""SignalPolicy: recognised codes are added to the `signals` slot, never removed."""

from rasa.shared.core.events import SlotSet, UserUttered

from bot.nlu.signal_policy import signal_events


def message(*codes) -> UserUttered:
    return UserUttered("x", parse_data={"signals": list(codes)})


def test_new_codes_are_added_after_the_known_ones():
    assert signal_events(message("MINOR", "VIOLENCE"), ["LOVERBOY"]) == [
        SlotSet("signals", ["LOVERBOY", "MINOR", "VIOLENCE"])
    ]


def test_known_codes_change_nothing():
    assert signal_events(message("LOVERBOY"), ["LOVERBOY"]) == []


def test_nothing_recognised_removes_nothing():
    assert signal_events(message(), ["LOVERBOY"]) == []


def test_unknown_codes_are_ignored():
    assert signal_events(message("NOT_A_CODE", 3), []) == []
