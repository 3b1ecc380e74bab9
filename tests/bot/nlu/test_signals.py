"""SignalDetector: codes in the parse data, and the intent that makes the rules answer them."""

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.signal_matcher import SignalMatcher
from bot.nlu.signals import SignalDetector
from bot.nlu.urgent_classifier import Example, UrgentClassifier

PATTERNS = """
negation_cues: ["not", "doesn't", "never"]
hypothetical_cues: ["what if"]
not_serious_cues: ["lol", "i feel safe"]
happening_now_cues:
- "(help|hurry)"
- "still (here|outside)"
- "tonight"
everyday_cues:
- "(onion|onions|tomatoes)"
- "dying of laughter"
patterns:
  MONEY_TAKEN:
  - "takes ... my money"
  ACUTE_DANGER:
  - "(hitting|beating) me now"
  VIOLENCE:
  - "he (hits|hit) me"
  THREATS:
  - "threatens me"
  SELF_HARM:
  - "cut myself again"
  - "what if ... sleeping pills with vodka"
"""


# a small urgent classifier, so that these tests do not depend on the shipped example sets
URGENT_EXAMPLES = [
    Example("my soul died long ago and now the body will follow", frozenset({"SELF_HARM"})),
    Example("i chose the day, saturday it ends", frozenset({"SELF_HARM"})),
    Example("he is outside with a knife right now", frozenset({"ACUTE_DANGER"})),
    Example("he is blackmailing me with my photos", frozenset({"BLACKMAIL", "ACUTE_DANGER"})),
    Example("where can i get tested", frozenset()),
    Example("how much is the room per week", frozenset()),
    Example("the soup died on the stove lol", frozenset()),
    Example("my phone died again", frozenset()),
    Example("help me with my taxes please", frozenset()),
    Example("he never hit me, he is kind", frozenset()),
    Example("what documents do i need", frozenset()),
    Example("tonight i work until late", frozenset()),
]


# what the small classifier reaches on its own examples
THRESHOLD = 0.8


@pytest.fixture(scope="module")
def urgent_classifier() -> UrgentClassifier:
    return UrgentClassifier(URGENT_EXAMPLES)


@pytest.fixture(scope="module")
def detector(tmp_path_factory, urgent_classifier) -> SignalDetector:
    directory = Path(tmp_path_factory.mktemp("patterns"))
    (directory / "en.yml").write_text(PATTERNS)
    config = {**SignalDetector.get_default_config(), "urgent_classifier_threshold": THRESHOLD}
    return SignalDetector(config, SignalMatcher(directory), urgent_classifier)


def parsed(detector, text, intent, confidence=0.9, ranking=None) -> Message:
    message = Message(
        data={
            "text": text,
            "language": "en",
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        }
    )
    detector.process([message])
    return message


def test_a_matched_signal_overrides_a_topic_intent(detector):
    message = parsed(detector, "where do i get tested, he takes all my money", "ask_health")
    assert message.get("signals") == ["MONEY_TAKEN"]
    assert message.get("intent")["name"] == "disclose_money_taken"
    assert message.get("intent_before_signals")["name"] == "ask_health"


def test_the_most_severe_signal_decides_the_intent(detector):
    message = parsed(detector, "he takes my money and he is beating me now", "greet")
    assert message.get("signals") == ["ACUTE_DANGER", "MONEY_TAKEN"]
    assert message.get("intent")["name"] == "disclose_acute_danger"


def test_violence_beside_acute_danger_is_kept_and_acute_danger_decides(detector):
    message = parsed(detector, "he is hitting me now", "disclose_violence")
    assert message.get("signals") == ["ACUTE_DANGER", "VIOLENCE"]
    assert message.get("intent")["name"] == "disclose_acute_danger"


def test_a_threat_made_in_acute_danger_stays_beside_it(detector):
    message = parsed(detector, "he is hitting me now", "disclose_threats")
    assert message.get("signals") == ["ACUTE_DANGER", "THREATS"]
    assert message.get("intent")["name"] == "disclose_acute_danger"


