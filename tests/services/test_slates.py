"""Listing a slate: the figures per candidate, the summary, and a fixed number of statements."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from hirepartner.app import build_services
from hirepartner.config import sqlite_location
from hirepartner.data.models import Person, Rating, Scorecard
from hirepartner.errors import ValidationError


def _statements_for_listing(services, requisition_id):
    statements = []

    def count(*_args):
        statements.append(_args[2])

    event.listen(services.database.engine, "before_cursor_execute", count)
    try:
        listing = services.slates.list_slate(requisition_id)
    finally:
        event.remove(services.database.engine, "before_cursor_execute", count)
    return listing, statements


def _listing_statements(tmp_path, clock, size):
    services = build_services(sqlite_location(tmp_path / f"{size}.sqlite3"), clock=clock)
    try:
        services.fill_demo(candidates=size, seed=3)
        listing, statements = _statements_for_listing(services, 1)
    finally:
        services.close()
    assert len(listing.rows) > size // 4  # the first requisition holds ~40% of the candidates
    assert any(row.scorecards_expected for row in listing.rows)
    return statements


def test_listing_a_slate_issues_the_same_statements_whatever_its_size(tmp_path, clock):
    small = _listing_statements(tmp_path, clock, 10)
    large = _listing_statements(tmp_path, clock, 1000)
    assert len(small) == len(large)
    assert small == large  # the very same statements, not one per candidate
    assert len(small) <= 10  # BEGIN + one query per figure


def _score(services, app, interviewer, levels, status="submitted", interview_at=None):
    with services.database.unit_of_work() as uow:
        person = Person(name=interviewer, role="interviewer")
        uow.session.add(person)
        uow.session.flush()
        card = Scorecard(
            application_id=app.id,
            stage_id=app.stage_id,
            interviewer_id=person.id,
            status=status,
            recommendation="yes" if status == "submitted" else None,
            submitted_at=interview_at if status == "submitted" else None,
            interview_at=interview_at,
            updated_at=interview_at,
        )
        uow.session.add(card)
        uow.session.flush()
        for competency_id, level in levels.items():
            uow.session.add(Rating(scorecard_id=card.id, competency_id=competency_id, level=level))
        uow.commit()


def _competencies(services, req_id, names):
    from hirepartner.data.models import Competency

    with services.database.unit_of_work() as uow:
        made = [Competency(requisition_id=req_id, name=n, position=i) for i, n in enumerate(names)]
        uow.session.add_all(made)
        uow.commit()
        return [c.id for c in made]


def test_scores_counts_and_overdue_feedback_per_candidate(services, clock):
    req = services.requisitions.create_requisition(
        "Engineer", stages=["Screen"], feedback_sla_hours=24
    )
    coding, design = _competencies(services, req.id, ["Coding", "Design"])
    ada = services.pipeline.add_application(
        services.pipeline.add_candidate("Ada").id, req.id, pitch="Shipped a compiler.\nSecond line."
    )
    bob = services.pipeline.add_application(services.pipeline.add_candidate("Bob").id, req.id)
    now = clock()
    _score(services, ada, "R1", {coding: 4, design: 3}, interview_at=now)
    _score(services, ada, "R2", {coding: 2, design: None}, interview_at=now)
    _score(services, ada, "R3", {coding: 1}, status="draft", interview_at=now)  # not counted
    _score(services, bob, "R4", {}, status="draft", interview_at=now - timedelta(hours=30))

    listing = services.slates.list_slate(req.id)
    rows = {row.full_name: row for row in listing.rows}
    assert rows["Ada"].average_score == pytest.approx(3.0)  # (4 + 3 + 2) / 3, None not counted
    assert rows["Ada"].ratings == 3
    assert (rows["Ada"].scorecards_submitted, rows["Ada"].scorecards_expected) == (2, 3)
    assert rows["Ada"].overdue_scorecards == 0
    assert rows["Ada"].pitch_first_line == "Shipped a compiler."
    assert rows["Bob"].average_score is None
    assert rows["Bob"].overdue_scorecards == 1
    assert listing.summary.candidates == 2
    assert listing.summary.scored == 1
    assert listing.summary.average_score == pytest.approx(3.0)
    assert listing.summary.overdue_scorecards == 1
    assert listing.summary.by_stage == (("Screen", 2),)
    assert services.requisitions.get_requisition(req.id).overdue_feedback == 1


def test_one_slate_of_a_requisition(services):
    req = services.requisitions.create_requisition("Engineer")
    first = services.slates.create_slate(req.id, "Slate 1")
    second = services.slates.create_slate(req.id, "Slate 2")
    for name, slate in (("Ada", first), ("Bob", second), ("Cy", second)):
        candidate = services.pipeline.add_candidate(name)
        services.pipeline.add_application(candidate.id, req.id, slate_id=slate.id)
    assert [r.full_name for r in services.slates.list_slate(req.id, second.id).rows] == [
        "Bob",
        "Cy",
    ]
    assert len(services.slates.list_slate(req.id).rows) == 3
    other = services.requisitions.create_requisition("Designer")
    with pytest.raises(ValidationError, match="another requisition"):
        services.slates.list_slate(other.id, first.id)


def test_listing_only_some_applications_gives_the_same_rows(services):
    services.fill_demo(candidates=60, seed=9)
    full = services.slates.list_slate(1).rows
    wanted = [full[3].application_id, full[7].application_id]
    partial = services.slates.list_slate(1, application_ids=wanted).rows
    assert sorted(partial, key=lambda r: r.application_id) == sorted(
        [full[3], full[7]], key=lambda r: r.application_id
    )
    assert services.slates.list_slate(1, application_ids=[]).rows == ()
