"""Debian's nginx with profiles/production/nginx.conf.template (rendered by render_nginx.py) in
front of the two production replicas: round robin, the widget's websocket, the internal-only
Rasa API, and no client IP address in any log or request header the assistant sees."""

import asyncio
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
import websockets

from channels.widget.session import conversation_id as widget_conversation_id
from tests.support.servers import ROOT, free_port

pytestmark = pytest.mark.scale

NGINX = Path("/usr/sbin/nginx")
RENDERER = ROOT / "profiles" / "production" / "render_nginx.py"
CLIENT_IP = "203.0.113.7"  # TEST-NET-3: the address a client claims in forwarding headers
SPOOFED = {
    "X-Forwarded-For": CLIENT_IP,
    "X-Real-IP": CLIENT_IP,
    "Forwarded": f"for={CLIENT_IP}",
}
MESSAGES = [
    "hallo",
    "waar kan ik me laten testen",
    "is het gratis",
    "hello, can we speak english",
    "what are my rights",
    "thanks, bye",
]

# The main configuration around the rendered file, as Debian's /etc/nginx/nginx.conf includes
# conf.d/*.conf. X-Upstream (which replica answered) is added here, at the http level, for these
# tests only: the template itself sets no add_header, so it inherits this one.
MAIN_CONF = """\
{user}
worker_processes 1;
events {{
    worker_connections 256;
}}
http {{
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    add_header X-Upstream $upstream_addr always;
    include {tmp}/firstcontact.conf;
}}
"""


@dataclass
class Proxy:
    url: str
    port: int
    directory: Path
    process: subprocess.Popen

    def stop(self) -> None:
        pid_file = self.directory / "nginx.pid"
        pid = int(pid_file.read_text()) if pid_file.is_file() else self.process.pid
        os.kill(pid, signal.SIGQUIT)  # graceful: finish open requests, then exit
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_nginx(directory: Path, upstreams: List[str]) -> Proxy:
    """nginx on a free 127.0.0.1 port with the rendered template; everything in `directory`."""
    if not NGINX.is_file():
        pytest.fail(f"{NGINX} is missing: run scripts/system_packages.sh (Debian package nginx)")
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [sys.executable, str(RENDERER), "--listen", f"127.0.0.1:{port}"]
    for address in upstreams:
        command += ["--upstream", address]
    command += ["--error-log", str(directory / "firstcontact.error.log")]
    rendered = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    (directory / "firstcontact.conf").write_text(rendered)
    # nginx started as root runs its workers as `nobody`, who cannot enter pytest's 0700 tmpdir
    user = "user root;" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(MAIN_CONF.format(user=user, tmp=directory))
    globals_ = f"daemon off; pid {directory}/nginx.pid; error_log {directory}/error.log;"
    base = [str(NGINX), "-p", str(directory), "-c", str(directory / "nginx.conf"), "-g", globals_]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    log = open(directory / "nginx.stderr", "ab")  # noqa: SIM115 - held open by nginx
    process = subprocess.Popen(base, stdout=log, stderr=log)
    proxy = Proxy(f"http://127.0.0.1:{port}", port, directory, process)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited; see {directory}/error.log")
        try:
            request("GET", proxy, "/nowhere")
            return proxy
        except OSError:
            time.sleep(0.1)
    proxy.stop()
    raise RuntimeError("nginx did not start")