def test_signals_override_the_fallback(detector):
    message = parsed(detector, "he is hitting me now", "nlu_fallback", 1.0)
    assert message.get("intent")["name"] == "disclose_acute_danger"


def test_a_confident_disclosure_intent_counts_without_a_pattern(detector):
    message = parsed(
        detector, "i owe them for the flight and it keeps growing", "disclose_debt_bondage"
    )
    assert message.get("signals") == ["DEBT_BONDAGE"]


def test_a_negated_disclosure_intent_gives_way_to_the_next_intent(detector):
    ranking = [
        {"name": "disclose_money_taken", "confidence": 0.7},
        {"name": "ask_money", "confidence": 0.6},
    ]
    message = parsed(detector, "he doesn't take my money", "disclose_money_taken", 0.95, ranking)
    assert message.get("signals") == []
    assert message.get("intent")["name"] == "ask_money"


def test_an_unconfirmed_disclosure_with_no_good_alternative_becomes_the_fallback(detector):
    ranking = [
        {"name": "disclose_money_taken", "confidence": 0.7},
        {"name": "ask_money", "confidence": 0.2},
    ]
    message = parsed(detector, "what if he takes it", "disclose_money_taken", 0.7, ranking)
    assert message.get("intent")["name"] == "nlu_fallback"


def test_a_weak_disclosure_intent_is_not_a_signal(detector):
    message = parsed(detector, "it is complicated", "disclose_loverboy", 0.4)
    assert message.get("signals") == []


def test_urgent_codes_can_have_a_lower_bar(tmp_path):
    (tmp_path / "en.yml").write_text(PATTERNS)
    config = {
        **SignalDetector.get_default_config(),
        "intent_threshold": 0.9,
        "urgent_intent_threshold": 0.5,
    }
    strict = SignalDetector(config, SignalMatcher(tmp_path), UrgentClassifier(URGENT_EXAMPLES))
    assert parsed(strict, "i am on the roof", "disclose_self_harm", 0.6).get("signals") == [
        "SELF_HARM"
    ]
    assert parsed(strict, "he said he loves me", "disclose_loverboy", 0.6).get("signals") == []


def test_urgent_codes_from_the_classifier_are_not_dropped_for_a_negation(detector):
    message = parsed(detector, "nobody would notice if i was gone", "disclose_self_harm", 0.95)
    assert message.get("signals") == ["SELF_HARM"]
    message = parsed(detector, "he never takes my money", "disclose_money_taken", 0.95)
    assert message.get("signals") == []


def test_laughter_drops_a_classifier_only_signal_but_never_an_urgent_one(detector):
    joke = parsed(detector, "lol my boss owns me with these hours", "disclose_forced_work", 0.95)
    assert joke.get("signals") == []
    nervous = parsed(detector, "lol i think he will kill me tonight", "disclose_acute_danger", 0.95)
    assert nervous.get("signals") == ["ACUTE_DANGER"]
    unsafe = parsed(detector, "i feel safe nowhere, i want to die", "disclose_self_harm", 0.95)
    assert unsafe.get("signals") == ["SELF_HARM"]


@pytest.mark.parametrize(
    "text",
    [
        "i turned 18 last year",
        "my appointment is on 14 april",
        "the client was 45, it was ok",
        "is room 16 free tomorrow",
        "i work from 17 to 2 at night",
    ],
)
def test_a_classifier_minor_gives_way_where_the_numbers_say_adult_or_date(detector, text):
    assert parsed(detector, text, "disclose_minor", 0.95).get("signals") == []


@pytest.mark.parametrize(
    "text",
    [
        "i am still in school",
        "my boyfriend is 25 and i am 16",
        "he is 30 and me, i'm sixteen",
        "i was 15 when he brought me here",
        "i am 16 and work from 17 to 2",
    ],
)
def test_a_classifier_minor_stays_where_no_number_speaks_against_it(detector, text):
    assert parsed(detector, text, "disclose_minor", 0.95).get("signals") == ["MINOR"]


