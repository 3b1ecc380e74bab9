"""Remembered event classes: the same answers as Rasa's own resolution."""

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from bot.performance import event_types


@pytest.fixture(autouse=True)
def installed():
    event_types.install()


@pytest.mark.parametrize("cls", [UserUttered, ActionExecuted, SlotSet])
def test_known_type_names_resolve_to_their_class(cls):
    assert Event.resolve_by_type(cls.type_name) is cls
    assert Event.resolve_by_type(cls.type_name) is event_types._rasa_resolve_by_type(cls.type_name)


def test_every_event_class_resolves_as_rasa_does():
    from rasa.shared.utils.common import all_subclasses

    for cls in all_subclasses(Event):
        expected = event_types._rasa_resolve_by_type(cls.type_name, None)
        assert Event.resolve_by_type(cls.type_name) is expected


def test_unknown_name_still_raises_and_default_is_not_remembered():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
    assert "no_such_event" not in event_types._found
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_events_round_trip_through_the_remembered_classes():
    events = [UserUttered("hallo", {"name": "greet"}), ActionExecuted("utter_greet")]
    restored = [Event.from_parameters(event.as_dict()) for event in events]
    assert restored == events
