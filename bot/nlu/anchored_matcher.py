"""spaCy's Matcher, run only on the patterns that can match a given text.

spaCy's Matcher tries every pattern at every token. With some 1,500 signal patterns in seven
languages that was most of the NLU time of a message (about 3.5 ms). Every signal pattern starts
with a required token (not a gap, not optional: `compile_pattern` refuses anything else), so a
pattern whose first token occurs nowhere in the text cannot match. Patterns are grouped by that
first token, with one spaCy Matcher per group, and a text runs only the groups whose first token
it contains. The matches are exactly those of a single Matcher holding all the patterns, though
not always in the same order (callers treat them as a set; tests/bot/nlu/test_anchored_matcher.py
compares them).
"""

from collections import defaultdict
from typing import Dict, Iterable, List, Set, Tuple

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

Match = Tuple[int, int, int]  # (match id, start, end), as spaCy's Matcher returns them


def alternatives(item: str) -> List[str]:
    """The alternatives of one pattern token: "(a|b*)" -> ["a", "b*"]; "word" -> ["word"]."""
    return item[1:-1].split("|") if item.startswith("(") and item.endswith(")") else [item]


class AnchoredMatcher:
    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._groups: Dict[str, Matcher] = {}
        self._order: Dict[int, int] = {}  # match id -> when it was added
        self._by_word: Dict[str, Set[str]] = defaultdict(set)
        self._by_stem: Dict[str, Set[str]] = defaultdict(set)
        self._stem_lengths: Set[int] = set()

    def add(self, key: str, first_token: str, pattern: List[Dict]) -> None:
        """Add a spaCy token pattern whose first token is `first_token` in the pattern syntax
        (folded: "word", "stem*", "(a|b*)")."""
        group = self._groups.get(first_token)
        if group is None:
            group = self._groups[first_token] = Matcher(self._vocab)
            for alternative in alternatives(first_token):
                if alternative.endswith("*"):
                    self._by_stem[alternative[:-1]].add(first_token)
                    self._stem_lengths.add(len(alternative) - 1)
                else:
                    self._by_word[alternative].add(first_token)
        group.add(key, [pattern])
        self._order.setdefault(self._vocab.strings[key], len(self._order))

    def _groups_for(self, tokens: Iterable[str]) -> Set[str]:
        active: Set[str] = set()
        for token in set(tokens):
            active |= self._by_word.get(token, set())
            for length in self._stem_lengths:
                if len(token) >= length:
                    active |= self._by_stem.get(token[:length], set())
        return active

    def __call__(self, doc: Doc) -> List[Match]:
        """All matches in `doc`, ordered by start, end and the order the patterns were added."""
        matches: List[Match] = []
        for name in self._groups_for(token.lower_ for token in doc):
            matches.extend(self._groups[name](doc))
        return sorted(matches, key=lambda match: (match[1], match[2], self._order[match[0]]))

    def __len__(self) -> int:
        return len(self._order)
