"""Every response, in every supported language, kept to the safety and tone rules."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import pytest
import yaml
from rasa.shared.core.domain import Domain

from bot.knowledge.directory import default_directory, phone_digits
from bot.languages import SUPPORTED_LANGUAGES
from bot.nlu.language_lexicon import fold

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_TOPICS = (
    "identity",
    "rights",
    "health",
    "shelter",
    "exit",
    "money",
    "police",
    "migration",
    "minors",
    "emergency",
    "handoff",
)
# Conversational responses that are neither informational nor safety responses.
CONVERSATIONAL = {
    "utter_menu",
    "utter_goodbye",
    "utter_thanks",
    "utter_understood",
    "utter_fallback",
    "utter_out_of_scope",
    "utter_language_switched",
    "utter_ask_anything_else",
}
# A phone number: 3 to 4 digits, optionally with more digit groups ("0800-2000", "033 448 11 86").
PHONE = re.compile(r"(?<![\d/])(?:\+31[ -]?)?\d{3,4}(?:[ -]\d{2,4}){0,3}(?![\d])")


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def responses() -> Dict[str, List[dict]]:
    return domain().responses


def language_of(variation: dict):
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return condition.get("value")
    return None


def all_texts():
    for name, variations in responses().items():
        for variation in variations:
            lang = language_of(variation)
            texts = [variation.get("text", "")]
            texts += [b.get("title", "") for b in variation.get("buttons") or []]
            for text in texts:
                yield name, lang, text


@pytest.mark.parametrize("name", sorted(responses()))
def test_every_response_has_exactly_one_variation_per_language(name):
    languages = [language_of(v) for v in responses()[name] if language_of(v)]
    assert sorted(languages) == sorted(SUPPORTED_LANGUAGES), f"{name}: {languages}"


@pytest.mark.parametrize("name", sorted(responses()))
def test_the_default_variation_is_the_english_one(name):
    variations = responses()[name]
    defaults = [v for v in variations if not v.get("condition")]
    english = [v for v in variations if language_of(v) == "en"]
    assert len(defaults) == 1, f"{name} needs exactly one unconditional default"
    assert defaults[0].get("text") == english[0].get("text")
    assert defaults[0].get("buttons") == english[0].get("buttons")


@pytest.mark.parametrize("name", sorted(responses()))
def test_buttons_lead_to_the_same_place_in_every_language(name):
    payloads = {tuple(b["payload"] for b in v.get("buttons") or []) for v in responses()[name]}
    assert len(payloads) == 1, f"{name}: {payloads}"


@pytest.mark.parametrize("name", sorted(responses()))
def test_response_names_follow_the_contract(name):
    if name in CONVERSATIONAL:
        return
    match = re.match(r"^utter_([a-z]+)_[a-z0-9_]+$", name)
    assert match and match.group(1) in CONTRACT_TOPICS, name


def test_every_phone_number_in_a_response_is_in_the_directory():
    known = default_directory().phone_numbers()
    unknown = {
        (name, lang, number)
        for name, lang, text in all_texts()
        for number in PHONE.findall(text)
        if phone_digits(number) not in known
    }
    assert not unknown


def test_the_phone_number_check_would_catch_an_invented_number():
    known = default_directory().phone_numbers()
    assert phone_digits(PHONE.findall("Bel 0800-1234567 nu")[0]) not in known


@lru_cache(maxsize=1)
def forbidden() -> dict:
    return yaml.safe_load((ROOT / "tests/data/forbidden_phrases.yml").read_text("utf-8"))


@pytest.mark.parametrize("kind", ["promises", "push"])
def test_no_response_promises_or_pushes_reporting(kind):
    found = []
    for name, lang, text in all_texts():
        for language in [lang] if lang else list(SUPPORTED_LANGUAGES):
            for phrase in forbidden()[kind][language]:
                if fold(phrase) in fold(text):
                    found.append((name, language, phrase))
    assert not found


def test_the_phrase_lists_cover_every_language():
    for kind in ("promises", "push"):
        assert sorted(forbidden()[kind]) == sorted(SUPPORTED_LANGUAGES)


def test_acute_danger_is_named_with_112_in_safety_answers():
    for name in ("utter_goodbye", "utter_police_overview", "utter_shelter_overview"):
        for variation in responses()[name]:
            assert "112" in variation["text"], (name, language_of(variation))


def test_the_introduction_says_it_is_not_the_police_in_every_language():
    police_words = {
        "nl": "politie",
        "en": "police",
        "ro": "politi",
        "bg": "полиция",
        "hu": "rendorseg",
        "es": "policia",
        "pl": "policj",
    }
    for variation in responses()["utter_identity_intro"]:
        lang = language_of(variation) or "en"
        assert police_words[lang] in fold(variation["text"]), lang
