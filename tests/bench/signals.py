"""Signal recognition on the held-out set tests/data/signals_eval.yml.

Per language and per code: recall on messages that carry the code, false alarms on the
negatives (negations, hypotheticals, ordinary questions, voluntary work, small talk), and the
time per message. The full pipeline is shown beside its two routes alone.
"""

import asyncio
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Set

import yaml

from bot.languages import SUPPORTED_LANGUAGES
from bot.signals.vocabulary import code_for, vocabulary

EVAL_SET = Path(__file__).resolve().parents[1] / "data" / "signals_eval.yml"
STRICT = {"ACUTE_DANGER", "SELF_HARM", "MINOR"}  # bar 0.95 in every language


def load_eval_set() -> List[Dict]:
    return yaml.safe_load(EVAL_SET.read_text("utf-8"))["messages"]


def evaluate_route(predict: Callable[[str], Set[str]], messages: List[Dict]) -> Dict:
    hits: Dict = defaultdict(lambda: [0, 0])  # (language, code) -> [found, total]
    alarms: Dict = defaultdict(lambda: [0, 0])  # language -> [false alarms, negatives]
    timings = []
    for item in messages:
        started = time.perf_counter()
        predicted = predict(item["text"])
        timings.append(time.perf_counter() - started)
        expected = set(item.get("signals") or [])
        if expected:
            for code in expected:
                hits[(item["lang"], code)][0] += int(code in predicted)
                hits[(item["lang"], code)][1] += 1
        else:
            alarms[item["lang"]][0] += int(bool(predicted))
            alarms[item["lang"]][1] += 1
    return {
        "hits": dict(hits),
        "alarms": dict(alarms),
        "median_ms": statistics.median(timings) * 1000,
    }


def ratio(found: int, total: int) -> float:
    return found / total if total else float("nan")


def summary(result: Dict) -> Dict:
    hits, alarms = result["hits"], result["alarms"]
    per_language = {}
    for language in SUPPORTED_LANGUAGES:
        pairs = [v for (lang, _), v in hits.items() if lang == language]
        strict = [v for (lang, code), v in hits.items() if lang == language and code in STRICT]
        per_language[language] = {
            "recall": ratio(sum(p[0] for p in pairs), sum(p[1] for p in pairs)),
            "strict_recall": ratio(sum(p[0] for p in strict), sum(p[1] for p in strict)),
            "false_alarms": ratio(*alarms.get(language, (0, 0))),
        }
    per_code = {
        code: ratio(
            sum(v[0] for (_, c), v in hits.items() if c == code),
            sum(v[1] for (_, c), v in hits.items() if c == code),
        )
        for code in vocabulary()
    }
    overall = ratio(sum(v[0] for v in hits.values()), sum(v[1] for v in hits.values()))
    all_alarms = ratio(sum(v[0] for v in alarms.values()), sum(v[1] for v in alarms.values()))
    return {
        "per_language": per_language,
        "per_code": per_code,
        "recall": overall,
        "false_alarms": all_alarms,
        "median_ms": result["median_ms"],
    }


def evaluate(model: Path) -> Dict[str, Dict]:
    from rasa.core.agent import Agent

    from bot.nlu.signal_matcher import SignalMatcher
    from bot.nlu.signals import SignalDetector

    agent = Agent.load(str(model))
    matcher = SignalMatcher()
    messages = load_eval_set()
    parsed: Dict[str, Dict] = {}

    def full(text: str) -> Set[str]:
        started = time.perf_counter()
        result = asyncio.run(agent.parse_message(text))
        parsed[text] = {"result": result, "seconds": time.perf_counter() - started}
        return set(result.get("signals") or [])

    def intent_only(text: str) -> Set[str]:
        original = (
            parsed[text]["result"].get("intent_before_signals") or parsed[text]["result"]["intent"]
        )
        code = code_for(original.get("name") or "")
        threshold = SignalDetector.get_default_config()["intent_threshold"]
        return {code} if code and (original.get("confidence") or 0) >= threshold else set()

    def matcher_only(text: str) -> Set[str]:
        language = parsed[text]["result"].get("language")
        return set(matcher.affirmative_codes(text, language))

    return {
        "full pipeline (matcher + intents + urgent classifier, negation-aware)": summary(
            evaluate_route(full, messages)
        ),
        "matcher and age finder alone": summary(evaluate_route(matcher_only, messages)),
        "disclosure intents alone (no negation check)": summary(
            evaluate_route(intent_only, messages)
        ),
    }


def markdown(results: Dict[str, Dict]) -> str:
    messages = load_eval_set()
    positives = sum(1 for m in messages if m.get("signals"))
    lines = [
        "## Signal recognition",
        "",
        f"Held-out set `tests/data/signals_eval.yml`: {len(messages)} messages, {positives} "
        f"carrying signals, {len(messages) - positives} negatives (negations, hypotheticals, "
        "ordinary questions, voluntary work, small talk). Recall counts each expected code of a "
        "message; a false alarm is a negative message given any code. Bars: recall ≥ 0.95 for "
        "acute codes and MINOR in every language, ≥ 0.90 for all codes overall, false alarms "
        "≤ 0.05.",
        "",
        "| route | recall, all codes | false alarms | median ms/message |",
        "|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['recall']:.3f} | {r['false_alarms']:.3f} | {r['median_ms']:.1f} |"
        )
    full = next(iter(results.values()))
    lines += [
        "",
        "Full pipeline per language:",
        "",
        "| language | recall, all codes | recall, acute + MINOR | false alarms |",
        "|---|---|---|---|",
    ]
    for language, r in full["per_language"].items():
        figures = (r["recall"], r["strict_recall"], r["false_alarms"])
        lines.append(f"| {language} | " + " | ".join(f"{x:.3f}" for x in figures) + " |")
    lines += [
        "",
        "Full pipeline per code (all languages):",
        "",
        "| code | severity | recall |",
        "|---|---|---|",
    ]
    for code, value in full["per_code"].items():
        lines.append(f"| {code} | {vocabulary()[code].severity} | {value:.3f} |")
    return "\n".join(lines) + "\n"
