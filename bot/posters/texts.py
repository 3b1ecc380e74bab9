"""The poster's words in every language, from bot/posters/texts.yml (validated on load)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.languages import SUPPORTED_LANGUAGES
from bot.posters.errors import TEXTS_INCOMPLETE, PosterError

TEXTS_FILE = Path(__file__).parent / "texts.yml"
KEYS = ("headline", "body", "scan", "widget_caption", "telegram_caption", "reassurance")


@dataclass(frozen=True)
class PosterTexts:
    headline: str
    body: str
    scan: str
    widget_caption: str
    telegram_caption: str
    reassurance: str


def load_texts(path: Path = TEXTS_FILE) -> Dict[str, PosterTexts]:
    """Every supported language with every text, or a PosterError naming what is missing."""

    def fail(problem: str) -> PosterError:
        return PosterError(TEXTS_INCOMPLETE.format(path=path, problem=problem))

    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    if not isinstance(raw, dict):
        raise fail("expected one block per language")
    missing = [lang for lang in SUPPORTED_LANGUAGES if lang not in raw]
    if missing:
        raise fail(f"languages missing: {', '.join(missing)}")
    texts: Dict[str, PosterTexts] = {}
    for language in SUPPORTED_LANGUAGES:
        block = raw[language] or {}
        empty = [k for k in KEYS if not isinstance(block.get(k), str) or not block[k].strip()]
        if empty:
            raise fail(f"{language} has no {', '.join(empty)}")
        texts[language] = PosterTexts(**{k: " ".join(block[k].split()) for k in KEYS})
    return texts


@lru_cache(maxsize=1)
def default_texts() -> Dict[str, PosterTexts]:
    return load_texts()
