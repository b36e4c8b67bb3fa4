"""The candidate panel's data: detail, history, tags, notes, resumes; profile; undo restore."""

import hashlib

import pytest

from hirepartner.errors import NotFoundError, ValidationError
from hirepartner.services.changes import ChangeKind


@pytest.fixture
def demo(services):
    services.fill_demo(candidates=40, seed=4)
    return services


def _an_application(services, **where):
    rows = services.slates.list_slate(1).rows
    return next(row for row in rows if all(getattr(row, k) == v for k, v in where.items()))


def test_detail_of_a_demo_application(demo):
    row = next(r for r in demo.slates.list_slate(1).rows if r.scorecards_expected)
    detail = demo.review.application_detail(row.application_id)
    assert detail.full_name == row.full_name
    assert detail.requisition == "REQ-1042 Senior Backend Engineer"
    assert detail.history[0].text.startswith("Added at Application review")
    assert len(detail.scorecards) == row.scorecards_expected
    assert detail.resumes
    resume = demo.review.resume_file(detail.resumes[0].id)
    assert resume.content.startswith(b"%PDF-")
    assert hashlib.sha256(resume.content).hexdigest() == detail.resumes[0].sha256


def test_tags_add_once_and_remove(demo):
    row = _an_application(demo)
    added = demo.review.add_tag(row.candidate_id, "  strong   hire ")
    assert added.done is True
    # Every application of the candidate shows the tag: each is named as changed.
    assert row.application_id in added.changes.application_ids
    assert added.changes.touches(ChangeKind.APPLICATION)
    again = demo.review.add_tag(row.candidate_id, "strong hire")
    assert again.done is False
    assert not again.changes.kinds  # already there: nothing to refresh
    assert "strong hire" in demo.review.application_detail(row.application_id).tags
    removed = demo.review.remove_tag(row.candidate_id, "strong hire")
    assert removed.done is True
    assert row.application_id in removed.changes.application_ids
    assert "strong hire" not in demo.review.application_detail(row.application_id).tags
    assert not demo.review.remove_tag(row.candidate_id, "strong hire").changes.kinds
    with pytest.raises(ValidationError, match="^tag"):
        demo.review.add_tag(row.candidate_id, "   ")


def test_notes_are_attributed_to_me_and_can_be_deleted(demo):
    row = _an_application(demo)
    added = demo.review.add_note(row.application_id, "Ask about the notice period.")
    note = added.note
    assert note is not None
    assert note.author == "Morgan Avery"
    assert added.changes.application_ids == {row.application_id}
    detail = demo.review.application_detail(row.application_id)
    assert [n.text for n in detail.notes] == ["Ask about the notice period."]
    deleted = demo.review.delete_note(note.id)
    assert deleted.changes.application_ids == {row.application_id}
    assert demo.review.application_detail(row.application_id).notes == ()
    with pytest.raises(NotFoundError):
        demo.review.delete_note(note.id)


def test_restore_undoes_a_rejection_and_a_move(demo):
    row = _an_application(demo, status="active", stage="Application review")
    before = demo.review.application_detail(row.application_id)
    snapshot = demo.pipeline.move_stage(row.application_id, row.stage_id)  # no-op: the state
    demo.pipeline.move_stage(row.application_id, before.stage_id + 1)
    demo.pipeline.reject(row.application_id, "level_mismatch")
    restored = demo.pipeline.restore(row.application_id, snapshot)
    assert (restored.stage, restored.status, restored.rejection_reason) == (
        "Application review",
        "active",
        None,
    )
    assert restored.entered_stage_at == snapshot.entered_stage_at
    history = demo.review.application_detail(row.application_id).history
    assert history[-1].text.endswith("undone")


def test_profile_first_run_and_update(services):
    assert services.profile.is_empty()
    assert services.profile.current() is None
    me = services.profile.set_current("Ada Lovelace", "ada@example.com", "hiring_manager")
    assert services.profile.current() == me
    assert not services.profile.is_empty()
    again = services.profile.set_current("Ada King", "ada@example.com", "interviewer")
    assert again.id == me.id
    assert again.role == "interviewer"
    with pytest.raises(ValidationError, match="^role"):
        services.profile.set_current("Ada", "ada@example.com", "boss")
    with pytest.raises(ValidationError, match="^email"):
        services.profile.set_current("Ada", "ada", "recruiter")


def test_awaiting_me_marks_my_drafts(services):
    services.fill_demo(candidates=300, seed=4)
    rows = services.slates.list_slate(1).rows
    mine = [r for r in rows if r.awaiting_me]
    assert mine
    assert all(r.scorecards_submitted < r.scorecards_expected for r in mine)


def test_the_panel_hides_others_recommendations_until_mine_is_in(services):
    """The demo's hiring manager sits on the onsite panel: independent scoring applies."""
    services.fill_demo(candidates=300, seed=4)
    me = services.profile.current()
    rows = services.slates.list_slate(1).rows
    waiting = next(r for r in rows if r.awaiting_me and r.scorecards_submitted)
    detail = services.review.application_detail(waiting.application_id)
    others = [c for c in detail.scorecards if c.interviewer != me.name]
    submitted_others = [c for c in others if c.status == "submitted"]
    hidden = [c for c in submitted_others if c.hidden]
    assert hidden
    assert all(c.recommendation is None for c in hidden)
    assert all(c.recommendation is None for c in others if c.status == "draft")
