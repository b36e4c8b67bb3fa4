"""The schema itself refuses impossible data, whatever code writes it."""

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hirepartner.data.models import Rating, Scorecard


@pytest.fixture
def world(services):
    req = services.requisitions.create_requisition("Backend Engineer")
    cand = services.pipeline.add_candidate("Ada Lovelace", email="ada@example.com")
    app = services.pipeline.add_application(cand.id, req.id)
    return req, app


def _insert(services, *objects):
    with services.database.unit_of_work() as uow:
        uow.session.add_all(objects)
        uow.session.flush()
        uow.commit()


def _scorecard(app, interviewer_id=None, **values):
    defaults = {
        "application_id": app.id,
        "stage_id": app.stage_id,
        "interviewer_id": interviewer_id,
        "updated_at": datetime(2026, 1, 1),
    }
    return Scorecard(**(defaults | values))


def _person(services):
    from hirepartner.data.models import Person

    person = Person(name="Ian Interviewer", role="interviewer")
    _insert(services, person)
    return person.id


def test_one_scorecard_per_interviewer_application_and_stage(services, world):
    _req, app = world
    person = _person(services)
    _insert(services, _scorecard(app, person))
    with pytest.raises(IntegrityError, match="UNIQUE"):
        _insert(services, _scorecard(app, person))


@pytest.mark.parametrize("level", [0, 5, -1])
def test_ratings_outside_one_to_four_are_refused(services, world, level):
    _req, app = world
    card = _scorecard(app, _person(services))
    _insert(services, card)
    with services.database.unit_of_work() as uow:
        competency_id = uow.session.execute(
            text(
                "INSERT INTO competency (requisition_id, name, description, category, weight, "
                "position) VALUES (:r, 'Coding', '', '', 1, 0) RETURNING id"
            ),
            {"r": app.requisition_id},
        ).scalar_one()
        uow.commit()
    with pytest.raises(IntegrityError, match="ck_rating_level"):
        _insert(services, Rating(scorecard_id=card.id, competency_id=competency_id, level=level))


def test_a_submitted_scorecard_needs_a_recommendation(services, world):
    _req, app = world
    with pytest.raises(IntegrityError, match="submitted_complete"):
        _insert(
            services,
            _scorecard(
                app, _person(services), status="submitted", submitted_at=datetime(2026, 1, 2)
            ),
        )


def test_unknown_enumeration_values_are_refused(services, world):
    _req, app = world
    with pytest.raises(IntegrityError, match="ck_scorecard_recommendation"):
        _insert(services, _scorecard(app, _person(services), recommendation="maybe"))


def test_a_rejection_needs_a_reason_in_the_schema(services, world):
    _req, app = world
    with services.database.unit_of_work() as uow:
        application = uow.applications.get(app.id)
        application.status = "rejected"
        with pytest.raises(IntegrityError, match="rejected_has_reason"):
            uow.session.flush()


def test_foreign_keys_are_enforced(services, world):
    _req, app = world
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        _insert(services, _scorecard(app, interviewer_id=9999))
