"""Own shifts and languages, everyone's shifts for coordinators; a shift puts a worker on duty."""

import datetime as dt
import re

from bot.console.shifts import to_utc
from bot.handover import queue
from bot.handover.models import Shift, Worker
from bot.store.database import session_scope


def local(hours_from_now: float) -> str:
    moment = dt.datetime.now() + dt.timedelta(hours=hours_from_now)
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_a_worker_adds_lists_and_removes_own_shifts(console):
    browser = console.as_role("petra")
    answer = browser.post("/settings/shifts", {"starts_at": local(30), "ends_at": local(34)})
    assert answer.status_code == 303
    page = browser.get("/settings").text
    shift_ids = re.findall(r"/settings/shifts/(\d+)/delete", page)
    assert shift_ids
    with session_scope(console.database_url) as session:
        shift = session.get(Shift, int(shift_ids[-1]))
        petra = session.query(Worker).filter_by(username="petra").one()
        assert shift.worker_id == petra.id
        assert shift.ends_at - shift.starts_at == dt.timedelta(hours=4)
    assert browser.post(f"/settings/shifts/{shift_ids[-1]}/delete").status_code == 303
    with session_scope(console.database_url) as session:
        assert session.get(Shift, int(shift_ids[-1])) is None


def test_invalid_shifts_are_refused(console):
    browser = console.as_role("petra")
    for form in (
        {"starts_at": local(5), "ends_at": local(4)},
        {"starts_at": local(1), "ends_at": local(30)},
        {"starts_at": local(-5), "ends_at": local(-1)},
        {"starts_at": "tomorrow", "ends_at": local(3)},
    ):
        assert browser.post("/settings/shifts", form).status_code == 400


def test_nobody_removes_anothers_shift_from_their_own_settings(console):
    with session_scope(console.database_url) as session:
        cora = session.query(Worker).filter_by(username="cora").one()
        start = dt.datetime.utcnow() + dt.timedelta(days=1)
        shift = Shift(worker_id=cora.id, starts_at=start, ends_at=start + dt.timedelta(hours=2))
        session.add(shift)
        session.flush()
        shift_id = shift.id
    assert console.as_role("petra").post(f"/settings/shifts/{shift_id}/delete").status_code == 404


def test_a_shift_now_puts_the_worker_on_duty_for_the_assistant(console):
    browser = console.as_role("walter")
    browser.post("/settings/shifts", {"starts_at": local(-0.5), "ends_at": local(2)})
    with session_scope(console.database_url) as session:
        on_duty = {
            w.username for w in queue.workers_on_shift(session, "worker", dt.datetime.utcnow())
        }
    assert "walter" in on_duty
    assert "nu bezig" in browser.get("/settings").text


def test_languages_a_worker_speaks(console):
    browser = console.as_role("walter")
    browser.request(
        "POST",
        "/settings/languages",
        content="languages=nl&languages=pl&languages=xx&csrf_token=" + browser.csrf,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with session_scope(console.database_url) as session:
        assert session.query(Worker).filter_by(username="walter").one().languages == "nl,pl"


def test_a_coordinator_plans_shifts_for_anyone_and_sees_them_all(console):
    coordinator = console.as_role("cora")
    with session_scope(console.database_url) as session:
        wanda = session.query(Worker).filter_by(username="wanda").one().id
    form = {"worker_id": str(wanda), "starts_at": local(50), "ends_at": local(58)}
    assert coordinator.post("/admin/shifts", form).status_code == 303
    page = coordinator.get("/admin/shifts").text
    assert "wanda" in page
    with session_scope(console.database_url) as session:
        starts = to_utc(dt.datetime.strptime(form["starts_at"], "%Y-%m-%dT%H:%M"))
        assert session.query(Shift).filter_by(worker_id=wanda, starts_at=starts).count() == 1


def test_a_coordinator_manages_accounts(console):
    coordinator = console.as_role("cora")
    created = coordinator.post(
        "/admin/accounts",
        {"username": "newbie", "role": "peer", "password": "twelve chars or more"},
    )
    assert created.status_code == 303
    assert console.browser().login("newbie", "twelve chars or more").status_code == 303
    weak = coordinator.post(
        "/admin/accounts", {"username": "weak", "role": "peer", "password": "short"}
    )
    assert weak.status_code == 400
    with session_scope(console.database_url) as session:
        newbie = session.query(Worker).filter_by(username="newbie").one().id
    newbie_browser = console.browser()
    newbie_browser.login("newbie", "twelve chars or more")
    assert coordinator.post(f"/admin/accounts/{newbie}/active", {"active": "0"}).status_code == 303
    assert newbie_browser.get("/queue").status_code == 303  # signed out at once
    assert console.browser().login("newbie", "twelve chars or more").status_code == 401
    assert coordinator.post(f"/admin/accounts/{newbie}/active", {"active": "1"}).status_code == 303
    reset = coordinator.post(
        f"/admin/accounts/{newbie}/password", {"password": "a brand new passphrase"}
    )
    assert reset.status_code == 303
    assert console.browser().login("newbie", "a brand new passphrase").status_code == 303


def test_the_directory_page_shows_sources_and_last_checked_dates(console):
    page = console.as_role("cora").get("/admin/directory").text
    assert "112" in page and "Laatst gecontroleerd" in page and "2026-" in page
