"""Signal recognition on the development data: the pattern authors' sets
(tests/data/signals_dev/<lang>.yml) and the separately written tuning set
(tests/data/signals_tune.yml).

For choosing thresholds and spotting pattern gaps: these sets may be looked at.
The held-out figures come only from tests/bench/signals.py.
"""

import argparse
import asyncio
from pathlib import Path
from typing import Dict, List

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
DEV_DIR = DATA / "signals_dev"
TUNE_SET = DATA / "signals_tune.yml"


def load(which: str = "dev") -> List[Dict]:
    if which == "tune":
        return yaml.safe_load(TUNE_SET.read_text("utf-8"))["messages"]
    items = []
    for path in sorted(DEV_DIR.glob("*.yml")):
        for message in yaml.safe_load(path.read_text("utf-8"))["messages"]:
            items.append({"lang": path.stem, **message})
    return items


def main() -> None:
    from rasa.core.agent import Agent

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/firstcontact.tar.gz")
    parser.add_argument("--show", action="store_true", help="print the mistakes")
    parser.add_argument("--set", choices=["dev", "tune"], default="dev")
    args = parser.parse_args()
    agent = Agent.load(args.model)
    show = args.show
    found = expected = alarms = negatives = 0
    for item in load(args.set):
        result = asyncio.run(agent.parse_message(item["text"]))
        predicted, gold = set(result.get("signals") or []), set(item.get("signals") or [])
        if gold:
            expected += len(gold)
            found += len(gold & predicted)
        else:
            negatives += 1
            alarms += bool(predicted)
        if show and (gold - predicted or (not gold and predicted)):
            print(item["lang"], sorted(gold), sorted(predicted), item["text"])
    print(f"dev recall {found / expected:.3f}  false alarms {alarms / negatives:.3f}")


if __name__ == "__main__":
    main()
