"""Intake: a versioned brief both sides agree, competencies that keep old ratings honest,
templates, and the interview plan."""

from datetime import date, datetime

import pytest

from hirepartner.errors import ValidationError
from hirepartner.services.scorecards import DraftValues


def _brief(services, req_id, **overrides):
    values = {
        "summary": "Own the ledger.",
        "must_haves": ["Go", "SQL"],
        "nice_to_haves": ["K8s"],
        "deal_breakers": ["No on-call"],
        "ideal_profile": "A mentor.",
        "feedback_sla_hours": 24,
        "target_hire_date": date(2027, 2, 1),
        "scoring_visibility": "after_submit",
    }
    return services.intake.save_brief(req_id, **(values | overrides)).value


def test_brief_versions_agreement_and_change_after_a_slate(services, clock):
    req = services.requisitions.create_requisition("Engineer")
    first = _brief(services, req.id)
    assert first.current.version == 1
    assert (first.feedback_sla_hours, first.target_hire_date) == (24, date(2027, 2, 1))
    assert _brief(services, req.id).current.version == 1  # same words: no new version
    services.profile.set_current("Hana", "hana@example.com", "hiring_manager")
    agreed = services.intake.agree_brief(req.id).value
    assert agreed.current.agreed_by_manager_at is not None
    assert agreed.current.agreed_by_recruiter_at is None
    clock.advance(days=1)
    services.slates.create_slate(req.id, "Slate 1")
    clock.advance(days=1)
    second = _brief(services, req.id, must_haves=["Go", "Rust"], summary="Own the ledger!")
    assert second.current.version == 2
    assert second.current.agreed_by_manager_at is None  # agreement starts over
    assert second.changed_after_slate
    assert set(second.changes) == {
        "Summary changed",
        "Must-haves added: Rust",
        "Must-haves removed: SQL",
    }
    with pytest.raises(ValidationError, match="^scoring visibility"):
        _brief(services, req.id, scoring_visibility="sometimes")


def _anchors(word):
    return [f"{word} {n}" for n in range(1, 5)]


def test_competencies_add_edit_reorder_templates_and_copy(services):
    req = services.requisitions.create_requisition("Engineer")
    made = services.intake.save_competency(
        req.id,
        None,
        name="Coding",
        description="",
        category="Technical",
        weight=2,
        anchors=_anchors("c"),
    ).value
    assert [c.name for c in made] == ["Coding"]
    with pytest.raises(ValidationError, match="^anchors"):
        services.intake.save_competency(
            req.id,
            None,
            name="Design",
            description="",
            category="",
            weight=1,
            anchors=["a", "", "c", "d"],
        )
    with pytest.raises(ValidationError, match="already a competency"):
        services.intake.save_competency(
            req.id,
            None,
            name="coding",
            description="",
            category="",
            weight=1,
            anchors=_anchors("x"),
        )
    listed = services.intake.apply_template(req.id, "Software engineer").value
    assert [c.name for c in listed] == ["Coding", "System design", "Collaboration", "Ownership"]
    moved = services.intake.move_competency(listed[-1].id, -3).value
    assert next(c.name for c in moved) == "Ownership"
    other = services.requisitions.create_requisition("Engineer II")
    copied = services.intake.copy_competencies(req.id, other.id).value
    assert {c.name for c in copied} == {c.name for c in moved}
    assert all(len(c.anchors) == 4 for c in copied)
    assert set(services.intake.template_names()) >= {
        "Software engineer",
        "Engineering manager",
        "Product manager",
        "Sales",
        "Data scientist",
    }


def test_editing_a_rated_competency_keeps_old_ratings_words(services):
    req = services.requisitions.create_requisition("Engineer", stages=["Onsite"])
    [coding] = services.intake.save_competency(
        req.id, None, name="Coding", description="", category="", weight=1, anchors=_anchors("old")
    ).value
    services.intake.save_stage(
        req.id,
        req.stages[0].stage_id,
        name="Onsite",
        target_date=None,
        interviewer_ids=[],
        focus_ids=[coding.id],
        questions=["Q1"],
    )
    me = services.profile.set_current("Ivy", "ivy@example.com", "interviewer")
    app = services.pipeline.add_application(services.pipeline.add_candidate("Ada").id, req.id)
    card = services.scorecards.open_or_create(app.id, req.stages[0].stage_id, me.id)
    form = services.scorecards.form(card, me.id)
    services.scorecards.save_draft(
        card,
        me.id,
        form.revision,
        form.values,
        DraftValues(
            levels={coding.id: 3},
            evidence={coding.id: "Good"},
            recommendation="yes",
            interview_at=datetime(2026, 11, 1),
        ),
    )
    services.scorecards.submit(card, me.id)

    [renamed] = services.intake.save_competency(
        req.id,
        coding.id,
        name="Coding craft",
        description="",
        category="",
        weight=1,
        anchors=_anchors("new"),
    ).value
    assert renamed.id != coding.id  # a new version; the old one is retired, not changed
    old_form = services.scorecards.form(card, me.id)
    assert [(i.name, i.anchors[0]) for i in old_form.items] == [("Coding", "old 1")]
    assert old_form.values.levels == {coding.id: 3}
    plan = services.intake.plan(req.id)
    assert plan[0].focus_ids == (renamed.id,)  # the plan follows the new version
    # An unrated competency is edited in place.
    [again] = services.intake.save_competency(
        req.id,
        renamed.id,
        name="Coding craft",
        description="Now described",
        category="",
        weight=2,
        anchors=_anchors("newer"),
    ).value
    assert (again.id, again.description, again.weight) == (renamed.id, "Now described", 2)


def test_the_interview_plan(services):
    req = services.requisitions.create_requisition("Engineer", stages=["Screen", "Onsite"])
    comps = services.intake.apply_template(req.id, "Software engineer").value
    ivy = services.profile.set_current("Ivy", "ivy@example.com", "interviewer")
    plan = services.intake.save_stage(
        req.id,
        None,
        name="Take-home",
        target_date=date(2027, 1, 10),
        interviewer_ids=[ivy.id],
        focus_ids=[comps[0].id, comps[1].id],
        questions=["  Walk me through it ", ""],
    ).value
    added = plan[-1]
    assert (added.name, added.position, added.questions) == (
        "Take-home",
        2,
        ("Walk me through it",),
    )
    assert added.interviewer_ids == (ivy.id,)
    reordered = services.intake.move_stage_in_plan(added.id, -1).value
    assert [s.name for s in reordered] == ["Screen", "Take-home", "Onsite"]
    with pytest.raises(ValidationError, match="already a stage"):
        services.intake.save_stage(
            req.id,
            None,
            name="screen",
            target_date=None,
            interviewer_ids=[],
            focus_ids=[],
            questions=[],
        )
    other = services.requisitions.create_requisition("Designer")
    foreign = services.intake.apply_template(other.id, "Product manager").value
    with pytest.raises(ValidationError, match="^focus"):
        services.intake.save_stage(
            req.id,
            added.id,
            name="Take-home",
            target_date=None,
            interviewer_ids=[],
            focus_ids=[foreign[0].id],
            questions=[],
        )
