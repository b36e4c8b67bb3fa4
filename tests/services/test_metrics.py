"""Metrics against a world small enough to count by hand, and against empty and
one-candidate worlds: no division by zero, no invented percentage, n everywhere."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from hirepartner.data.models import Person, Scorecard, Slate
from hirepartner.scoring.metrics import Rate, spread
from hirepartner.services.metrics import metrics_csv

T0 = datetime(2026, 10, 1, 9, 0)


def test_rates_and_spreads_say_their_n():
    assert Rate(0, 0).value is None
    assert Rate(0, 0).label() == "no data"
    assert Rate(1, 2).label() == "50% (1 of 2), only 2"
    assert Rate(9, 10).label() == "90% (9 of 10)"
    assert spread([]).label("h") == "no data"
    s = spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert (s.n, s.median, s.p90) == (10, 5.5, 9)


def test_an_empty_requisition_has_no_invented_figures(services):
    req = services.requisitions.create_requisition("Empty", stages=["Screen", "Onsite"])
    board = services.metrics.dashboard(req.id)
    assert board.feedback.within_sla.label() == "no data"
    assert board.feedback.hours.n == 0
    assert [s.reached for s in board.funnel] == [0, 0]
    assert all(s.onward.value is None for s in board.funnel)
    assert board.slates_advanced.value is None
    assert board.acceptance.label() == "no data"
    assert board.time_to_hire_days.label("d") == "no data"
    assert board.projected_fill is None
    assert "too early" in board.projection_basis
    metrics_csv(board)  # and exports without dividing by zero


@pytest.fixture
def world(services, clock):
    """Screen -> Onsite -> Offer. Four candidates on one slate, with this history:
    A: screen (day 0), onsite (day 4), offer stage (day 10), hired (day 12)
    B: screen (day 0), onsite (day 6), rejected: missing a must-have (day 7)
    C: screen (day 0), rejected: location (day 2)
    D: screen (day 0), still there on day 20 (stalled)
    Feedback: A's onsite card in 10 h, B's onsite card in 30 h (SLA 24 h)."""
    clock.now = T0
    req = services.requisitions.create_requisition(
        "Platform Engineer", stages=["Screen", "Onsite", "Offer"], code="REQ-9"
    )
    with services.database.unit_of_work() as uow:
        uow.session.execute(
            update(type(uow.requisitions.get(req.id))).values(
                feedback_sla_hours=24,
                opened_on=date(2026, 10, 1),
                target_hire_date=date(2026, 12, 1),
            )
        )
        slate = Slate(requisition_id=req.id, name="Week 40", presented_at=T0)
        ivy = Person(name="Ivy", role="interviewer", email="ivy@example.com")
        uow.session.add_all([slate, ivy])
        uow.commit()
        slate_id, ivy_id = slate.id, ivy.id
    stage = {s.name: s.stage_id for s in req.stages}
    ids = {}
    for name in "ABCD":
        cand = services.pipeline.add_candidate(name, email=f"{name.lower()}@example.com")
        ids[name] = services.pipeline.add_application(cand.id, req.id, slate_id=slate_id).id

    def at(days):
        clock.now = T0 + timedelta(days=days)

    at(4)
    services.pipeline.move_stage(ids["A"], stage["Onsite"])
    at(6)
    services.pipeline.move_stage(ids["B"], stage["Onsite"])
    at(2)
    services.pipeline.reject(ids["C"], "location", "")
    at(7)
    services.pipeline.reject(ids["B"], "missing_must_have", "No Go")
    at(10)
    services.pipeline.move_stage(ids["A"], stage["Offer"])
    at(12)
    services.pipeline.set_status(ids["A"], "hired")
    with services.database.unit_of_work() as uow:
        for name, hours in (("A", 10), ("B", 30)):
            uow.session.add(
                Scorecard(
                    application_id=ids[name],
                    stage_id=stage["Onsite"],
                    interviewer_id=ivy_id,
                    status="submitted",
                    recommendation="yes",
                    interview_at=T0 + timedelta(days=5),
                    submitted_at=T0 + timedelta(days=5, hours=hours),
                    updated_at=T0,
                )
            )
        uow.commit()
    at(20)
    return services, req, ids, stage, slate_id


def test_the_small_world_by_hand(world):
    services, req, _ids, _stage, _slate_id = world
    board = services.metrics.dashboard(req.id)
    assert board.feedback.hours.n == 2
    assert board.feedback.hours.median == 20  # (10 + 30) / 2
    assert board.feedback.within_sla == Rate(1, 2)
    assert [f.label for f in board.feedback_by_interviewer] == ["Ivy"]
    assert [f.label for f in board.feedback_by_stage] == ["Onsite"]
    assert [(s.stage, s.reached) for s in board.funnel] == [
        ("Screen", 4),
        ("Onsite", 2),
        ("Offer", 1),
    ]
    assert board.funnel[0].onward == Rate(2, 4)
    assert board.funnel[1].onward == Rate(1, 2)
    # Time in Screen: A 4 days, B 6 days (finished stays), D 20 days (still there).
    screen = board.funnel[0].time_in_stage_days
    assert (screen.n, screen.median) == (3, 6)
    assert board.funnel[0].first_reached == date(2026, 10, 1)
    assert board.funnel[2].first_reached == date(2026, 10, 11)
    assert (board.active, board.stalled) == (1, 1)  # D, 20 days without a move
    assert [(s.name, s.advanced) for s in board.slates] == [("Week 40", Rate(2, 4))]
    assert board.rejected == 2
    assert board.reasons == (("Location", 1), ("Missing a must-have", 1))
    assert (board.offers, board.hires) == (0, 1)
    assert board.acceptance == Rate(1, 1)
    assert board.time_to_hire_days.median == 12
    assert board.projected_fill == date(2026, 10, 13)
    assert board.projection_basis == "filled"


def test_goals_report_whether_they_are_on_track(world):
    services, req, _ids, _stage, _slate = world
    services.goals.add_goal(req.id, "feedback_sla", share=0.9, hours=24)
    services.goals.add_goal(
        req.id, "candidates_at_stage", stage="Onsite", count=3, due_on=date(2026, 10, 15)
    )
    services.goals.add_goal(req.id, "hires", count=1, due_on=date(2026, 12, 1))
    goals = {g.text: (g.status, g.detail) for g in services.metrics.dashboard(req.id).goals}
    assert goals["Feedback within 24 h for 90% of interviews"] == ("behind", "50% (1 of 2), only 2")
    assert goals["3 candidates at Onsite by 15 Oct 2026"] == ("missed", "2 of 3")
    assert goals["1 hire by 01 Dec 2026"] == ("met", "1 of 1")
    with pytest.raises(Exception, match="not a stage"):
        services.goals.add_goal(req.id, "candidates_at_stage", stage="Lunch", count=1)


def test_one_candidate_world(services):
    req = services.requisitions.create_requisition("Solo", stages=["Screen", "Onsite"])
    cand = services.pipeline.add_candidate("Only One", email="one@example.com")
    services.pipeline.add_application(cand.id, req.id)
    board = services.metrics.dashboard(req.id)
    assert board.funnel[0].reached == 1
    assert board.funnel[0].onward.label() == "0% (0 of 1), only 1"
    assert board.projected_fill is None


def test_slate_feedback_and_the_csv_is_safe(world):
    services, req, _ids, _stage, slate_id = world
    services.metrics.rate_slate(slate_id, 4, "=more Go experience", "@agencies")
    board = services.metrics.dashboard(req.id)
    assert (board.slates[0].rating, board.slates[0].more_of) == (4, "=more Go experience")
    rows = list(csv.reader(io.StringIO(metrics_csv(board))))
    assert rows[0] == ["section", "item", "figure", "value", "n"]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))
    assert ["pipeline", "Screen", "pass-through", "0.5", "4"] in rows
    with pytest.raises(Exception, match="1 to 5"):
        services.metrics.rate_slate(slate_id, 9, "", "")


def test_across_requisitions(world):
    services, *_ = world
    board = services.metrics.dashboard(None)
    assert board.scope.startswith("All requisitions")
    assert board.funnel[0].stage == "Stage 1: Screen"
