"""Place names in any supported language map to the directory's regions."""

import pytest

from bot.knowledge.places import default_place_matcher


@pytest.mark.parametrize(
    ("text", "municipality", "region"),
    [
        ("I live in Zwolle, where can I go", "Zwolle", "ijsselland"),
        ("ik woon in Den Haag", "Den Haag", "den_haag_hollands_midden"),
        ("vivo en La Haya", "Den Haag", "den_haag_hollands_midden"),
        ("живея в Хага", "Den Haag", "den_haag_hollands_midden"),
        ("locuiesc in Amsterdamul", "Amsterdam", "amsterdam"),
        ("Amszterdamban dolgozom", "Amsterdam", "amsterdam"),
        ("pracuje w Amsterdamie", "Amsterdam", "amsterdam"),
        ("en rotterdam?", "Rotterdam", "rotterdam_rijnmond"),
        ("im in bergen op zoom now", "Bergen op Zoom", "zeeland_west_brabant"),
        ("ik werk in 's-Hertogenbosch", "'s-Hertogenbosch", "den_bosch"),
    ],
)
def test_places_are_found_in_any_language(text, municipality, region):
    places = default_place_matcher().places(text)
    assert [(p.municipality, p.region) for p in places] == [(municipality, region)]


@pytest.mark.parametrize("text", ["the best place to test", "zij goes naar huis", "nothing here"])
def test_everyday_words_are_not_places(text):
    assert default_place_matcher().places(text) == []


def test_an_everyday_word_written_as_a_name_is_a_place():
    assert default_place_matcher().region_of("ik werk in Best") == "eindhoven"


def test_a_name_in_two_provinces_is_not_guessed():
    assert default_place_matcher().places("ik woon in Bergen") == []


def test_lone_combining_marks_do_not_break_the_matcher():
    matcher = default_place_matcher()
    assert matcher.places("\u0651\u064e in Rotterdam z\u0336\u0337a\u0338") != []
    assert matcher.places("\u0301\u0301\u0301") == []
