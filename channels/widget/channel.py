"""WidgetInput: the page, its files, a neutral page, and the websocket, under /webhooks/widget/.

credentials.yml:

    channels.widget.WidgetInput:
      # optional: origins besides the page's own that may open the websocket
      allowed_origins: ["https://chat.example.org"]
      # with several Rasa replicas: Redis, so pushed messages reach the replica with the socket
      redis_url: "redis://redis:6379/2"

Routes: `GET /webhooks/widget/` (the page), `GET /webhooks/widget/static/<name>`,
`GET /webhooks/widget/away` (the neutral page quick exit jumps to), `/webhooks/widget/socket`.
"""

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint
from sanic.exceptions import WebsocketClosed
from sanic.request import Request
from sanic.response import HTTPResponse
from websockets.exceptions import ConnectionClosed

from bot.posters import registry as posters
from bot.resilience.message_guard import guard_text, shortcuts_of
from bot.resilience.startup import protect
from channels.widget.fanout import RedisFanout
from channels.widget.pages import asset_response, file_response, not_found
from channels.widget.session import (
    MAX_FRAME_BYTES,
    FrameError,
    RateLimiter,
    Session,
    language_hint,
    open_session,
    parse_user_message,
    poster_code,
)
from channels.widget.sockets import SocketRegistry, WidgetOutput

logger = logging.getLogger(__name__)

HELLO_TIMEOUT_SECONDS = 30.0
POLICY_VIOLATION = 1008  # websocket close code

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class WidgetInput(InputChannel):
    """The no-trace web chat widget's channel."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "WidgetInput":
        origins = (credentials or {}).get("allowed_origins") or []
        redis_url = (credentials or {}).get("redis_url") or None
        return cls(allowed_origins=[str(origin) for origin in origins], redis_url=redis_url)

    def __init__(
        self, allowed_origins: Iterable[str] = (), redis_url: Optional[str] = None
    ) -> None:
        self.allowed_origins = {origin.rstrip("/") for origin in allowed_origins}
        self.registry = SocketRegistry()
        self.fanout = RedisFanout(redis_url) if redis_url else None
        self._app: Optional[Any] = None  # the Sanic app, once a socket opened

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WidgetOutput(self.registry, self.fanout)

    def origin_allowed(self, origin: Optional[str], host: Optional[str]) -> bool:
        """Same origin as the page, or one named in credentials; browsers always send Origin."""
        if not origin:
            return False
        if origin.rstrip("/") in self.allowed_origins:
            return True
        return bool(host) and urlsplit(origin).netloc == host

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        widget = Blueprint("widget_webhook", __name__)
        protect(widget)  # the action server fallback and the API check

        @widget.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return file_response("index.html")

        @widget.route("/away", methods=["GET"])
        async def away(request: Request) -> HTTPResponse:
            return file_response("away.html")

        @widget.route("/static/<name>", methods=["GET"])
        async def asset(request: Request, name: str) -> HTTPResponse:
            return asset_response(name) or not_found()

        @widget.listener("after_server_start")
        async def listen_to_other_replicas(app: Any, loop: Any) -> None:
            if self.fanout is not None:
                self.fanout.start(self.registry)

        @widget.websocket("/socket")
        async def socket(request: Request, ws: Any) -> None:
            if not self.origin_allowed(request.headers.get("origin"), request.headers.get("host")):
                await ws.close(code=POLICY_VIOLATION, reason="origin")
                return
            self._app = request.app
            await self._converse(ws, on_new_message)

        return widget

    async def _converse(self, ws: Any, on_new_message: OnNewMessage) -> None:
        try:
            hello = await _read_frame(ws, timeout=HELLO_TIMEOUT_SECONDS)
        except FrameError:
            hello = None
        except (ConnectionClosed, WebsocketClosed):
            return
        if hello is None or hello.get("type") != "hello":
            await ws.close(code=POLICY_VIOLATION, reason="hello")
            return
        session = open_session(hello.get("secret"))
        self.registry.add(session.conversation_id, ws)
        try:
            await self._start(ws, session, hello, on_new_message)
            await self._relay(ws, session, on_new_message)
        except (ConnectionClosed, WebsocketClosed):
            pass
        finally:
            self.registry.remove(session.conversation_id, ws)

    async def _start(
        self, ws: Any, session: Session, hello: Dict[str, Any], on_new_message: OnNewMessage
    ) -> None:
        """Tell the page its secret; a new conversation opens with a greeting."""
        greeting_metadata: Dict[str, Any] = {}
        browser_language = language_hint(hello.get("language"))
        if browser_language:
            greeting_metadata["language"] = browser_language
        code = poster_code(hello.get("poster"))
        if code and not session.resumed:
            hint = await asyncio.to_thread(_visit_poster, code)
            if hint is not None:
                greeting_metadata["poster"] = code
                if hint.language:
                    greeting_metadata["language"] = hint.language
                if hint.region:
                    greeting_metadata["region"] = hint.region
        await _send(
            ws,
            {
                "type": "session",
                "secret": session.secret,
                "resumed": session.resumed,
                "language": greeting_metadata.get("language")
                if "poster" in greeting_metadata
                else None,
            },
        )
        if not session.resumed:
            await self._deliver(ws, session, "/greet", greeting_metadata, on_new_message)

    async def _relay(self, ws: Any, session: Session, on_new_message: OnNewMessage) -> None:
        limiter = RateLimiter()
        while True:
            try:
                frame = await _read_frame(ws)
            except FrameError as error:
                await _send(ws, {"type": "error", "code": error.code})
                continue
            if frame is None:
                continue
            if not limiter.allow():
                await _send(ws, {"type": "error", "code": "too_fast"})
                continue
            try:
                if frame.get("type") != "message":
                    raise FrameError("bad_request")
                message = parse_user_message(frame)
            except FrameError as error:
                await _send(ws, {"type": "error", "code": error.code})
                continue
            await self._deliver(ws, session, message.text, message.metadata, on_new_message)

    async def _deliver(
        self,
        ws: Any,
        session: Session,
        text: str,
        metadata: Dict[str, Any],
        on_new_message: OnNewMessage,
    ) -> None:
        shortcuts = shortcuts_of(getattr(self._app.ctx, "agent", None) if self._app else None)
        user_message = UserMessage(
            guard_text(text, shortcuts),
            WidgetOutput(self.registry, self.fanout),
            session.conversation_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        try:
            await on_new_message(user_message)
        except Exception:  # the person gets a kind error; the log gets no message text
            logger.exception("widget: handling a message failed")
            await _send(ws, {"type": "error", "code": "unavailable"})


def _visit_poster(code: str) -> Optional[posters.PosterHint]:
    hint = posters.hint_for(code)
    if hint is not None:
        posters.record_visit(code)
    return hint


async def _read_frame(ws: Any, timeout: Optional[float] = None) -> Optional[Dict[str, Any]]:
    """The next JSON object from the page; None when `timeout` passed without one."""
    data = await ws.recv(timeout=timeout) if timeout is not None else await ws.recv()
    if data is None:
        return None
    if isinstance(data, bytes) or len(data) > MAX_FRAME_BYTES:
        raise FrameError("too_long" if len(data) > MAX_FRAME_BYTES else "bad_request")
    try:
        frame = json.loads(data)
    except ValueError:
        raise FrameError("bad_request") from None
    if not isinstance(frame, dict):
        raise FrameError("bad_request")
    return frame


async def _send(ws: Any, payload: Dict[str, Any]) -> None:
    await ws.send(json.dumps(payload, ensure_ascii=False))
