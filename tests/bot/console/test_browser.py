"""The console in a real headless Chromium against the Rasa stand-in: cookies, live queue, live
chat, quick replies, markup shown as text, phone width. The same with the real assistant is in
tests/e2e/test_handover_console.py."""

import uuid
from pathlib import Path

import pytest

from bot.handover import queue
from bot.handover.models import Handover
from bot.store.database import session_scope
from tests.bot.console import pages
from tests.bot.console.conftest import PASSWORD, waiting_request

pytestmark = pytest.mark.skipif(not Path(pages.CHROMIUM).exists(), reason="needs Debian chromium")


def test_a_peer_takes_the_most_urgent_conversation_and_chats_live(console):
    older = waiting_request(console, f"b-{uuid.uuid4().hex}", helper_type="peer")
    alerts = []
    with pages.chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
        pages.log_in_with_the_keyboard(page, console.url, "petra", PASSWORD)
        assert pages.session_cookie_is_secure_and_sent(page)
        assert page.locator(f'#queue tr[data-id="{older}"]').count() == 1
        conversation = f"b-{uuid.uuid4().hex}"
        urgent = waiting_request(
            console, conversation, helper_type="peer", signal_codes=["THREATS"], language="ro"
        )
        page.locator(f'#queue tr[data-id="{urgent}"]').wait_for()  # no reload
        assert pages.first_queue_row(page) == str(urgent)
        assert "Threats against the person" in page.locator("#queue tbody tr").first.inner_text()
        pages.claim(page, urgent)

        console.rasa.say(conversation, pages.XSS)
        pages.wait_for_line(page, "person", "<script>")
        line = page.locator("#transcript li.line-person .text").last
        assert line.inner_text() == pages.XSS
        assert page.locator("#transcript img, #transcript script").count() == 0

        page.get_by_role("button", name="Are you safe?").click()
        assert page.input_value("#reply") == "Ești în siguranță chiar acum?"
        pages.send_reply(page, page.input_value("#reply"))
        assert console.rasa.texts(conversation, "bot")[-1] == "Ești în siguranță chiar acum?"
        pages.wait_for_line(page, "worker", "Ești în siguranță")

        pages.close_with(page, "informed")
        last_bot = [e for e in console.rasa.events[conversation] if e["event"] == "bot"][-1]
        assert last_bot["metadata"] == {"utter_action": "utter_handoff_bot_back"}
    assert alerts == []
    with session_scope(console.database_url) as session:
        assert session.get(Handover, urgent).outcome == "informed"


def test_the_person_ending_it_shows_in_the_open_conversation(console):
    conversation = f"b-{uuid.uuid4().hex}"
    handover_id = waiting_request(console, conversation, helper_type="worker")
    with pages.chromium() as browser:
        page = browser.new_page()
        pages.log_in_with_the_keyboard(page, console.url, "walter", PASSWORD)
        pages.claim(page, handover_id)
        with session_scope(console.database_url) as session:
            queue.cancel_by_person(session, conversation)
        page.locator("#state-notice", has_text="The person ended the conversation.").wait_for()
        assert page.locator("#reply-form").is_hidden()


def test_usable_at_phone_width_without_sideways_scrolling(console):
    waiting_request(console, f"b-{uuid.uuid4().hex}", signal_codes=["DEBT_BONDAGE"])
    with pages.chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        pages.log_in_with_the_keyboard(page, console.url, "wanda", PASSWORD)
        for path in ("/queue", "/settings"):
            page.goto(console.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.keyboard.press("Tab")  # the skip link comes first and is visible when focused
        assert page.evaluate("document.activeElement.className") == "skip"