def request(
    method: str,
    proxy: Proxy,
    path: str,
    body: Optional[Any] = None,
    headers: Optional[Dict[str, str]] = None,
    source: str = "127.0.0.1",
) -> Tuple[int, Dict[str, str], Any]:
    """One HTTP request to the proxy from `source`: status, headers, JSON body (or text)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", proxy.port, timeout=60, source_address=(source, 0)
    )
    try:
        data = json.dumps(body).encode() if body is not None else None
        connection.request(
            method,
            path,
            body=data,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        response = connection.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed
    finally:
        connection.close()


def address_of(replica) -> str:
    return replica.url.removeprefix("http://")


@pytest.fixture(scope="module")
def proxy(replicas, tmp_path_factory) -> Iterator[Proxy]:
    running = start_nginx(
        tmp_path_factory.mktemp("nginx"), [address_of(replica) for replica in replicas]
    )
    yield running
    running.stop()


def user_texts(replica, sender: str) -> List[str]:
    return [e["text"] for e in replica.tracker(sender)["events"] if e["event"] == "user"]


def test_a_rest_conversation_through_the_proxy_is_served_round_robin(proxy, replicas):
    first, second = replicas
    sender = f"proxy-{uuid.uuid4().hex}"
    served = []
    for message in MESSAGES:
        status, headers, replies = request(
            "POST", proxy, "/webhooks/rest/webhook", {"sender": sender, "message": message}
        )
        assert status == 200 and replies, (message, status, replies)
        served.append(headers["x-upstream"])
    assert Counter(served) == {address_of(first): 3, address_of(second): 3}, served
    alternating = all(a != b for a, b in zip(served, served[1:], strict=False))
    assert alternating, served
    assert user_texts(first, sender) == MESSAGES
    assert user_texts(second, sender) == MESSAGES


def test_the_api_is_internal_only_and_nothing_else_is_public(proxy, replicas):
    first, _ = replicas
    outside = "127.0.0.2"  # loopback, yet not on the template's internal list
    for path in (f"/status?token={first.token}", "/conversations/x/tracker", "/model"):
        status, _, _ = request("GET", proxy, path, source=outside)
        assert status == 403, path
    status, _, page = request("GET", proxy, "/webhooks/widget/", source=outside)
    assert status == 200 and "<html" in str(page).lower()
    for path in ("/", "/version", "/domain", "/webhooks_nothing"):
        status, _, _ = request("GET", proxy, path)
        assert status == 404, path
    # internal: the API answers on every replica (they share one token, as in production)
    answers = {request("GET", proxy, f"/status?token={first.token}")[0] for _ in range(4)}
    assert answers == {200}


def test_oversized_webhook_bodies_are_refused_by_the_proxy(proxy):
    body = {"sender": "proxy-big", "message": "x" * 70_000}
    status, headers, _ = request("POST", proxy, "/webhooks/rest/webhook", body)
    assert status == 413
    assert headers.get("x-upstream", "") == ""  # no replica saw it


async def open_widget(proxy: Proxy):
    """The widget's socket through the proxy, as a page served by the proxy opens it."""
    url = f"ws://127.0.0.1:{proxy.port}/webhooks/widget/socket"
    socket = await websockets.connect(url, origin=proxy.url)
    await socket.send(json.dumps({"type": "hello", "language": "nl"}))
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=60))
        if frame.get("type") == "session":
            return socket, widget_conversation_id(frame["secret"])


async def next_bot_frame(socket, wanted: Optional[str] = None) -> Dict[str, Any]:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=60))
        if frame.get("type") == "bot" and (wanted is None or frame.get("text") == wanted):
            return frame


def test_the_widget_socket_works_through_the_proxy_and_gets_pushed_messages(proxy, replicas):
    async def scenario():
        socket, conversation = await open_widget(proxy)
        try:
            greeting = await next_bot_frame(socket)
            holder = socket.response_headers["X-Upstream"]
            # push from the replica that does NOT hold the socket: it reaches it through Redis
            other = next(r for r in replicas if address_of(r) != holder)
            path = (
                f"/conversations/{conversation}/tracker/events?token={other.token}"
                "&execute_side_effects=true&output_channel=widget"
            )
            pushed_by = None
            for _ in range(3):  # round robin: keep the text that the other replica took
                text = f"worker message {uuid.uuid4().hex}"
                event = [{"event": "bot", "text": text, "metadata": {}}]
                status, headers, _ = await asyncio.to_thread(request, "POST", proxy, path, event)
                assert status == 200, status
                pushed_by = headers["x-upstream"]
                if pushed_by == address_of(other):
                    break
            assert pushed_by == address_of(other)
            pushed = await next_bot_frame(socket, text)
            return greeting, pushed
        finally:
            await socket.close()

    greeting, pushed = asyncio.run(scenario())
    assert greeting.get("text") or greeting.get("buttons")
    assert pushed["text"].startswith("worker message")


