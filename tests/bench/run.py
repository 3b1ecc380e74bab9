"""`make bench`: measure everything and write docs/benchmarks.md (machine and date included)."""

import argparse
import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from tests.bench import handover, intents, langid, load, performance, signals, urgent_classifier
from tests.support.servers import ROOT

OUTPUT = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC\n"
        f"- Machine: {cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB, "
        f"{platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()}, commit {commit or 'uncommitted'}\n"
    )


MODEL = ROOT / "models" / "firstcontact.tar.gz"
SECTIONS = {
    "langid": lambda: langid.markdown(langid.evaluate()),
    "intents": lambda: intents.markdown(intents.evaluate(MODEL)),
    "signals": lambda: signals.markdown(signals.evaluate(MODEL)),
    "urgent_classifier": lambda: urgent_classifier.markdown(urgent_classifier.evaluate(MODEL)),
    "performance": lambda: performance.markdown(performance.measure()),
    "load": lambda: load.markdown(load.measure()),
    "handover": lambda: handover.measure(MODEL),
}


def update_section(name: str) -> None:
    """Replace one section of docs/benchmarks.md, noting when it was measured again."""
    fresh = SECTIONS[name]()
    # read after measuring: another section may have been updated meanwhile
    text = OUTPUT.read_text(encoding="utf-8")
    heading = fresh.splitlines()[0]
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    end = following + 1 if following != -1 else len(text)
    now = dt.datetime.now(dt.timezone.utc)
    stamp = f"_Re-measured {now:%Y-%m-%d %H:%M} UTC on the same machine._\n"
    OUTPUT.write_text(text[:start] + fresh + "\n" + stamp + "\n" + text[end:], encoding="utf-8")
    print(f"updated the {name} section of {OUTPUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", nargs="+", choices=sorted(SECTIONS), help="print these sections, write nothing"
    )
    parser.add_argument(
        "--update", choices=sorted(SECTIONS), help="re-measure one section in the written file"
    )
    args = parser.parse_args()
    if args.only:
        print("\n".join(SECTIONS[name]() for name in args.only))
        return
    if args.update:
        update_section(args.update)
        return
    parts = [
        "# Benchmarks\n",
        "Written by `make bench`; do not edit by hand. Medians over many requests; this machine "
        "is shared and noisy, so compare the ratios to the baseline measured in the same run.\n",
        machine(),
        *(section() for section in SECTIONS.values()),
    ]
    OUTPUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
