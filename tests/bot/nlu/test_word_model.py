"""WordFrequencyModel: word evidence for short messages."""

import pytest

from bot.nlu.word_model import WordFrequencyModel, normalise


@pytest.fixture(scope="module")
def model() -> WordFrequencyModel:
    return WordFrequencyModel()


def best(model, text: str) -> str:
    words = text.split()
    scores = normalise(model.log_likelihoods(words, words))
    return max(scores, key=scores.get)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("good evening", "en"),
        ("goedenavond allemaal", "nl"),
        ("multumesc frumos", "ro"),
        ("koszonom szepen", "hu"),
        ("muchas gracias", "es"),
        ("dziekuje bardzo", "pl"),
    ],
)
def test_short_greetings_and_thanks_point_to_their_language(model, text, language):
    assert best(model, text) == language


def test_probabilities_sum_to_one(model):
    scores = normalise(model.log_likelihoods(["hello"], ["hello"]))
    assert abs(sum(scores.values()) - 1.0) < 1e-9


def test_an_unknown_word_counts_the_same_everywhere(model):
    scores = model.log_likelihoods(["xqzvbw"], ["xqzvbw"])
    assert len(set(scores.values())) == 1


def test_known_words_are_counted(model):
    assert model.known_words(["ik", "werk", "xqzvbw"], "nl") == 2
