"""Intent recognition on the development sets tests/data/nlu_dev/<lang>.yml: per-intent F1 and
the mistakes, for finding weak intents and judging new training data.

These sets may be looked at; the held-out figures come only from tests/bench/intents.py.
"""

import argparse
import asyncio
from collections import Counter
from pathlib import Path

from tests.bench.intents import load_examples

DEV_DIR = Path(__file__).resolve().parents[1] / "data" / "nlu_dev"


def main() -> None:
    from rasa.core.agent import Agent
    from sklearn.metrics import f1_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/firstcontact.tar.gz")
    parser.add_argument("--show", action="store_true", help="print the mistakes")
    parser.add_argument("languages", nargs="*", help="languages (default: every dev set)")
    args = parser.parse_args()
    agent = Agent.load(args.model)
    languages = args.languages or sorted(path.stem for path in DEV_DIR.glob("*.yml"))
    for language in languages:
        examples = load_examples(language, DEV_DIR)
        gold = [intent for _, intent in examples]
        predicted = [
            asyncio.run(agent.parse_message(text))["intent"]["name"] for text, _ in examples
        ]
        labels = sorted(set(gold))
        scores = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
        macro = sum(scores) / len(scores)
        print(f"{language}: {len(gold)} examples, macro-F1 {macro:.3f}")
        for label, score in sorted(zip(labels, scores, strict=True), key=lambda pair: pair[1])[:8]:
            print(f"  {label:20} F1 {score:.2f}")
        confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
        print(
            "  most confused:",
            ", ".join(f"{g}->{p} {n}" for (g, p), n in confusions.most_common(6)),
        )
        if args.show:
            for (text, intent), guess in zip(examples, predicted, strict=True):
                if intent != guess:
                    print(f"  {intent} -> {guess}: {text}")


if __name__ == "__main__":
    main()
