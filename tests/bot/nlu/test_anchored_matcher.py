"""AnchoredMatcher finds exactly what one spaCy Matcher with all the patterns finds."""

from pathlib import Path

import pytest
import spacy
import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.nlu.anchored_matcher import AnchoredMatcher
from bot.nlu.language_lexicon import fold
from bot.nlu.signal_matcher import PATTERNS_DIR, compile_pattern, load_language, tokenize

DATA = Path(__file__).resolve().parents[3] / "bot" / "nlu" / "signal_examples"


def both(patterns):
    vocab = spacy.blank("xx").vocab
    single, anchored = Matcher(vocab), AnchoredMatcher(vocab)
    for key, pattern in patterns:
        single.add(key, [compile_pattern(pattern)])
        anchored.add(key, fold(pattern.split()[0]), compile_pattern(pattern))
    return vocab, single, anchored


def matches(vocab, matcher, text):
    doc = Doc(vocab, words=tokenize(text))
    return sorted((vocab.strings[key], start, end) for key, start, end in matcher(doc))


SMALL = [
    ("words", "(keeps|took) ... passport*"),
    ("stems", "(afgepak*|ingenom*) ... (paspoort*|id)"),
    ("stem-and-word", "(bedreig*|dreigt) (mij|me)? familie"),
    ("same-anchor", "(keeps|took) my money"),
    ("one-letter-stem", "m* money"),
]


@pytest.mark.parametrize(
    "text",
    [
        "he keeps my passport in the car",
        "he took my money and my passports",
        "ze hebben mijn id ingenomen en mijn paspoort afgepakt",
        "hij bedreigt mij familie, hij dreigt familie",
        "my money my money",
        "nothing here at all",
        "passport keeps",  # the anchor must come first
    ],
)
def test_small_patterns_give_the_same_matches(text):
    vocab, single, anchored = both(SMALL)
    assert matches(vocab, anchored, text) == matches(vocab, single, text)


def test_a_text_without_any_anchor_runs_no_pattern():
    vocab, _, anchored = both(SMALL)
    assert anchored._groups_for(["nothing", "here"]) == set()
    assert anchored._groups_for(["afgepakt"]) == {"(afgepak*|ingenom*)"}


def shipped_patterns():
    for path in sorted(PATTERNS_DIR.glob("*.yml")):
        language = load_language(path)
        for code, items in language.patterns.items():
            for index, pattern in enumerate(items):
                yield f"{language.language}|{code}|{index}", pattern


def development_messages():
    texts = [m["text"] for m in yaml.safe_load((DATA / "signals_tune.yml").read_text())["messages"]]
    for path in sorted((DATA / "signals_dev").glob("*.yml")):
        texts += [m["text"] for m in yaml.safe_load(path.read_text())["messages"]]
    return texts


def test_shipped_patterns_give_the_same_matches_on_the_development_sets():
    vocab, single, anchored = both(list(shipped_patterns()))
    texts = [text for text in development_messages() if tokenize(text)]
    assert len(texts) > 800
    found = 0
    for text in texts:
        expected = matches(vocab, single, text)
        assert matches(vocab, anchored, text) == expected, text
        found += bool(expected)
    assert found > 300  # the comparison covers many real matches, not only empty ones
