"""Console words in both interface languages; quick replies in all seven languages."""

import re
from pathlib import Path

from bot.console.i18n import signal_label, ui_texts
from bot.console.quick_replies import for_conversation, quick_replies
from bot.languages import SUPPORTED_LANGUAGES
from bot.signals.vocabulary import vocabulary

CONSOLE = Path(__file__).resolve().parents[3] / "bot" / "console"
STEPS = {
    "greeting_worker",
    "greeting_peer",
    "are_you_safe",
    "danger_112",
    "need_a_moment",
    "can_i_close",
    "come_back",
}


def test_every_interface_key_exists_in_dutch_and_english():
    texts = ui_texts()
    assert set(texts["nl"]) == set(texts["en"])
    assert all(value.strip() for language in texts.values() for value in language.values())


def test_every_key_the_templates_and_views_use_exists():
    used = set()
    for path in CONSOLE.rglob("*"):
        if path.suffix in (".html", ".py"):
            used |= set(re.findall(r"\bt\.([a-z_0-9]+)\b", path.read_text("utf-8")))
            used |= set(
                re.findall(r'"((?:error|login|claim|message|bot)_[a-z_]+)"', path.read_text())
            )
    used -= {"claim_url", "login_form", "login_csrf", "bot_back"}
    assert used <= set(ui_texts()["en"])
    for prefix in ("speaker_", "state_", "severity_", "outcome_", "quick_", "role_", "language_"):
        assert any(key.startswith(prefix) for key in ui_texts()["en"])


def test_every_quick_reply_step_in_all_seven_languages():
    replies = quick_replies()
    assert set(replies) == STEPS
    for step, texts in replies.items():
        assert set(texts) == set(SUPPORTED_LANGUAGES), step
        assert all(text.strip() for text in texts.values()), step
        assert f"quick_{step}" in ui_texts()["nl"] and f"quick_{step}" in ui_texts()["en"]


def test_quick_replies_carry_the_greeting_of_the_workers_own_role():
    peer = dict(for_conversation("ro", "peer"))
    worker = dict(for_conversation("ro", "worker"))
    assert "greeting_peer" in peer and "greeting_worker" not in peer
    assert "greeting_worker" in worker and "greeting_peer" not in worker
    assert "112" in worker["danger_112"]


def test_signal_labels_come_from_the_vocabulary():
    for code, signal in vocabulary().items():
        assert signal_label(code, "nl") == signal.label_nl
        assert signal_label(code, "en") and signal_label(code, "en") in signal.description
