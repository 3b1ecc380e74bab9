"""The urgent classifier on sets it did not learn from: each signal example set is left out in
turn, the classifier is trained on all the others, and the set is run through the detector with
and without it (the patterns and the intent classifier as shipped). The held-out set
(tests/data/signals_eval.yml) is measured with everything else in tests/bench/signals.py.

The patterns were fitted on most of these sets, so "without" flatters them and the gain is
understated; the false alarms the classifier adds are counted in full."""

import asyncio
from collections import Counter
from pathlib import Path
from typing import Dict

import yaml

from bot.nlu.signal_matcher import SignalMatcher
from bot.nlu.signals import SignalDetector
from bot.nlu.urgent_classifier import URGENT_CLASSIFIER_CODES, UrgentClassifier, load_examples
from tests.bench.signals_dev import example_sets, load
from tests.support.servers import ROOT


def detector_config(**overrides: float) -> Dict:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text("utf-8"))["pipeline"]
    settings = next(c for c in pipeline if c["name"].endswith("SignalDetector"))
    config = {**SignalDetector.get_default_config(), **settings, **overrides}
    config.pop("name")
    return config


def evaluate(model: Path) -> Dict[str, Counter]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    all_examples = {name: load(name) for name in example_sets()}
    matcher = SignalMatcher()
    totals: Dict[str, Counter] = {}
    for name, items in all_examples.items():
        texts = {item["text"] for item in items}
        kept = [e for e in load_examples() if e.text not in texts]
        classifier = UrgentClassifier(kept)
        with_it = SignalDetector(detector_config(), matcher, classifier)
        without = SignalDetector(
            detector_config(urgent_classifier_threshold=2.0), matcher, classifier
        )
        count = totals[name] = Counter()
        for item in items:
            parsed = asyncio.run(agent.parse_message(item["text"]))
            intent = parsed.get("intent_before_signals") or parsed.get("intent") or {}
            language = parsed.get("language")
            gold = set(item.get("signals") or [])
            for label, detector in (("before", without), ("after", with_it)):
                found = set(detector.detect(item["text"], language, intent))
                for code in URGENT_CLASSIFIER_CODES:
                    if code in gold:
                        count[f"{label} {code} found"] += code in found
                if not gold:
                    count[f"{label} false alarms"] += bool(found)
            count["negatives"] += not gold
            for code in URGENT_CLASSIFIER_CODES:
                count[f"{code} expected"] += code in gold
    return totals


def markdown(totals: Dict[str, Counter]) -> str:
    def share(count: Counter, key: str, of: str) -> str:
        return f"{count[key] / count[of]:.3f}" if count[of] else "-"

    lines = [
        "## Urgent classifier on sets it did not learn from\n",
        __doc__.split("\n\n")[0].replace("\n", " ") + "\n",
        "| set left out | self-harm recall | acute recall | false alarms | negatives |",
        "|---|---|---|---|---|",
    ]
    overall = Counter()
    for name, count in totals.items():
        overall.update(count)
        lines.append(_row(name, count, share))
    lines.append(_row("**all**", overall, share))
    lines.append(
        "\nEach cell: without the urgent classifier -> with it (threshold as in config.yml). "
        + __doc__.split("\n\n")[1].replace("\n", " ")
    )
    return "\n".join(lines) + "\n"


def _row(name: str, count: Counter, share) -> str:
    cells = [
        f"{share(count, f'before {code} found', f'{code} expected')} -> "
        f"{share(count, f'after {code} found', f'{code} expected')} ({count[f'{code} expected']})"
        for code in URGENT_CLASSIFIER_CODES
    ]
    alarms = (
        f"{share(count, 'before false alarms', 'negatives')} -> "
        f"{share(count, 'after false alarms', 'negatives')}"
    )
    return f"| {name} | {' | '.join(cells)} | {alarms} | {count['negatives']} |"
