"""The authorisation matrix (every role, anonymous too, x every endpoint), CSRF, headers, XSS."""

import datetime as dt
import itertools
import uuid

import pytest

from bot.console.app import SECURITY_HEADERS
from bot.console.routes import ROUTES
from bot.handover import queue
from bot.handover.models import Shift, Worker
from bot.store.database import session_scope
from tests.bot.console.conftest import PASSWORD, waiting_request

ACTORS = ("anonymous", "worker", "other_worker", "peer", "coordinator")
USERNAMES = {"worker": "wanda", "other_worker": "walter", "peer": "petra", "coordinator": "cora"}
LATER = (dt.datetime.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
SHIFT_FORM = {
    "starts_at": LATER.strftime("%Y-%m-%dT%H:%M"),
    "ends_at": (LATER + dt.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
}
HELPERS_ONLY = {"anonymous": 401, "coordinator": 403}
OWNER_ONLY = {"anonymous": 401, "other_worker": 403, "peer": 403, "coordinator": 403}
COORDINATOR_ONLY = {"anonymous": 401, "worker": 403, "other_worker": 403, "peer": 403}
SIGNED_IN = {"anonymous": 401}

# route name -> (method, path template, form, expected status per actor, default for the others)
# "worker" owns {claimed} and {closed}; {own_shift} belongs to whoever asks.
MATRIX = {
    "home": ("GET", "/", None, {}, 303),
    "login_form": ("GET", "/login", None, {"anonymous": 200}, 303),
    "login": ("POST", "/login", {"username": "wanda", "password": PASSWORD}, {}, 403),
    "logout": ("POST", "/logout", {}, SIGNED_IN, 303),
    "settings_page": ("GET", "/settings", None, {"anonymous": 303}, 200),
    "set_ui_language": ("POST", "/settings/interface", {"ui_language": "nl"}, SIGNED_IN, 303),
    "set_languages": ("POST", "/settings/languages", {"languages": "nl"}, SIGNED_IN, 303),
    "add_own_shift": ("POST", "/settings/shifts", SHIFT_FORM, SIGNED_IN, 303),
    "delete_own_shift": ("POST", "/settings/shifts/{own_shift}/delete", {}, SIGNED_IN, 303),
    "queue_page": ("GET", "/queue", None, {**HELPERS_ONLY, "anonymous": 303}, 200),
    "queue_json": ("GET", "/api/queue", None, HELPERS_ONLY, 200),
    "claim": ("POST", "/handovers/{waiting}/claim", {}, HELPERS_ONLY, 303),
    "conversation_page": (
        "GET",
        "/handovers/{claimed}",
        None,
        {**OWNER_ONLY, "anonymous": 303},
        200,
    ),
    "events_json": ("GET", "/api/handovers/{claimed}/events", None, OWNER_ONLY, 200),
    "send_message": ("POST", "/api/handovers/{claimed}/messages", {"text": "hi"}, OWNER_ONLY, 200),
    "add_note": ("POST", "/handovers/{claimed}/notes", {"note": "n"}, OWNER_ONLY, 303),
    "close": ("POST", "/handovers/{claimed}/close", {"outcome": "informed"}, OWNER_ONLY, 303),
    "hand_back": ("POST", "/handovers/{claimed}/hand-back", {}, OWNER_ONLY, 303),
    "resume_bot": ("POST", "/handovers/{closed}/resume-bot", {}, OWNER_ONLY, 303),
    "admin_accounts": ("GET", "/admin/accounts", None, {**COORDINATOR_ONLY, "anonymous": 303}, 200),
    "create_account": (
        "POST",
        "/admin/accounts",
        {"username": "{new_name}", "role": "worker", "password": PASSWORD},
        COORDINATOR_ONLY,
        303,
    ),
    "set_account_active": (
        "POST",
        "/admin/accounts/{account}/active",
        {"active": "0"},
        COORDINATOR_ONLY,
        303,
    ),
    "reset_password": (
        "POST",
        "/admin/accounts/{account}/password",
        {"password": PASSWORD},
        COORDINATOR_ONLY,
        303,
    ),
    "admin_shifts": ("GET", "/admin/shifts", None, {**COORDINATOR_ONLY, "anonymous": 303}, 200),
    "admin_add_shift": (
        "POST",
        "/admin/shifts",
        {**SHIFT_FORM, "worker_id": "{account}"},
        COORDINATOR_ONLY,
        303,
    ),
    "admin_delete_shift": ("POST", "/admin/shifts/{any_shift}/delete", {}, COORDINATOR_ONLY, 303),
    "audit_log": ("GET", "/admin/audit", None, {**COORDINATOR_ONLY, "anonymous": 303}, 200),
    "help_directory": (
        "GET",
        "/admin/directory",
        None,
        {**COORDINATOR_ONLY, "anonymous": 303},
        200,
    ),
}


def test_the_matrix_names_every_route():
    assert sorted(MATRIX) == sorted(route.name for route in ROUTES)


class Actors:
    """One logged-in browser per actor, logged in again after a case that ended its session."""

    def __init__(self, console):
        self.console = console
        self.browsers = {}

    def __call__(self, actor):
        if actor == "anonymous":
            return self.console.browser()
        if actor not in self.browsers:
            self.browsers[actor] = self.console.as_role(USERNAMES[actor])
        return self.browsers[actor]

    def forget(self, actor):
        self.browsers.pop(actor, None)


@pytest.fixture(scope="module")
def actors(console):
    return Actors(console)


def fresh_ids(console, actor):
    """New objects for one case, so every case starts from the same state."""
    with session_scope(console.database_url) as session:
        owner = session.query(Worker).filter_by(username="wanda").one()
        ids = {"new_name": "new" + uuid.uuid4().hex[:8]}
        claimed = queue.request_handover(
            session, "m-" + uuid.uuid4().hex, channel="rest", language="nl", helper_type="worker"
        )
        closed = queue.request_handover(
            session, "m-" + uuid.uuid4().hex, channel="rest", language="nl", helper_type="worker"
        )
        session.flush()
        queue.claim(session, claimed.id, owner)
        queue.claim(session, closed.id, owner)
        queue.close(session, closed.id, owner, "informed")
        account = Worker(username="x" + uuid.uuid4().hex[:8], password_hash="x", role="worker")
        session.add(account)
        session.flush()
        any_shift = Shift(
            worker_id=account.id, starts_at=LATER, ends_at=LATER + dt.timedelta(hours=1)
        )
        session.add(any_shift)
        asker = session.query(Worker).filter_by(username=USERNAMES.get(actor, "cora")).one()
        own_shift = Shift(
            worker_id=asker.id, starts_at=LATER, ends_at=LATER + dt.timedelta(hours=1)
        )
        session.add(own_shift)
        session.flush()
        ids.update(
            claimed=claimed.id,
            closed=closed.id,
            account=account.id,
            any_shift=any_shift.id,
            own_shift=own_shift.id,
        )
    ids["waiting"] = waiting_request(console, "m-" + uuid.uuid4().hex, helper_type=None)
    return ids


@pytest.mark.parametrize("name,actor", list(itertools.product(sorted(MATRIX), ACTORS)))
def test_authorisation_matrix(console, actors, name, actor):
    method, template, form, expected_by_actor, default = MATRIX[name]
    ids = fresh_ids(console, actor)
    browser = actors(actor)
    path = template.format(**ids)
    if method == "GET":
        answer = browser.get(path)
    else:
        data = {key: value.format(**ids) for key, value in (form or {}).items()}
        answer = browser.post(path, data)
    expected = expected_by_actor.get(actor, default)
    assert answer.status_code == expected, (name, actor, answer.text[:300])
    if answer.status_code == 303 and name == "logout":
        actors.forget(actor)


POST_ROUTES = sorted(n for n, row in MATRIX.items() if row[0] == "POST" and n != "login")


@pytest.mark.parametrize("name", POST_ROUTES)
@pytest.mark.parametrize("token", [None, "forged"])
def test_every_state_change_needs_the_csrf_token(console, actors, name, token):
    method, template, form, expected_by_actor, default = MATRIX[name]
    actor = "coordinator" if expected_by_actor is COORDINATOR_ONLY else "worker"
    ids = fresh_ids(console, actor)
    browser = actors(actor)
    data = {key: value.format(**ids) for key, value in (form or {}).items()}
    if token:
        data["csrf_token"] = token
    answer = browser.post(template.format(**ids), data, csrf=False)
    assert answer.status_code == 403
    assert "verlopen" in answer.text or "expired" in answer.text


def test_the_csrf_header_works_for_scripts_and_a_wrong_one_does_not(console, actors):
    ids = fresh_ids(console, "worker")
    browser = actors("worker")
    path = f"/api/handovers/{ids['claimed']}/messages"
    wrong = browser.request("POST", path, json={"text": "hi"}, headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    right = browser.request(
        "POST", path, json={"text": "hi"}, headers={"X-CSRF-Token": browser.csrf}
    )
    assert right.status_code == 200


@pytest.mark.parametrize("path", ["/login", "/static/console.js", "/api/queue"])
def test_strict_security_headers_everywhere(console, path):
    answer = console.browser().get(path)
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name] == value
    assert "script-src 'self';" in answer.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in answer.headers["Content-Security-Policy"]


def test_a_persons_markup_is_shown_as_text(console, actors):
    attack = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    ids = fresh_ids(console, "worker")
    with session_scope(console.database_url) as session:
        from bot.handover.models import Handover

        conversation = session.get(Handover, ids["claimed"]).conversation
    console.rasa.say(conversation, attack)
    page = actors("worker").get(f"/handovers/{ids['claimed']}")
    assert page.status_code == 200
    assert attack not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
