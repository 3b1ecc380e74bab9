"""Language identification on the held-out set: raw langdetect, our component, lingua."""

import statistics
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

from bot.languages import SUPPORTED_LANGUAGES
from bot.nlu.language_detection import LanguageDetector, decide

EVAL_SET = Path(__file__).resolve().parents[1] / "data" / "langid_eval.yml"
SHORT_WORDS = 4


def load_eval_set() -> List[Dict[str, str]]:
    return yaml.safe_load(EVAL_SET.read_text("utf-8"))["messages"]


def is_short(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS


def raw_langdetect() -> Callable[[str], Optional[str]]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def classify(text: str) -> Optional[str]:
        try:
            return detect(text)
        except LangDetectException:
            return None

    return classify


def restricted_langdetect() -> Callable[[str], Optional[str]]:
    detector = LanguageDetector()

    def classify(text: str) -> Optional[str]:
        probabilities = detector.detector_probabilities(text)
        return max(probabilities, key=probabilities.get) if probabilities else None

    return classify


def our_component() -> Callable[[str], Optional[str]]:
    detector = LanguageDetector()
    # A first message with no channel hint: the hardest case for the component.
    return lambda text: decide(detector.analyse(text), None, None).language


def lingua_restricted() -> Callable[[str], Optional[str]]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    languages = [
        __import__("lingua").Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
        for c in SUPPORTED_LANGUAGES
    ]
    detector = LanguageDetectorBuilder.from_languages(*languages).build()

    def classify(text: str) -> Optional[str]:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return classify


CLASSIFIERS = {
    "raw langdetect (all 55 profiles)": raw_langdetect,
    "langdetect restricted to the 7 languages": restricted_langdetect,
    "our component (first message, no hint)": our_component,
    "lingua-language-detector, restricted to the 7": lingua_restricted,
}


def evaluate() -> List[Dict[str, object]]:
    messages = load_eval_set()
    rows = []
    for name, factory in CLASSIFIERS.items():
        classify = factory()
        correct = short_correct = short_total = 0
        per_language: Dict[str, List[int]] = {c: [0, 0] for c in SUPPORTED_LANGUAGES}
        timings = []
        for item in messages:
            started = time.perf_counter()
            predicted = classify(item["text"])
            timings.append(time.perf_counter() - started)
            hit = int(predicted == item["lang"])
            correct += hit
            per_language[item["lang"]][0] += hit
            per_language[item["lang"]][1] += 1
            if is_short(item["text"]):
                short_total += 1
                short_correct += hit
        rows.append(
            {
                "name": name,
                "overall": correct / len(messages),
                "short": short_correct / short_total,
                "per_language": {k: v[0] / v[1] for k, v in per_language.items()},
                "median_ms": statistics.median(timings) * 1000,
                "n": len(messages),
                "n_short": short_total,
            }
        )
    return rows


def markdown(rows: List[Dict[str, object]]) -> str:
    n, n_short = rows[0]["n"], rows[0]["n_short"]
    langs = " | ".join(SUPPORTED_LANGUAGES)
    lines = [
        "## Language identification",
        "",
        f"Held-out set `tests/data/langid_eval.yml`: {n} chat messages, {n_short} of them of at "
        f"most {SHORT_WORDS} words. Accuracy (share of messages given the right language).",
        "",
        f"| detector | overall | short (≤{SHORT_WORDS} words) | {langs} | median ms/message |",
        "|---|---|---|" + "---|" * len(SUPPORTED_LANGUAGES) + "---|",
    ]
    for row in rows:
        per = " | ".join(f"{row['per_language'][c]:.2f}" for c in SUPPORTED_LANGUAGES)
        lines.append(
            f"| {row['name']} | {row['overall']:.3f} | {row['short']:.3f} | {per} | "
            f"{row['median_ms']:.2f} |"
        )
    return "\n".join(lines) + "\n"
