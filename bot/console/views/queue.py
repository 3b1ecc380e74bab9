"""The queue of waiting conversations (page and JSON for the page's polling) and claiming one."""

import contextlib
import time
from typing import Any, Dict, List

from sanic import Request, response
from sanic.response import HTTPResponse

from bot.console.app import db, problem, render, viewer_of
from bot.console.i18n import signal_label
from bot.console.rasa_api import RasaUnavailable
from bot.handover import queue
from bot.handover.models import Handover, Worker, utcnow
from bot.knowledge.directory import default_directory


def region_name(region_id) -> str:
    if not region_id:
        return ""
    region = default_directory().regions.get(region_id)
    return region.name if region else region_id


def describe(handover: Handover, ui_language: str, request: Request) -> Dict[str, Any]:
    waited = utcnow() - handover.requested_at
    return {
        "id": handover.id,
        "language": handover.language or "",
        "severity": handover.severity or "",
        "signals": [{"code": c, "label": signal_label(c, ui_language)} for c in handover.codes],
        "region": region_name(handover.region),
        "waiting_minutes": max(0, int(waited.total_seconds() // 60)),
        "out_of_hours": bool(handover.out_of_hours),
        "helper_type": handover.helper_type or "",
        "claim_url": request.app.url_for("claim", handover_id=handover.id),
        "open_url": request.app.url_for("conversation_page", handover_id=handover.id),
    }


def queue_state(request: Request) -> Dict[str, List[Dict[str, Any]]]:
    viewer = viewer_of(request)
    with db(request) as session:
        worker = session.get(Worker, viewer.worker_id)
        waiting = [
            describe(h, viewer.ui_language, request) for h in queue.waiting_queue(session, worker)
        ]
        mine = [describe(h, viewer.ui_language, request) for h in queue.claimed_by(session, worker)]
    return {"waiting": waiting, "mine": mine}


def audit_poll(request: Request, action: str, conversation) -> None:
    """Log a repeated read (polling) once a minute per worker and conversation, not every poll."""
    viewer = viewer_of(request)
    key = (viewer.worker_id, action, conversation)
    last = request.app.ctx.last_poll_audit.get(key)
    now = time.monotonic()
    if last is not None and now - last < request.app.ctx.config.poll_audit_interval_seconds:
        return
    request.app.ctx.last_poll_audit[key] = now
    with db(request) as session:
        queue.record(session, viewer.worker_id, action, conversation)


async def queue_page(request: Request) -> HTTPResponse:
    viewer = viewer_of(request)
    state = queue_state(request)
    with db(request) as session:
        queue.record(session, viewer.worker_id, "view_queue", None)
    return render(request, "queue.html", **state)


async def queue_json(request: Request) -> HTTPResponse:
    state = queue_state(request)
    audit_poll(request, "poll_queue", None)
    return response.json(state)


async def claim(request: Request, handover_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    with db(request) as session:
        handover = session.get(Handover, handover_id)
        if handover is None:
            return problem(request, 404, "error_not_found", False)
        if handover.helper_type not in (None, viewer.role):
            return problem(request, 403, "error_forbidden", False)
        worker = session.get(Worker, viewer.worker_id)
        won = queue.claim(session, handover_id, worker)
        conversation = handover.conversation
    if not won:
        return problem(request, 409, "claim_lost", False)
    try:
        await request.app.ctx.rasa.pause_and_join(conversation, viewer.role)
    except RasaUnavailable:
        with db(request) as session:
            queue.release(session, handover_id, session.get(Worker, viewer.worker_id))
        with contextlib.suppress(RasaUnavailable):  # the pause may have gone through
            await request.app.ctx.rasa.append_events(conversation, [{"event": "resume"}])
        return problem(request, 502, "claim_rasa_failed", False)
    return response.redirect(
        request.app.url_for("conversation_page", handover_id=handover_id), status=303
    )
