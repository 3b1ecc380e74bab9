"""`python -m channels.telegram`: the webhook is set, shown and deleted on the (fake) Bot API."""

import os
import subprocess
import sys

from tests.support.fake_telegram import BOT_USERNAME, TOKEN
from tests.support.servers import ROOT

URL = "https://assistant.example.org/webhooks/telegram/webhook"
SECRET = "cli-test-secret_0123456789"


def run(fake, *args, **env_overrides):
    env = {
        **os.environ,
        "TELEGRAM_ACCESS_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        **env_overrides,
    }
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-m", "channels.telegram", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_set_webhook_passes_the_secret_and_only_the_updates_we_handle(fake_telegram):
    done = run(fake_telegram, "set-webhook", "--url", URL)
    assert done.returncode == 0, done.stderr
    assert fake_telegram.webhook["url"] == URL
    assert fake_telegram.webhook["secret_token"] == SECRET
    assert fake_telegram.webhook["allowed_updates"] == ["message", "callback_query"]
    assert SECRET not in done.stdout and TOKEN not in done.stdout + done.stderr


def test_info_shows_the_bot_and_its_webhook(fake_telegram):
    run(fake_telegram, "set-webhook", "--url", URL)
    done = run(fake_telegram, "info")
    assert done.returncode == 0, done.stderr
    assert f"@{BOT_USERNAME}" in done.stdout and URL in done.stdout
    assert "message, callback_query" in done.stdout


def test_delete_webhook(fake_telegram):
    run(fake_telegram, "set-webhook", "--url", URL)
    done = run(fake_telegram, "delete-webhook")
    assert done.returncode == 0, done.stderr
    assert fake_telegram.webhook == {}


def test_the_url_may_come_from_the_environment(fake_telegram):
    done = run(fake_telegram, "set-webhook", TELEGRAM_WEBHOOK_URL=URL)
    assert done.returncode == 0, done.stderr
    assert fake_telegram.webhook["url"] == URL


def test_missing_settings_and_plain_http_are_refused_before_calling_telegram(fake_telegram):
    assert run(fake_telegram, "set-webhook", "--url", URL, TELEGRAM_WEBHOOK_SECRET=None).returncode
    assert run(fake_telegram, "info", TELEGRAM_ACCESS_TOKEN=None).returncode == 2
    refused = run(fake_telegram, "set-webhook", "--url", "http://assistant.example.org/x")
    assert refused.returncode == 2 and "https" in refused.stderr
    assert run(fake_telegram, "set-webhook", "--url", URL, TELEGRAM_WEBHOOK_SECRET="a b").returncode
    assert fake_telegram.calls == []


def test_a_rejected_token_is_reported_without_the_token(fake_telegram):
    done = run(fake_telegram, "info", TELEGRAM_ACCESS_TOKEN="999:wrong")
    assert done.returncode == 1
    assert "999:wrong" not in done.stderr + done.stdout


def test_new_secret_is_accepted_by_telegram_rules(fake_telegram):
    done = run(fake_telegram, "new-secret")
    secret = done.stdout.strip()
    assert done.returncode == 0 and len(secret) >= 32
    accepted = run(fake_telegram, "set-webhook", "--url", URL, TELEGRAM_WEBHOOK_SECRET=secret)
    assert accepted.returncode == 0 and fake_telegram.webhook["secret_token"] == secret
