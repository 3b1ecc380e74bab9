import datetime as dt
import threading

from bot.handover import queue
from bot.handover.models import CANCELLED, CLAIMED, CLOSED, WAITING, AuditEntry, Handover
from bot.store.database import session_scope
from tests.bot.handover.conftest import NOW, add_worker


def test_nobody_on_shift_gives_the_next_shift_and_no_wait(db):
    with session_scope(db) as session:
        later = (NOW + dt.timedelta(hours=4), NOW + dt.timedelta(hours=8))
        add_worker(session, "anna", shift=later)
        add_worker(
            session,
            "peer1",
            role="peer",
            shift=(NOW + dt.timedelta(hours=1), NOW + dt.timedelta(hours=2)),
        )
        found = queue.availability(session, "worker", "nl", now=NOW)
    assert found.on_shift == 0 and found.estimated_wait_minutes is None
    assert found.next_shift_start == NOW + dt.timedelta(hours=4)


def test_no_shift_planned_at_all(db):
    with session_scope(db) as session:
        add_worker(
            session, "anna", shift=(NOW - dt.timedelta(hours=5), NOW - dt.timedelta(hours=1))
        )
        found = queue.availability(session, "peer", "ro", now=NOW)
    assert found == queue.Availability(0, False, None, None)


def test_on_shift_and_language_match(db, on_shift_now):
    with session_scope(db) as session:
        add_worker(session, "anna", languages="nl,en", shift=on_shift_now)
        add_worker(session, "ioana", role="peer", languages="ro,en", shift=on_shift_now)
        worker = queue.availability(session, "worker", "ro", now=NOW)
        peer = queue.availability(session, "peer", "ro", now=NOW)
    assert (worker.on_shift, worker.speaks_language) == (1, False)
    assert (peer.on_shift, peer.speaks_language) == (1, True)
    assert peer.estimated_wait_minutes == queue.FIRST_PICKUP_MINUTES


def test_wait_grows_with_the_queue_ahead(db, on_shift_now):
    with session_scope(db) as session:
        add_worker(session, "anna", shift=on_shift_now)
        for number in range(3):
            queue.request_handover(
                session, f"c{number}", channel="rest", language="nl", helper_type="worker"
            )
        found = queue.availability(session, "worker", "nl", now=NOW)
    assert found.estimated_wait_minutes == queue.FIRST_PICKUP_MINUTES + 3 * 15


def test_queue_order_is_severity_then_waiting_time(db):
    with session_scope(db) as session:
        t = NOW - dt.timedelta(minutes=30)
        queue.request_handover(
            session, "old-plain", channel="rest", language="nl", helper_type="worker", now=t
        )
        queue.request_handover(
            session,
            "new-acute",
            channel="rest",
            language="ro",
            helper_type="worker",
            signal_codes=["VIOLENCE", "ACUTE_DANGER"],
            now=NOW,
        )
        queue.request_handover(
            session,
            "older-high",
            channel="rest",
            language="bg",
            helper_type="worker",
            signal_codes=["DEBT_BONDAGE"],
            now=t - dt.timedelta(minutes=5),
        )
        queue.request_handover(
            session,
            "newer-high",
            channel="rest",
            language="bg",
            helper_type="worker",
            signal_codes=["FORCED_WORK"],
            now=t + dt.timedelta(minutes=5),
        )
        order = [h.conversation for h in queue.waiting_queue(session)]
        acute = session.query(Handover).filter_by(conversation="new-acute").one()
        assert (acute.severity, acute.codes) == ("acute", ["ACUTE_DANGER", "VIOLENCE"])
    assert order == ["new-acute", "older-high", "newer-high", "old-plain"]


def test_workers_see_their_type_and_anyone_requests(db, on_shift_now):
    with session_scope(db) as session:
        worker = add_worker(session, "anna")
        peer = add_worker(session, "ioana", role="peer")
        queue.request_handover(
            session, "wants-worker", channel="rest", language="nl", helper_type="worker"
        )
        queue.request_handover(
            session, "wants-peer", channel="rest", language="nl", helper_type="peer"
        )
        queue.request_handover(
            session,
            "acute-anyone",
            channel="rest",
            language="nl",
            helper_type=None,
            signal_codes=["ACUTE_DANGER"],
            legal_basis="vital_interest",
        )
        assert [h.conversation for h in queue.waiting_queue(session, worker)] == [
            "acute-anyone",
            "wants-worker",
        ]
        assert [h.conversation for h in queue.waiting_queue(session, peer)] == [
            "acute-anyone",
            "wants-peer",
        ]


def test_one_open_request_per_conversation(db):
    with session_scope(db) as session:
        first = queue.request_handover(
            session, "c", channel="rest", language="nl", helper_type="worker"
        )
        again = queue.request_handover(
            session,
            "c",
            channel="rest",
            language="nl",
            helper_type="peer",
            signal_codes=["THREATS"],
        )
        assert first.id == again.id and again.helper_type == "peer" and again.severity == "high"
        assert session.query(Handover).count() == 1


def test_two_workers_cannot_claim_the_same_conversation(db):
    with session_scope(db) as session:
        anna, bert = add_worker(session, "anna"), add_worker(session, "bert")
        handover_id = queue.request_handover(
            session, "c", channel="rest", language="nl", helper_type="worker"
        ).id
        anna_id, bert_id = anna.id, bert.id
    results = {}
    barrier = threading.Barrier(2)

    def try_claim(worker_id):
        with session_scope(db) as session:
            from bot.handover.models import Worker

            worker = session.get(Worker, worker_id)
            barrier.wait()
            results[worker_id] = queue.claim(session, handover_id, worker)

    threads = [threading.Thread(target=try_claim, args=(w,)) for w in (anna_id, bert_id)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [False, True]
    with session_scope(db) as session:
        handover = session.get(Handover, handover_id)
        winner = [w for w, ok in results.items() if ok][0]
        assert (handover.status, handover.claimed_by) == (CLAIMED, winner)
        assert session.query(AuditEntry).filter_by(action="claim").count() == 1


def test_a_closed_or_claimed_request_cannot_be_claimed(db):
    with session_scope(db) as session:
        anna = add_worker(session, "anna")
        handover = queue.request_handover(
            session, "c", channel="rest", language="nl", helper_type="worker"
        )
        assert queue.claim(session, handover.id, anna)
        assert not queue.claim(session, handover.id, anna)
        assert queue.close(session, handover.id, anna, "referred").status == CLOSED
        assert queue.close(session, handover.id, anna, "again") is None
        assert queue.waiting_queue(session) == []


def test_person_stopping_withdraws_or_ends(db):
    with session_scope(db) as session:
        anna = add_worker(session, "anna")
        waiting = queue.request_handover(
            session, "w", channel="rest", language="nl", helper_type="worker"
        )
        live = queue.request_handover(
            session, "l", channel="rest", language="nl", helper_type="worker"
        )
        queue.claim(session, live.id, anna)
        assert queue.cancel_by_person(session, "w").status == CANCELLED
        assert queue.cancel_by_person(session, "l").status == CLOSED
        assert queue.cancel_by_person(session, "nobody") is None
        assert waiting.status != WAITING


def test_forget_me_removes_handovers_and_unlinks_the_audit(db):
    with session_scope(db) as session:
        anna = add_worker(session, "anna")
        handover = queue.request_handover(
            session, "c", channel="rest", language="nl", helper_type="worker"
        )
        queue.claim(session, handover.id, anna)
        assert queue.delete_conversation(session, "c") == 1
        assert session.query(Handover).count() == 0
        assert session.query(AuditEntry).filter(AuditEntry.conversation == "c").count() == 0