def test_a_foreign_origin_is_still_refused_through_the_proxy(proxy):
    async def scenario():
        url = f"ws://127.0.0.1:{proxy.port}/webhooks/widget/socket"
        socket = await websockets.connect(url, origin="https://evil.example")
        try:
            await socket.send(json.dumps({"type": "hello"}))
            await asyncio.wait_for(socket.recv(), timeout=30)
        except websockets.ConnectionClosed as closed:
            return closed.code
        finally:
            await socket.close()
        return None

    assert asyncio.run(scenario()) == 1008


class _Recorder(BaseHTTPRequestHandler):
    """An upstream that records the headers nginx forwards."""

    seen: List[Dict[str, str]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append({k.lower(): v for k, v in self.headers.items()})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:  # no access log here either
        pass


@pytest.fixture(scope="module")
def recording_proxy(tmp_path_factory) -> Iterator[Tuple[Proxy, List[Dict[str, str]]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = start_nginx(
        tmp_path_factory.mktemp("nginx-recorder"), [f"127.0.0.1:{server.server_address[1]}"]
    )
    _Recorder.seen = []
    yield running, _Recorder.seen
    running.stop()
    server.shutdown()


def test_no_client_address_reaches_the_upstream(recording_proxy):
    proxy, seen = recording_proxy
    status, _, _ = request(
        "POST", proxy, "/webhooks/rest/webhook", {"sender": "s", "message": "m"}, SPOOFED
    )
    assert status == 200
    status, _, _ = request("GET", proxy, "/status", headers=SPOOFED)
    assert status == 200
    assert len(seen) == 2
    for headers in seen:
        assert not {"x-forwarded-for", "x-real-ip", "forwarded"} & set(headers), headers
        assert not any(CLIENT_IP in value for value in headers.values()), headers
        assert headers["host"] == f"127.0.0.1:{proxy.port}"  # as the client sent it


def test_no_access_log_and_the_claimed_address_is_nowhere(proxy, replicas):
    sender = f"proxy-{uuid.uuid4().hex}"
    status, _, replies = request(
        "POST", proxy, "/webhooks/rest/webhook", {"sender": sender, "message": "hallo"}, SPOOFED
    )
    assert status == 200 and replies
    # also requests nginx refuses or fails: their errors are where nginx would name a client
    request("GET", proxy, "/status", headers=SPOOFED, source="127.0.0.2")
    request("GET", proxy, "/nowhere", headers=SPOOFED)
    request("POST", proxy, "/webhooks/rest/webhook", {"message": "x" * 70_000}, SPOOFED)
    time.sleep(1)  # log writes
    rendered = (proxy.directory / "firstcontact.conf").read_text()
    assert "access_log off;" in rendered
    nginx_files = [p for p in proxy.directory.rglob("*") if p.is_file()]
    assert not [p for p in nginx_files if "access" in p.name], nginx_files
    # the replicas' and the shared action server's logs (tests/scale/conftest.py: one workdir)
    replica_logs = list(replicas[0].workdir.parent.rglob("*.log"))
    assert len(replica_logs) >= 2, replica_logs
    for path in nginx_files + replica_logs:
        assert CLIENT_IP.encode() not in path.read_bytes(), path
    # nor do nginx's own files name the connecting client (its error messages say "client: ...")
    for path in nginx_files:
        assert b"client: " not in path.read_bytes(), path
