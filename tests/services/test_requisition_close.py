"""Closing a requisition as filled or cancelled (and reopening it): the close date is recorded
and audited, open applications keep their status, and retention counts from that day for them."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from hirepartner.data.models import AuditEvent
from hirepartner.errors import InvalidValue, NotFoundError
from hirepartner.services.changes import ChangeKind


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _audit(services, action):
    """(requisition id, detail) of each audit event of `action` on a requisition."""
    with services.database.unit_of_work(write=False) as uow:
        return uow.session.execute(
            select(AuditEvent.entity_id, AuditEvent.detail)
            .where(AuditEvent.action == action, AuditEvent.entity == "requisition")
            .order_by(AuditEvent.id)
        ).all()


def test_closing_records_the_day_and_the_note_and_keeps_open_applications(services, clock):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    ada = services.pipeline.add_application(services.pipeline.add_candidate("Ada").id, req.id)
    bea = services.pipeline.add_application(services.pipeline.add_candidate("Bea").id, req.id)
    services.pipeline.set_status(bea.id, "hired")
    clock.now = datetime(2026, 12, 3, 16, 0)

    closed = services.requisitions.close_requisition(req.id, "filled", "  Bea starts in January ")

    assert (closed.after.status, closed.after.closed_on) == ("filled", date(2026, 12, 3))
    assert closed.after.note == "Bea starts in January"
    assert not closed.before.closed
    assert closed.still_open == 1
    assert closed.text == (
        "REQ-1001 Backend Engineer: filled 3 Dec 2026. 1 candidate still in process keeps their "
        "status; retention counts from the close for them."
    )
    assert closed.changes.touches(ChangeKind.REQUISITION)
    assert closed.changes.requisition_ids == {req.id}
    assert services.pipeline.get_application(ada.id).status == "active"  # nobody rejected
    summary = services.requisitions.get_requisition(req.id)
    assert (summary.status, summary.closed_on, summary.closed_text) == (
        "filled",
        date(2026, 12, 3),
        "filled 3 Dec",
    )
    assert summary.close_note == "Bea starts in January"
    assert _audit(services, "close") == [(req.id, {"outcome": "filled"})]


def test_a_closed_requisition_is_refused_a_second_close_and_an_open_one_a_reopen(services):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    with pytest.raises(InvalidValue, match=r"^REQ-1001 is open: there is nothing to reopen\.$"):
        services.requisitions.reopen_requisition(req.id)
    services.requisitions.close_requisition(req.id, "cancelled")
    with pytest.raises(InvalidValue, match=r"already cancelled 2 Nov 2026; reopen it first"):
        services.requisitions.close_requisition(req.id, "filled")
    assert services.requisitions.get_requisition(req.id).status == "cancelled"


@pytest.mark.parametrize("outcome", ["open", "on_hold", "hired", ""])
def test_only_filled_or_cancelled_close_a_requisition(services, outcome):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    with pytest.raises(InvalidValue, match=r"^Choose filled or cancelled as the outcome\.$"):
        services.requisitions.close_requisition(req.id, outcome)
    assert not services.requisitions.get_requisition(req.id).closed
    assert _audit(services, "close") == []


def test_an_unknown_requisition_is_named(services):
    with pytest.raises(NotFoundError, match="No requisition with id 42"):
        services.requisitions.close_requisition(42, "filled")


def test_reopening_clears_the_date_and_note_and_restore_puts_them_back(services, clock):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    clock.now = datetime(2026, 12, 3, 16, 0)
    closed = services.requisitions.close_requisition(req.id, "filled", "Bea accepted")
    clock.now = datetime(2027, 1, 20, 9, 0)

    reopened = services.requisitions.reopen_requisition(req.id)
    assert reopened.text == "Reopened REQ-1001 Backend Engineer."
    summary = services.requisitions.get_requisition(req.id)
    assert (summary.status, summary.closed_on, summary.close_note) == ("open", None, "")
    assert _audit(services, "reopen") == [(req.id, {"was": "filled 3 Dec 2026"})]

    # Undo of the reopen: the original close day comes back, not today's.
    restored = services.requisitions.restore_closure(reopened.before)
    assert restored.after == closed.after
    summary = services.requisitions.get_requisition(req.id)
    assert (summary.closed_on, summary.close_note) == (date(2026, 12, 3), "Bea accepted")
    # Undo of the close: open again.
    services.requisitions.restore_closure(closed.before)
    assert services.requisitions.get_requisition(req.id).closed_on is None
    assert len(_audit(services, "undo")) == 2


# Retention ---------------------------------------------------------------------------------------


@pytest.fixture
def closed_world(services, clock):
    """A 6-month policy. On REQ-1001, Early and Late are rejected before it is filled on 10 Mar
    2026, Open is still active and Offered has an offer out when it closes, Hired was hired.
    On REQ-1002 (still open) Both is active; Both was rejected on REQ-1001 too."""
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    other = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    ids = {}

    def apply(name, day, requisition=req.id, status=None):
        clock.now = _at(day)
        candidate_id = ids.get(name) or services.pipeline.add_candidate(name).id
        ids[name] = candidate_id
        application = services.pipeline.add_application(candidate_id, requisition)
        if status == "rejected":
            services.pipeline.reject(application.id, "level_mismatch")
        elif status:
            services.pipeline.set_status(application.id, status)
        return application

    apply("Early", date(2026, 1, 5), status="rejected")
    apply("Late", date(2026, 3, 1), status="rejected")
    apply("Open", date(2026, 2, 1))
    apply("Offered", date(2026, 2, 1), status="offer")
    apply("Hired", date(2026, 2, 1), status="hired")
    apply("Both", date(2026, 1, 5), status="rejected")
    apply("Both", date(2026, 2, 1), requisition=other.id)
    clock.now = _at(date(2026, 3, 10))
    services.requisitions.close_requisition(req.id, "filled", "Hired starts in April")
    services.retention.set_months(6)
    return {"ids": ids, "req": req.id, "other": other.id}


def _due(services):
    return {d.name: d.closed_on for d in services.retention.plan().due}


def test_open_applications_on_a_closed_requisition_are_due_from_its_close(
    services, clock, closed_world
):
    clock.now = _at(date(2026, 7, 5), hour=8)  # rejected 5 Jan + 6 months: exactly due
    assert _due(services) == {"Early": date(2026, 1, 5)}
    clock.now = _at(date(2026, 8, 31))  # the day before Late's limit
    assert set(_due(services)) == {"Early"}
    clock.now = _at(date(2026, 9, 1))  # rejected 1 Mar: before the close, its own day counts
    assert set(_due(services)) == {"Early", "Late"}
    clock.now = _at(date(2026, 9, 9))  # a day short of the close + 6 months
    assert set(_due(services)) == {"Early", "Late"}
    clock.now = _at(date(2026, 9, 10))  # closed 10 Mar + 6 months: exactly due
    assert _due(services) == {
        "Early": date(2026, 1, 5),
        "Late": date(2026, 3, 1),
        "Open": date(2026, 3, 10),
        "Offered": date(2026, 3, 10),
    }
    clock.now = _at(date(2030, 1, 1))  # hired never; Both is active on an open requisition
    assert "Hired" not in _due(services)
    assert "Both" not in _due(services)


def test_a_candidate_waits_for_the_latest_close_of_all_their_requisitions(
    services, clock, closed_world
):
    clock.now = _at(date(2026, 12, 1))
    services.requisitions.close_requisition(closed_world["other"], "cancelled")
    clock.now = _at(date(2027, 5, 31))
    assert "Both" not in _due(services)
    clock.now = _at(date(2027, 6, 1))
    assert _due(services)["Both"] == date(2026, 12, 1)


def test_reopening_stops_the_clock_for_open_applications(services, clock, closed_world):
    clock.now = _at(date(2026, 9, 10))
    services.requisitions.reopen_requisition(closed_world["req"])
    assert set(_due(services)) == {"Early", "Late"}
    applied = services.retention.apply()
    assert set(applied.anonymised) == {closed_world["ids"]["Early"], closed_world["ids"]["Late"]}
