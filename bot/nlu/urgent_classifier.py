"""A second opinion for the signals where a miss costs most: self-harm and acute danger.

Indirect suicidal wordings ("the soul is dead, the body will follow", "Saturday. I chose the
day.") rarely share the words of the intent classifier's training examples, and each new set
of them written apart was about half missed by the patterns. This is a small text classifier
(character and word n-grams, logistic regression; scikit-learn) trained on the signal example
sets in bot/nlu/signal_examples/, whose look-alike negatives (grief, tiredness, a past that is
over, idioms) teach it what is not a signal. It is fitted once per process, when the model
loads (a few seconds, deterministic), so it always matches the example files and stores nothing.

SignalDetector takes its codes only from a high probability on (urgent_classifier_threshold in
config.yml), chosen with tests/bench/urgent_classifier.py: each set left out in turn.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Sequence

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from bot.nlu.language_lexicon import fold

EXAMPLES_DIR = Path(__file__).parent / "signal_examples"
URGENT_CLASSIFIER_CODES = ("SELF_HARM", "ACUTE_DANGER")


@dataclass(frozen=True)
class Example:
    text: str
    signals: FrozenSet[str]


def load_examples(folder: Path = EXAMPLES_DIR) -> List[Example]:
    """Every message of the example sets (the held-out set lives elsewhere: tests/data)."""
    examples = []
    for path in sorted(folder.rglob("*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["messages"]:
            examples.append(Example(item["text"], frozenset(item.get("signals") or ())))
    return examples


def _features() -> FeatureUnion:
    # character n-grams within words carry misspellings, missing diacritics and word endings;
    # word pairs carry short phrases ("nu mai", "ales ziua")
    return FeatureUnion(
        [
            (
                "characters",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            ),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ]
    )


class UrgentClassifier:
    """The probability, per urgent code, that a message discloses it."""

    def __init__(self, examples: Sequence[Example], codes: Sequence[str] = URGENT_CLASSIFIER_CODES):
        self._features = _features()
        matrix = self._features.fit_transform([fold(example.text) for example in examples])
        self._models: Dict[str, LogisticRegression] = {}
        for code in codes:
            labels = [code in example.signals for example in examples]
            if not any(labels) or all(labels):
                raise ValueError(f"the examples need messages with and without {code}")
            model = LogisticRegression(C=30.0, class_weight="balanced", max_iter=3000)
            self._models[code] = model.fit(matrix, labels)

    def probabilities(self, text: str) -> Dict[str, float]:
        row = self._features.transform([fold(text)])
        return {code: float(model.predict_proba(row)[0, 1]) for code, model in self._models.items()}


@lru_cache(maxsize=1)
def shared_urgent_classifier() -> UrgentClassifier:
    return UrgentClassifier(load_examples())
