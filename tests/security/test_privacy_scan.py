"""After a scripted conversation, no IP address or user agent is in the logs or the databases.

The client sends a made-up address (X-Forwarded-For and friends) and a distinctive User-Agent,
also inside the message metadata. The scan reads servers.log and every row of every table of
both SQLite files (the tracker store and the project's own database). Message texts must not be
in the log either. REST is the local and testing channel: the client chooses the conversation
id, so it is stored as sent; channels that pseudonymise run the same scan for their raw ids.
"""

import json

import pytest

from tests.security.conftest import new_sender, post_raw
from tests.security.privacy_scan import database_leaks, log_leaks, row_count

pytestmark = pytest.mark.e2e

WEBHOOK = "/webhooks/rest/webhook"
IP_ADDRESS = "203.0.113.77"  # TEST-NET-3, never a real person's address
USER_AGENT = "PrivacyProbe/7.3 (X11; scan-3f9c1e) HostileSuite/1.0"
HEADERS = {
    "X-Forwarded-For": f"{IP_ADDRESS}, 198.51.100.4",
    "X-Real-IP": IP_ADDRESS,
    "Forwarded": f"for={IP_ADDRESS};proto=https",
    "User-Agent": USER_AGENT,
    "Referer": f"https://{IP_ADDRESS}/poster?ua=scan-3f9c1e",
}
SCRIPT = [
    "hallo, goedenavond, ik werk in een club",
    "waar kan ik me laten testen in Rotterdam",
    "de baas heeft mijn paspoort afgepakt",
    "/restart",
    "ben jij van de politie?",
]


@pytest.fixture(scope="module")
def scripted_conversation(guarded_assistant):
    sender = new_sender("privacy")
    for text in SCRIPT:
        body = {
            "sender": sender,
            "message": text,
            "metadata": {"language": "nl", "user_agent": USER_AGENT, "ip": IP_ADDRESS},
        }
        answer = post_raw(guarded_assistant, WEBHOOK, json.dumps(body).encode(), HEADERS)
        assert answer.status == 200, answer
    broken = post_raw(guarded_assistant, WEBHOOK, b'{"sender": "x", "message": ', HEADERS)
    assert broken.status == 400
    return sender


def test_the_scan_has_something_to_scan(guarded_assistant, scripted_conversation):
    workdir = guarded_assistant.workdir
    assert row_count(workdir / "rasa.db", "events") > 0
    assert row_count(workdir / "firstcontact.db", "signal_observations") > 0
    assert database_leaks(workdir / "rasa.db", [scripted_conversation])  # REST: as sent


def test_no_ip_address_or_user_agent_in_the_databases(guarded_assistant, scripted_conversation):
    workdir = guarded_assistant.workdir
    needles = [IP_ADDRESS, USER_AGENT, "scan-3f9c1e"]
    assert database_leaks(workdir / "rasa.db", needles) == []
    assert database_leaks(workdir / "firstcontact.db", needles) == []


def test_no_ip_address_user_agent_or_message_text_in_the_log(
    guarded_assistant, scripted_conversation
):
    needles = [IP_ADDRESS, USER_AGENT, "scan-3f9c1e", *SCRIPT[:3], SCRIPT[4]]
    assert log_leaks(guarded_assistant.workdir / "servers.log", needles) == []
