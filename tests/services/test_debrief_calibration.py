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
    assert [(a.icc21, a.icc2k, a.alpha_figure) for a in view.agreement] == [(None, None, None)]


def test_every_agreement_figure_has_an_interval_and_a_band_only_where_the_data_hold_it(demo):
    view = demo.calibration.calibration()
    figures = [f for row in view.agreement for f in (row.icc21, row.icc2k, row.alpha_figure) if f]
    assert figures
    bands = {"poor", "moderate", "good", "excellent", "unreliable", "tentative", "reliable"}
    for figure in figures:
        assert figure.ci_low <= figure.ci_high
        if figure.n_subjects < 5 or figure.n_raters < 2:
            assert figure.band is None
            assert figure.reading == "too few ratings to say"
        elif figure.band is None:
            assert figure.reading.startswith("between ")
        else:
            assert figure.band in bands
            assert figure.reading == figure.band
    assert any(f.n_subjects < 5 for f in figures)  # the demo has small panels: no band there


def test_a_three_by_two_panel_gets_no_band_even_when_it_agrees_perfectly():
    from hirepartner.services.calibration import _agreement

    row = _agreement(
        "Coding", {n: {"Pedro": n % 4 + 1, "Hannah": n % 4 + 1} for n in range(3)}, 6, 0
    )
    assert row.icc21 is not None
    assert row.icc21.value == 1.0
    assert row.icc21.band is None
    assert row.icc21.reading == "too few ratings to say"


def test_each_interviewers_leniency_is_labelled_only_on_enough_data(demo):
    view = demo.calibration.calibration()
    for rater in view.raters:
        item = rater.leniency
        if item.n < 5:
            assert item.tendency.value == "too_few"
        elif item.tendency.value in ("lenient", "severe"):
            assert abs(item.mean_deviation) >= 2 * item.standard_error


def test_the_ratings_behind_each_competency_agree_with_the_intake_screen(demo):
    requisition = demo.requisitions.list_requisitions()[0]
    view = demo.calibration.calibration(requisition.id)
    counts = {row.competency: row.ratings + row.not_assessed for row in view.agreement}
    intake = demo.intake.competencies(requisition.id)
    assert any(item.rated for item in intake)
    for item in intake:
        assert counts.get(item.name, 0) == item.rated
    assert counts["All competencies"] == sum(item.rated for item in intake)


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


def test_a_withdrawn_candidate_is_refused_in_a_sentence_and_the_view_says_withdrawn(demo):
    row = _active_at_first_stage(demo)
    demo.pipeline.set_status(row.application_id, "withdrawn")
    assert demo.debrief.debrief(row.application_id).status == "withdrawn"
    with pytest.raises(ValidationError) as refused:
        demo.debrief.decide(row.application_id, "advance", "Strong on design", [])
    assert str(refused.value) == "The application is withdrawn; reopen it first."
