"""Decide which of the supported languages a chat message is in, and when to switch.

Pure logic, no Rasa: `LanguageDetector.analyse` looks at one message, `decide` combines that
analysis with the conversation's current language and a channel hint. Deterministic: the
statistical detector (langdetect) runs with a fixed seed on the supported languages' profiles.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bot.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language_code
from bot.nlu.language_lexicon import (
    LANGUAGE_NAMES,
    SWITCH_CUES,
    fold,
    is_bulgarian_latin_marker,
)
from bot.nlu.word_model import WordFrequencyModel, normalise

WORD_PATTERN = re.compile(r"[^\W\d_]+", re.UNICODE)
ALPHANUMERIC_WORD = re.compile(r"[^\W_]+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# An explicit switch must be short or carry a cue ("speak", "vorbesti", ...).
MAX_WORDS_FOR_BARE_LANGUAGE_NAME = 4
# How much langdetect's character n-grams count beside the word frequencies (in log10 units),
# and the probability floor that keeps one model from vetoing the other.
CHARACTER_WEIGHT = 0.5
CHARACTER_FLOOR = 1e-3
CHARACTER_FULL_WEIGHT_AT = 20  # letters
# Below this the text says nothing useful ("ok").
WEAK_CONFIDENCE = 0.7
# A new conversation takes the text's language over a channel hint from this on ...
MIN_WORDS_FOR_STRONG = 2
STRONG_CONFIDENCE = 0.95
# ... and an ongoing conversation moves to another language only with more evidence.
SWITCH_MIN_WORDS = 4
SWITCH_CONFIDENT = 0.99
BULGARIAN_LATIN_MIN_MARKERS = 2


@dataclass(frozen=True)
class LanguageAnalysis:
    """What one message says about its language."""

    explicit_switch: Optional[str] = None  # the person asked for this language
    candidate: Optional[str] = None  # best guess from the text itself
    confidence: float = 0.0
    strong: bool = False  # the text alone is clear enough to set or switch the language
    word_count: int = 0
    source: str = "none"  # how the candidate was found
    known_share: float = 1.0  # share of words that some supported language's word list knows
    scores: Dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Dict[str, object]) -> "LanguageAnalysis":
        """Rebuild a stored analysis; anything unknown or malformed counts as no signal."""

        def number(value: object) -> float:
            return float(value) if isinstance(value, int | float) else 0.0

        return cls(
            explicit_switch=normalise_language_code(data.get("explicit_switch")),  # type: ignore[arg-type]
            candidate=normalise_language_code(data.get("candidate")),  # type: ignore[arg-type]
            confidence=number(data.get("confidence")),
            strong=data.get("strong") is True,
            word_count=int(number(data.get("word_count"))),
            source=str(data.get("source", "none")),
            known_share=number(data.get("known_share", 1.0)),
        )

    def as_dict(self) -> Dict[str, object]:
        return {
            "explicit_switch": self.explicit_switch,
            "candidate": self.candidate,
            "confidence": round(self.confidence, 4),
            "strong": self.strong,
            "word_count": self.word_count,
            "source": self.source,
            "known_share": round(self.known_share, 4),
        }


@dataclass(frozen=True)
class LanguageDecision:
    """The language to use after this message, and why."""

    language: str
    reason: str  # switch | script | bg_latin | text | hint | current | default
    changed: bool


def explicit_switch_target(words: List[str]) -> Optional[str]:
    """The language the person asks for ('speak English', 'vorbește românește'), if any."""
    folded = " ".join(words)
    named = [
        code
        for code, names in LANGUAGE_NAMES.items()
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) for name in names)
    ]
    if len(named) != 1:
        return None  # none, or several ("I speak Dutch and English"): not a clear request
    has_cue = any(word.startswith(SWITCH_CUES) for word in words)
    if has_cue or len(words) <= MAX_WORDS_FOR_BARE_LANGUAGE_NAME:
        return named[0]
    return None


class LanguageDetector:
    """Word frequencies (wordfreq) and character n-grams (langdetect, seeded), combined.

    Both models are restricted to the supported languages. Words carry the short messages;
    character n-grams help with typos and words the lists do not know.
    """

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        profiles = [
            Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8")
            for code in SUPPORTED_LANGUAGES
        ]
        factory.load_json_profile(profiles)
        factory.set_seed(0)
        self._factory = factory
        self._words = WordFrequencyModel()

    def detector_probabilities(self, text: str) -> Dict[str, float]:
        """langdetect's probabilities, over the supported languages only."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            return {lang.lang: lang.prob for lang in detector.get_probabilities()}
        except LangDetectException:
            return {}

    def probabilities(self, words: List[str], originals: List[str]) -> Dict[str, float]:
        """Posterior over the supported languages from both models."""
        scores = self._words.log_likelihoods(words, originals)
        characters = self.detector_probabilities(" ".join(originals))
        # n-gram statistics of a two-letter word are noise: their weight grows with length
        weight = CHARACTER_WEIGHT * min(1.0, sum(len(w) for w in words) / CHARACTER_FULL_WEIGHT_AT)
        for code in scores:
            scores[code] += weight * math.log10(max(characters.get(code, 0.0), CHARACTER_FLOOR))
        return normalise(scores)

    def analyse(self, text: str) -> LanguageAnalysis:
        originals = [w.lower() for w in WORD_PATTERN.findall(text or "")]
        words = [fold(w) for w in originals]
        if not words:
            return LanguageAnalysis()
        switch = explicit_switch_target(words)
        letters = sum(len(w) for w in words)
        if len(CYRILLIC.findall(text)) * 2 > letters:
            # Bulgarian is the only supported language written in Cyrillic.
            return LanguageAnalysis(switch, "bg", 1.0, True, len(words), "script")
        # digits count here: Latin-letter Bulgarian writes "ve4e", "6te"
        with_digits = ALPHANUMERIC_WORD.findall(fold(text))
        if sum(map(is_bulgarian_latin_marker, with_digits)) >= BULGARIAN_LATIN_MIN_MARKERS:
            return LanguageAnalysis(switch, "bg", 0.95, True, len(words), "bg_latin")

        known = self._words.known_share(words, originals)
        posterior = self.probabilities(words, originals)
        best = max(posterior, key=posterior.get)
        confidence = posterior[best]
        if confidence < WEAK_CONFIDENCE:
            # e.g. "ok", "no": common to several languages, no guess
            return LanguageAnalysis(
                switch, word_count=len(words), source="ambiguous", known_share=known
            )
        strong = len(words) >= MIN_WORDS_FOR_STRONG and confidence >= STRONG_CONFIDENCE
        return LanguageAnalysis(
            switch, best, confidence, strong, len(words), "text", known, posterior
        )


