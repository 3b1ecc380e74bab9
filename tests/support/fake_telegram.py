"""A fake Telegram Bot API on 127.0.0.1, for tests: python-telegram-bot talks to it via base_url.

It answers `/bot<token>/<method>` with results shaped like Telegram's, records every call, and
can be told to answer the next calls with 429 (retry_after), 500, or not at all (a hang).
Also here: builders of the updates Telegram would post to a webhook.
"""

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from aiohttp import web

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijklm"
BOT_USERNAME = "firstcontact_test_bot"
BOT_ID = 123456789
WHOLE_NUMBER_PARAMETERS = {"chat_id", "message_id", "max_connections", "cache_time"}
JSON_PARAMETERS = {"reply_markup", "allowed_updates", "drop_pending_updates", "show_alert"}


@dataclass
class ApiCall:
    method: str
    params: Dict[str, Any]
    answer: str  # "ok", "429", "500", "hang", "unauthorized", "unknown"


@dataclass
class _Trouble:
    kind: str  # "429", "500" or "hang"
    retry_after: int = 1


@dataclass
class FakeTelegram:
    token: str = TOKEN
    username: str = BOT_USERNAME
    calls: List[ApiCall] = field(default_factory=list)
    webhook: Dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._trouble: List[_Trouble] = []
        self._message_ids = itertools.count(1000)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._release: Optional[asyncio.Event] = None
        self._thread: Optional[threading.Thread] = None
        self.port = 0

    # --- control -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """python-telegram-bot's `base_url` (the token is appended to it)."""
        return f"http://127.0.0.1:{self.port}/bot"

    def fail_next(self, count: int, status: int = 429, retry_after: int = 1) -> None:
        with self._lock:
            self._trouble.extend(_Trouble(str(status), retry_after) for _ in range(count))

    def hang_next(self, count: int) -> None:
        with self._lock:
            self._trouble.extend(_Trouble("hang") for _ in range(count))

    def calls_to(self, method: str, answer: Optional[str] = "ok") -> List[Dict[str, Any]]:
        """Parameters of the calls to `method` (those answered `answer`; None for all)."""
        with self._lock:
            return [
                c.params
                for c in self.calls
                if c.method == method and (answer is None or c.answer == answer)
            ]

    def sent_texts(self) -> List[str]:
        return [params.get("text") for params in self.calls_to("sendMessage")]

    def start(self) -> "FakeTelegram":
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(timeout=30):
            raise RuntimeError("fake Telegram server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._release.set)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=30)

    def __enter__(self) -> "FakeTelegram":
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()

    # --- server ----------------------------------------------------------------------------

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._release = asyncio.Event()
        app = web.Application()
        app.router.add_route("POST", "/{path:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())
        self._loop.close()

    async def _handle(self, request: web.Request) -> web.Response:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            self._record("?", {}, "unauthorized")
            return _error(401, "Unauthorized")
        method = request.path[len(prefix) :]
        params = await _params(request)
        with self._lock:
            trouble = self._trouble.pop(0) if self._trouble else None
        if trouble is not None:
            self._record(method, params, trouble.kind)
            if trouble.kind == "hang":
                await self._release.wait()
                return _error(500, "Internal Server Error")
            if trouble.kind == "429":
                return _error(
                    429,
                    f"Too Many Requests: retry after {trouble.retry_after}",
                    {"retry_after": trouble.retry_after},
                )
            return _error(int(trouble.kind), "Internal Server Error")
        answer = getattr(self, f"_api_{method}", None)
        if answer is None:
            self._record(method, params, "unknown")
            return _error(404, "Not Found: method not found")
        self._record(method, params, "ok")
        return web.json_response({"ok": True, "result": answer(params)})

    def _record(self, method: str, params: Dict[str, Any], answer: str) -> None:
        with self._lock:
            self.calls.append(ApiCall(method, params, answer))

    # --- Bot API methods ---------------------------------------------------------------------

    def _bot_user(self) -> Dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "First contact (test)",
            "username": self.username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _message(self, params: Dict[str, Any], message_id: Optional[int] = None) -> Dict:
        message = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "from": self._bot_user(),
            "chat": {"id": params.get("chat_id"), "type": "private", "first_name": "Someone"},
        }
        if "text" in params:
            message["text"] = params["text"]
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _api_getMe(self, params: Dict[str, Any]) -> Dict:
        return self._bot_user()

    def _api_sendMessage(self, params: Dict[str, Any]) -> Dict:
        return self._message(params)

    def _api_editMessageReplyMarkup(self, params: Dict[str, Any]) -> Dict:
        return self._message(params, message_id=params.get("message_id"))

    def _api_answerCallbackQuery(self, params: Dict[str, Any]) -> bool:
        return True

    def _api_setWebhook(self, params: Dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _api_deleteWebhook(self, params: Dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _api_getWebhookInfo(self, params: Dict[str, Any]) -> Dict:
        info = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
            "max_connections": 40,
        }
        if self.webhook.get("allowed_updates"):
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info


async def _params(request: web.Request) -> Dict[str, Any]:
    if request.content_type == "application/json":
        return await request.json()
    form = await request.post()
    params: Dict[str, Any] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            continue  # an uploaded file: nothing the assistant should ever send
        decode = key in WHOLE_NUMBER_PARAMETERS or key in JSON_PARAMETERS
        params[key] = json.loads(value) if decode else value
    return params


def _error(code: int, description: str, parameters: Optional[Dict] = None) -> web.Response:
    body: Dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


# --- updates, as Telegram posts them to the webhook ---------------------------------------------

_update_ids = itertools.count(500_000)


def _user(chat_id: int, language_code: Optional[str]) -> Dict[str, Any]:
    user: Dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Someone"}
    if language_code:
        user["language_code"] = language_code
    return user


def message_update(
    chat_id: int, language_code: Optional[str] = None, chat_type: str = "private", **content: Any
) -> Dict[str, Any]:
    """An update with a message; `content` is e.g. text="hallo" or photo=[...]."""
    chat: Dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = "Someone"
    else:
        chat["title"] = "A group"
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": _user(chat_id, language_code),
            **content,
        },
    }


