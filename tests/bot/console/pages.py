"""Driving the console in a real headless Chromium (Debian's), shared by the browser tests."""

from contextlib import contextmanager
from typing import Iterator

from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def log_in_with_the_keyboard(page: Page, base: str, username: str, password: str) -> None:
    page.goto(base + "/login?lang=en")
    # autofocus lands after the load event, sometimes a frame later: typing before that is lost.
    # Not wait_for_function: when its first check fails it polls with eval, which the console's
    # Content-Security-Policy rightly forbids (seen on a loaded machine)
    expect(page.locator("#username")).to_be_focused()
    page.keyboard.type(username)  # the username field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/queue")


def session_cookie_is_secure_and_sent(page: Page) -> bool:
    cookies = {c["name"]: c for c in page.context.cookies()}
    cookie = cookies.get("console_session")
    return bool(
        cookie and cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    )


def first_queue_row(page: Page) -> str:
    return page.locator("#queue tbody tr").first.get_attribute("data-id") or ""


def claim(page: Page, handover_id: int) -> None:
    page.locator(f'#queue tr[data-id="{handover_id}"] button').click()
    page.wait_for_url(f"**/handovers/{handover_id}")


def wait_for_line(page: Page, kind: str, text: str, timeout: float = 10_000) -> None:
    page.locator(f"#transcript li.line-{kind} .text", has_text=text).last.wait_for(timeout=timeout)


def send_reply(page: Page, text: str) -> None:
    page.fill("#reply", text)
    page.click("#reply-form button[type=submit]")
    page.locator("#send-status", has_text="Sent.").wait_for()


def close_with(page: Page, outcome: str) -> None:
    page.select_option("#outcome", outcome)
    page.click("#close-button")
    page.wait_for_url("**/queue?closed=1")
