"""Debrief agenda and decisions; calibration figures with their n."""

import pytest
from sqlalchemy import select

from hirepartner.data.models import AuditEvent
from hirepartner.data.models.exchange import OutboxEnvelope
from hirepartner.errors import ValidationError
from hirepartner.scoring.summary import cell_stats
from hirepartner.services.debrief import agenda


def test_agenda_puts_disagreement_first_then_single_ratings_then_none():
    items = agenda(
        [
            ("Agreed", cell_stats([3, 3])),
            ("Unrated", cell_stats([])),
            ("Split", cell_stats([1, 4])),
            ("Alone", cell_stats([2])),
            ("Close", cell_stats([2, 3])),
        ]
    )
    assert [i.competency for i in items] == ["Split", "Close", "Alone", "Unrated", "Agreed"]
    assert items[0].why == "raters 3 levels apart"
    assert items[2].why == "one rating only"


@pytest.fixture
def demo(services):
    services.fill_demo(candidates=150, seed=8)
    return services


def test_a_decision_moves_the_application_and_is_kept(demo):
    rows = demo.slates.list_slate(1).rows
    row = next(r for r in rows if r.status == "active" and r.stage_position == 1)
    view = demo.debrief.debrief(row.application_id)
    assert view.agenda
    with pytest.raises(ValidationError, match="^Write the rationale") as no_rationale:
        demo.debrief.decide(row.application_id, "advance", "  ", [])
    assert no_rationale.value.field == "rationale"
    with pytest.raises(ValidationError, match="^Choose a rejection reason") as no_reason:
        demo.debrief.decide(row.application_id, "reject", "Not now", [])
    assert no_reason.value.field == "reason"
    after = demo.debrief.decide(
        row.application_id, "advance", "Strong on design", ["Morgan Avery", "Mei Lin"]
    )
    assert after.stage != row.stage
    assert [(d.outcome, d.present) for d in after.decisions] == [
        ("advance", ("Morgan Avery", "Mei Lin"))
    ]
    rejected = demo.debrief.decide(row.application_id, "reject", "Level", [], "level_mismatch")
    assert rejected.decisions[-1].outcome == "reject"
    assert demo.pipeline.get_application(row.application_id).rejection_reason == "level_mismatch"


def test_calibration_finds_the_lenient_and_the_severe_rater(demo):
    view = demo.calibration.calibration()
    by_name = {r.leniency.rater: r for r in view.raters}
    assert by_name["Jordan Blake"].leniency.mean_deviation > 0.3  # built lenient
    assert by_name["Kwame Asante"].leniency.mean_deviation < -0.3  # built severe
    for rater in view.raters:
        if rater.leniency.n >= 2:
            assert rater.leniency.standard_error is not None
        assert sum(rater.leniency.distribution) >= rater.leniency.n
    overall = view.agreement[-1]
    assert overall.competency == "All competencies"
    assert overall.alpha is not None
    assert overall.alpha.units > 10
    assert overall.icc is not None
    assert overall.icc.raters >= 2


def test_calibration_with_too_little_data_says_so(services):
    view = services.calibration.calibration()
    assert view.raters == ()
    assert [(a.icc_band, a.alpha_band) for a in view.agreement] == [("n too small", "n too small")]


def _active_at_first_stage(demo):
    rows = demo.slates.list_slate(1).rows
    return next(r for r in rows if r.status == "active" and r.stage_position == 1)


def test_each_agenda_item_shows_who_rated_what_with_the_whole_evidence(demo):
    row = next(
        r
        for r in demo.slates.list_slate(1).rows
        if r.scorecards_submitted >= 2 and r.status == "active"
    )
    view = demo.debrief.debrief(row.application_id)
    rated = [item for item in view.agenda if item.cell.n]
    assert rated
    me = demo.profile.current()
    cards = demo.scorecards.visible_scorecards(row.application_id, me.id)
    written = {
        (card.interviewer, competency): (level, evidence)
        for card in cards
        if card.status == "submitted"
        for competency, level, evidence in card.ratings
    }
    for item in rated:
        levels = [r.level for r in item.ratings if r.level is not None]
        assert (min(levels), max(levels), len(levels)) == (
            item.cell.low,
            item.cell.high,
            item.cell.n,
        )
        for rating in item.ratings:
            # The evidence whole, as the interviewer wrote it, and by someone on the panel.
            level, evidence = written[(rating.interviewer, item.competency)]
            assert (rating.level, rating.evidence) == (level, evidence.strip())
            assert rating.interviewer in view.panel


