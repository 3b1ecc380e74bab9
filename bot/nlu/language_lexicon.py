"""Word lists the language detector uses: language names for explicit switches, chat words.

All entries are lowercase and written without diacritics; text is folded the same way
before it is compared (see `fold`).
"""

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

# Frequent chat words that are characteristic of one language (greetings, thanks, yes/no,
# question words). Used for messages too short for the statistical detector.
CHAT_WORDS: Dict[str, FrozenSet[str]] = {
    "nl": frozenset(
        "hoi hallo hey goedemorgen goedemiddag goedenavond dag doei dankjewel dankje bedankt "
        "dank ja nee oke oké graag alsjeblieft alstublieft wat hoe waar wie waarom wanneer "
        "ik je jij ben ik heb niet geen mag kan ook maar nog even een het is".split()
    ),
    "en": frozenset(
        "hi hello hey thanks thank thx bye goodbye yes yeah yep no nope please okay what how "
        "where who why when the is are i you my can do does not".split()
    ),
    "ro": frozenset(
        "buna salut salutare multumesc mersi ms mulțumesc pa da nu ok bine ce cum unde cine "
        "cand de ce sunt esti eu tu nu am pot vreau si sau ajutor".split()
    ),
    "bg": frozenset(
        "здравей здрасти здравейте благодаря мерси чао да не добре какво как къде кой кога "
        "защо аз ти съм си искам мога помощ "
        # Bulgarian typed in Latin letters ("shlyokavitsa")
        "zdravei zdraveite zdrasti blagodarya blagodaria kakvo kade kude iskam moga mozhe "
        "moje pomosht pomosh shte dobre nishto tova sega nyamam niamam imam rabotya".split()
    ),
    "hu": frozenset(
        "szia sziasztok hello szervusz jo napot koszonom koszi kosz igen nem ok rendben mi "
        "hogy hol ki mikor miert en te vagyok vagy tudok szeretnek segitseg es".split()
    ),
    "es": frozenset(
        "hola buenas gracias adios si no vale vale ok que como donde quien cuando porque "
        "yo tu soy eres tengo puedo quiero ayuda por favor y el la los las".split()
    ),
    "pl": frozenset(
        "czesc hej dzien dobry dziekuje dzieki dziekuje tak nie ok dobrze co jak gdzie kto "
        "kiedy dlaczego ja ty jestem mam moge chce pomoc prosze i w na".split()
    ),
}

# Latin-letter Bulgarian words that no other supported language uses: enough of them
# overrule the statistical detector, which only knows Bulgarian in Cyrillic.
BULGARIAN_LATIN_MARKERS: FrozenSet[str] = frozenset(
    "zdravei zdraveite zdrasti blagodarya blagodaria kakvo kade kude iskam mozhe moje "
    "pomosht shte nishto tova sega nyamam niamam rabotya koi koya tuk zashto kogato "
    "mnogo pari imam".split()
)
