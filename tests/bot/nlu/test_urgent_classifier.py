"""The urgent classifier: what it learns from, and what the shipped one makes of new messages
(none of these is in an example set; see tests/test_evaluation_sets_apart.py for the held-out
set)."""

import pytest

from bot.nlu.urgent_classifier import (
    URGENT_CLASSIFIER_CODES,
    Example,
    UrgentClassifier,
    load_examples,
    shared_urgent_classifier,
)


def test_the_examples_have_every_urgent_code_and_many_look_alike_negatives():
    examples = load_examples()
    assert len(examples) > 4000
    for code in URGENT_CLASSIFIER_CODES:
        assert sum(code in example.signals for example in examples) > 300
    assert sum(not example.signals for example in examples) > 1500


def test_a_classifier_needs_messages_with_and_without_each_code():
    both = frozenset({"SELF_HARM", "ACUTE_DANGER"})
    only_positive = [Example("i want to die", both), Example("i want to die now", both)]
    with pytest.raises(ValueError, match="SELF_HARM"):
        UrgentClassifier(only_positive)


@pytest.mark.parametrize(
    "text",
    [
        "sufletul meu e gol si vreau sa se termine tot",
        "chcę umrzeć, mam już tabletki",
        "quiero desaparecer para siempre, ya tengo las pastillas",
    ],
)
def test_the_shipped_classifier_recognises_new_self_harm_wordings(text):
    assert shared_urgent_classifier().probabilities(text)["SELF_HARM"] >= 0.95


def test_the_shipped_classifier_recognises_new_acute_danger():
    probabilities = shared_urgent_classifier().probabilities("el e la usa acum cu un cutit, va rog")
    assert probabilities["ACUTE_DANGER"] >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        "unde pot face un test hiv gratuit?",
        "where can i get tested for free",
        "ik wil weten hoeveel belasting ik moet betalen",
        "cat costa camera pe saptamana",
    ],
)
def test_the_shipped_classifier_leaves_ordinary_questions_alone(text):
    assert max(shared_urgent_classifier().probabilities(text).values()) < 0.2
