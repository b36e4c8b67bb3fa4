"""Moving candidates through the pipeline: stages, rejections, statuses, history and audit."""

import pytest
from sqlalchemy import select

from hirepartner.data.models import ApplicationEvent, AuditEvent
from hirepartner.errors import NotFoundError, ValidationError


@pytest.fixture
def req(services):
    return services.requisitions.create_requisition("Backend Engineer", stages=["Screen", "Onsite"])


@pytest.fixture
def app(services, req):
    candidate = services.pipeline.add_candidate(
        "Łukasz Wiśniewski", email="lukasz@example.com", tags=["senior", " remote ", "senior"]
    )
    return services.pipeline.add_application(candidate.id, req.id, source="Referral")


def _history(services, app_id):
    with services.database.unit_of_work() as uow:
        events = uow.session.scalars(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == app_id)
            .order_by(ApplicationEvent.id)
        ).all()
        return [(e.kind, e.from_stage_id, e.to_stage_id, e.to_status) for e in events]


def _audit_actions(services):
    with services.database.unit_of_work() as uow:
        return [a.action for a in uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_a_new_application_starts_at_the_first_stage(app, req):
    assert app.stage == "Screen"
    assert app.status == "active"


def test_tags_are_trimmed_and_deduplicated(services, app):
    listing = services.slates.list_slate(app.requisition_id)
    assert listing.rows[0].tags == ("remote", "senior")


def test_moving_stage_records_history_and_resets_days_in_stage(services, app, req, clock):
    clock.advance(days=5)
    assert services.slates.list_slate(req.id).rows[0].days_in_stage == 5
    moved = services.pipeline.move_stage(app.id, req.stages[1].stage_id)
    assert moved.stage == "Onsite"
    assert services.slates.list_slate(req.id).rows[0].days_in_stage == 0
    assert _history(services, app.id)[-1] == (
        "stage",
        req.stages[0].stage_id,
        req.stages[1].stage_id,
        None,
    )
    assert "move_stage" in _audit_actions(services)


def test_a_stage_of_another_requisition_is_refused(services, app):
    other = services.requisitions.create_requisition("Designer", stages=["Portfolio"])
    with pytest.raises(ValidationError, match="belongs to another requisition"):
        services.pipeline.move_stage(app.id, other.stages[0].stage_id)


def test_reject_needs_a_known_structured_reason(services, app):
    with pytest.raises(ValidationError, match="'bad vibes' is not a rejection reason"):
        services.pipeline.reject(app.id, "bad vibes")
    with pytest.raises(ValidationError, match="needs a note"):
        services.pipeline.reject(app.id, "other", note="  ")
    rejected = services.pipeline.reject(app.id, "missing_must_have", note="No Go experience")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "missing_must_have")
    assert rejected.rejection_note == "No Go experience"
    assert _history(services, app.id)[-1][3] == "rejected"


def test_a_rejected_application_cannot_move_until_reopened(services, app, req):
    services.pipeline.reject(app.id, "location")
    with pytest.raises(ValidationError, match="is rejected"):
        services.pipeline.move_stage(app.id, req.stages[1].stage_id)
    reopened = services.pipeline.set_status(app.id, "active")
    assert reopened.rejection_reason is None
    assert services.pipeline.move_stage(app.id, req.stages[1].stage_id).stage == "Onsite"


def test_set_status_refuses_rejected_and_unknown(services, app):
    with pytest.raises(ValidationError, match="use reject"):
        services.pipeline.set_status(app.id, "rejected")
    with pytest.raises(ValidationError, match="'maybe' is not an application status"):
        services.pipeline.set_status(app.id, "maybe")
    assert services.pipeline.set_status(app.id, "on_hold").status == "on_hold"


def test_a_candidate_applies_once_per_requisition(services, app):
    with pytest.raises(ValidationError, match="already applied"):
        services.pipeline.add_application(app.candidate_id, app.requisition_id)


def test_bad_candidate_values_are_refused(services):
    with pytest.raises(ValidationError, match="^name"):
        services.pipeline.add_candidate(" ")
    with pytest.raises(ValidationError, match="^email"):
        services.pipeline.add_candidate("Ada", email="not-an-address")
    with pytest.raises(NotFoundError, match="No candidate with id 7"):
        services.pipeline.add_application(7, 1)
