"""Word lists the language detector uses: language names for explicit switches, Latin Bulgarian.

All entries are lowercase and written without diacritics; text is folded the same way
before it is compared (see `fold`).
"""

import re
import unicodedata
from typing import Dict, FrozenSet, Tuple


def fold(text: str) -> str:
    """Lowercase and strip diacritics (Latin script); Cyrillic letters are kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            # keep the Bulgarian short i (й = и + breve) intact: it is a letter of its own
            if kept and kept[-1] == "и" and char == "\u0306":
                kept[-1] = "й"
            continue
        kept.append(char)
    return "".join(kept).replace("ł", "l").replace("ß", "ss")


# Names of each language, in all seven languages, as nouns, adjectives and "in X" adverbs.
# A switch is recognised when one of these stands in a short message or beside a cue word.
LANGUAGE_NAMES: Dict[str, Tuple[str, ...]] = {
    "nl": (
        "nederlands",
        "dutch",
        "hollands",
        "olandeza",
        "olandeze",
        "olandezeste",
        "холандски",
        "нидерландски",
        "холандския",
        "hollandul",
        "holland",
        "holandes",
        "neerlandes",
        "niderlandzki",
        "niderlandzku",
        "holendersku",
        "holenderski",
    ),
    "en": (
        "engels",
        "english",
        "engleza",
        "englezeste",
        "englezește",
        "английски",
        "английския",
        "angol",
        "angolul",
        "ingles",
        "angielski",
        "angielsku",
    ),
    "ro": (
        "roemeens",
        "romanian",
        "romana",
        "romaneste",
        "румънски",
        "румънския",
        "romanul",
        "roman nyelven",
        "rumano",
        "rumunski",
        "rumunsku",
    ),
    "bg": (
        "bulgaars",
        "bulgarian",
        "bulgara",
        "bulgareste",
        "български",
        "българския",
        "bolgar",
        "bolgarul",
        "bulgaro",
        "bulgarski",
        "bulgarsku",
        "balgarski",
    ),
    "hu": (
        "hongaars",
        "hungarian",
        "maghiara",
        "ungureste",
        "унгарски",
        "унгарския",
        "magyar",
        "magyarul",
        "hungaro",
        "wegierski",
        "wegiersku",
    ),
    "es": (
        "spaans",
        "spanish",
        "spaniola",
        "spanioleste",
        "испански",
        "испанския",
        "spanyol",
        "spanyolul",
        "espanol",
        "castellano",
        "hiszpanski",
        "hiszpansku",
    ),
    "pl": (
        "pools",
        "polish",
        "poloneza",
        "poloneze",
        "полски",
        "полския",
        "lengyel",
        "lengyelul",
        "polaco",
        "polski",
        "polsku",
    ),
}

# Word starts that make a message about the language of the conversation.
SWITCH_CUES: Tuple[str, ...] = (
    # en
    "speak",
    "talk",
    "writ",
    "answer",
    "repl",
    "continu",
    "switch",
    "languag",
    "translat",
    # nl
    "spreek",
    "spreken",
    "praat",
    "praten",
    "schrijf",
    "verder",
    "taal",
    "vertaal",
    # ro
    "vorb",
    "scri",
    "limb",
    "raspun",
    "traduc",
    # bg
    "говор",
    "пиш",
    "език",
    "отговар",
    "продълж",
    "преведи",
    # hu
    "beszel",
    "irj",
    "irjon",
    "nyelv",
    "valaszol",
    "folytat",
    "forditsd",
    # es
    "habl",
    "escrib",
    "idioma",
    "lengua",
    "respond",
    "traduc",
    # pl
    "mow",
    "rozmaw",
    "pisz",
    "pisa",
    "jezyk",
    "odpowiad",
    "kontynu",
    "przetlumacz",
)

# Latin-letter Bulgarian words that no other supported language uses: enough of them
# overrule the statistical detector, which only knows Bulgarian in Cyrillic.
BULGARIAN_LATIN_MARKERS: FrozenSet[str] = frozenset(
    "zdravei zdraveite zdrasti blagodarya blagodaria kakvo kade kude iskam mozhe moje "
    "pomosht shte nishto tova sega nyamam niamam rabotya koi koya tuk zashto kogato "
    "mnogo pari imam sym kolko trqbva veche toi v sum oshte che shte nikoi nyakoi niakoi edin "
    "neshto kakvo rabota lichna lichnata shefa shefat shefut stayata kashtata vseki dnes "
    "sestra godini godina ima evro umra umiram kaza kazva".split()
)
# How people type Bulgarian in Latin letters: "4" for ч, "6" for ш ("ve4e", "6te", "hap4eta")
# and "q" for я ("nqma", "mislq"). No other supported language writes a "q" without a "u"
# after it, or digits inside words.
BULGARIAN_LATIN_SPELLING = re.compile(r"q(?!u)|[a-z][46]|[46][a-z]")


def is_bulgarian_latin_marker(word: str) -> bool:
    return word in BULGARIAN_LATIN_MARKERS or bool(BULGARIAN_LATIN_SPELLING.search(word))
