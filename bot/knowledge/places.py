"""Find Dutch place names in a message and map them to the help directory's regions.

Municipalities and their aliases (other languages, other spellings, towns inside them) come
from bot/knowledge/data/regions.yml. Matching uses spaCy's Matcher on folded tokens and
tolerates the case endings other languages add to a name ("Amsterdamul", "Amszterdamban",
"w Amsterdamie"): the last word of a name may carry up to four more letters.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from bot.knowledge.directory import Directory, default_directory
from bot.nlu.anchored_matcher import AnchoredMatcher
from bot.nlu.language_lexicon import fold
from bot.nlu.signal_matcher import tokenize

MAX_CASE_ENDING = 4
MIN_STEM_FOR_ENDINGS = 5
# Municipality names that are also everyday words in a supported language ("the best", nl
# "huizen" houses): matched only when written with a capital letter.
EVERYDAY_WORDS = frozenset(
    "best goes huizen buren kampen beek assen emmen houten laren putten duiven sluis horst "
    "ede epe bergen hof mill stein weert urk asten oss landsmeer".split()
)
PARENTHESES = re.compile(r"\s*\(.*?\)")


@dataclass(frozen=True)
class Place:
    municipality: str
    region: str
    text: str  # as written in the message


def name_variants(municipality: str, aliases: List[str]) -> List[str]:
    names = [municipality, PARENTHESES.sub("", municipality), *aliases]
    return list(dict.fromkeys(n for n in names if n.strip()))


class PlaceMatcher:
    """Matches every municipality name and alias; ambiguous names (two regions) are skipped."""

    def __init__(self, directory: Directory) -> None:
        import spacy

        self._nlp = spacy.blank("xx")
        # some 1,000 names: only those whose first word is in the message are tried
        self._matcher = AnchoredMatcher(self._nlp.vocab)
        targets: Dict[str, set] = {}
        for region in directory.regions.values():
            for municipality in region.municipalities:
                aliases = list(region.aliases.get(municipality, ()))
                for name in name_variants(municipality, aliases):
                    targets.setdefault(fold(name), set()).add((municipality, region.id))
        self._places: Dict[str, Tuple[str, str]] = {}
        for name, found in targets.items():
            if len(found) != 1:
                continue  # e.g. "Bergen" is in two provinces
            tokens = tokenize(name)
            if not tokens:
                continue
            self._places[name] = next(iter(found))
            self._matcher.add(name, self._first_token(tokens), self._pattern(tokens))

    @staticmethod
    def _takes_endings(word: str) -> bool:
        return len(word) >= MIN_STEM_FOR_ENDINGS and word.isalpha()

    @classmethod
    def _first_token(cls, tokens: List[str]) -> str:
        """The name's first word in the signal-pattern syntax ("amsterdam*" when it is also
        the last word and may carry a case ending)."""
        first = tokens[0]
        return f"{first}*" if len(tokens) == 1 and cls._takes_endings(first) else first

    @classmethod
    def _pattern(cls, tokens: List[str]) -> List[Dict]:
        *head, last = tokens
        pattern: List[Dict] = [{"LOWER": t} for t in head]
        if cls._takes_endings(last):
            ending = rf"^{re.escape(last)}\w{{0,{MAX_CASE_ENDING}}}$"
            pattern.append({"LOWER": {"REGEX": ending}})
        else:
            pattern.append({"LOWER": last})
        return pattern

    def places(self, text: str) -> List[Place]:
        from spacy.tokens import Doc

        # a token that folds to nothing (a lone combining mark) would be an empty spaCy word
        originals = [t for t in re.findall(r"\w+(?:['’]\w+)*|[^\w\s]", text or "") if fold(t)]
        tokens = [fold(t) for t in originals]
        if not tokens:
            return []
        doc = Doc(self._nlp.vocab, words=tokens)
        found: List[Tuple[int, int, str]] = []
        for match_id, start, end in self._matcher(doc):
            name = self._nlp.vocab.strings[match_id]
            if name in EVERYDAY_WORDS and not originals[start][:1].isupper():
                continue
            found.append((start, end, name))
        # longest match first, then no overlaps ("Bergen op Zoom" over "Bergen")
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        places, taken_until = [], -1
        for start, end, name in found:
            if start <= taken_until - 1:
                continue
            municipality, region = self._places[name]
            places.append(Place(municipality, region, " ".join(originals[start:end])))
            taken_until = end
        return places

    def region_of(self, text: str) -> Optional[str]:
        """The region of the first place named in the text, if any."""
        places = self.places(text)
        return places[0].region if places else None


@lru_cache(maxsize=1)
def default_place_matcher() -> PlaceMatcher:
    return PlaceMatcher(default_directory())
