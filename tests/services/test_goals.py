"""Goals agreed with the recruiter: add, change (kind included) and remove, with sentences."""

from datetime import date

import pytest

from hirepartner.errors import NotFoundError, ValidationError


def test_add_change_and_remove_a_goal(services):
    req = services.requisitions.create_requisition("Engineer", stages=["Screen", "Onsite"])
    onsite = req.stages[1].stage_id
    ident = services.goals.add_goal(req.id, "feedback_sla", share=0.9, hours=24)
    assert [g.text for g in services.metrics.dashboard(req.id).goals] == [
        "Feedback within 24 h for 90% of interviews"
    ]
    changed = services.goals.update_goal(
        ident, "candidates_at_stage", stage_id=onsite, count=3, due_on=date(2027, 3, 1)
    )
    assert (changed.kind, changed.stage_id, changed.share, changed.hours) == (
        "candidates_at_stage",
        onsite,
        None,
        None,
    )
    assert [g.text for g in services.metrics.dashboard(req.id).goals] == [
        "3 candidates at Onsite by 01 Mar 2027"
    ]
    assert [s.name for s in services.goals.stages(req.id)] == ["Screen", "Onsite"]
    assert services.goals.goals(req.id) == (changed,)
    removed = services.goals.remove_goal(ident)
    assert removed == changed
    assert services.metrics.dashboard(req.id).goals == ()
    with pytest.raises(NotFoundError, match=rf"^No goal with id {ident}\.$"):
        services.goals.remove_goal(ident)


def test_goal_mistakes_are_sentences(services):
    req = services.requisitions.create_requisition("Engineer", stages=["Screen"])
    other = services.requisitions.create_requisition("Designer", stages=["Portfolio"])
    with pytest.raises(NotFoundError, match=r"^No requisition with id 999\.$"):
        services.goals.add_goal(999, "hires", count=1)
    with pytest.raises(ValidationError, match=r"^Say how many hires the goal is for\.$"):
        services.goals.add_goal(req.id, "hires", count=0)
    with pytest.raises(ValidationError, match=r"^Give the share of interviews"):
        services.goals.add_goal(req.id, "feedback_sla", hours=24, share=1.5)
    with pytest.raises(ValidationError, match=r"is not a stage of this requisition\.$"):
        services.goals.add_goal(
            req.id, "candidates_at_stage", stage_id=other.stages[0].stage_id, count=1
        )
    assert services.goals.goals(req.id) == ()
