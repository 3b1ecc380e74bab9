"""PlacePolicy: the `place` and `region` slots follow the latest place named."""

from rasa.shared.core.events import SlotSet, UserUttered

from bot.nlu.place_policy import place_events


def message(*places) -> UserUttered:
    return UserUttered("x", parse_data={"places": list(places)})


ZWOLLE = {"municipality": "Zwolle", "region": "ijsselland", "text": "Zwolle"}


def test_a_named_place_sets_place_and_region():
    assert place_events(message(ZWOLLE), None, None) == [
        SlotSet("place", "Zwolle"),
        SlotSet("region", "ijsselland"),
    ]


def test_the_same_place_again_changes_nothing():
    assert place_events(message(ZWOLLE), "Zwolle", "ijsselland") == []


def test_no_place_keeps_the_slots():
    assert place_events(message(), "Zwolle", "ijsselland") == []


def test_an_unknown_region_is_ignored():
    assert place_events(message({"municipality": "X", "region": "atlantis"}), None, None) == []
