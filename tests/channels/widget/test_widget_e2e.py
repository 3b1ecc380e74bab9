"""The widget in Debian's chromium (Playwright) against the full assistant: real servers, model."""

import asyncio
import json
import re
import secrets
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import websockets
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from rasa.shared.core.domain import Domain

from bot.posters import registry as posters
from bot.privacy.keys import PSEUDONYM_KEY_ENV
from bot.privacy.pseudonyms import pseudonym
from channels.widget.pages import CONTENT_SECURITY_POLICY
from tests.support.servers import ROOT, Assistant, http_json, start_assistant

pytestmark = pytest.mark.e2e

MODEL = ROOT / "models" / "firstcontact.tar.gz"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_PATH = "/webhooks/widget/"
AWAY_PATH = "/webhooks/widget/away"
STRINGS_JS = ROOT / "channels" / "widget" / "static" / "strings.js"


@lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def variation(name: str, language: str) -> Dict[str, Any]:
    for candidate in domain().responses[name]:
        for condition in candidate.get("condition") or []:
            if condition.get("name") == "language" and condition.get("value") == language:
                return candidate
    raise KeyError((name, language))


def response_text(name: str, language: str) -> str:
    return variation(name, language)["text"]


def button_title(name: str, language: str, payload: str) -> str:
    return next(b["title"] for b in variation(name, language)["buttons"] if b["payload"] == payload)


@lru_cache(maxsize=1)
def widget_strings() -> Dict[str, Dict[str, str]]:
    text = STRINGS_JS.read_text()
    return json.loads(re.search(r"/\* BEGIN STRINGS \*/(.*)/\* END STRINGS \*/", text, re.S)[1])


@dataclass
class Server:
    assistant: Assistant
    pseudonym_key: str
    database_url: str

    @property
    def page_url(self) -> str:
        return self.assistant.url + PAGE_PATH

    def tracker(self, conversation: str) -> Dict[str, Any]:
        return self.assistant.tracker(conversation)

    def tracker_with(self, conversation: str, *texts: str) -> Dict[str, Any]:
        """The tracker once it holds these user messages (Rasa saves it after the whole turn,
        while the page already shows the first replies)."""
        deadline = time.monotonic() + 60
        while True:
            tracker = self.tracker(conversation)
            if set(texts) <= set(user_texts(tracker)) or time.monotonic() > deadline:
                return tracker
            time.sleep(0.2)

    def push_bot_message(self, conversation: str, text: str) -> None:
        """What the handover console does: a bot event, sent out through the widget."""
        query = urllib.parse.urlencode(
            {
                "execute_side_effects": "true",
                "output_channel": "widget",
                "token": self.assistant.token,
            }
        )
        url = f"{self.assistant.url}/conversations/{conversation}/tracker/events?{query}"
        http_json("POST", url, {"event": "bot", "text": text})


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    if not MODEL.is_file():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    workdir = Path(tmp_path_factory.mktemp("widget"))
    credentials = workdir / "credentials.yml"
    credentials.write_text("rest:\nchannels.widget.WidgetInput:\n")
    key = secrets.token_urlsafe(32)
    database_url = f"sqlite:///{workdir / 'firstcontact.db'}"
    running = start_assistant(
        MODEL,
        workdir,
        credentials=credentials,
        extra_env={PSEUDONYM_KEY_ENV: key, "FIRSTCONTACT_DATABASE_URL": database_url},
    )
    yield Server(running, key, database_url)
    running.stop()


@pytest.fixture(autouse=True)
def servers_pseudonym_key(server, monkeypatch) -> None:
    monkeypatch.setenv(PSEUDONYM_KEY_ENV, server.pseudonym_key)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    yield opened
    opened.close()


@dataclass
class Widget:
    """A browser tab with the widget, and what the test can see of it from outside."""

    page: Page
    console: List[str] = field(default_factory=list)
    sessions: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def secret(self) -> str:
        return self.sessions[-1]["secret"]

    @property
    def conversation(self) -> str:
        return pseudonym("widget", self.secret)

    def bot_message(self, text: str) -> Any:
        return self.page.locator(".message.bot", has_text=text).last

    def say(self, text: str) -> None:
        self.page.get_by_role("textbox").fill(text)
        self.page.get_by_role("textbox").press("Enter")

    def csp_violations(self) -> List[str]:
        return [line for line in self.console if "Content Security Policy" in line]


def open_widget(context: BrowserContext) -> Widget:
    page = context.new_page()
    widget = Widget(page)
    page.on("console", lambda message: widget.console.append(message.text))
    page.on("pageerror", lambda error: widget.console.append(str(error)))

    def watch(socket: Any) -> None:
        def on_frame(payload: Any) -> None:
            frame = json.loads(payload)
            if frame.get("type") == "session":
                widget.sessions.append(frame)

        socket.on("framereceived", on_frame)

    page.on("websocket", watch)
    return widget


