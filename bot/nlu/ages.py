"""Find a stated age under 18 in a message, in digits or words, in the supported languages.

"im 16", "ik ben vijftien", "am 17 ani", "на 16 съм", "16 éves vagyok", "tengo dieciséis
años", "mam 16 lat", "my friend is only 15". Works on folded tokens (lowercase, no diacritics).
"""

import re
from datetime import date
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
        "saptispe": 17,
        "saptisprezece": 17,
        "saptesprece": 17,
        "saisprece": 16,
        "cinsprezece": 15,
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
        # spoken forms without the final "т", and the Latin-letter spellings people type
        "петнайсе": 15,
        "шестнайсе": 16,
        "седемнайсе": 17,
        "четиринайсе": 14,
        "edinaiset": 11,
        "edinadeset": 11,
        "dvanaiset": 12,
        "dvanadeset": 12,
        "trinaiset": 13,
        "trinadeset": 13,
        "chetirinaiset": 14,
        "4etirinaiset": 14,
        "chetirinadeset": 14,
        "petnaiset": 15,
        "petnadeset": 15,
        "petnaise": 15,
        "shestnaiset": 16,
        "6estnaiset": 16,
        "shestnadeset": 16,
        "shestnaise": 16,
        "sedemnaiset": 17,
        "sedemnadeset": 17,
        "sedemnaise": 17,
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
    "years year yrs yr yo jaar jaartjes jr ani anisori anii години годинки година год г godini "
    "godinki godina god eves eve evesen ev anos ano anitos lat lata latek "
    # Bulgarian "-year-old" ("шестнайсет годишна", "6estnaiset godi6na")
    "годишна годишен годишно godishna godi6na godishen godi6en godishno".split()
)
# Words that say the number is an age when they come just before it ("I'm 16", "tengo 16").
# ("i'm" is tokenised as "i", "'", "m": hence "m"; "she's" as "she", "'", "s" is left out)
AGE_BEFORE: FrozenSet[str] = frozenset(
    "im i'm m shes am is was age aged only just turned ben bent zijn pas maar sunt e este are "
    "doar abia implinit на съм е само навърших навърши navarshih navurshih vagyok vagy csak "
    "tengo tiene tienes cumpli solo apenas mam ma masz tylko dopiero skonczylam "
    "skonczylem "
    # "my boyfriend is 25 and I 17": the pronoun alone before the number
    "yo eu ja аз".split()
)
# Latin-letter Bulgarian "az sym na 17": "na" says age there, but not in Dutch or Polish ("na 17
# uur", "na 17 maja"), so only for Bulgarian.
AGE_BEFORE_IN: Dict[str, FrozenSet[str]] = {"bg": frozenset({"na"})}
# "16 vagyok" / "16 съм": a verb after the number.
AGE_VERB_AFTER: FrozenSet[str] = frozenset("vagyok vagy съм си е sam sum si".split())

