"""Intent accuracy and macro-F1 per language on the held-out set tests/data/nlu_eval/<lang>.yml."""

import asyncio
from pathlib import Path
from typing import Dict, List, Tuple

from bot.languages import SUPPORTED_LANGUAGES

EVAL_DIR = Path(__file__).resolve().parents[1] / "data" / "nlu_eval"
BARS = {"nl": 0.90, "en": 0.90, "ro": 0.90, "bg": 0.85, "hu": 0.85, "es": 0.85, "pl": 0.85}


def load_examples(language: str, folder: Path = EVAL_DIR) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(folder / f"{language}.yml"))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def evaluate(model: Path) -> Dict[str, Dict[str, float]]:
    from rasa.core.agent import Agent
    from sklearn.metrics import accuracy_score, f1_score

    agent = Agent.load(str(model))

    async def predict(texts: List[str]) -> List[str]:
        return [(await agent.parse_message(t))["intent"]["name"] for t in texts]

    results = {}
    for language in SUPPORTED_LANGUAGES:
        examples = load_examples(language)
        gold = [intent for _, intent in examples]
        predicted = asyncio.run(predict([text for text, _ in examples]))
        labels = sorted(set(gold))
        results[language] = {
            "n": len(gold),
            "accuracy": accuracy_score(gold, predicted),
            "macro_f1": f1_score(gold, predicted, labels=labels, average="macro", zero_division=0),
            "fallback": sum(p == "nlu_fallback" for p in predicted) / len(gold),
        }
    return results


def markdown(results: Dict[str, Dict[str, float]]) -> str:
    lines = [
        "## Intent recognition",
        "",
        "Held-out set `tests/data/nlu_eval/<lang>.yml` (written apart from the training data, "
        "never trained on). `nlu_fallback` counts as wrong.",
        "",
        "| language | examples | accuracy | macro-F1 | bar | sent to fallback |",
        "|---|---|---|---|---|---|",
    ]
    for language, r in results.items():
        verdict = "met" if r["macro_f1"] >= BARS[language] else "**not met**"
        lines.append(
            f"| {language} | {r['n']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | "
            f"≥ {BARS[language]:.2f} ({verdict}) | {r['fallback']:.3f} |"
        )
    return "\n".join(lines) + "\n"
