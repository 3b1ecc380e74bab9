"""A real console server on a free port (subprocess) with a real SQLite file, and a small stand-in
for the Rasa HTTP API that records what the console sends (the real Rasa is in tests/e2e)."""

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional

import httpx
import pytest

from bot.console import models as _console_tables  # noqa: F401
from bot.console.auth import create_account
from bot.handover import queue
from bot.store.database import session_scope
from tests.support.servers import QUIET_ENV, ROOT, free_port

PASSWORD = "a long enough passphrase"
RASA_TOKEN = "stand-in-token"
ROLES = ("worker", "peer", "coordinator")


class RasaStandIn(ThreadingHTTPServer):
    """Keeps a list of events per conversation, as the tracker endpoints of Rasa return them."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _RasaHandler)
        self.events: Dict[str, List[dict]] = {}
        self.requests: List[tuple] = []
        self.down = False
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def say(self, conversation: str, text: str) -> None:
        with self.lock:
            self.events.setdefault(conversation, []).append(
                {"event": "user", "text": text, "timestamp": time.time(), "parse_data": {}}
            )

    def texts(self, conversation: str, kind: str) -> List[str]:
        return [e.get("text") for e in self.events.get(conversation, []) if e["event"] == kind]


class _RasaHandler(BaseHTTPRequestHandler):
    server: RasaStandIn

    def log_message(self, *args) -> None:  # quiet
        pass

    def _reply(self, status: int, body) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _route(self, method: str) -> None:
        parsed = urllib.parse.urlparse(self.path)
        params = dict(urllib.parse.parse_qsl(parsed.query))
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        match = re.fullmatch(
            r"/conversations/([^/]+)/(tracker/events|tracker|execute)", parsed.path
        )
        if self.server.down or params.get("token") != RASA_TOKEN or not match:
            self._reply(503 if self.server.down else 401, {"error": "no"})
            return
        conversation, what = urllib.parse.unquote(match.group(1)), match.group(2)
        with self.server.lock:
            self.server.requests.append((method, what, conversation, params, body))
            events = self.server.events.setdefault(conversation, [])
            if what == "tracker/events":
                for event in body:
                    events.append({**event, "timestamp": time.time()})
            elif what == "execute":
                events.append(
                    {
                        "event": "bot",
                        "text": f"[{body['name']}]",
                        "timestamp": time.time(),
                        "metadata": {"utter_action": body["name"]},
                    }
                )
            answer = {"sender_id": conversation, "events": list(events)}
        self._reply(200, answer)

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")


@dataclass
class Browser:
    """An HTTP client that keeps the console's cookies itself: they are Secure, and httpx would not
    send a Secure cookie over http://127.0.0.1 (a real browser does; see tests/e2e)."""

    base: str
    cookies: Dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = httpx.request(
            method, self.base + path, headers=headers, follow_redirects=False, timeout=30, **kwargs
        )
        for name, value in response.headers.multi_items():
            if name.lower() == "set-cookie":
                cookie_name, cookie_value = value.split(";")[0].split("=", 1)
                if "Max-Age=0" in value:
                    self.cookies.pop(cookie_name, None)
                else:
                    self.cookies[cookie_name] = cookie_value
        return response

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: Optional[dict] = None, csrf: bool = True, **kwargs):
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf_token", self.csrf)
        return self.request("POST", path, data=form, **kwargs)

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        """Log in; a session cookie the browser already holds is sent along with the form."""
        held = self.cookies.pop("console_session", None)
        page = self.get("/login")
        if held:
            self.cookies["console_session"] = held
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.post(
            "/login", {"username": username, "password": password, "csrf_token": token}
        )
        if answer.status_code == 303:
            home = self.get(answer.headers["location"])
            self.csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', home.text).group(1)
        return answer


@dataclass
class Console:
    url: str
    database_url: str
    rasa: RasaStandIn
    process: subprocess.Popen

    def browser(self) -> Browser:
        return Browser(self.url)

    def as_role(self, username: str) -> Browser:
        browser = self.browser()
        assert browser.login(username).status_code == 303
        return browser


def start_console(workdir: Path, rasa_url: str, extra_env: Optional[dict] = None):
    port = free_port()
    env = {
        **os.environ,
        **QUIET_ENV,
        "FIRSTCONTACT_DATABASE_URL": f"sqlite:///{workdir / 'firstcontact.db'}",
        "FIRSTCONTACT_KEY_DIR": str(workdir / "keys"),
        "FIRSTCONTACT_CONSOLE_PORT": str(port),
        "FIRSTCONTACT_RASA_URL": rasa_url,
        "FIRSTCONTACT_API_TOKEN": RASA_TOKEN,
        **(extra_env or {}),
    }
    log = open(workdir / "console.log", "ab")  # noqa: SIM115 - held by the child
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.console", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"console exited; see {workdir / 'console.log'}")
        try:
            httpx.get(url + "/login", timeout=1)
            return process, url, env
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("console did not start")


def make_accounts(database_url: str) -> None:
    with session_scope(database_url) as session:
        create_account(session, "wanda", PASSWORD, "worker", "nl,en")
        create_account(session, "walter", PASSWORD, "worker", "nl")
        create_account(session, "petra", PASSWORD, "peer", "ro,en")
        create_account(session, "cora", PASSWORD, "coordinator")


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    workdir = Path(tmp_path_factory.mktemp("console"))
    rasa = RasaStandIn()
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    previous_key_dir = os.environ.get("FIRSTCONTACT_KEY_DIR")
    os.environ["FIRSTCONTACT_KEY_DIR"] = str(workdir / "keys")  # notes decrypt in this process too
    process, url, env = start_console(workdir, rasa.url)
    running = Console(url, env["FIRSTCONTACT_DATABASE_URL"], rasa, process)
    make_accounts(running.database_url)
    yield running
    process.terminate()
    process.wait(timeout=10)
    rasa.shutdown()
    if previous_key_dir is None:
        os.environ.pop("FIRSTCONTACT_KEY_DIR", None)
    else:
        os.environ["FIRSTCONTACT_KEY_DIR"] = previous_key_dir


def waiting_request(console: Console, conversation: str, **fields) -> int:
    values = {"channel": "rest", "language": "ro", "helper_type": "worker", **fields}
    with session_scope(console.database_url) as session:
        return queue.request_handover(session, conversation, **values).id