# A number followed by one of these is a date, a time, an amount or a count, never an age
# ("на 15 март", "pe 14 aprilie", "в 16 часа", "15 euro"), whatever comes before it.
NOT_AGE_AFTER: FrozenSet[str] = frozenset(
    # months (not May, also a common word: English "may", Romanian "mai", Bulgarian "май")
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januari februari maart juni juli augustus oktober "
    "ianuarie februarie martie aprilie iunie iulie septembrie octombrie noiembrie "
    "decembrie "
    "януари февруари март април юни юли август септември октомври ноември декември "
    "yanuari qnuari fevruari mart yuni iuni qni yuli iuli avgust septemvri oktomvri "
    "noemvri dekemvri "
    "januar februar marcius aprilis majus junius julius augusztus szeptember oktober "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia wrzesnia pazdziernika "
    "listopada grudnia "
    # clock times and durations
    "uur h hour hours hrs oclock minutes min mins ora ore часа час ч минути мин chasa chas "
    "orakor oraig oras hora horas godzina godziny godzin godz minut minuty "
    # money and other units
    "euro euros eur evro евро лв leva lei ron forint ft zl zlotych eurot % km kg "
    "days dagen zile дни dni dias semanas weeks weken saptamani седмици tygodni "
    # counts of people or things
    "clients klanten klienti клиента клиенти klienta klientow clientes kliens klienst "
    "ugyfel".split()
)
# A number after one of these is a room, a house or a bus, never an age ("camera 16", "room 15")
NOT_AGE_BEFORE: FrozenSet[str] = frozenset(
    "room nr no number kamer nummer huisnummer bus lijn tram camera numarul numar etaj etajul "
    "стая staq стаята номер nomer szoba szobaszam hazszam habitacion numero pokoj numer "
    "autobus".split()
)
# "acum 10 ani", "hace 10 años", "10 years ago", "10 jaar geleden": a time ago, not an age
AGO_BEFORE: FrozenSet[str] = frozenset("acum преди predi hace".split())
AGO_AFTER: FrozenSet[str] = frozenset("ago geleden temu".split())
# "de la 17 la 2", "van 16 tot 22", "from 15 to 17": the first number of a range is a time
RANGE_WORDS: FrozenSet[str] = frozenset("la tot to till until до do hasta a ig -".split())
# "на 16-ти", "pe 16-lea", "a 11-a": an ordinal (a date or a school year), not an age
ORDINAL_ENDINGS: FrozenSet[str] = frozenset("ти ви ри ми ti vi ri mi lea a th st nd rd".split())

# The age was in the past ("when I was 15", "când aveam 16", "като бях на 16") ...
PAST_AGE_BEFORE: FrozenSet[str] = frozenset(
    "was were when toen was cand aveam avea eram era la като когато бях беше kato kogato bqh "
    "byah bqhme amikor voltam volt cuando tenia era con kiedy mialam mialem mial miala bylam "
    "bylem".split()
)
# ... and the person also gives an adult age now ("now I am 30"): the minor age is their past.
BIRTH_WORDS = (
    "born geboren nascut nascuta роден родена rodena roden набор nabor szulettem szuletett "
    "naci nacida nacido urodzona urodzony urodzilam urodzilem rocznik".split()
)
# "sunt din 2009", "soy del 2010", "jestem z 2010": the two words before a birth year
BIRTH_YEAR_AFTER = frozenset(
    {("sunt", "din"), ("sint", "din"), ("e", "din"), ("soy", "del"), ("es", "del")}
    | {("jestem", "z"), ("jest", "z"), ("съм", "от"), ("sam", "ot"), ("sym", "ot")}
)
YEAR = re.compile(r"^(19|20)\d\d$")

DIGITS = re.compile(r"^\d{1,2}$")


def number_value(token: str, language: Optional[str]) -> Optional[int]:
    if DIGITS.match(token):
        return int(token)
    languages = {language, "en"} if language in NUMBER_WORDS else set(NUMBER_WORDS)
    for code in languages:
        if token in NUMBER_WORDS[code]:
            return NUMBER_WORDS[code][token]
    return None


def stated_age(tokens: List[str], i: int, language: Optional[str]) -> Optional[int]:
    """The age stated by the number at position i ("16 years", "I'm 16", "16 vagyok")."""
    value = number_value(tokens[i], language)
    if value is None:
        return None
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if after in NOT_AGE_AFTER or before in AGO_BEFORE or AGO_AFTER & set(tokens[i + 1 : i + 4]):
        return None
    if is_ordinal(tokens, i):
        return None
    if after == "de" and i + 2 < len(tokens):  # Romanian "23 de ani"
        after = tokens[i + 2]
    if tokens[i + 1 : i + 4] == ["y", "/", "o"]:  # "17 y/o"
        after = "yo"
    if after in YEARS_AFTER or after in AGE_VERB_AFTER or before in AGE_BEFORE:
        return value
    if before in AGE_BEFORE_IN.get(language or "", ()):
        return value
    return None