def wait_for_greeting(widget: Widget) -> None:
    """The greeting (introduction and menu) has arrived, so the session is open."""
    # a locator, not wait_for_function: that polls with eval, which the page's CSP forbids
    widget.page.locator(".message.bot").nth(1).wait_for()
    assert widget.sessions


def user_texts(tracker: Dict[str, Any]) -> List[str]:
    return [event["text"] for event in tracker["events"] if event["event"] == "user"]


def test_a_conversation_in_dutch_then_romanian_through_the_picker_and_a_button(server, context):
    widget = open_widget(context)
    response = widget.page.goto(server.page_url)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(widget.page).to_have_title("Chat")
    wait_for_greeting(widget)

    widget.say("Hallo, goedenavond")
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    expect(widget.bot_message(response_text("utter_menu", "nl")[:60])).to_be_visible()

    widget.page.get_by_label(widget_strings()["nl"]["language_label"]).select_option("ro")
    expect(widget.bot_message(response_text("utter_language_switched", "ro"))).to_be_visible()
    expect(widget.page.locator("html")).to_have_attribute("lang", "ro")
    expect(widget.page.get_by_label(widget_strings()["ro"]["message_label"])).to_have_attribute(
        "placeholder", widget_strings()["ro"]["placeholder"]
    )

    widget.page.get_by_role(
        "button", name=button_title("utter_menu", "nl", "/ask_health")
    ).last.click()
    expect(widget.bot_message(response_text("utter_health_overview", "ro")[:60])).to_be_visible()

    tracker = server.tracker_with(widget.conversation, "/ask_health")
    assert tracker["slots"]["language"] == "ro"
    assert user_texts(tracker)[-2:] == ['/switch_language{"language":"ro"}', "/ask_health"]
    assert tracker["latest_input_channel"] == "widget"
    fits = widget.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the page is wider than a 320 px screen"
    assert widget.csp_violations() == []


def test_a_broken_connection_comes_back_to_the_same_conversation(server, context):
    widget = open_widget(context)
    connections: List[Any] = []

    def relay(route: Any) -> None:
        connections.append(route.connect_to_server())

    widget.page.route_web_socket(re.compile(r".*/webhooks/widget/socket$"), relay)
    widget.page.goto(server.page_url)
    wait_for_greeting(widget)
    widget.say("Hallo, goedenavond")
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    first_secret = widget.secret

    with widget.page.expect_websocket() as reconnected:
        connections[0].close()  # the server's side drops, as in a network blip
    reconnected.value.wait_for_event("framereceived")  # the session frame
    expect(widget.page.locator("#status")).to_have_text("")
    expect(widget.page.locator(".message.user")).to_have_count(1)
    widget.say("Ik wil me laten testen op soa")
    expect(widget.page.locator(".message.user")).to_have_count(2)
    expect(widget.bot_message(response_text("utter_health_overview", "nl")[:60])).to_be_visible()

    assert len(connections) == 2
    assert [session["resumed"] for session in widget.sessions] == [False, True]
    assert widget.secret == first_secret
    conversation = server.tracker_with(widget.conversation, "Ik wil me laten testen op soa")
    assert user_texts(conversation)[-2:] == ["Hallo, goedenavond", "Ik wil me laten testen op soa"]
    assert widget.csp_violations() == []


async def _intrude(server: Server, victim: str) -> Dict[str, Any]:
    """Another socket tries a made-up secret and the victim's id; reports what it received."""
    seen: Dict[str, Any] = {}
    socket_url = server.assistant.url.replace("http", "ws") + "/webhooks/widget/socket"
    async with websockets.connect(socket_url, origin=server.assistant.url) as intruder:
        await intruder.send(json.dumps({"type": "hello", "secret": victim}))
        seen["by_id"] = json.loads(await intruder.recv())
    made_up = secrets.token_urlsafe(32)
    async with websockets.connect(socket_url, origin=server.assistant.url) as intruder:
        await intruder.send(json.dumps({"type": "hello", "secret": made_up}))
        seen["made_up"] = json.loads(await intruder.recv())
        await asyncio.to_thread(server.push_bot_message, victim, "A worker writes to you.")
        await asyncio.to_thread(server.push_bot_message, pseudonym("widget", made_up), "marker")
        seen["next"] = json.loads(await intruder.recv())
        await intruder.send(json.dumps({"type": "message", "text": "what did they say?"}))
        seen["answer"] = json.loads(await intruder.recv())
    seen["made_up_conversation"] = pseudonym("widget", made_up)
    return seen


