"""The console's own words in Dutch and English (ui_texts.yml); a missing key is an error."""

from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

import yaml

from bot.console.models import UI_LANGUAGES
from bot.signals.vocabulary import vocabulary

TEXTS_FILE = Path(__file__).parent / "ui_texts.yml"


@lru_cache(maxsize=1)
def ui_texts() -> Dict[str, Dict[str, str]]:
    raw = yaml.safe_load(TEXTS_FILE.read_text("utf-8"))
    return {language: dict(raw[language]) for language in UI_LANGUAGES}


def texts_for(language: str) -> Dict[str, str]:
    return ui_texts()[language if language in UI_LANGUAGES else "nl"]


def pick_language(accept_language: Optional[str]) -> str:
    """The first of nl/en named in an Accept-Language header; Dutch otherwise."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "nl"


def signal_label(code: str, language: str) -> str:
    """Dutch: the vocabulary's label; English: the first clause of its description."""
    signal = vocabulary().get(code)
    if signal is None:
        return code
    if language == "nl":
        return signal.label_nl
    return signal.description.split(" (")[0].split(". ")[0].rstrip(".")
