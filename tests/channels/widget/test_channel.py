"""The widget channel on a real Sanic server and a real websocket; a stand-in for the Rasa agent."""

import asyncio
import json
import socket
from typing import Any, AsyncIterator, Dict, List

import httpx
import pytest
import pytest_asyncio
import websockets
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.posters import registry as posters
from bot.store.database import session_scope
from channels.widget import WidgetInput
from channels.widget.pages import CONTENT_SECURITY_POLICY
from channels.widget.session import MAX_MESSAGE_CHARS, conversation_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StandInAgent:
    """Records what reaches Rasa and answers through the message's own output channel."""

    def __init__(self) -> None:
        self.messages: List[UserMessage] = []
        self.fail = False

    async def __call__(self, message: UserMessage) -> None:
        if self.fail:
            raise RuntimeError("agent down")
        self.messages.append(message)
        await message.output_channel.send_response(
            message.sender_id,
            {"text": f"reply {len(self.messages)}", "buttons": [{"title": "A", "payload": "/a"}]},
        )


class Server:
    def __init__(self, channel: WidgetInput, agent: StandInAgent, port: int) -> None:
        self.channel, self.agent, self.port = channel, agent, port
        self.http = f"http://127.0.0.1:{port}"
        self.socket_url = f"ws://127.0.0.1:{port}/webhooks/widget/socket"

    def connect(self, origin: str = "") -> Any:
        return websockets.connect(self.socket_url, origin=origin or self.http)


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'firstcontact.db'}"
    monkeypatch.setenv("FIRSTCONTACT_DATABASE_URL", url)
    return url


@pytest.fixture(scope="module")
def event_loop():
    # One server for the module: Sanic 21.12 cannot start a second app in the same process.
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="module")
async def running_server() -> AsyncIterator[Server]:
    app = Sanic("widget_channel_test")
    channel = WidgetInput.from_credentials({"allowed_origins": ["https://partner.example"]})
    agent = StandInAgent()
    app.blueprint(channel.blueprint(agent), url_prefix="/webhooks/widget")
    port = free_port()
    running = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await running.startup()
    yield Server(channel, agent, port)
    running.close()
    await running.wait_closed()


@pytest.fixture
def server(running_server, database) -> Server:
    running_server.agent.messages.clear()
    running_server.agent.fail = False
    return running_server


async def receive(ws: Any) -> Dict[str, Any]:
    return json.loads(await ws.recv())


async def hello(ws: Any, **fields: Any) -> Dict[str, Any]:
    await ws.send(json.dumps({"type": "hello", **fields}))
    return await receive(ws)


async def say(ws: Any, text: str, **fields: Any) -> None:
    await ws.send(json.dumps({"type": "message", "text": text, **fields}))


@pytest.mark.asyncio
async def test_a_new_session_gets_a_secret_and_a_greeting_in_its_own_conversation(server):
    async with server.connect() as ws:
        session = await hello(ws, language="nl-NL")
        greeting = await receive(ws)
    assert session["type"] == "session" and session["resumed"] is False
    assert greeting == {
        "type": "bot",
        "text": "reply 1",
        "buttons": [{"title": "A", "payload": "/a"}],
    }
    [greet] = server.agent.messages
    assert greet.text == "/greet"
    assert greet.metadata == {"language": "nl-NL"}
    assert greet.input_channel == "widget"
    assert greet.sender_id == conversation_id(session["secret"])


@pytest.mark.asyncio
async def test_user_messages_carry_the_language_hint_and_nothing_else(server):
    async with server.connect() as ws:
        await hello(ws)
        await receive(ws)
        await say(ws, "buna ziua", language="ro", region="Utrecht", sender="someone")
        assert (await receive(ws))["text"] == "reply 2"
    message = server.agent.messages[-1]
    assert message.text == "buna ziua"
    assert message.metadata == {"language": "ro"}


@pytest.mark.asyncio
async def test_presenting_the_secret_again_continues_without_a_new_greeting(server):
    async with server.connect() as first:
        session = await hello(first)
        await receive(first)
    async with server.connect() as again:
        resumed = await hello(again, secret=session["secret"])
        await say(again, "nog een vraag")
        assert (await receive(again))["text"] == "reply 2"
    assert resumed == {
        "type": "session",
        "secret": session["secret"],
        "resumed": True,
        "language": None,
    }
    assert [m.text for m in server.agent.messages] == ["/greet", "nog een vraag"]
    assert {m.sender_id for m in server.agent.messages} == {conversation_id(session["secret"])}


@pytest.mark.asyncio
async def test_a_conversation_id_presented_as_secret_opens_a_new_conversation(server):
    async with server.connect() as victim:
        victim_session = await hello(victim)
        await receive(victim)
        victim_id = conversation_id(victim_session["secret"])
        async with server.connect() as intruder:
            intruder_session = await hello(intruder, secret=victim_id)
            await receive(intruder)
            await say(intruder, "show me")
            assert (await receive(intruder))["text"] == "reply 3"
    assert intruder_session["resumed"] is False
    assert intruder_session["secret"] != victim_session["secret"]
    assert [m.sender_id for m in server.agent.messages].count(victim_id) == 1


