"""Coordinator pages: accounts, everyone's shifts, the audit log, the help directory (read-only)."""

from sanic import Request, response
from sanic.response import HTTPResponse

from bot.console import shifts as shift_rules
from bot.console.app import db, problem, render, viewer_of
from bot.console.auth import WeakPassword, create_account, end_sessions_of, hash_password
from bot.handover import queue
from bot.handover.models import ROLES, AuditEntry, Shift, Worker
from bot.knowledge.directory import default_directory
from bot.languages import SUPPORTED_LANGUAGES

AUDIT_PAGE_SIZE = 200


def _chosen_languages(request: Request) -> str:
    chosen = request.form.getlist("languages", [])
    return ",".join(code for code in SUPPORTED_LANGUAGES if code in chosen)


async def accounts_page(request: Request, status: int = 200, error_key=None) -> HTTPResponse:
    with db(request) as session:
        accounts = [
            {
                "id": w.id,
                "username": w.username,
                "role": w.role,
                "languages": w.languages,
                "active": w.active,
            }
            for w in session.query(Worker).order_by(Worker.username)
        ]
    return render(
        request,
        "admin_accounts.html",
        status=status,
        accounts=accounts,
        roles=ROLES,
        all_languages=SUPPORTED_LANGUAGES,
        error_key=error_key,
    )


async def create(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    try:
        with db(request) as session:
            worker = create_account(
                session,
                request.form.get("username") or "",
                request.form.get("password") or "",
                request.form.get("role") or "",
                _chosen_languages(request),
            )
            queue.record(session, viewer.worker_id, "create_account", None, f"account {worker.id}")
    except WeakPassword:
        return await accounts_page(request, 400, "error_weak_password")
    except ValueError:
        return await accounts_page(request, 400, "error_bad_account")
    return response.redirect(request.app.url_for("admin_accounts"), status=303)


async def set_active(request: Request, account_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    active = request.form.get("active") == "1"
    if account_id == viewer.worker_id:
        return await accounts_page(request, 400, "error_not_yourself")
    with db(request) as session:
        worker = session.get(Worker, account_id)
        if worker is None:
            return problem(request, 404, "error_not_found", False)
        worker.active = active
        if not active:
            end_sessions_of(session, worker.id)
        action = "activate_account" if active else "deactivate_account"
        queue.record(session, viewer.worker_id, action, None, f"account {worker.id}")
    return response.redirect(request.app.url_for("admin_accounts"), status=303)


async def reset_password(request: Request, account_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    try:
        new_hash = hash_password(request.form.get("password") or "")
    except WeakPassword:
        return await accounts_page(request, 400, "error_weak_password")
    with db(request) as session:
        worker = session.get(Worker, account_id)
        if worker is None:
            return problem(request, 404, "error_not_found", False)
        worker.password_hash = new_hash
        end_sessions_of(session, worker.id)
        queue.record(session, viewer.worker_id, "reset_password", None, f"account {worker.id}")
    return response.redirect(request.app.url_for("admin_accounts"), status=303)


async def shifts_page(request: Request, status: int = 200, error_key=None) -> HTTPResponse:
    with db(request) as session:
        workers = {w.id: w for w in session.query(Worker).order_by(Worker.username)}
        rows = [
            shift_rules.as_row(s, workers.get(s.worker_id)) for s in shift_rules.upcoming(session)
        ]
        helpers = [
            {"id": w.id, "username": w.username, "role": w.role}
            for w in workers.values()
            if w.active and w.role != "coordinator"
        ]
    return render(
        request,
        "admin_shifts.html",
        status=status,
        shifts=rows,
        helpers=helpers,
        error_key=error_key,
    )


async def add_shift(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    try:
        starts, ends = shift_rules.parse_form(request.form)
        worker_id = int(request.form.get("worker_id") or "")
    except ValueError:
        return await shifts_page(request, 400, "error_bad_shift")
    with db(request) as session:
        if session.get(Worker, worker_id) is None:
            return problem(request, 404, "error_not_found", False)
        shift_rules.add(session, worker_id, starts, ends, actor_id=viewer.worker_id)
    return response.redirect(request.app.url_for("admin_shifts"), status=303)


async def delete_shift(request: Request, shift_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    with db(request) as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            return problem(request, 404, "error_not_found", False)
        shift_rules.delete(session, shift, actor_id=viewer.worker_id)
    return response.redirect(request.app.url_for("admin_shifts"), status=303)


async def audit_page(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    username = (request.args.get("worker") or "").strip().lower()
    conversation = (request.args.get("conversation") or "").strip()
    with db(request) as session:
        names = {w.id: w.username for w in session.query(Worker)}
        query = session.query(AuditEntry)
        if username:
            ids = [i for i, name in names.items() if name == username]
            query = query.filter(AuditEntry.actor_id.in_(ids))
        if conversation:
            query = query.filter(AuditEntry.conversation == conversation)
        entries = [
            {
                "at": shift_rules.to_local_text(e.at) + e.at.strftime(":%S"),
                "who": names.get(e.actor_id, "") if e.actor_id else "",
                "action": e.action,
                "conversation": e.conversation or "",
                "detail": e.detail or "",
            }
            for e in query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(
                AUDIT_PAGE_SIZE
            )
        ]
        queue.record(session, viewer.worker_id, "view_audit", None)
    return render(
        request,
        "audit.html",
        entries=entries,
        worker_filter=username,
        conversation_filter=conversation,
    )


async def directory_page(request: Request) -> HTTPResponse:
    directory = default_directory()
    return render(
        request,
        "directory.html",
        organisations=directory.organisations,
        regions=directory.regions,
    )
