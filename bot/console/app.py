"""Build the console's Sanic app: sessions, role checks and CSRF around every route, strict headers.

Every route is declared once in bot.console.routes with the roles that may use it; nothing is
reachable without passing `guard`.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.console import models as _console_tables  # noqa: F401 - registers the sessions table
from bot.console.auth import LoginLimiter, csrf_matches, csrf_token_for, load_session
from bot.console.config import ConsoleConfig
from bot.console.i18n import texts_for
from bot.console.rasa_api import RasaClient
from bot.store.database import session_scope

HERE = Path(__file__).parent
SESSION_COOKIE = "console_session"
LOGIN_CSRF_COOKIE = "console_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
PUBLIC = frozenset({"anonymous"})

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass(frozen=True)
class Viewer:
    """The logged-in account behind a request (copied out of the database session)."""

    worker_id: int
    username: str
    role: str
    languages: tuple
    token: str
    ui_language: str

    @property
    def csrf(self) -> str:
        return csrf_token_for(self.token)

    @property
    def takes_conversations(self) -> bool:
        return self.role in ("worker", "peer")


def db(request: Request):
    return session_scope(request.app.ctx.config.database_url)


def viewer_of(request: Request) -> Optional[Viewer]:
    return getattr(request.ctx, "viewer", None)


def ui_language(request: Request) -> str:
    viewer = viewer_of(request)
    if viewer:
        return viewer.ui_language
    from bot.console.i18n import pick_language

    chosen = request.args.get("lang")
    return (
        chosen if chosen in ("nl", "en") else pick_language(request.headers.get("accept-language"))
    )


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    language = ui_language(request)
    viewer = viewer_of(request)
    html = request.app.ctx.templates.get_template(template).render(
        t=texts_for(language),
        lang=language,
        viewer=viewer,
        csrf=viewer.csrf if viewer else context.pop("login_csrf", ""),
        url_for=request.app.url_for,
        **context,
    )
    return response.html(html, status=status)


def problem(request: Request, status: int, key: str, api: bool) -> HTTPResponse:
    """An error as JSON for scripts, or as a small page, always in the viewer's language."""
    if api:
        message = texts_for(ui_language(request))[key]
        return response.json({"error": key, "message": message}, status=status)
    return render(request, "message.html", status=status, message_key=key)


def is_api(request: Request) -> bool:
    return request.path.startswith("/api/")


def guard(route):
    """Wrap a route's handler: login, role, CSRF on every state change; then the handler."""

    async def handler(request: Request, **kwargs: Any) -> HTTPResponse:
        viewer = viewer_of(request)
        api = route.api
        if route.roles != PUBLIC:
            if viewer is None:
                if request.method == "GET" and not api:
                    return response.redirect(request.app.url_for("login_form"), status=303)
                return problem(request, 401, "error_login_needed", api)
            if viewer.role not in route.roles:
                return problem(request, 403, "error_forbidden", api)
            if request.method != "GET":
                given = request.headers.get(CSRF_HEADER) or _form_value(request, CSRF_FIELD)
                if not csrf_matches(viewer.csrf, given):
                    return problem(request, 403, "error_csrf", api)
        return await route.handler(request, **kwargs)

    handler.__name__ = route.name
    return handler


def _form_value(request: Request, name: str) -> Optional[str]:
    content_type = request.headers.get("content-type", "")
    if "form" not in content_type:
        return None
    return request.form.get(name)


async def attach_viewer(request: Request) -> None:
    request.ctx.viewer = None
    token = request.cookies.get(SESSION_COOKIE)
    if not token or request.path.startswith("/static/"):
        return
    with db(request) as session:
        found = load_session(session, token, request.app.ctx.config)
        if found:
            row, worker = found
            request.ctx.viewer = Viewer(
                worker.id,
                worker.username,
                worker.role,
                tuple(worker.language_list),
                token,
                row.ui_language,
            )


async def add_security_headers(request: Request, resp: HTTPResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        resp.headers[name] = value


def set_cookie(resp: HTTPResponse, name: str, value: str, max_age: Optional[int] = None) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["httponly"] = True
    cookie["secure"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    if max_age is not None:
        cookie["max-age"] = max_age


def clear_cookie(resp: HTTPResponse, name: str) -> None:
    set_cookie(resp, name, "", max_age=0)


def create_app(config: Optional[ConsoleConfig] = None, name: str = "firstcontact_console") -> Sanic:
    from bot.console.routes import ROUTES

    config = config or ConsoleConfig.from_environment()
    app = Sanic(name, configure_logging=False)
    app.config.ACCESS_LOG = False  # access logs would hold addresses
    app.config.REQUEST_MAX_SIZE = 1_000_000
    app.ctx.config = config
    app.ctx.limiter = LoginLimiter.from_config(config)
    app.ctx.last_poll_audit: Dict[tuple, float] = {}
    app.ctx.started = time.monotonic()
    app.ctx.templates = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    app.static("/static", str(HERE / "static"), name="static")
    app.register_middleware(attach_viewer, "request")
    app.register_middleware(add_security_headers, "response")
    for route in ROUTES:
        app.add_route(guard(route), route.path, methods=[route.method], name=route.name)

    @app.listener("before_server_start")
    async def open_rasa_client(app: Sanic, _loop) -> None:
        app.ctx.rasa = RasaClient(config.rasa_url, config.api_token)

    @app.listener("after_server_stop")
    async def close_rasa_client(app: Sanic, _loop) -> None:
        await app.ctx.rasa.close()

    return app