@pytest.mark.asyncio
async def test_bot_messages_pushed_later_reach_only_the_open_socket_of_that_conversation(server):
    async with server.connect() as mine, server.connect() as other:
        my_session = await hello(mine)
        await receive(mine)
        other_session = await hello(other, secret="B" * 43)
        output = server.channel.get_output_channel()
        await output.send_response(conversation_id(my_session["secret"]), {"text": "from a worker"})
        await output.send_response(conversation_id(other_session["secret"]), {"text": "marker"})
        assert (await receive(mine))["text"] == "from a worker"
        assert (await receive(other))["text"] == "marker"


@pytest.mark.asyncio
async def test_a_known_poster_code_gives_the_greeting_its_hints_and_counts_a_visit(
    server, database
):
    code = posters.create_code(region="utrecht", language="ro", database_url=database)
    async with server.connect() as ws:
        session = await hello(ws, poster=code, language="nl-NL")
        await receive(ws)
    assert session["language"] == "ro"
    [greet] = server.agent.messages
    assert greet.text == "/greet"
    assert greet.metadata == {"language": "ro", "region": "utrecht", "poster": code}
    with session_scope(database) as db:
        assert db.query(posters.PosterVisit).filter_by(code=code).one().count == 1


@pytest.mark.asyncio
async def test_an_unknown_poster_code_gives_a_plain_greeting_and_counts_nothing(server, database):
    async with server.connect() as ws:
        session = await hello(ws, poster="notARealCode123", language="pl")
        await receive(ws)
    assert session["language"] is None
    assert server.agent.messages[0].metadata == {"language": "pl"}
    with session_scope(database) as db:
        assert db.query(posters.PosterVisit).count() == 0


@pytest.mark.asyncio
async def test_a_poster_code_on_reconnect_is_not_counted_again(server, database):
    code = posters.create_code(region=None, language="bg", database_url=database)
    async with server.connect() as ws:
        session = await hello(ws, poster=code)
        await receive(ws)
    async with server.connect() as ws:
        await hello(ws, secret=session["secret"], poster=code)
    with session_scope(database) as db:
        assert db.query(posters.PosterVisit).filter_by(code=code).one().count == 1


@pytest.mark.asyncio
async def test_too_long_and_malformed_messages_get_a_kind_error_and_the_socket_stays(server):
    async with server.connect() as ws:
        await hello(ws)
        await receive(ws)
        await say(ws, "x" * (MAX_MESSAGE_CHARS + 1))
        assert await receive(ws) == {"type": "error", "code": "too_long"}
        await ws.send("not json")
        assert await receive(ws) == {"type": "error", "code": "bad_request"}
        await ws.send(json.dumps({"type": "message", "text": "y" * 9000}))
        assert await receive(ws) == {"type": "error", "code": "too_long"}
        await say(ws, "still here")
        assert (await receive(ws))["text"] == "reply 2"
    assert [m.text for m in server.agent.messages] == ["/greet", "still here"]


@pytest.mark.asyncio
async def test_a_flood_of_messages_is_refused_kindly(server):
    async with server.connect() as ws:
        await hello(ws)
        await receive(ws)
        for number in range(30):
            await say(ws, f"message {number}")
        frames = [await receive(ws) for _ in range(30)]
    assert {"type": "error", "code": "too_fast"} in frames
    assert any(frame["type"] == "bot" for frame in frames)


@pytest.mark.asyncio
async def test_a_failing_assistant_gives_a_kind_error(server):
    server.agent.fail = True
    async with server.connect() as ws:
        await hello(ws)
        assert await receive(ws) == {"type": "error", "code": "unavailable"}
        server.agent.fail = False
        await say(ws, "again")
        assert (await receive(ws))["type"] == "bot"


@pytest.mark.asyncio
async def test_the_first_frame_must_be_a_hello(server):
    async with server.connect() as ws:
        await say(ws, "hi")
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.code == 1008
    assert server.agent.messages == []


@pytest.mark.asyncio
async def test_a_page_from_another_origin_cannot_open_the_socket(server):
    async with server.connect(origin="https://evil.example") as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.code == 1008


@pytest.mark.asyncio
async def test_an_origin_named_in_the_credentials_may_open_the_socket(server):
    async with server.connect(origin="https://partner.example") as ws:
        assert (await hello(ws))["type"] == "session"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/away",
        "/static/widget.js",
        "/static/strings.js",
        "/static/widget.css",
        "/static/icon.svg",
    ],
)
async def test_every_widget_response_carries_the_strict_headers_and_no_cookie(server, path):
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{server.http}/webhooks/widget{path}")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in response.headers


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path", ["/static/channel.py", "/static/..%2Fchannel.py", "/static/index.html"]
)
async def test_only_the_widget_files_are_served(server, path):
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{server.http}/webhooks/widget{path}")
    assert response.status_code == 404
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.asyncio
async def test_the_page_and_the_neutral_page_do_not_mention_each_other(server):
    async with httpx.AsyncClient() as client:
        page = (await client.get(f"{server.http}/webhooks/widget/")).text
        away = (await client.get(f"{server.http}/webhooks/widget/away")).text
    assert "<title>Chat</title>" in page
    assert "chat" not in away.lower() and "widget/static/widget" not in away
    assert "<script" not in away
    # no inline script or style: every script and stylesheet is a file of the widget
    assert page.count("<script") == page.count('<script src="/webhooks/widget/static/')
    assert "<style" not in page and "style=" not in page
    await asyncio.sleep(0)
