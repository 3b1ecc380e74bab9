"""Fixtures that start the real servers with the guarded REST channel (marker `e2e`)."""

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

from tests.support.servers import ROOT, Assistant, start_assistant

MODEL = ROOT / "models" / "firstcontact.tar.gz"
GUARDED_CREDENTIALS = "bot.resilience.rest.GuardedRestInput:\n"


@dataclass
class Answer:
    status: int
    body: Any


def post_raw(
    assistant: Assistant, path: str, body: bytes, headers: Optional[Dict[str, str]] = None
) -> Answer:
    """POST raw bytes; the status and the parsed JSON answer (or the raw text), 5xx included."""
    request = urllib.request.Request(
        assistant.url + path,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return Answer(status, json.loads(raw) if raw else None)
    except ValueError:
        return Answer(status, raw.decode("utf-8", "replace"))


def new_sender(prefix: str = "hostile") -> str:
    return f"{prefix}-{uuid.uuid4().hex}"


def start_guarded(workdir: Path, with_actions: bool = True) -> Assistant:
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    workdir.mkdir(parents=True, exist_ok=True)
    credentials = workdir / "credentials.yml"
    credentials.write_text(GUARDED_CREDENTIALS)
    return start_assistant(MODEL, workdir, with_actions=with_actions, credentials=credentials)


@pytest.fixture(scope="session")
def guarded_assistant(tmp_path_factory):
    running = start_guarded(Path(tmp_path_factory.mktemp("guarded")))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def assistant_without_actions(tmp_path_factory):
    running = start_guarded(Path(tmp_path_factory.mktemp("no-actions")), with_actions=False)
    yield running
    running.stop()
