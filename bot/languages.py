"""The languages the assistant speaks, in one place."""

from typing import Optional, Tuple

SUPPORTED_LANGUAGES: Tuple[str, ...] = ("nl", "en", "ro", "bg", "hu", "es", "pl")

# Used only when nothing at all tells us the language (no text signal, no hint).
DEFAULT_LANGUAGE = "en"


def normalise_language_code(code: Optional[str]) -> Optional[str]:
    """Turn a channel's locale ('ro-RO', 'pt_BR', 'EN') into a supported ISO 639-1 code or None."""
    if not code or not isinstance(code, str):
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED_LANGUAGES else None