def test_the_same_decision_twice_in_a_row_is_refused_in_a_sentence(demo):
    row = _active_at_first_stage(demo)
    demo.debrief.decide(row.application_id, "hold", "Waiting for the budget.", ["Mei Lin"])
    with pytest.raises(ValidationError) as twice:
        demo.debrief.decide(row.application_id, "hold", "  Waiting for the budget. ", [])
    text = str(twice.value)
    assert text.startswith("This decision (hold")
    assert text.endswith(".")
    assert not text.startswith("decision:")
    after = demo.debrief.debrief(row.application_id)
    assert [d.outcome for d in after.decisions] == ["hold"]  # recorded once


def test_withdrawing_a_decision_and_restoring_the_application_undoes_it(demo):
    row = _active_at_first_stage(demo)
    before = demo.pipeline.get_application(row.application_id)
    notices_before = _decision_notices(demo)
    view = demo.debrief.decide(row.application_id, "advance", "Strong on design", ["Morgan Avery"])
    assert view.recorded is not None
    assert view.recorded.id == view.decisions[-1].id
    assert demo.pipeline.get_application(row.application_id).stage_id != before.stage_id
    withdrawn = demo.debrief.withdraw_decision(view.recorded.id)
    assert withdrawn.application_id == row.application_id
    assert not withdrawn.recruiter_told  # nothing was sent yet: the notice is dropped
    demo.pipeline.restore(row.application_id, before)
    after = demo.pipeline.get_application(row.application_id)
    assert (after.stage_id, after.status) == (before.stage_id, before.status)
    assert demo.debrief.debrief(row.application_id).decisions == ()
    with demo.database.unit_of_work() as uow:
        actions = uow.session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.entity == "application", AuditEvent.entity_id == row.application_id
            )
        ).all()
    assert "withdraw_decision" in actions
    assert _decision_notices(demo) == notices_before
    # Recording it again after the undo is a new decision, not a duplicate.
    again = demo.debrief.decide(row.application_id, "advance", "Strong on design", [])
    assert [d.outcome for d in again.decisions] == ["advance"]


def _decision_notices(demo):
    with demo.database.unit_of_work() as uow:
        return set(
            uow.session.scalars(select(OutboxEnvelope.id).where(OutboxEnvelope.kind == "decision"))
        )


def test_a_decision_and_its_stage_move_commit_together_or_not_at_all(demo, monkeypatch):
    """The move and the record of the decision are one transaction: when recording the decision
    fails, the candidate has not moved either, and no half is left in the history."""
    import hirepartner.services.debrief as debrief_module

    rows = demo.slates.list_slate(1).rows
    row = next(r for r in rows if r.status == "active" and r.stage_position == 1)
    before = demo.pipeline.get_application(row.application_id)
    history = demo.review.application_detail(row.application_id).history

    def broken(*_args, **_kwargs):
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr(debrief_module, "enqueue_decision", broken)
    with pytest.raises(RuntimeError):
        demo.debrief.decide(row.application_id, "advance", "Strong on design", ["Mei Lin"])
    assert demo.pipeline.get_application(row.application_id) == before  # not moved
    assert demo.review.application_detail(row.application_id).history == history
    assert demo.debrief.debrief(row.application_id).decisions == ()
    monkeypatch.undo()
    after = demo.debrief.decide(row.application_id, "advance", "Strong on design", ["Mei Lin"])
    assert after.stage != before.stage  # with the outbox back, both happen
