"""Recognise signals in text with per-language spaCy Matcher patterns and the age finder.

Pattern files: bot/nlu/signal_patterns/<lang>.yml (syntax in bot/nlu/signal_patterns/README.md).
Text is folded (lowercase, no diacritics) and split into word and punctuation tokens before
matching, so patterns are written without diacritics. A hit is dropped when a negation cue
stands just before it or inside it ("he does NOT take my money"; "sa-mi" counts as one word
there), or just after it in a language that puts the negation late ("hij pakt mijn geld NIET
af"), or when a hypothetical cue opens its sentence ("what if they take my passport?").
Not-serious cues (laughter, "just kidding", "I feel safe") are for the classifier route only:
see SignalDetector. Happening-now cues ("right now", "he is still here", "I locked myself in")
are not signals themselves: SignalDetector makes violence, a threat or being held that comes
with one acute danger.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import yaml

from bot.languages import SUPPORTED_LANGUAGES
from bot.nlu.ages import (
    AGE_VERB_AFTER,
    NOT_AGE_AFTER,
    YEARS_AFTER,
    minor_age_position,
    number_value,
    numbers_rule_out_a_minor,
)
from bot.nlu.anchored_matcher import AnchoredMatcher, alternatives
from bot.nlu.language_lexicon import fold
from bot.signals.vocabulary import vocabulary

PATTERNS_DIR = Path(__file__).parent / "signal_patterns"
# words and single punctuation marks: "don't" is "don", "'", "t" (pattern files rely on it)
TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
SENTENCE_END = frozenset({".", "!", "?", ";", "\n"})
# where a negation stops reaching forward: clause punctuation, not hyphens ("nu-mi ia")
CLAUSE_END = SENTENCE_END | {",", ":"}
GAP = "..."
GAP_TOKENS = 4
NEGATION_WINDOW = 3
# joined-word marks that do not count as words in the negation window ("nu vreau sa-mi fac rau")
JOINERS = frozenset({"-", "'"})
# pseudo-codes under which cues are matched with the patterns (not signal codes)
HAPPENING_NOW = "NOW"
EVERYDAY = "EVERYDAY"
CUE_CODES = frozenset({HAPPENING_NOW, EVERYDAY})


class PatternError(ValueError):
    """A pattern file is malformed."""


def tokenize(text: str) -> List[str]:
    return TOKEN.findall(fold(text or ""))


# Numbers for letters ("vr3au s4 m0r", "k1ll mys3lf"): read again with letters. Not 2, 6, 8, 9,
# and not a number with a unit ("5min", "500mg", "17yo"), which stay as they are.
LEET = str.maketrans("013457", "oieast")
NUMBER_WITH_UNIT = re.compile(
    r"^\d+(am|pm|min|mins|mg|ml|kg|km|cm|h|hrs|yo|th|st|nd|rd|x|k|e|eur)$"
)


def with_letters_for_numbers(tokens: List[str]) -> List[str]:
    return [
        token.translate(LEET)
        if re.search(r"[a-z]", token)
        and re.search(r"\d", token)
        and not re.match(r"^\d{2,}[a-z]*$", token)
        and not NUMBER_WITH_UNIT.match(token)
        else token
        for token in tokens
    ]


def token_spec(item: str) -> Dict:
    """One token of the pattern syntax as a spaCy Matcher token pattern."""
    if item.endswith("?") and len(item) > 1:
        return {**token_spec(item[:-1]), "OP": "?"}
    choices = alternatives(item)
    if not all(choices) or any(c in choice for choice in choices for c in "()| "):
        raise PatternError(f"bad token '{item}'")
    if not any(choice.endswith("*") for choice in choices):
        if len(choices) > 1:
            return {"LOWER": {"IN": choices}}
        return {"LOWER": choices[0]}  # "(out)" is "out"
    regex = "|".join(
        re.escape(choice[:-1]) + ".*" if choice.endswith("*") else re.escape(choice)
        for choice in choices
    )
    return {"LOWER": {"REGEX": f"^(?:{regex})$"}}


def compile_pattern(pattern: str) -> List[Dict]:
    items = pattern.split()
    if not items or items[0] == GAP or items[-1] == GAP or items[0].endswith("?"):
        raise PatternError(f"pattern '{pattern}' must start and end with a token")
    compiled: List[Dict] = []
    for item in items:
        compiled.extend([{"OP": "?"}] * GAP_TOKENS if item == GAP else [token_spec(fold(item))])
    return compiled


@dataclass(frozen=True)
class LanguagePatterns:
    language: str
    negation_cues: Tuple[Tuple[str, ...], ...]
    hypothetical_cues: Tuple[Tuple[str, ...], ...]
    patterns: Dict[str, Tuple[str, ...]]
    not_serious_cues: Tuple[Tuple[str, ...], ...] = ()
    # how many tokens after a hit a negation cue still negates it (0: none)
    negation_after: int = 0
    # words that make a pattern spell out a negation but negate nothing on their own, because
    # the language always says them with a negation cue (Romanian "nu ma bate nimeni")
    negative_words: Tuple[str, ...] = ()
    # patterns (same syntax) that put what the message tells into this very moment
    happening_now_cues: Tuple[str, ...] = ()
    # patterns for everyday scenes and figures of speech (cooking, "dying of laughter")
    everyday_cues: Tuple[str, ...] = ()


def load_language(path: Path) -> LanguagePatterns:
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    codes = set(vocabulary())
    patterns = raw.get("patterns") or {}
    unknown = set(patterns) - codes
    if unknown:
        raise PatternError(f"{path.name}: unknown signal codes {sorted(unknown)}")

    def cues(key: str) -> Tuple[Tuple[str, ...], ...]:
        return tuple(tuple(tokenize(cue)) for cue in raw.get(key) or [] if tokenize(cue))

    return LanguagePatterns(
        language=path.stem,
        negation_cues=cues("negation_cues"),
        hypothetical_cues=cues("hypothetical_cues"),
        patterns={code: tuple(items or []) for code, items in patterns.items()},
        not_serious_cues=cues("not_serious_cues"),
        negation_after=int(raw.get("negation_after") or 0),
        negative_words=tuple(fold(word) for word in raw.get("negative_words") or ()),
        happening_now_cues=tuple(raw.get("happening_now_cues") or ()),
        everyday_cues=tuple(raw.get("everyday_cues") or ()),
    )


def contains_cue(tokens: Sequence[str], cues: Sequence[Tuple[str, ...]]) -> bool:
    return any(
        tuple(tokens[i : i + len(cue)]) == cue
        for cue in cues
        for i in range(len(tokens) - len(cue) + 1)
    )


@dataclass(frozen=True)
class SignalHit:
    code: str
    language: str  # whose patterns matched ("age" for the age finder)
    start: int
    end: int
    negated: bool
    hypothetical: bool

    @property
    def affirmative(self) -> bool:
        return not (self.negated or self.hypothetical)


class SignalMatcher:
    """All languages' patterns, compiled once."""

    def __init__(self, patterns_dir: Path = PATTERNS_DIR) -> None:
        import spacy

        self._nlp = spacy.blank("xx")
        self._languages: Dict[str, LanguagePatterns] = {}
        self._matcher = AnchoredMatcher(self._nlp.vocab)
        # patterns that spell out a negation themselves ("can't go out alone")
        self._negative_patterns: set = set()
        # ... or a hypothetical ("what happens if you mix sleeping pills with vodka": a question
        # about a way to die is itself a warning sign)
        self._hypothetical_patterns: set = set()
        for path in sorted(patterns_dir.glob("*.yml")):
            patterns = load_language(path)
            self._languages[patterns.language] = patterns
            negation_words = {w for cue in patterns.negation_cues for w in cue}
            negation_words |= set(patterns.negative_words)
            groups = {
                **patterns.patterns,
                HAPPENING_NOW: patterns.happening_now_cues,
                EVERYDAY: patterns.everyday_cues,
            }
            for code, items in groups.items():
                for index, pattern in enumerate(items):
                    key = f"{patterns.language}|{code}|{index}"
                    compiled = compile_pattern(pattern)  # refuses a gap or optional token first
                    self._matcher.add(key, fold(pattern.split()[0]), compiled)
                    words = set(re.split(r"[()|\s*]+", fold(pattern)))
                    if words & negation_words:
                        self._negative_patterns.add(key)
                    if any(set(cue) <= words for cue in patterns.hypothetical_cues):
                        self._hypothetical_patterns.add(key)

    @property
    def languages(self) -> FrozenSet[str]:
        return frozenset(self._languages)

    def _cues(self, kind: str, languages: Sequence[str]) -> List[Tuple[str, ...]]:
        return [
            cue
            for code in dict.fromkeys(languages)
            if code in self._languages
            for cue in getattr(self._languages[code], kind)
        ]

    def _sentence_start(self, tokens: List[str], position: int) -> int:
        for i in range(position - 1, -1, -1):
            if tokens[i] in SENTENCE_END:
                return i + 1
        return 0

    def _judge(
        self,
        tokens,
        code,
        language,
        start,
        end,
        message_language,
        negative_pattern=False,
        hypothetical_pattern=False,
    ) -> SignalHit:
        languages = [language, message_language or language]
        negations = self._cues("negation_cues", languages)
        hypotheticals = self._cues("hypothetical_cues", languages)
        # a negation inside the span counts, unless the pattern itself spells one out; the
        # window before it stops at punctuation ("I don't know, he took my passport")
        before, words = start, 0
        while before > 0 and words < NEGATION_WINDOW and tokens[before - 1] not in CLAUSE_END:
            before -= 1
            words += tokens[before] not in JOINERS
        window = tokens[before : start if negative_pattern else end]
        after = end
        reach = max(
            (self._languages[c].negation_after for c in languages if c in self._languages),
            default=0,
        )
        while after < min(len(tokens), end + reach) and tokens[after] not in CLAUSE_END:
            after += 1
        # a pattern that spells out its own "if" is judged on what comes before it
        sentence_end = start if hypothetical_pattern else end
        sentence = tokens[self._sentence_start(tokens, start) : sentence_end]
        return SignalHit(
            code,
            language,
            start,
            end,
            negated=contains_cue(window, negations) or contains_cue(tokens[end:after], negations),
            hypothetical=contains_cue(sentence, hypotheticals),
        )

    def hits(self, text: str, message_language: Optional[str] = None) -> List[SignalHit]:
        """Every signal hit in the message, affirmative or not (happening-now cues excluded)."""
        return [hit for hit in self._all_hits(text, message_language) if hit.code not in CUE_CODES]

    def happening_now(self, text: str, message_language: Optional[str] = None) -> bool:
        """Whether the message puts what it tells into this moment ("right now", "he is still
        here", "I locked myself in"), not negated and not hypothetical."""
        return any(
            hit.code == HAPPENING_NOW and hit.affirmative
            for hit in self._all_hits(text, message_language)
        )

    def everyday(self, text: str, message_language: Optional[str] = None) -> bool:
        """Whether the message tells an everyday scene or uses a figure of speech in which words
        of death and cutting are not about harm ("dying of laughter", "cutting the onions")."""
        return any(hit.code == EVERYDAY for hit in self._all_hits(text, message_language))

    @lru_cache(maxsize=32)  # noqa: B019 - one matcher per process; detect() asks twice per text
    def _all_hits(self, text: str, message_language: Optional[str]) -> Tuple[SignalHit, ...]:
        tokens = tokenize(text)
        if not tokens:
            return ()
        streams = [tokens]
        lettered = with_letters_for_numbers(tokens)
        if lettered != tokens:
            # also read with letters, apart: Latin-letter Bulgarian writes 4 for "ч" ("hap4eta")
            streams.append(lettered)
        found, seen = [], set()
        for stream in streams:
            found += self._judged_matches(stream, message_language, seen)
        age_hit = self._age_hit(tokens, message_language)
        if age_hit:
            found.append(age_hit)
        return tuple(found)

    def _judged_matches(
        self, tokens: List[str], message_language: Optional[str], seen: set
    ) -> List[SignalHit]:
        from spacy.tokens import Doc

        # a Doc over our own tokens, so that patterns see exactly the tokens described
        doc = Doc(self._nlp.vocab, words=tokens)
        found = []
        for match_id, start, end in self._matcher(doc):
            if (match_id, start, end) in seen:
                continue
            seen.add((match_id, start, end))
            key = self._nlp.vocab.strings[match_id]
            language, code, _ = key.split("|")
            if code == "MINOR" and ends_in_a_date_or_amount(tokens, end):
                continue  # "е на 16 април": a date, not an age
            found.append(
                self._judge(
                    tokens,
                    code,
                    language,
                    start,
                    end,
                    message_language,
                    negative_pattern=key in self._negative_patterns,
                    hypothetical_pattern=key in self._hypothetical_patterns,
                )
            )
        return found

    def _age_hit(self, tokens: List[str], message_language: Optional[str]) -> Optional[SignalHit]:
        """A hit for the first stated age under 18 (its number and the word beside it)."""
        i = minor_age_position(tokens, message_language)
        if i is None:
            return None
        start = max(0, i - 1)
        # the word after belongs to the age only when it says so ("16 ani", "16 съм"): a "nu"
        # after a birth year starts the next clause ("nascuta in 2010 nu stiu daca conteaza")
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        end = i + 2 if after in YEARS_AFTER or after in AGE_VERB_AFTER else i + 1
        return self._judge(tokens, "MINOR", message_language or "en", start, end, None)

    def affirmative_codes(self, text: str, message_language: Optional[str] = None) -> List[str]:
        codes = [h.code for h in self.hits(text, message_language) if h.affirmative]
        return list(dict.fromkeys(codes))

    def negated_or_hypothetical(self, text: str, message_language: Optional[str] = None) -> bool:
        """Whether the message carries a negation or hypothetical cue of its language anywhere."""
        tokens = tokenize(text)
        languages = [message_language] if message_language else list(SUPPORTED_LANGUAGES)
        cues = self._cues("negation_cues", languages) + self._cues("hypothetical_cues", languages)
        return contains_cue(tokens, cues)

    def numbers_rule_out_a_minor(self, text: str, message_language: Optional[str] = None) -> bool:
        """Whether the message's numbers are an adult age, dates or times, and none under 18."""
        return numbers_rule_out_a_minor(tokenize(text), message_language)

    def not_serious(self, text: str, message_language: Optional[str] = None) -> bool:
        """Whether the message laughs, jokes or says it is safe ("lol", "grapje", "i feel safe")."""
        languages = [message_language] if message_language else list(SUPPORTED_LANGUAGES)
        return contains_cue(tokenize(text), self._cues("not_serious_cues", languages))


def ends_in_a_date_or_amount(tokens: List[str], end: int) -> bool:
    """Whether a match ends on a number that the next word makes a date, time or amount."""
    return (
        0 < end < len(tokens)
        and tokens[end] in NOT_AGE_AFTER
        and number_value(tokens[end - 1], None) is not None
    )


@lru_cache(maxsize=1)
def default_matcher() -> SignalMatcher:
    return SignalMatcher()