def test_another_socket_with_a_made_up_secret_gets_nothing_of_the_conversation(server, context):
    widget = open_widget(context)
    widget.page.goto(server.page_url)
    wait_for_greeting(widget)
    widget.say("Hallo, goedenavond")
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    victim = widget.conversation
    before = user_texts(server.tracker_with(victim, "Hallo, goedenavond"))

    with ThreadPoolExecutor(max_workers=1) as pool:
        seen = pool.submit(asyncio.run, _intrude(server, victim)).result(timeout=120)

    assert seen["by_id"]["resumed"] is False
    assert pseudonym("widget", seen["by_id"]["secret"]) != victim
    assert seen["made_up"]["resumed"] is True
    assert seen["made_up_conversation"] != victim
    assert seen["answer"]["type"] == "bot"
    assert seen["next"]["text"] == "marker", "the victim's message reached another socket"
    expect(widget.bot_message("A worker writes to you.")).to_be_visible()
    assert user_texts(server.tracker(victim)) == before
    intruders = server.tracker_with(seen["made_up_conversation"], "what did they say?")
    assert "what did they say?" in user_texts(intruders)


NOTHING_STORED = """async () => ({
  local: localStorage.length,
  session: sessionStorage.length,
  indexedDB: (await indexedDB.databases()).length,
  caches: (await caches.keys()).length,
  cookie: document.cookie,
})"""
EMPTY = {"local": 0, "session": 0, "indexedDB": 0, "caches": 0, "cookie": ""}


@pytest.mark.parametrize("how", ["button", "escape twice"])
def test_quick_exit_leaves_nothing_and_back_does_not_show_the_chat(server, context, how):
    widget = open_widget(context)
    widget.page.goto("about:blank")  # the page the person came from
    widget.page.goto(server.page_url)
    wait_for_greeting(widget)
    widget.say("Hallo, goedenavond")
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    assert widget.page.evaluate(NOTHING_STORED) == EMPTY

    if how == "button":
        widget.page.get_by_role("button", name=widget_strings()["nl"]["quick_exit"]).click()
    else:
        widget.page.keyboard.press("Escape")
        widget.page.keyboard.press("Escape")
    widget.page.wait_for_url(f"**{AWAY_PATH}")
    assert "chat" not in widget.page.title().lower()
    assert widget.page.evaluate(NOTHING_STORED) == EMPTY
    assert context.cookies() == []

    widget.page.go_back()
    assert widget.page.url == "about:blank"
    assert widget.page.locator(".message").count() == 0
    assert "Hallo" not in widget.page.content()
    assert widget.csp_violations() == []


def test_a_reload_starts_an_empty_conversation(server, context):
    widget = open_widget(context)
    widget.page.goto(server.page_url)
    wait_for_greeting(widget)
    widget.say("Hallo, goedenavond")
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    first = widget.conversation

    widget.page.reload()
    wait_for_greeting(widget)
    assert len(widget.sessions) == 2
    expect(widget.page.locator(".message.user")).to_have_count(0)
    assert widget.sessions[-1]["resumed"] is False
    assert widget.conversation != first
    assert "Hallo, goedenavond" not in user_texts(
        server.tracker_with(widget.conversation, "/greet")
    )


def test_a_poster_link_gives_its_hints_and_leaves_the_address_bar(server, context):
    code = posters.create_code(region="utrecht", language="ro", database_url=server.database_url)
    widget = open_widget(context)
    widget.page.goto(f"{server.page_url}?p={code}")
    wait_for_greeting(widget)
    assert "p=" not in widget.page.url
    expect(widget.page.locator("#language")).to_have_value("ro")
    expect(widget.page.locator("html")).to_have_attribute("lang", "ro")
    tracker = server.tracker_with(widget.conversation, "/greet")
    first_message = next(event for event in tracker["events"] if event["event"] == "user")
    assert first_message["text"] == "/greet"
    assert first_message["metadata"]["poster"] == code
    assert first_message["metadata"]["region"] == "utrecht"
    assert first_message["metadata"]["language"] == "ro"


def test_the_greeting_follows_the_browser_language(server, context):
    widget = open_widget(context)
    widget.page.goto(server.page_url)
    expect(widget.bot_message(response_text("utter_identity_intro", "nl")[:60])).to_be_visible()
    assert server.tracker_with(widget.conversation, "/greet")["slots"]["language"] == "nl"


def test_the_browser_enforces_the_policy_and_the_console_check_would_see_a_violation(
    server, context
):
    widget = open_widget(context)
    widget.page.goto(server.page_url)
    wait_for_greeting(widget)
    assert widget.csp_violations() == []
    with widget.page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        widget.page.evaluate(
            """() => {
                const image = document.createElement("img");
                image.src = "http://127.0.0.2:9/tracker.png";
                document.body.append(image);
            }"""
        )
    assert widget.csp_violations() != []
