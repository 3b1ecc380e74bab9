"""Load and soak: 50 concurrent conversations in seven languages for a few minutes, on loopback.

Every message must be answered exactly once: each REST call returns at least one reply, and at
the end each conversation's tracker holds exactly the user messages that were sent, in order.
Reports latency (median, p95) and the Rasa server's memory at the start and the end.
"""

import random
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List

from tests.bench.performance import percentile, rss_mb
from tests.support.servers import ROOT, start_assistant

MODEL = ROOT / "models" / "firstcontact.tar.gz"
CONVERSATIONS = 50
DURATION_SECONDS = 180
THINK_SECONDS = (0.5, 2.0)  # a person reads and types between messages
SCRIPTS = {
    "nl": [
        "hoi",
        "waar kan ik me gratis laten testen",
        "in rotterdam",
        "wat zijn mijn rechten",
        "dank je",
    ],
    "en": ["hi there", "can i work from home legally", "where can i sleep tonight", "thanks"],
    "ro": ["buna", "unde pot sa fac un test gratuit", "in amsterdam", "multumesc"],
    "bg": ["здравей", "къде мога да се изследвам безплатно", "благодаря"],
    "hu": ["szia", "hol tudok ingyen tesztet csinálni", "köszönöm"],
    "es": ["hola", "dónde puedo hacerme una prueba gratis", "gracias"],
    "pl": ["cześć", "gdzie mogę zrobić darmowy test", "dziękuję"],
}


def run_load(assistant, duration: float = DURATION_SECONDS) -> Dict:
    deadline = time.monotonic() + duration
    latencies: List[float] = []
    sent: Dict[str, List[str]] = {}
    failures: List[str] = []
    lock = threading.Lock()

    def person(index: int) -> None:
        rng = random.Random(index)
        language = sorted(SCRIPTS)[index % len(SCRIPTS)]
        while time.monotonic() < deadline:
            sender = f"load-{uuid.uuid4().hex}"
            with lock:
                sent[sender] = []
            for text in SCRIPTS[language]:
                if time.monotonic() >= deadline:
                    break
                started = time.perf_counter()
                try:
                    replies = assistant.say(sender, text)
                except Exception as error:  # noqa: BLE001 - every failure is counted and shown
                    replies, detail = None, type(error).__name__
                else:
                    detail = "no reply"
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    sent[sender].append(text)
                    latencies.append(elapsed)
                    if not replies:
                        failures.append(detail)
                time.sleep(rng.uniform(*THINK_SECONDS))

    pid = assistant.processes[-1].pid
    rss_start = rss_mb(pid)
    threads = [threading.Thread(target=person, args=(i,)) for i in range(CONVERSATIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rss_end = rss_mb(pid)
    mismatched = 0
    for sender, texts in sent.items():
        events = assistant.tracker(sender)["events"]
        if [e["text"] for e in events if e["event"] == "user"] != texts:
            mismatched += 1
    return {
        "messages": len(latencies),
        "conversations": len(sent),
        "unanswered": len(failures),
        "tracker_mismatches": mismatched,
        "median_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "rss_start_mb": rss_start,
        "rss_end_mb": rss_end,
        "duration_s": duration,
    }


def measure() -> Dict:
    with tempfile.TemporaryDirectory() as workdir:
        assistant = start_assistant(MODEL, Path(workdir))
        try:
            for language, script in SCRIPTS.items():  # warm up every language once
                assistant.say(f"warm-{language}", script[0])
            return run_load(assistant)
        finally:
            assistant.stop()


def markdown(result: Dict) -> str:
    return (
        "## Load and soak\n\n"
        f"{CONVERSATIONS} concurrent conversations in seven languages for "
        f"{result['duration_s'] / 60:.0f} minutes on loopback, SQLite, "
        f"a person pausing {THINK_SECONDS[0]}-{THINK_SECONDS[1]} s between messages.\n\n"
        "| figure | value |\n|---|---|\n"
        f"| messages / conversations | {result['messages']} / {result['conversations']} |\n"
        f"| unanswered messages | {result['unanswered']} |\n"
        "| conversations whose tracker differs from what was sent | "
        f"{result['tracker_mismatches']} |\n"
        f"| latency median | {result['median_ms']:.0f} ms |\n"
        f"| latency p95 | {result['p95_ms']:.0f} ms |\n"
        f"| Rasa server memory (RSS) start → end | {result['rss_start_mb']:.0f} → "
        f"{result['rss_end_mb']:.0f} MB |\n"
    )
