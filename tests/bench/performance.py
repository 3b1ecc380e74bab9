"""Training time, model size, start time, memory, REST latency and throughput, beside a plain
`rasa init` assistant trained and measured in the same run on the same machine."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List

import rasa

from tests.support.servers import QUIET_ENV, ROOT, start_assistant

BUILD = ROOT / "build" / "bench"
SEQUENTIAL_MESSAGES = 100
CONCURRENT_CONVERSATIONS = 20
MESSAGES_PER_CONVERSATION = 10

PLAIN_MESSAGES = [
    "hello",
    "I am feeling sad",
    "yes",
    "great",
    "are you a bot?",
    "no",
    "good morning",
    "very bad",
    "that helps",
    "goodbye",
]
OUR_MESSAGES = [
    "hallo, ik heb een vraag",
    "ben jij van de politie?",
    "buna, unde pot face un test?",
    "hello, is this anonymous?",
    "здравей, кой си ти?",
    "szia, hol tudok tesztelni?",
    "hola, necesito un lugar para dormir",
    "czesc, jak moge przestac?",
    "ok",
    "bedankt",
]


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def train(project: Path, out: Path, domain: str) -> Dict[str, float]:
    """Train from scratch (fresh Rasa cache) and return seconds and model size."""
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="rasa-cache-"))
    env = {**os.environ, **QUIET_ENV, "RASA_CACHE_DIRECTORY": str(cache)}
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "train",
            "--domain",
            domain,
            "--out",
            str(out),
            "--fixed-model-name",
            "model",
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    shutil.rmtree(cache, ignore_errors=True)
    model = out / "model.tar.gz"
    return {"train_s": seconds, "model_mb": model.stat().st_size / 1e6, "model": model}


def converse(assistant, messages: List[str], count: int, latencies: List[float]) -> None:
    sender = f"bench-{uuid.uuid4().hex}"
    for i in range(count):
        if i and i % MESSAGES_PER_CONVERSATION == 0:
            sender = f"bench-{uuid.uuid4().hex}"
        started = time.perf_counter()
        assistant.say(sender, messages[i % len(messages)])
        latencies.append(time.perf_counter() - started)


def serve_and_measure(project: Path, model: Path, messages: List[str], actions: bool) -> Dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    started = time.monotonic()
    assistant = start_assistant(model, workdir, project=project, with_actions=actions)
    start_s = time.monotonic() - started
    try:
        rasa_pid = assistant.processes[-1].pid
        result: Dict = {"start_s": start_s, "rss_idle_mb": rss_mb(rasa_pid)}
        if actions:
            result["actions_rss_mb"] = rss_mb(assistant.processes[0].pid)
        converse(assistant, messages, 5, [])  # warm-up, not measured

        sequential: List[float] = []
        began = time.perf_counter()
        converse(assistant, messages, SEQUENTIAL_MESSAGES, sequential)
        result["seq_median_ms"] = statistics.median(sequential) * 1000
        result["seq_p95_ms"] = percentile(sequential, 0.95) * 1000
        result["seq_throughput"] = SEQUENTIAL_MESSAGES / (time.perf_counter() - began)

        concurrent: List[float] = []
        threads = [
            threading.Thread(
                target=converse, args=(assistant, messages, MESSAGES_PER_CONVERSATION, concurrent)
            )
            for _ in range(CONCURRENT_CONVERSATIONS)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        total = CONCURRENT_CONVERSATIONS * MESSAGES_PER_CONVERSATION
        result["conc_median_ms"] = statistics.median(concurrent) * 1000
        result["conc_p95_ms"] = percentile(concurrent, 0.95) * 1000
        result["conc_throughput"] = total / (time.perf_counter() - began)
        result["rss_peak_mb"] = rss_mb(rasa_pid, "VmHWM")
        result["answered"] = len(concurrent) == total
        return result
    finally:
        assistant.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def plain_project() -> Path:
    project = BUILD / "plain"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(Path(rasa.__file__).parent / "cli" / "initial_project", project)
    return project


def measure() -> Dict[str, Dict]:
    plain = plain_project()
    results = {"plain": train(plain, plain / "models", "domain.yml")}
    results["ours"] = train(ROOT, BUILD / "ours-models", "domain")
    results["plain"].update(
        serve_and_measure(plain, results["plain"]["model"], PLAIN_MESSAGES, actions=False)
    )
    results["ours"].update(
        serve_and_measure(ROOT, results["ours"]["model"], OUR_MESSAGES, actions=True)
    )
    return results


ROWS = [
    ("training time (s, from scratch)", "train_s", "{:.0f}"),
    ("model size (MB)", "model_mb", "{:.1f}"),
    ("server start until model loaded (s)", "start_s", "{:.1f}"),
    ("Rasa server memory after start (MB RSS)", "rss_idle_mb", "{:.0f}"),
    ("Rasa server peak memory (MB)", "rss_peak_mb", "{:.0f}"),
    ("REST latency, sequential, median (ms)", "seq_median_ms", "{:.1f}"),
    ("REST latency, sequential, p95 (ms)", "seq_p95_ms", "{:.1f}"),
    ("throughput, sequential (messages/s)", "seq_throughput", "{:.1f}"),
    (
        f"REST latency, {CONCURRENT_CONVERSATIONS} concurrent, median (ms)",
        "conc_median_ms",
        "{:.1f}",
    ),
    (f"REST latency, {CONCURRENT_CONVERSATIONS} concurrent, p95 (ms)", "conc_p95_ms", "{:.1f}"),
    (
        f"throughput, {CONCURRENT_CONVERSATIONS} concurrent (messages/s)",
        "conc_throughput",
        "{:.1f}",
    ),
]


def markdown(results: Dict[str, Dict]) -> str:
    ours, plain = results["ours"], results["plain"]
    lines = [
        "## Performance beside a plain `rasa init` assistant",
        "",
        "Both trained from scratch (empty Rasa cache) and served one after the other in this run. "
        f"Sequential: {SEQUENTIAL_MESSAGES} messages, a new conversation every "
        f"{MESSAGES_PER_CONVERSATION}. Concurrent: {CONCURRENT_CONVERSATIONS} conversations of "
        f"{MESSAGES_PER_CONVERSATION} messages at once. The plain assistant keeps trackers in "
        "memory and has no action server; ours uses SQLite and its action server. Latency is the "
        "whole REST round trip on loopback.",
        "",
        "| measure | plain `rasa init` | this assistant | ratio (ours / plain) |",
        "|---|---|---|---|",
    ]
    for label, key, fmt in ROWS:
        ratio = ours[key] / plain[key] if plain[key] else float("nan")
        lines.append(
            f"| {label} | {fmt.format(plain[key])} | {fmt.format(ours[key])} | {ratio:.2f} |"
        )
    lines.append("")
    lines.append(
        f"Action server memory after start: {ours['actions_rss_mb']:.0f} MB RSS. "
        f"Every concurrent message answered: {ours['answered'] and plain['answered']}."
    )
    return "\n".join(lines) + "\n"