def adult_age_stated(tokens: List[str], language: Optional[str]) -> bool:
    return any(
        (stated_age(tokens, i, language) or 0) >= ADULT_AGE
        for i, token in enumerate(tokens)
        if token.isdigit() and 18 <= int(token) < 100
    )


def in_the_past(tokens: List[str], i: int) -> bool:
    return any(token in PAST_AGE_BEFORE for token in tokens[max(0, i - 3) : i])


def birth_year_age(tokens: List[str], i: int, this_year: int) -> Optional[int]:
    """The age this year of someone "born in 2010" / "набор 2010" / "2010-ben születtem"."""
    if not YEAR.match(tokens[i]):
        return None
    near = tokens[max(0, i - 3) : i] + tokens[i + 1 : i + 4]
    named = any(token.startswith(word) for token in near for word in BIRTH_WORDS)
    if not named and tuple(tokens[max(0, i - 2) : i]) not in BIRTH_YEAR_AFTER:
        return None
    return this_year - int(tokens[i])


def numbers_rule_out_a_minor(tokens: List[str], language: Optional[str]) -> bool:
    """Whether the numbers in the message are read as an adult age or as dates, times and
    amounts ("I turned 18 last year", "on 16 April"), and none as an age under 18."""
    if minor_age_position(tokens, language) is not None:
        return False
    if adult_age_stated(tokens, language):
        return True
    if any(YEAR.match(token) for token in tokens):  # a year that is not a birth year: a date
        return True
    return any(
        MIN_AGE <= (number_value(token, language) or 0) < ADULT_AGE
        and (
            followed_by(tokens, i, NOT_AGE_AFTER)
            or is_ordinal(tokens, i)
            or (i > 0 and tokens[i - 1] in NOT_AGE_BEFORE)
            or starts_a_range(tokens, i)
        )
        for i, token in enumerate(tokens)
    )


def followed_by(tokens: List[str], i: int, words: FrozenSet[str]) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1] in words


def starts_a_range(tokens: List[str], i: int) -> bool:
    """ "de la 17 la 2", "16 tot 22": the number at i is followed by a range word and a number."""
    return followed_by(tokens, i, RANGE_WORDS) and i + 2 < len(tokens) and tokens[i + 2].isdigit()


def is_ordinal(tokens: List[str], i: int) -> bool:
    """ "16-ти", "16-lea", "11-a": the number at i is an ordinal (a date or a school year)."""
    return followed_by(tokens, i, frozenset({"-"})) and followed_by(tokens, i + 1, ORDINAL_ENDINGS)


def minor_age_position(
    tokens: List[str], language: Optional[str], this_year: Optional[int] = None
) -> Optional[int]:
    """Where the first age under 18 is stated in the tokens, or None.

    A birth year counts when it makes the person under 18 this year, or 18 (a minor is not
    ruled out before their birthday). An age that is over ("when I was 16 ... now I am 30") does
    not count; without an adult age now, it does ("when I was 16 he brought me, now I'm 17").
    """
    this_year = this_year or date.today().year
    for i in range(len(tokens)):
        age = stated_age(tokens, i, language)
        if age is not None and MIN_AGE <= age < ADULT_AGE:
            if in_the_past(tokens, i) and adult_age_stated(tokens, language):
                continue
            return i
        born = birth_year_age(tokens, i, this_year)
        if born is not None and MIN_AGE <= born <= ADULT_AGE:
            return i
    return None


def minor_age_mentioned(
    tokens: List[str], language: Optional[str], this_year: Optional[int] = None
) -> Optional[int]:
    """The first age under 18 stated in the tokens, or None."""
    this_year = this_year or date.today().year
    i = minor_age_position(tokens, language, this_year)
    if i is None:
        return None
    age = stated_age(tokens, i, language)
    return age if age is not None else birth_year_age(tokens, i, this_year)
