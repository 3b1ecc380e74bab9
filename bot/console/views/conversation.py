"""One claimed conversation: transcript, live polling, replies, private notes, close, hand back.

Only the worker who claimed a conversation reaches it; every read and write is in the audit log
(never the content).
"""

from typing import Any, Dict, Optional, Tuple, Union

from sanic import Request, response
from sanic.response import HTTPResponse

from bot.console.app import db, problem, render, viewer_of
from bot.console.quick_replies import for_conversation
from bot.console.rasa_api import RasaUnavailable, TranscriptLine
from bot.console.views.queue import audit_poll, describe
from bot.handover import queue
from bot.handover.models import CLAIMED, Handover, HandoverNote, Worker
from bot.privacy.encryption import decrypt, encrypt
from bot.store.database import session_scope

OUTCOMES = (
    "informed",
    "referred",
    "handed_back",
    "no_response",
    "person_left",
    "emergency_services",
)
MAX_MESSAGE_LENGTH = 2000
MAX_NOTE_LENGTH = 4000


def state_of(handover: Handover) -> str:
    if handover.status == CLAIMED:
        return "live"
    return "ended_by_person" if handover.outcome == "ended_by_person" else "closed"


def line_json(line: TranscriptLine) -> Dict[str, Any]:
    return {"index": line.index, "kind": line.kind, "text": line.text, "at": line.at}


def own_handover(
    request: Request, handover_id: int, api: bool, live: bool = False
) -> Union[HTTPResponse, Tuple[str, str, Optional[str], Dict[str, Any]]]:
    """(conversation, state, language, queue description) of a handover the viewer claimed."""
    viewer = viewer_of(request)
    with db(request) as session:
        handover = session.get(Handover, handover_id)
        if handover is None:
            return problem(request, 404, "error_not_found", api)
        if handover.claimed_by != viewer.worker_id:
            return problem(request, 403, "error_not_yours", api)
        state = state_of(handover)
        if live and state != "live":
            return problem(request, 409, f"state_{state}", api)
        summary = describe(handover, viewer.ui_language, request)
        return handover.conversation, state, handover.language, summary


async def conversation_page(request: Request, handover_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    found = own_handover(request, handover_id, api=False)
    if isinstance(found, HTTPResponse):
        return found
    conversation, state, language, summary = found
    rasa_error = False
    try:
        lines = await request.app.ctx.rasa.transcript(conversation)
    except RasaUnavailable:
        lines, rasa_error = [], True
    with db(request) as session:
        queue.record(session, viewer.worker_id, "open_conversation", conversation)
        notes = [
            {"text": decrypt(note.text_encrypted), "at": note.created_at}
            for note in session.query(HandoverNote)
            .join(Handover, Handover.id == HandoverNote.handover_id)
            .filter(Handover.conversation == conversation)
            .order_by(HandoverNote.created_at)
        ]
    return render(
        request,
        "conversation.html",
        handover=summary,
        state=state,
        lines=lines,
        cursor=lines[-1].index if lines else -1,
        notes=notes,
        quick_replies=for_conversation(language or "", viewer.role),
        outcomes=OUTCOMES,
        rasa_error=rasa_error,
    )


async def events_json(request: Request, handover_id: int) -> HTTPResponse:
    found = own_handover(request, handover_id, api=True)
    if isinstance(found, HTTPResponse):
        return found
    conversation, state, _language, _summary = found
    try:
        after = int(request.args.get("after", "-1"))
    except ValueError:
        after = -1
    audit_poll(request, "poll_conversation", conversation)
    try:
        lines = await request.app.ctx.rasa.transcript(conversation, after)
    except RasaUnavailable:
        return response.json({"state": state, "lines": [], "rasa_error": True}, status=502)
    return response.json({"state": state, "lines": [line_json(line) for line in lines]})


async def send_message(request: Request, handover_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    found = own_handover(request, handover_id, api=True, live=True)
    if isinstance(found, HTTPResponse):
        return found
    conversation = found[0]
    body = request.json if "json" in request.headers.get("content-type", "") else None
    text = ((body or {}).get("text") if isinstance(body, dict) else request.form.get("text")) or ""
    text = text.strip()
    if not text or len(text) > MAX_MESSAGE_LENGTH:
        return problem(request, 400, "error_bad_input", True)
    try:
        await request.app.ctx.rasa.send_worker_message(conversation, text)
    except RasaUnavailable:
        return problem(request, 502, "message_not_sent", True)
    with db(request) as session:
        queue.record(session, viewer.worker_id, "message", conversation)
    return response.json({"sent": True})


async def add_note(request: Request, handover_id: int) -> HTTPResponse:
    viewer = viewer_of(request)
    found = own_handover(request, handover_id, api=False)
    if isinstance(found, HTTPResponse):
        return found
    text = (request.form.get("note") or "").strip()
    if not text or len(text) > MAX_NOTE_LENGTH:
        return problem(request, 400, "error_bad_input", False)
    with db(request) as session:
        session.add(
            HandoverNote(
                handover_id=handover_id, author_id=viewer.worker_id, text_encrypted=encrypt(text)
            )
        )
        queue.record(session, viewer.worker_id, "note", found[0])
    return response.redirect(
        request.app.url_for("conversation_page", handover_id=handover_id) + "#notes", status=303
    )


async def close(request: Request, handover_id: int) -> HTTPResponse:
    outcome = request.form.get("outcome")
    if outcome not in OUTCOMES:
        return problem(request, 400, "error_bad_outcome", False)
    return await _finish(request, handover_id, outcome)


async def hand_back(request: Request, handover_id: int) -> HTTPResponse:
    return await _finish(request, handover_id, "handed_back")


async def _finish(request: Request, handover_id: int, outcome: str) -> HTTPResponse:
    viewer = viewer_of(request)
    found = own_handover(request, handover_id, api=False, live=True)
    if isinstance(found, HTTPResponse):
        return found
    conversation = found[0]
    with db(request) as session:
        queue.close(session, handover_id, session.get(Worker, viewer.worker_id), outcome)
    return await _bot_back(request, handover_id, conversation)


async def resume_bot(request: Request, handover_id: int) -> HTTPResponse:
    """Try again to give the conversation back to the bot after Rasa did not answer."""
    found = own_handover(request, handover_id, api=False)
    if isinstance(found, HTTPResponse):
        return found
    conversation, state = found[0], found[1]
    if state == "live":
        return problem(request, 409, "state_live", False)
    return await _bot_back(request, handover_id, conversation)


async def _bot_back(request: Request, handover_id: int, conversation: str) -> HTTPResponse:
    try:
        await request.app.ctx.rasa.resume_bot(conversation)
    except RasaUnavailable:
        return render(
            request,
            "message.html",
            status=502,
            message_key="bot_back_failed",
            retry_url=request.app.url_for("resume_bot", handover_id=handover_id),
        )
    with session_scope(request.app.ctx.config.database_url) as session:
        queue.record(session, viewer_of(request).worker_id, "bot_back", conversation)
    return response.redirect(request.app.url_for("queue_page") + "?closed=1", status=303)
