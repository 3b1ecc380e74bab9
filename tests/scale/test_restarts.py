"""PostgreSQL restarts in the middle of a conversation: the conversation continues where it was,
on both replicas, and no message is lost."""

import os
import subprocess
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.scale


def restart_postgres() -> None:
    services = Path(os.environ["FIRSTCONTACT_SERVICES_DIR"])
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    data, log = services / "pg" / "data", services / "pg" / "server.log"
    command = [str(pg_ctl), "-D", str(data), "-l", str(log), "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # the restarted server keeps its output streams: they must not be pipes this test waits on
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
    )


def user_texts(replica, sender):
    return [e["text"] for e in replica.tracker(sender)["events"] if e["event"] == "user"]


def test_a_conversation_continues_after_postgresql_restarts(replicas):
    first, second = replicas
    sender = f"restart-{uuid.uuid4().hex}"
    assert first.say(sender, "buna, am o intrebare")
    assert second.say(sender, "unde pot sa fac un test gratuit")
    restart_postgres()
    assert first.say(sender, "multumesc")  # the pool's dead connections are replaced
    assert second.say(sender, "si in rotterdam?")
    assert user_texts(first, sender) == [
        "buna, am o intrebare",
        "unde pot sa fac un test gratuit",
        "multumesc",
        "si in rotterdam?",
    ]
    assert second.slot(sender, "language") == "ro"
