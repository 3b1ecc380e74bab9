"""The held-out sets (signals, intents) share no message with the sets that patterns were
written or tuned on, nor with the training data: their figures would mean nothing otherwise."""

import re
from pathlib import Path

import yaml

from bot.nlu.language_lexicon import fold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "bot" / "nlu" / "signal_examples"
# "[text](entity)" and '[text]{"entity": ...}' annotations in training examples
ENTITY = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def normalised(text: str) -> str:
    """Case, diacritics and punctuation do not make two messages different."""
    return re.sub(r"\W+", " ", fold(text)).strip()


def messages(path: Path):
    return [item["text"] for item in yaml.safe_load(path.read_text("utf-8"))["messages"]]


def development_messages():
    paths = [EXAMPLES / "signals_tune.yml", *sorted(EXAMPLES.glob("signals_dev/*.yml"))]
    paths += sorted(EXAMPLES.glob("signals_tune[0-9]*/*.yml"))
    assert len(paths) > 10
    return {normalised(text) for path in paths for text in messages(path)}


def training_examples():
    examples = set()
    for path in sorted((ROOT / "data" / "nlu").glob("*/*.yml")):
        for block in yaml.safe_load(path.read_text("utf-8")).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                example = ENTITY.sub(r"\1", line.lstrip("- ").strip())
                if example:
                    examples.add(normalised(example))
    return examples


def test_no_held_out_message_is_in_a_development_or_tuning_set():
    held_out = {normalised(text) for text in messages(DATA / "signals_eval.yml")}
    assert held_out and not held_out & development_messages()


def test_no_held_out_message_is_a_training_example():
    held_out = {normalised(text) for text in messages(DATA / "signals_eval.yml")}
    assert not held_out & training_examples()


def intent_examples(folder: Path):
    examples = set()
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            for line in str(block.get("examples") or "").splitlines():
                examples.add(normalised(line.lstrip("- ").strip()))
    return examples


def test_no_held_out_intent_example_is_a_training_or_development_example():
    held_out = intent_examples(DATA / "nlu_eval")
    assert len(held_out) > 500 and not held_out & training_examples()
    assert not held_out & intent_examples(DATA / "nlu_dev")


def test_no_intent_development_example_is_a_training_example():
    # the development set judges new training data: a copy would flatter it
    development = intent_examples(DATA / "nlu_dev")
    assert len(development) > 150 and not development & training_examples()