def decide(
    analysis: LanguageAnalysis, current: Optional[str], hint: Optional[str]
) -> LanguageDecision:
    """Combine one message's analysis with the conversation so far.

    A conversation keeps its language unless the person asks for another one or writes a
    clear, long enough message in another language; short messages ("ok", "bye") never
    flip it. A new conversation takes a clear text signal first, then the channel's hint,
    then a weak text signal, then the default.
    """
    current = normalise_language_code(current)
    hint = normalise_language_code(hint)
    if analysis.explicit_switch:
        return LanguageDecision(
            analysis.explicit_switch, "switch", analysis.explicit_switch != current
        )
    if current:
        clear_switch = (
            analysis.candidate
            and analysis.candidate != current
            and analysis.word_count >= SWITCH_MIN_WORDS
            and (
                analysis.source in ("script", "bg_latin") or analysis.confidence >= SWITCH_CONFIDENT
            )
        )
        if clear_switch:
            return LanguageDecision(analysis.candidate, analysis.source, True)
        return LanguageDecision(current, "current", False)
    if analysis.candidate and analysis.strong:
        return LanguageDecision(analysis.candidate, analysis.source, True)
    if hint:
        return LanguageDecision(hint, "hint", True)
    if analysis.candidate:
        return LanguageDecision(analysis.candidate, analysis.source, True)
    return LanguageDecision(DEFAULT_LANGUAGE, "default", True)
