"""A Rasa server restart in the middle of a conversation: it continues where it was (the SQL
tracker store and the project database keep everything)."""

import uuid
from pathlib import Path

import pytest

from tests.e2e.conftest import MODEL
from tests.e2e.test_rest_conversation import response_text, texts
from tests.support.servers import start_assistant

pytestmark = pytest.mark.e2e


def test_a_conversation_continues_after_the_rasa_server_restarts(tmp_path: Path):
    sender = f"restart-{uuid.uuid4().hex}"
    before = start_assistant(MODEL, tmp_path)
    try:
        before.say(sender, "buna, am o intrebare")
        before.say(sender, "unde pot sa fac un test gratuit in rotterdam")
        events_before = len(before.tracker(sender)["events"])
        assert before.slot(sender, "language") == "ro"
        assert before.slot(sender, "region")
    finally:
        before.stop()

    after = start_assistant(MODEL, tmp_path)  # same SQLite files, new processes
    try:
        assert len(after.tracker(sender)["events"]) >= events_before
        assert after.slot(sender, "language") == "ro"
        assert after.slot(sender, "region")
        replies = after.say(sender, "ok")  # short: only the kept language can say Romanian
        assert replies and after.slot(sender, "language") == "ro"
        replies = after.say(sender, "multumesc")
        assert texts(replies)[0] == response_text("utter_thanks", "ro")
    finally:
        after.stop()
