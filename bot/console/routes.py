"""The one route table: every path, its method and the roles that may use it.

`anonymous` alone means public. A state-changing request (anything but GET) also needs the
session's CSRF token (bot.console.app.guard); the login form has its own double-submit token.
"""

from dataclasses import dataclass
from typing import Callable, FrozenSet

from bot.console.views import account, admin, conversation, queue

ANONYMOUS = frozenset({"anonymous"})
EVERYONE = frozenset({"worker", "peer", "coordinator"})
HELPERS = frozenset({"worker", "peer"})
COORDINATOR = frozenset({"coordinator"})


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    handler: Callable
    roles: FrozenSet[str]
    api: bool = False


async def _home(request):
    from sanic import response

    return response.redirect(account.home_of(request), status=303)


ROUTES = (
    Route("home", "GET", "/", _home, ANONYMOUS),
    Route("login_form", "GET", "/login", account.login_form, ANONYMOUS),
    Route("login", "POST", "/login", account.login, ANONYMOUS),
    Route("logout", "POST", "/logout", account.logout, EVERYONE),
    Route("settings_page", "GET", "/settings", account.settings_page, EVERYONE),
    Route("set_ui_language", "POST", "/settings/interface", account.set_ui_language, EVERYONE),
    Route("set_languages", "POST", "/settings/languages", account.set_languages, EVERYONE),
    Route("add_own_shift", "POST", "/settings/shifts", account.add_own_shift, EVERYONE),
    Route(
        "delete_own_shift",
        "POST",
        "/settings/shifts/<shift_id:int>/delete",
        account.delete_own_shift,
        EVERYONE,
    ),
    Route("queue_page", "GET", "/queue", queue.queue_page, HELPERS),
    Route("queue_json", "GET", "/api/queue", queue.queue_json, HELPERS, api=True),
    Route("claim", "POST", "/handovers/<handover_id:int>/claim", queue.claim, HELPERS),
    Route(
        "conversation_page",
        "GET",
        "/handovers/<handover_id:int>",
        conversation.conversation_page,
        HELPERS,
    ),
    Route(
        "events_json",
        "GET",
        "/api/handovers/<handover_id:int>/events",
        conversation.events_json,
        HELPERS,
        api=True,
    ),
    Route(
        "send_message",
        "POST",
        "/api/handovers/<handover_id:int>/messages",
        conversation.send_message,
        HELPERS,
        api=True,
    ),
    Route("add_note", "POST", "/handovers/<handover_id:int>/notes", conversation.add_note, HELPERS),
    Route("close", "POST", "/handovers/<handover_id:int>/close", conversation.close, HELPERS),
    Route(
        "hand_back",
        "POST",
        "/handovers/<handover_id:int>/hand-back",
        conversation.hand_back,
        HELPERS,
    ),
    Route(
        "resume_bot",
        "POST",
        "/handovers/<handover_id:int>/resume-bot",
        conversation.resume_bot,
        HELPERS,
    ),
    Route("admin_accounts", "GET", "/admin/accounts", admin.accounts_page, COORDINATOR),
    Route("create_account", "POST", "/admin/accounts", admin.create, COORDINATOR),
    Route(
        "set_account_active",
        "POST",
        "/admin/accounts/<account_id:int>/active",
        admin.set_active,
        COORDINATOR,
    ),
    Route(
        "reset_password",
        "POST",
        "/admin/accounts/<account_id:int>/password",
        admin.reset_password,
        COORDINATOR,
    ),
    Route("admin_shifts", "GET", "/admin/shifts", admin.shifts_page, COORDINATOR),
    Route("admin_add_shift", "POST", "/admin/shifts", admin.add_shift, COORDINATOR),
    Route(
        "admin_delete_shift",
        "POST",
        "/admin/shifts/<shift_id:int>/delete",
        admin.delete_shift,
        COORDINATOR,
    ),
    Route("audit_log", "GET", "/admin/audit", admin.audit_page, COORDINATOR),
    Route("help_directory", "GET", "/admin/directory", admin.directory_page, COORDINATOR),
)
