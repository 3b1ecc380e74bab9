import datetime as dt
import re

import pytest

from bot.console.auth import (
    LoginLimiter,
    WeakPassword,
    hash_password,
    load_session,
    start_session,
    token_hash,
    verify_password,
)
from bot.console.config import ConsoleConfig
from bot.console.models import ConsoleSession
from bot.handover.models import Worker
from bot.store.database import session_scope
from tests.bot.console.conftest import PASSWORD, start_console


def test_passwords_are_argon2_hashes_that_verify():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert verify_password(stored, PASSWORD)
    assert not verify_password(stored, PASSWORD + "x")
    assert not verify_password(None, PASSWORD)


@pytest.mark.parametrize("weak", ["short", "elevenchars", "aaaaaaaaaaaaaaaa"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(WeakPassword):
        hash_password(weak)


def test_login_sets_a_strict_session_cookie_and_logout_ends_it(console):
    browser = console.browser()
    answer = browser.login("wanda")
    assert answer.status_code == 303 and answer.headers["location"] == "/queue"
    cookie = next(v for k, v in answer.headers.multi_items() if v.startswith("console_session="))
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    token = browser.cookies["console_session"]
    with session_scope(console.database_url) as session:
        stored = [row.token_hash for row in session.query(ConsoleSession)]
    assert token_hash(token) in stored and token not in stored
    assert browser.get("/queue").status_code == 200
    assert browser.post("/logout").status_code == 303
    browser.cookies["console_session"] = token  # the old cookie, kept by an attacker
    assert browser.get("/queue").status_code == 303  # back to the login page


def test_a_wrong_password_gives_the_generic_message(console):
    browser = console.browser()
    answer = browser.login("wanda", "not the password at all")
    assert answer.status_code == 401
    assert "Inloggen is niet gelukt" in answer.text
    unknown = console.browser().login("nobody-here", "not the password at all")
    assert unknown.status_code == 401 and "Inloggen is niet gelukt" in unknown.text


def test_login_gives_a_new_token_and_the_old_one_stops_working(console):
    browser = console.as_role("walter")
    first = browser.cookies["console_session"]
    assert browser.login("walter").status_code == 303
    second = browser.cookies["console_session"]
    assert first != second
    stale = console.browser()
    stale.cookies["console_session"] = first
    assert stale.get("/queue").status_code == 303
    planted = console.browser()  # a token chosen by someone else is never adopted
    planted.cookies["console_session"] = "chosen-by-an-attacker"
    planted.login("walter")
    assert planted.cookies["console_session"] != "chosen-by-an-attacker"


def test_login_form_needs_its_csrf_token(console):
    browser = console.browser()
    browser.get("/login")
    answer = browser.post("/login", {"username": "wanda", "password": PASSWORD}, csrf=False)
    assert answer.status_code == 403 and "console_session" not in browser.cookies


def test_sessions_expire_when_idle_and_after_twelve_hours(console):
    config = ConsoleConfig()
    with session_scope(console.database_url) as session:
        worker = session.query(Worker).filter_by(username="wanda").one()
        token = start_session(session, worker, "en", None)
        row = session.query(ConsoleSession).filter_by(token_hash=token_hash(token)).one()
        now = row.created_at
        assert load_session(session, token, config, now + dt.timedelta(minutes=29))
        assert load_session(session, token, config, now + dt.timedelta(minutes=58))
        assert load_session(session, token, config, now + dt.timedelta(minutes=89)) is None
        again = start_session(session, worker, "en", None)
        start = session.query(ConsoleSession).filter_by(token_hash=token_hash(again)).one()
        for minutes in range(20, 12 * 60, 20):  # active all day long
            assert load_session(
                session, again, config, start.created_at + dt.timedelta(minutes=minutes)
            )
        assert (
            load_session(
                session, again, config, start.created_at + dt.timedelta(hours=12, minutes=5)
            )
            is None
        )


def test_limiter_counts_failures_in_a_sliding_window():
    limiter = LoginLimiter(per_username=5, per_address=20, window_seconds=900)
    for second in range(5):
        assert not limiter.blocked("anna", "10.0.0.1", now=second)
        limiter.failed("anna", "10.0.0.1", now=second)
    assert limiter.blocked("ANNA ", "10.0.0.2", now=10)  # the username, from anywhere
    assert not limiter.blocked("bert", "10.0.0.3", now=10)
    assert not limiter.blocked("anna", "10.0.0.1", now=905)
    for number in range(20):
        limiter.failed(f"user{number}", "10.0.0.9", now=1000)
    assert limiter.blocked("someone-else", "10.0.0.9", now=1001)  # the address


def test_login_is_rate_limited_per_username_even_with_the_right_password(tmp_path, console):
    from tests.bot.console.conftest import make_accounts

    process, url, env = start_console(tmp_path, console.rasa.url)
    try:
        make_accounts(env["FIRSTCONTACT_DATABASE_URL"])
        from tests.bot.console.conftest import Browser

        for _ in range(5):
            assert Browser(url).login("wanda", "wrong password, again").status_code == 401
        blocked = Browser(url).login("wanda")
        assert blocked.status_code == 429
        assert re.search("Te veel pogingen", blocked.text)
        assert "console_session" not in blocked.headers.get("set-cookie", "")
        assert Browser(url).login("walter").status_code == 303
    finally:
        process.terminate()
        process.wait(timeout=10)
