"""Load the signal vocabulary: codes, severities and Dutch labels, validated on load."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import yaml

VOCABULARY_FILE = Path(__file__).parent / "signals.yml"
SEVERITIES: Tuple[str, ...] = ("acute", "high", "concern")  # most severe first


@dataclass(frozen=True)
class Signal:
    code: str
    severity: str
    label_nl: str
    description: str

    @property
    def rank(self) -> int:
        """0 for the most severe; sorts acute before high before concern."""
        return SEVERITIES.index(self.severity)


@lru_cache(maxsize=1)
def vocabulary() -> Dict[str, Signal]:
    raw = yaml.safe_load(VOCABULARY_FILE.read_text("utf-8"))["signals"]
    signals = {}
    for code, entry in raw.items():
        if entry.get("severity") not in SEVERITIES:
            raise ValueError(f"signal {code}: unknown severity {entry.get('severity')!r}")
        signals[code] = Signal(code, entry["severity"], entry["label_nl"], entry["description"])
    return signals


def by_severity(codes: Iterable[str]) -> List[str]:
    """Known codes, most severe first, then in vocabulary order; unknown codes dropped."""
    known = vocabulary()
    order = list(known)
    return sorted({c for c in codes if c in known}, key=lambda c: (known[c].rank, order.index(c)))


def intent_for(code: str) -> str:
    """The NLU intent for disclosures of a signal: ACUTE_DANGER -> disclose_acute_danger."""
    return "disclose_" + code.lower()


def code_for(intent: str) -> str:
    """The signal code of a disclosure intent, or '' for any other intent."""
    if not intent or not intent.startswith("disclose_"):
        return ""
    code = intent[len("disclose_") :].upper()
    return code if code in vocabulary() else ""
