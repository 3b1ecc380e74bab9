"""A word-frequency language model over the supported languages, from wordfreq's bundled lists.

Character n-gram detectors (langdetect) are unreliable on the short messages typical of a
chat ("hello, good evening" comes out as Dutch). Whole words are strong evidence there: this
model scores a message by how frequent each of its words is in each language.
"""

import math
from typing import Dict, List, Sequence

from bot.languages import SUPPORTED_LANGUAGES

# Frequency assumed for a word a language's list does not contain (about a typo's rate).
UNSEEN_FREQUENCY = 1e-8


class WordFrequencyModel:
    """Per-language likelihood of a sequence of words."""

    def __init__(self, languages: Sequence[str] = SUPPORTED_LANGUAGES) -> None:
        from wordfreq import word_frequency

        self._languages = tuple(languages)
        self._frequency = word_frequency
        for language in self._languages:  # load the lists now, not on the first message
            self._frequency("a", language)

    def log_likelihoods(self, words: List[str], originals: List[str]) -> Dict[str, float]:
        """Sum of log10 word frequencies per language; both spellings count (with/without marks)."""
        scores = dict.fromkeys(self._languages, 0.0)
        for folded, original in zip(words, originals, strict=True):
            for language in self._languages:
                frequency = max(
                    self._frequency(original, language, minimum=UNSEEN_FREQUENCY),
                    self._frequency(folded, language, minimum=UNSEEN_FREQUENCY),
                )
                scores[language] += math.log10(frequency)
        return scores

    def known_share(self, words: List[str], originals: List[str]) -> float:
        """Share of the words that at least one supported language's list contains."""
        if not words:
            return 0.0
        known = sum(
            any(
                self._frequency(w, language, minimum=0.0) > UNSEEN_FREQUENCY
                for language in self._languages
                for w in (folded, original)
            )
            for folded, original in zip(words, originals, strict=True)
        )
        return known / len(words)

    def known_words(self, words: List[str], language: str) -> int:
        """How many of the words the language's list contains."""
        return sum(self._frequency(w, language, minimum=0.0) > UNSEEN_FREQUENCY for w in words)


def normalise(log10_scores: Dict[str, float]) -> Dict[str, float]:
    """Turn log10 scores into probabilities that sum to 1."""
    top = max(log10_scores.values())
    weights = {k: 10 ** (v - top) for k, v in log10_scores.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}
