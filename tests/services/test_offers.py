"""The offer step: making an offer at the last stage, its answer (accepted with a start date,
declined with a reason), undoing each, the rules in sentences, the audit, and the figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from hirepartner.data.models import ApplicationEvent, AuditEvent, Offer
from hirepartner.domain import DeclineReason
from hirepartner.errors import NotFoundError, ValidationError
from hirepartner.packets.update import success_text

NOV_2 = date(2026, 11, 2)  # the clock fixture's day


@pytest.fixture
def req(services):
    return services.requisitions.create_requisition(
        "Backend Engineer", stages=["Screen", "Onsite"], code="REQ-7"
    )


def _apply(services, req, name, at_last_stage=True):
    candidate = services.pipeline.add_candidate(name)
    app = services.pipeline.add_application(candidate.id, req.id)
    if at_last_stage:
        services.pipeline.move_stage(app.id, req.stages[-1].stage_id)
    return app.id


@pytest.fixture
def ada(services, req):
    return _apply(services, req, "Ada Lovelace")


def _status(services, app_id):
    return services.pipeline.get_application(app_id).status


def _status_history(services, app_id):
    with services.database.unit_of_work() as uow:
        return [
            (e.from_status, e.to_status, e.note)
            for e in uow.session.scalars(
                select(ApplicationEvent)
                .where(ApplicationEvent.application_id == app_id, ApplicationEvent.kind == "status")
                .order_by(ApplicationEvent.id)
            )
        ]


def _offer_audit(services):
    with services.database.unit_of_work() as uow:
        return [
            (a.action, a.detail)
            for a in uow.session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "offer").order_by(AuditEvent.id)
            )
        ]


def test_an_offer_at_the_last_stage_is_extended_and_then_accepted(services, ada):
    offer = services.offers.make_offer(
        ada, NOV_2, expires_on=date(2026, 11, 16), notes="Band L5, 10% bonus"
    )
    assert offer.candidate == "Ada Lovelace"
    assert offer.summary == "Extended on 2 Nov 2026, expires 16 Nov 2026"
    assert _status(services, ada) == "offer"
    assert services.offers.current_offer(ada) == offer

    accepted = services.offers.accept_offer(ada, date(2027, 1, 4), responded_on=date(2026, 11, 5))
    assert accepted.summary == "Accepted on 5 Nov 2026, starts 4 Jan 2027"
    assert _status(services, ada) == "hired"
    assert _status_history(services, ada) == [
        ("active", "offer", "offer made on 2 Nov 2026, expires 16 Nov 2026"),
        ("offer", "hired", "accepted the offer, starts 4 Jan 2027"),
    ]
    assert [action for action, _ in _offer_audit(services)] == ["make_offer", "accept_offer"]
    assert _offer_audit(services)[1][1] == {"application": ada, "start_on": "2027-01-04"}


def test_a_declined_offer_withdraws_the_application_with_its_reason(services, ada):
    services.offers.make_offer(ada, NOV_2)
    declined = services.offers.decline_offer(ada, DeclineReason.COUNTER_OFFER, "Stayed for +20%")
    assert declined.summary == "Declined on 2 Nov 2026: Accepted a counter-offer (Stayed for +20%)"
    application = services.pipeline.get_application(ada)
    assert (application.status, application.rejection_reason) == ("withdrawn", None)
    assert _status_history(services, ada)[-1] == (
        "offer",
        "withdrawn",
        "declined the offer: Accepted a counter-offer",
    )
    assert [action for action, _ in _offer_audit(services)] == ["make_offer", "decline_offer"]


def test_undoing_an_offer_restores_the_status_it_had(services, ada):
    services.pipeline.set_status(ada, "on_hold")
    offer = services.offers.make_offer(ada, NOV_2)
    services.offers.retract_offer(offer.id)
    assert _status(services, ada) == "on_hold"
    assert services.offers.current_offer(ada) is None
    assert _status_history(services, ada)[-1] == ("offer", "on_hold", "offer undone")
    assert [action for action, _ in _offer_audit(services)] == ["make_offer", "retract_offer"]
    # and the offer can be made again
    assert services.offers.make_offer(ada, NOV_2).is_open


def test_undoing_an_answer_opens_the_offer_again(services, ada):
    offer = services.offers.make_offer(ada, NOV_2)
    services.offers.accept_offer(ada, date(2027, 1, 4))
    reopened = services.offers.reopen_offer(offer.id)
    assert (reopened.status, reopened.start_on, reopened.responded_on) == ("extended", None, None)
    assert _status(services, ada) == "offer"
    services.offers.decline_offer(ada, "compensation")
    assert _status(services, ada) == "withdrawn"
    reopened = services.offers.reopen_offer(offer.id)
    assert (reopened.status, reopened.decline_reason) == ("extended", None)
    assert _status(services, ada) == "offer"
    assert [action for action, _ in _offer_audit(services)] == [
        "make_offer",
        "accept_offer",
        "reopen_offer",
        "decline_offer",
        "reopen_offer",
    ]
    # an answered offer cannot be retracted before its answer is undone
    services.offers.accept_offer(ada, date(2027, 1, 4))
    with pytest.raises(ValidationError, match="already answered; undo the answer first"):
        services.offers.retract_offer(offer.id)


def test_an_offer_before_the_last_stage_names_the_stage(services, req):
    grace = _apply(services, req, "Grace Hopper", at_last_stage=False)
    with pytest.raises(ValidationError) as caught:
        services.offers.make_offer(grace, NOV_2)
    assert str(caught.value) == (
        "Move Grace Hopper to the last interview stage (Onsite) before making an offer."
    )
    assert _status(services, grace) == "active"
    with services.database.unit_of_work() as uow:
        assert uow.session.scalars(select(Offer)).all() == []


def test_the_rules_are_sentences(services, ada):
    with pytest.raises(ValidationError) as caught:
        services.offers.make_offer(ada, NOV_2, expires_on=date(2026, 11, 1))
    assert str(caught.value) == (
        "The expiry date (1 Nov 2026) is before the offer date (2 Nov 2026); "
        "choose a later expiry date."
    )
    with pytest.raises(ValidationError, match="^There is no open offer to Ada Lovelace"):
        services.offers.accept_offer(ada, date(2027, 1, 4))
    services.offers.make_offer(ada, NOV_2)
    with pytest.raises(ValidationError) as caught:
        services.offers.make_offer(ada, NOV_2)
    assert str(caught.value) == (
        "Ada Lovelace already has an open offer (made on 2 Nov 2026); "
        "record their answer before making another."
    )
    with pytest.raises(ValidationError) as caught:
        services.offers.accept_offer(ada, None)
    assert str(caught.value) == "Choose a start date for the accepted offer."
    with pytest.raises(ValidationError, match=r"^The start date \(1 Nov 2026\) is before"):
        services.offers.accept_offer(ada, date(2026, 11, 1))
    with pytest.raises(ValidationError, match=r"^The answer date \(1 Nov 2026\) is before"):
        services.offers.accept_offer(ada, date(2027, 1, 4), responded_on=date(2026, 11, 1))
    with pytest.raises(ValidationError, match="^Say in the note why Ada Lovelace declined"):
        services.offers.decline_offer(ada, DeclineReason.OTHER, "  ")
    with pytest.raises(ValidationError, match="^Choose why the offer was declined"):
        services.offers.decline_offer(ada, "bored")
    assert _status(services, ada) == "offer"  # nothing half-done
    with pytest.raises(NotFoundError):
        services.offers.reopen_offer(999)


def test_a_closed_application_gets_no_offer(services, ada):
    services.pipeline.reject(ada, "location")
    with pytest.raises(ValidationError, match="^Ada Lovelace's application is rejected; reopen"):
        services.offers.make_offer(ada, NOV_2)


def test_the_dashboard_counts_offers_by_hand(services, req, clock):
    """Four offers: A accepted (10 days after applying), B declined, C extended, D accepted
    then its answer undone (so extended); E hired without a recorded offer (5 days)."""
    start = clock.now
    ids = {name: _apply(services, req, name) for name in "ABCDE"}
    clock.now = start + timedelta(days=5)
    services.pipeline.set_status(ids["E"], "hired")
    for name in "ABCD":
        services.offers.make_offer(ids[name], NOV_2)
    clock.now = start + timedelta(days=10)
    services.offers.accept_offer(ids["A"], date(2027, 1, 4))
    services.offers.decline_offer(ids["B"], "timing")
    d_offer = services.offers.accept_offer(ids["D"], date(2027, 2, 1))
    services.offers.reopen_offer(d_offer.id)

    board = services.metrics.dashboard(req.id)
    assert board.offers == 2  # C and D are out
    assert board.hires == 2  # A and E
    assert (board.acceptance.part, board.acceptance.whole) == (2, 3)  # A and E of A, B, E
    assert board.time_to_hire_days.n == 2
    assert sorted([board.time_to_hire_days.median]) == [7.5]  # (10 + 5) / 2
    assert board.declined_reasons == (("Timing or start date", 1),)


def test_the_success_summary_follows_the_accepted_offer(services, ada, clock):
    clock.now = datetime(2026, 11, 20, 9, 0)
    services.offers.make_offer(ada, date(2026, 11, 10))
    services.offers.accept_offer(ada, date(2027, 1, 4), responded_on=date(2026, 11, 14))
    summary = services.updates.success_summary(ada)
    assert summary.start_on == date(2027, 1, 4)
    assert round(summary.days_to_hire) == 12  # 2 Nov 09:00 (applied) to 14 Nov
    assert "Starts on 04 Jan 2027." in success_text(summary)


def test_the_demo_world_has_offers_in_every_state(services):
    services.fill_demo(candidates=60, seed=7)
    with services.database.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Offer.status, Offer.application_id).order_by(Offer.id)
        ).all()
    assert {status for status, _ in rows} == {"extended", "accepted", "declined"}
    expected = {"extended": "offer", "accepted": "hired", "declined": "withdrawn"}
    for status, app_id in rows:
        assert _status(services, app_id) == expected[status]
        assert services.offers.current_offer(app_id).status == status
    board = services.metrics.dashboard()
    assert board.offers == sum(1 for status, _ in rows if status == "extended")
    assert board.acceptance.whole == sum(1 for status, _ in rows if status != "extended")
