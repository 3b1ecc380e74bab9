"""Decide which of the supported languages a chat message is in, and when to switch.

Pure logic, no Rasa: `LanguageDetector.analyse` looks at one message, `decide` combines that
analysis with the conversation's current language and a channel hint. Deterministic: the
statistical detector (langdetect) runs with a fixed seed on the supported languages' profiles.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bot.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language_code
from bot.nlu.language_lexicon import (
    BULGARIAN_LATIN_MARKERS,
    CHAT_WORDS,
    LANGUAGE_NAMES,
    SWITCH_CUES,
    fold,
)

WORD_PATTERN = re.compile(r"[^\W\d_]+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# An explicit switch must be short or carry a cue ("speak", "vorbesti", ...).
MAX_WORDS_FOR_BARE_LANGUAGE_NAME = 4
# Below this many words the statistical detector is not trusted on its own.
MIN_WORDS_FOR_DETECTOR = 3
# Probability the detector must reach to set a language in a new conversation ...
DETECTOR_CONFIDENT = 0.90
# ... and the stricter bar to move an ongoing conversation to another language.
SWITCH_MIN_WORDS = 4
SWITCH_CONFIDENT = 0.97
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
        )

    def as_dict(self) -> Dict[str, object]:
        return {
            "explicit_switch": self.explicit_switch,
            "candidate": self.candidate,
            "confidence": round(self.confidence, 4),
            "strong": self.strong,
            "word_count": self.word_count,
            "source": self.source,
        }


@dataclass(frozen=True)
class LanguageDecision:
    """The language to use after this message, and why."""

    language: str
    reason: str  # switch | script | detector | hint | lexicon | current | default
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


def lexicon_scores(words: List[str]) -> Dict[str, float]:
    """How many of the words are characteristic chat words of each language."""
    return {code: float(sum(w in CHAT_WORDS[code] for w in words)) for code in CHAT_WORDS}


def unique_best(scores: Dict[str, float]) -> Optional[str]:
    """The language with the highest positive score, or None on a tie."""
    if not scores:
        return None
    best = max(scores.values())
    if best <= 0:
        return None
    leaders = [code for code, score in scores.items() if score == best]
    return leaders[0] if len(leaders) == 1 else None


class LanguageDetector:
    """langdetect restricted to the supported languages, seeded, plus chat-word rules."""

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        profiles = [
            json.loads(Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8"))
            for code in SUPPORTED_LANGUAGES
        ]
        factory.load_json_profile([json.dumps(p) for p in profiles])
        factory.set_seed(0)
        self._factory = factory

    def detector_probabilities(self, text: str) -> Dict[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            return {lang.lang: lang.prob for lang in detector.get_probabilities()}
        except LangDetectException:
            return {}

    def analyse(self, text: str) -> LanguageAnalysis:
        words = [fold(w) for w in WORD_PATTERN.findall(text or "")]
        if not words:
            return LanguageAnalysis()
        switch = explicit_switch_target(words)
        letters = sum(len(w) for w in words)
        cyrillic = len(CYRILLIC.findall(text))
        if cyrillic * 2 > letters:
            # Bulgarian is the only supported language written in Cyrillic.
            return LanguageAnalysis(switch, "bg", 1.0, True, len(words), "script")

        markers = sum(w in BULGARIAN_LATIN_MARKERS for w in words)
        if markers >= BULGARIAN_LATIN_MIN_MARKERS:
            return LanguageAnalysis(switch, "bg", 0.95, True, len(words), "bg_latin")

        lexicon = lexicon_scores(words)
        if len(words) >= MIN_WORDS_FOR_DETECTOR:
            probabilities = self.detector_probabilities(" ".join(words))
            if probabilities:
                best = max(probabilities, key=probabilities.get)
                confidence = probabilities[best]
                strong = confidence >= DETECTOR_CONFIDENT
                return LanguageAnalysis(
                    switch, best, confidence, strong, len(words), "detector", probabilities
                )

        best_word_language = unique_best(lexicon)
        if best_word_language:
            return LanguageAnalysis(
                switch, best_word_language, 0.6, False, len(words), "lexicon", lexicon
            )
        if max(lexicon.values()) > 0:
            # only chat words shared by several languages ("ok", "no"): no guess
            return LanguageAnalysis(switch, word_count=len(words), source="ambiguous")
        probabilities = self.detector_probabilities(" ".join(words))
        if probabilities:
            best = max(probabilities, key=probabilities.get)
            return LanguageAnalysis(
                switch, best, probabilities[best] * 0.5, False, len(words), "detector_weak"
            )
        return LanguageAnalysis(switch, word_count=len(words))


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
