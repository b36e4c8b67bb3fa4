"""Retention: who is due is decided to the day, anonymising keeps the statistics and removes
the person, consent to keep excludes until it expires."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from hirepartner.data.models import (
    Application,
    ApplicationNote,
    AuditEvent,
    Candidate,
    CandidateTag,
    Rating,
    Resume,
    Scorecard,
)
from hirepartner.errors import ValidationError
from hirepartner.services.retention import RetentionPolicy, add_months


def test_months_are_added_by_the_calendar():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2025, 11, 15), 6) == date(2026, 5, 15)
    assert add_months(date(2025, 12, 31), 12) == date(2026, 12, 31)


@pytest.fixture
def world(services, clock):
    """Rejected candidates closed on either side of a 6-month limit, one hired, one active,
    one withdrawn under a requisition with its own 2-month period."""
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen", "Onsite"])
    short = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    ids = {}

    def closed_on(name, day, requisition=req.id, how="reject"):
        clock.now = datetime.combine(day, datetime.min.time()).replace(hour=10)
        candidate = services.pipeline.add_candidate(name, email=f"{name.lower()}@example.com")
        application = services.pipeline.add_application(candidate.id, requisition)
        if how == "reject":
            services.pipeline.reject(application.id, "location", note=f"{name} cannot relocate")
        elif how:
            services.pipeline.set_status(application.id, how)
        ids[name] = candidate.id
        return application

    closed_on("Exactly", date(2026, 5, 2))  # today minus exactly 6 months: due
    closed_on("Later", date(2026, 5, 3))  # one day short of the limit: kept
    closed_on("Earlier", date(2026, 1, 10))
    closed_on("Hired", date(2025, 1, 10), how="hired")
    closed_on("Active", date(2025, 1, 10), how="")
    closed_on("Short", date(2026, 9, 1), requisition=short.id, how="withdrawn")
    closed_on("ShortKept", date(2026, 9, 3), requisition=short.id, how="withdrawn")
    clock.now = datetime(2026, 11, 2, 9, 0)
    services.retention.set_months(6)
    services.retention.set_requisition_months(short.id, 2)
    return ids


def _due(services):
    return {d.name for d in services.retention.plan().due}


def test_the_limit_is_handled_to_the_day(services, world, clock):
    assert _due(services) == {"Exactly", "Earlier", "Short"}
    clock.now = datetime(2026, 11, 3, 0, 0)
    assert _due(services) == {"Exactly", "Earlier", "Short", "Later", "ShortKept"}


def test_without_a_policy_nothing_is_due(services, world):
    services.retention.set_months(None)
    assert _due(services) == {"Short"}  # the requisition's own period still holds


def test_a_candidate_closed_on_two_requisitions_waits_for_the_later(services, world, clock):
    other = services.requisitions.create_requisition("Platform Engineer", stages=["Screen"])
    application = services.pipeline.add_application(world["Earlier"], other.id)
    services.pipeline.reject(application.id, "level_mismatch")
    assert "Earlier" not in _due(services)


def test_consent_excludes_until_it_expires(services, world, clock):
    services.retention.set_consent(world["Exactly"], date(2026, 12, 1))
    plan = services.retention.plan()
    assert "Exactly" not in {d.name for d in plan.due}
    assert plan.kept_by_consent == 1
    clock.now = datetime(2026, 12, 1, 23, 0)
    assert "Exactly" not in _due(services)
    clock.now = datetime(2026, 12, 2, 8, 0)
    assert "Exactly" in _due(services)
    with pytest.raises(ValidationError, match="after today"):
        services.retention.set_consent(world["Exactly"], date(2026, 12, 2))


def test_consent_said_again_changes_nothing_and_is_not_audited(services, world):
    """Seen under X: Enter in an untouched consent dialog said "Consent removed." and logged
    "until: None" for a candidate who never had consent."""
    from hirepartner.data.models import AuditEvent

    def consent_events() -> int:
        with services.database.unit_of_work() as uow:
            return uow.session.query(AuditEvent).filter_by(action="consent_to_keep").count()

    before = consent_events()
    unchanged = services.retention.set_consent(world["Exactly"], None)
    assert (unchanged.changed, unchanged.text) == (False, "Consent to keep unchanged.")
    assert consent_events() == before
    given = services.retention.set_consent(world["Exactly"], date(2026, 12, 1))
    assert given.changed
    assert "until 01 Dec 2026" in given.text
    withdrawn = services.retention.set_consent(world["Exactly"], None)
    assert withdrawn.text == "Consent to keep withdrawn."
    assert consent_events() == before + 2


def test_apply_anonymises_only_who_was_shown_and_is_still_due(services, world):
    run = services.retention.apply((world["Exactly"], world["Later"], world["Hired"]))
    assert run.anonymised == (world["Exactly"],)  # Later is not due, Hired never is
    assert _due(services) == {"Earlier", "Short"}
    with services.database.unit_of_work() as uow:
        actions = uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["anonymise", "retention_run"]


def test_a_bad_period_is_refused(services):
    with pytest.raises(ValidationError, match="1 to 240 months"):
        services.retention.set_months(0)


def _retention_events(services):
    with services.database.unit_of_work(write=False) as uow:
        return uow.session.execute(
            select(AuditEvent.entity, AuditEvent.entity_id, AuditEvent.detail)
            .where(AuditEvent.action == "set_retention")
            .order_by(AuditEvent.id)
        ).all()


def test_the_settings_save_the_whole_policy_and_audit_only_what_changed(services):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    other = services.requisitions.create_requisition("Data Engineer", stages=["Screen"])
    policy = services.retention.save_policy(12, True, {req.id: 3, other.id: None})
    assert (policy.months, policy.unattended) == (12, True)
    assert [(ident, months) for ident, _code, months in policy.overrides] == [(req.id, 3)]
    assert _retention_events(services) == [
        ("database", None, {"retention_months": 12}),
        ("database", None, {"retention_unattended": True}),
        ("requisition", req.id, {"months": 3}),
    ]

    again = services.retention.save_policy(12, True, {req.id: 3})
    assert again == policy
    assert len(_retention_events(services)) == 3  # saving the same settings records nothing

    off = services.retention.save_policy(None, False, {req.id: None})
    assert (off.months, off.unattended, off.overrides) == (None, False, ())
    assert _retention_events(services)[3:] == [
        ("database", None, {"retention_months": None}),
        ("database", None, {"retention_unattended": False}),
        ("requisition", req.id, {"months": None}),
    ]
    assert services.audit.verify_chain().ok


def test_the_settings_refuse_a_bad_period_and_change_nothing(services):
    req = services.requisitions.create_requisition("Backend Engineer", stages=["Screen"])
    with pytest.raises(ValidationError, match="1 to 240 months"):
        services.retention.save_policy(6, True, {req.id: 0})
    assert services.retention.policy() == RetentionPolicy(None, False, ())
    assert _retention_events(services) == []


def _statistics(services):
    board = services.metrics.dashboard()
    calibration = services.calibration.calibration()
    with services.database.unit_of_work(write=False) as uow:
        ratings = uow.session.execute(
            select(Rating.scorecard_id, Rating.competency_id, Rating.level).order_by(
                Rating.scorecard_id, Rating.competency_id
            )
        ).all()
        applications = uow.session.execute(
            select(
                Application.id,
                Application.stage_id,
                Application.status,
                Application.rejection_reason,
                Application.entered_stage_at,
                Application.created_at,
            ).order_by(Application.id)
        ).all()
        cards = uow.session.execute(
            select(Scorecard.id, Scorecard.recommendation, Scorecard.submitted_at)
        ).all()
    return board.funnel, repr(calibration), ratings, applications, cards


def test_anonymising_keeps_the_statistics_and_removes_the_person(services, clock):
    services.fill_demo(candidates=60, seed=5)
    services.retention.set_months(1)
    clock.now = datetime(2031, 1, 1, 9, 0)  # the figures of the same day, before and after
    before = _statistics(services)
    plan = services.retention.plan()
    assert len(plan.due) >= 5
    with services.database.unit_of_work(write=False) as uow:
        due = [d.candidate_id for d in plan.due]
        names = uow.session.scalars(select(Candidate.full_name).where(Candidate.id.in_(due))).all()
    run = services.retention.apply()
    assert set(run.anonymised) == set(due)
    assert _statistics(services) == before
    with services.database.unit_of_work(write=False) as uow:
        people = uow.session.scalars(select(Candidate).where(Candidate.id.in_(due))).all()
        assert all(p.full_name.startswith("Anonymised candidate") for p in people)
        assert all(p.email is None and not p.phone and not p.links for p in people)
        owned = select(Application.id).where(Application.candidate_id.in_(due))
        for model, where in (
            (Resume, Resume.candidate_id.in_(due)),
            (CandidateTag, CandidateTag.candidate_id.in_(due)),
            (ApplicationNote, ApplicationNote.application_id.in_(owned)),
        ):
            assert uow.session.scalar(select(func.count()).select_from(model).where(where)) == 0
        texts = uow.session.execute(
            select(Scorecard.key_takeaways, Scorecard.private_notes, Rating.evidence)
            .join(Rating, Rating.scorecard_id == Scorecard.id)
            .where(Scorecard.application_id.in_(owned))
        ).all()
        assert texts
        assert all(not any(t) for t in texts)
        pitches = uow.session.scalars(
            select(Application.pitch).where(Application.id.in_(owned))
        ).all()
        assert not any(pitches)
    listed = {row.id: row.full_name for row in services.pipeline.list_candidates()}
    assert all(listed[ident] not in names for ident in due)
    assert services.audit.verify_chain().ok