def text_update(chat_id: int, text: str, language_code: Optional[str] = None, **kw: Any) -> Dict:
    return message_update(chat_id, language_code, text=text, **kw)


def photo_update(chat_id: int, language_code: Optional[str] = None, **content: Any) -> Dict:
    photo = [{"file_id": "AgAC-photo", "file_unique_id": "AQAD", "width": 90, "height": 90}]
    return message_update(chat_id, language_code, photo=photo, **content)


def voice_update(chat_id: int, language_code: Optional[str] = None) -> Dict:
    voice = {"file_id": "AwAC-voice", "file_unique_id": "AgAD", "duration": 3}
    return message_update(chat_id, language_code, voice=voice)


def sticker_update(chat_id: int, language_code: Optional[str] = None) -> Dict:
    sticker = {
        "file_id": "CAAC-sticker",
        "file_unique_id": "AgAE",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return message_update(chat_id, language_code, sticker=sticker)


def document_update(chat_id: int, language_code: Optional[str] = None) -> Dict:
    document = {"file_id": "BQAC-doc", "file_unique_id": "AgAF", "file_name": "passport.pdf"}
    return message_update(chat_id, language_code, document=document)


def location_update(chat_id: int, language_code: Optional[str] = None) -> Dict:
    return message_update(chat_id, language_code, location={"latitude": 52.37, "longitude": 4.89})


def callback_update(
    chat_id: int,
    data: str,
    language_code: Optional[str] = None,
    keyboard_message_id: int = 1000,
) -> Dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"cbq-{next(_update_ids)}",
            "from": _user(chat_id, language_code),
            "chat_instance": "-42",
            "data": data,
            "message": {
                "message_id": keyboard_message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Someone"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "First contact (test)"},
                "text": "Choose a topic",
            },
        },
    }


def edited_message_update(chat_id: int, text: str) -> Dict[str, Any]:
    update = text_update(chat_id, text)
    update["edited_message"] = update.pop("message")
    update["edited_message"]["edit_date"] = int(time.time())
    return update
