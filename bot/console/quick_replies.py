"""Quick replies for common steps, in the person's language (quick_replies.yml)."""

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bot.languages import SUPPORTED_LANGUAGES

QUICK_REPLIES_FILE = Path(__file__).parent / "quick_replies.yml"


@lru_cache(maxsize=1)
def quick_replies() -> Dict[str, Dict[str, str]]:
    """step -> language -> text."""
    return yaml.safe_load(QUICK_REPLIES_FILE.read_text("utf-8"))["quick_replies"]


def for_conversation(language: str, role: str) -> List[Tuple[str, str]]:
    """(step, text) in the person's language (English if unknown); the greeting of one's role."""
    language = language if language in SUPPORTED_LANGUAGES else "en"
    other_greeting = "greeting_peer" if role == "worker" else "greeting_worker"
    return [
        (step, texts[language]) for step, texts in quick_replies().items() if step != other_greeting
    ]
