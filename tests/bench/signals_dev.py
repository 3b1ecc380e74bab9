"""Signal recognition on the development data: the pattern authors' sets
(bot/nlu/signal_examples/signals_dev/<lang>.yml) and the separately written tuning sets
(signals_tune.yml, then signals_tune2/<lang>.yml and, for the urgent codes,
signals_tune3/<lang>.yml, signals_tune4/<lang>.yml and (self-harm)
signals_tune5/<lang>.yml and (urgent codes and minors, hard phrasing)
signals_tune6/<lang>.yml, then (Romanian self-harm, indirect) signals_tune7, each
written when the one before was used up).

For choosing thresholds and spotting pattern gaps: these sets may be looked at.
The held-out figures come only from tests/bench/signals.py.
"""

import argparse
import asyncio
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

import yaml

DATA = Path(__file__).resolve().parents[2] / "bot" / "nlu" / "signal_examples"
DEV_DIR = DATA / "signals_dev"
TUNE_SET = DATA / "signals_tune.yml"
URGENT = {"ACUTE_DANGER", "SELF_HARM", "MINOR"}


def example_sets() -> List[str]:
    """The sets' names for load(), in the order they were written."""
    numbered = sorted(int(folder.name[12:]) for folder in DATA.glob("signals_tune[0-9]*"))
    return ["dev", "tune", *(f"tune{number}" for number in numbered)]


def load(which: str = "dev", language: str = "") -> List[Dict]:
    if which == "tune":
        items = yaml.safe_load(TUNE_SET.read_text("utf-8"))["messages"]
        return [item for item in items if not language or item["lang"] == language]
    items = []
    folder = DATA / f"signals_{which}" if which.startswith("tune") else DEV_DIR
    for path in sorted(folder.glob(f"{language or '*'}.yml")):
        for message in yaml.safe_load(path.read_text("utf-8"))["messages"]:
            items.append({"lang": path.stem, **message})
    return items


def main() -> None:
    from rasa.core.agent import Agent

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/firstcontact.tar.gz")
    parser.add_argument("--show", action="store_true", help="print the mistakes")
    parser.add_argument("--set", choices=example_sets(), default="dev")
    parser.add_argument("--lang", default="", help="one language only")
    args = parser.parse_args()
    agent = Agent.load(args.model)
    totals: Dict[str, Counter] = defaultdict(Counter)
    for item in load(args.set, args.lang):
        result = asyncio.run(agent.parse_message(item["text"]))
        predicted, gold = set(result.get("signals") or []), set(item.get("signals") or [])
        for scope in ("all", item["lang"]):
            count = totals[scope]
            if gold:
                count["expected"] += len(gold)
                count["found"] += len(gold & predicted)
                count["urgent"] += len(gold & URGENT)
                count["urgent_found"] += len(gold & predicted & URGENT)
            else:
                count["negatives"] += 1
                count["alarms"] += bool(predicted)
        if args.show and (gold - predicted or (not gold and predicted)):
            print(item["lang"], sorted(gold), sorted(predicted), item["text"])
    for scope, count in sorted(totals.items()):
        print(
            f"{scope:4} recall {share(count['found'], count['expected'])}"
            f"  acute+MINOR {share(count['urgent_found'], count['urgent'])}"
            f"  false alarms {share(count['alarms'], count['negatives'])}"
        )


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


if __name__ == "__main__":
    main()
