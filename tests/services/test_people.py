"""People: add, edit, retire and reinstate; retired people keep their scorecards and panels."""

from datetime import datetime

import pytest
from sqlalchemy import select

from hirepartner.data.models import AuditEvent
from hirepartner.errors import NotFoundError, ValidationError
from hirepartner.services.scorecards import DraftValues


def _audit(services) -> list[tuple[str, int | None]]:
    with services.database.unit_of_work() as uow:
        return [
            (e.action, e.entity_id)
            for e in uow.session.scalars(select(AuditEvent).where(AuditEvent.entity == "person"))
        ]


def test_add_edit_retire_and_reinstate_leave_an_audit_trail(services, clock):
    ada = services.people.add("  Ada   Lovelace ", "ada@example.com", "interviewer")
    assert (ada.name, ada.email, ada.role, ada.retired) == (
        "Ada Lovelace",
        "ada@example.com",
        "interviewer",
        False,
    )
    edited = services.people.edit(ada.id, "Ada King", "ada.king@example.com", "hiring_manager")
    assert (edited.name, edited.email, edited.role) == (
        "Ada King",
        "ada.king@example.com",
        "hiring_manager",
    )
    clock.advance(hours=1)
    retired = services.people.retire(ada.id)
    assert retired.retired
    assert retired.retired_at == clock.now
    listed = {p.id: p for p in services.people.people()}
    assert listed[ada.id].retired
    assert not services.people.reinstate(ada.id).retired
    assert [action for action, ident in _audit(services) if ident == ada.id] == [
        "add_person",
        "edit_person",
        "retire_person",
        "reinstate_person",
    ]


def test_mistakes_are_sentences_naming_the_field(services):
    services.people.add("Ada Lovelace", "ada@example.com", "interviewer")
    with pytest.raises(ValidationError) as error:
        services.people.add("Ada Two", "ADA@example.com", "recruiter")
    assert str(error.value) == "Someone else already uses ADA@example.com."
    assert error.value.field == "email"
    with pytest.raises(ValidationError, match=r"^Give the person's name\.$"):
        services.people.add("   ", "x@example.com", "interviewer")
    with pytest.raises(ValidationError, match=r"^“not-an-email” is not an email address\.$"):
        services.people.add("Bo", "not-an-email", "interviewer")
    with pytest.raises(ValidationError, match=r"^Choose a role for Bo\.$"):
        services.people.add("Bo", "bo@example.com", "boss")
    with pytest.raises(NotFoundError):
        services.people.retire(99999)
    assert [p.name for p in services.people.people()] == ["Ada Lovelace"]


def test_editing_keeps_ones_own_email_and_the_user_cannot_retire_themselves(services):
    me = services.profile.set_current("Hana Manager", "hana@example.com", "hiring_manager")
    ada = services.people.add("Ada Lovelace", "ada@example.com", "interviewer")
    assert services.people.edit(ada.id, "Ada L.", "ada@example.com", "interviewer").name == "Ada L."
    with pytest.raises(ValidationError, match="already uses hana@example.com"):
        services.people.edit(ada.id, "Ada L.", "hana@example.com", "interviewer")
    with pytest.raises(ValidationError, match="You cannot retire yourself"):
        services.people.retire(me.id)
    assert not next(p for p in services.people.people() if p.id == me.id).retired


def test_a_retired_interviewer_keeps_their_scorecards_and_their_name_on_them(services, clock):
    req = services.requisitions.create_requisition("Engineer", stages=["Screen", "Onsite"])
    stage = req.stages[0].stage_id
    ivy = services.people.add("Ivy Interviewer", "ivy@example.com", "interviewer")
    candidate = services.pipeline.add_candidate("Ada Candidate")
    application = services.pipeline.add_application(candidate.id, req.id)
    card = services.scorecards.open_or_create(application.id, stage, ivy.id)
    form = services.scorecards.form(card, ivy.id)
    values = DraftValues(
        levels={},
        evidence={},
        key_takeaways="Clear thinker.",
        recommendation="yes",
        private_notes="",
        interview_at=datetime(2026, 11, 1, 10, 0),
    )
    services.scorecards.save_draft(card, ivy.id, form.revision, form.values, values)
    services.scorecards.submit(card, ivy.id)
    clock.advance(days=1)

    retired = services.people.retire(ivy.id)

    assert retired.scorecards == 1
    after = services.scorecards.form(card, ivy.id)
    assert (after.interviewer, after.status, after.values.key_takeaways) == (
        "Ivy Interviewer",
        "submitted",
        "Clear thinker.",
    )
    assert [t.interviewer for t in services.feedback.feedback_times(req.id)] == ["Ivy Interviewer"]


def test_the_interview_plan_offers_people_added_in_the_app_and_not_retired_ones(services):
    req = services.requisitions.create_requisition("Engineer", stages=["Screen", "Onsite"])
    screen = req.stages[0].stage_id
    ivy = services.people.add("Ivy Interviewer", "ivy@example.com", "interviewer")
    rex = services.people.add("Rex Recruiter", "rex@example.com", "recruiter")
    choices = {p.id: p for p in services.intake.people()}
    assert not choices[ivy.id].retired
    assert not choices[rex.id].retired
    services.intake.save_stage(
        req.id,
        screen,
        name="Screen",
        target_date=None,
        interviewer_ids=[ivy.id],
        focus_ids=[],
        questions=[],
    )
    services.people.retire(ivy.id)
    services.people.retire(rex.id)
    choices = {p.id: p for p in services.intake.people()}
    assert choices[ivy.id].retired
    assert choices[rex.id].retired
    # Already on the screen: stays there when the stage is saved again.
    plan = services.intake.save_stage(
        req.id,
        screen,
        name="Phone screen",
        target_date=None,
        interviewer_ids=[ivy.id],
        focus_ids=[],
        questions=[],
    ).value
    assert plan[0].interviewer_ids == (ivy.id,)
    # Not on the onsite panel: a retired person cannot be added to it.
    with pytest.raises(ValidationError) as error:
        services.intake.save_stage(
            req.id,
            req.stages[1].stage_id,
            name="Onsite",
            target_date=None,
            interviewer_ids=[rex.id],
            focus_ids=[],
            questions=[],
        )
    assert str(error.value).startswith("Rex Recruiter is retired")