@pytest.mark.parametrize(
    "text",
    [
        "he hits me with the belt, help",
        "he hit me and he is still here",
        "he threatens me with a knife, hurry please",
        "i cut myself again tonight",
    ],
)
def test_violence_a_threat_or_self_harm_happening_now_is_acute_danger(detector, text):
    signals = parsed(detector, text, "greet").get("signals")
    assert signals[0] == "ACUTE_DANGER"
    assert len(signals) == 2  # the violence, threat or self-harm itself is kept beside it


@pytest.mark.parametrize(
    "text",
    [
        "he hit me three years ago, it is over now",
        "help, what documents do i need for the chamber of commerce",
        "he never hit me, help me with my taxes",
    ],
)
def test_no_acute_danger_without_both_harm_and_now(detector, text):
    assert "ACUTE_DANGER" not in parsed(detector, text, "greet").get("signals")


def test_an_everyday_scene_drops_an_urgent_code_from_the_classifier_alone(detector):
    cooking = parsed(detector, "cutting the onions with my new knife", "disclose_self_harm", 0.95)
    assert cooking.get("signals") == []
    laughing = parsed(detector, "i am dying of laughter", "disclose_self_harm", 0.95)
    assert laughing.get("signals") == []


def test_a_pattern_still_counts_in_an_everyday_scene(detector):
    message = parsed(detector, "cut myself again with the onion knife", "disclose_self_harm")
    assert message.get("signals") == ["SELF_HARM"]


def test_a_pattern_that_spells_out_its_if_is_not_hypothetical(detector):
    question = parsed(detector, "what if i take sleeping pills with vodka, how fast", "greet")
    assert question.get("signals") == ["SELF_HARM"]
    other = parsed(detector, "what if i cut myself again", "greet")
    assert other.get("signals") == []


def test_the_urgent_classifier_adds_a_code_that_no_pattern_found(detector, urgent_classifier):
    text = "my soul died long ago and now the body will follow"
    assert urgent_classifier.probabilities(text)["SELF_HARM"] >= THRESHOLD
    assert parsed(detector, text, "ask_health", 0.3).get("signals") == ["SELF_HARM"]


def test_the_urgent_classifier_is_not_taken_below_its_threshold(tmp_path, urgent_classifier):
    (tmp_path / "en.yml").write_text(PATTERNS)
    config = {**SignalDetector.get_default_config(), "urgent_classifier_threshold": 1.01}
    strict = SignalDetector(config, SignalMatcher(tmp_path), urgent_classifier)
    text = "my soul died long ago and now the body will follow"
    assert strict.detect(text, "en", {"name": "ask_health", "confidence": 0.3}) == []


def test_the_urgent_classifier_does_not_make_a_harm_to_money_acute(detector, urgent_classifier):
    text = "he is blackmailing me with my photos and takes my money"
    assert urgent_classifier.probabilities(text)["ACUTE_DANGER"] >= THRESHOLD
    assert parsed(detector, text, "ask_health", 0.3).get("signals") == ["MONEY_TAKEN"]


def test_the_urgent_classifier_can_make_a_threat_acute(detector, urgent_classifier):
    text = "he is outside with a knife right now and threatens me"
    assert urgent_classifier.probabilities(text)["ACUTE_DANGER"] >= THRESHOLD
    signals = parsed(detector, text, "ask_health", 0.3).get("signals")
    assert signals == ["ACUTE_DANGER", "THREATS"]


def test_an_everyday_scene_drops_the_urgent_classifier_code(detector, urgent_classifier):
    text = "my soul died long ago and now the body will follow, like my onions"
    assert urgent_classifier.probabilities(text)["SELF_HARM"] >= THRESHOLD
    assert parsed(detector, text, "ask_health", 0.3).get("signals") == []
