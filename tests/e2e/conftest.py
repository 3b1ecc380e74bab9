"""Fixtures that start the real servers (marker `e2e`; needs `make train` first)."""

from pathlib import Path

import pytest

from tests.support.servers import ROOT, start_assistant

MODEL = ROOT / "models" / "firstcontact.tar.gz"


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    running = start_assistant(MODEL, Path(tmp_path_factory.mktemp("assistant")))
    yield running
    running.stop()
