"""Login, logout and one's own settings: interface language, spoken languages, own shifts."""

import secrets

from sanic import Request, response
from sanic.response import HTTPResponse

from bot.console import shifts as shift_rules
from bot.console.app import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    clear_cookie,
    csrf_matches,
    db,
    render,
    set_cookie,
    ui_language,
    viewer_of,
)
from bot.console.auth import authenticate, end_session, start_session, token_hash
from bot.console.models import UI_LANGUAGES, ConsoleSession
from bot.handover import queue
from bot.handover.models import Shift, Worker
from bot.languages import SUPPORTED_LANGUAGES


def home_of(request: Request) -> str:
    viewer = viewer_of(request)
    if viewer and viewer.role == "coordinator":
        return request.app.url_for("admin_accounts")
    return request.app.url_for("queue_page")


async def login_form(request: Request) -> HTTPResponse:
    if viewer_of(request):
        return response.redirect(home_of(request), status=303)
    return _login_page(request, 200, None)


def _login_page(request: Request, status: int, error_key) -> HTTPResponse:
    login_csrf = secrets.token_urlsafe(24)
    page = render(request, "login.html", status=status, login_csrf=login_csrf, error_key=error_key)
    set_cookie(page, LOGIN_CSRF_COOKIE, login_csrf, max_age=3600)
    return page


async def login(request: Request) -> HTTPResponse:
    if not csrf_matches(request.cookies.get(LOGIN_CSRF_COOKIE, ""), request.form.get("csrf_token")):
        return _login_page(request, 403, "error_csrf")
    username = (request.form.get("username") or "")[:128]
    password = (request.form.get("password") or "")[:1024]
    address = request.ip or ""
    limiter = request.app.ctx.limiter
    if limiter.blocked(username, address):
        return _login_page(request, 429, "login_rate_limited")
    with db(request) as session:
        worker = authenticate(session, username, password)
        if worker is None:
            limiter.failed(username, address)
            return _login_page(request, 401, "login_failed")
        chosen = request.form.get("ui_language")
        language = chosen if chosen in UI_LANGUAGES else ui_language(request)
        token = start_session(session, worker, language, request.cookies.get(SESSION_COOKIE))
        queue.record(session, worker.id, "login", None)
        home = "admin_accounts" if worker.role == "coordinator" else "queue_page"
    done = response.redirect(request.app.url_for(home), status=303)
    set_cookie(done, SESSION_COOKIE, token)
    clear_cookie(done, LOGIN_CSRF_COOKIE)
    return done


async def logout(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    with db(request) as session:
        end_session(session, viewer.token)
        queue.record(session, viewer.worker_id, "logout", None)
    done = response.redirect(request.app.url_for("login_form"), status=303)
    clear_cookie(done, SESSION_COOKIE)
    return done


async def settings_page(request: Request, status: int = 200, error_key=None) -> HTTPResponse:
    viewer = viewer_of(request)
    with db(request) as session:
        own_shifts = shift_rules.upcoming(session, worker_id=viewer.worker_id)
        rows = [shift_rules.as_row(shift, None) for shift in own_shifts]
    return render(
        request,
        "settings.html",
        status=status,
        shifts=rows,
        all_languages=SUPPORTED_LANGUAGES,
        ui_languages=UI_LANGUAGES,
        error_key=error_key,
    )


async def set_ui_language(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    chosen = request.form.get("ui_language")
    if chosen not in UI_LANGUAGES:
        return await settings_page(request, 400, "error_bad_input")
    with db(request) as session:
        session.query(ConsoleSession).filter(
            ConsoleSession.token_hash == token_hash(viewer.token)
        ).update({ConsoleSession.ui_language: chosen})
    return response.redirect(request.app.url_for("settings_page"), status=303)


async def set_languages(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    chosen = [code for code in SUPPORTED_LANGUAGES if code in request.form.getlist("languages", [])]
    with db(request) as session:
        session.get(Worker, viewer.worker_id).languages = ",".join(chosen)
        queue.record(session, viewer.worker_id, "set_languages", None, ",".join(chosen))
    return response.redirect(request.app.url_for("settings_page"), status=303)


async def add_own_shift(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    try:
        starts, ends = shift_rules.parse_form(request.form)
    except ValueError:
        return await settings_page(request, 400, "error_bad_shift")
    with db(request) as session:
        shift_rules.add(session, viewer.worker_id, starts, ends, actor_id=viewer.worker_id)
    return response.redirect(request.app.url_for("settings_page"), status=303)


async def delete_own_shift(request: Request, shift_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    with db(request) as session:
        shift = session.get(Shift, shift_id)
        if shift is None or shift.worker_id != viewer.worker_id:
            return render(request, "message.html", status=404, message_key="error_not_found")
        shift_rules.delete(session, shift, actor_id=viewer.worker_id)
    return response.redirect(request.app.url_for("settings_page"), status=303)
