"""Find a stated age under 18 in a message, in digits or words, in the supported languages.

"im 16", "ik ben vijftien", "am 17 ani", "на 16 съм", "16 éves vagyok", "tengo dieciséis
años", "mam 16 lat", "my friend is only 15". Works on folded tokens (lowercase, no diacritics).
"""

import re
from typing import Dict, FrozenSet, List, Optional

MIN_AGE, ADULT_AGE = 10, 18

NUMBER_WORDS: Dict[str, Dict[str, int]] = {
    "en": {
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
    },
    "nl": {
        "tien": 10,
        "elf": 11,
        "twaalf": 12,
        "dertien": 13,
        "veertien": 14,
        "vijftien": 15,
        "zestien": 16,
        "zeventien": 17,
    },
    "ro": {
        "zece": 10,
        "unsprezece": 11,
        "unspe": 11,
        "doisprezece": 12,
        "doispe": 12,
        "douasprezece": 12,
        "treisprezece": 13,
        "treispe": 13,
        "paisprezece": 14,
        "paispe": 14,
        "cincisprezece": 15,
        "cincispe": 15,
        "cinspe": 15,
        "saisprezece": 16,
        "saispe": 16,
        "saptesprezece": 17,
        "saptespe": 17,
    },
    "bg": {
        "десет": 10,
        "единадесет": 11,
        "единайсет": 11,
        "дванадесет": 12,
        "дванайсет": 12,
        "тринадесет": 13,
        "тринайсет": 13,
        "четиринадесет": 14,
        "четиринайсет": 14,
        "петнадесет": 15,
        "петнайсет": 15,
        "шестнадесет": 16,
        "шестнайсет": 16,
        "седемнадесет": 17,
        "седемнайсет": 17,
    },
    "hu": {
        "tiz": 10,
        "tizenegy": 11,
        "tizenketto": 12,
        "tizenharom": 13,
        "tizennegy": 14,
        "tizenot": 15,
        "tizenhat": 16,
        "tizenhet": 17,
    },
    "es": {
        "diez": 10,
        "once": 11,
        "doce": 12,
        "trece": 13,
        "catorce": 14,
        "quince": 15,
        "dieciseis": 16,
        "diecisiete": 17,
    },
    "pl": {
        "dziesiec": 10,
        "jedenascie": 11,
        "dwanascie": 12,
        "trzynascie": 13,
        "czternascie": 14,
        "pietnascie": 15,
        "szesnascie": 16,
        "siedemnascie": 17,
    },
}

# Words that say the number is an age when they follow it ("16 years", "16 ani", "16 éves").
YEARS_AFTER: FrozenSet[str] = frozenset(
    "years year yrs yr yo jaar jaartjes jr ani anisori anii години годинки год г eves eve "
    "evesen ev anos ano anitos lat lata latek".split()
)
# Words that say the number is an age when they come just before it ("I'm 16", "tengo 16").
# ("i'm" is tokenised as "i", "'", "m": hence "m"; "she's" as "she", "'", "s" is left out)
AGE_BEFORE: FrozenSet[str] = frozenset(
    "im i'm m shes am is age aged only just ben bent zijn pas maar sunt e este are doar abia "
    "на съм е само vagyok vagy csak tengo tiene tienes solo apenas mam ma masz tylko "
    "dopiero".split()
)
# "16 vagyok" / "16 съм": a verb after the number.
AGE_VERB_AFTER: FrozenSet[str] = frozenset("vagyok vagy съм си е".split())

DIGITS = re.compile(r"^\d{1,2}$")


def number_value(token: str, language: Optional[str]) -> Optional[int]:
    if DIGITS.match(token):
        return int(token)
    languages = {language, "en"} if language in NUMBER_WORDS else set(NUMBER_WORDS)
    for code in languages:
        if token in NUMBER_WORDS[code]:
            return NUMBER_WORDS[code][token]
    return None


def minor_age_mentioned(tokens: List[str], language: Optional[str]) -> Optional[int]:
    """The first age under 18 stated in the tokens, or None."""
    for i, token in enumerate(tokens):
        value = number_value(token, language)
        if value is None or not MIN_AGE <= value < ADULT_AGE:
            continue
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if after in YEARS_AFTER or after in AGE_VERB_AFTER or before in AGE_BEFORE:
            return value
    return None
