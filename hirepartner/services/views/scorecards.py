"""Scorecards joined with their interviewer and stage, asked in one place, and the independent
scoring rule that decides whose of them a reader may see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from hirepartner.data.models import Application, InterviewStage, Person, Requisition, Scorecard
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ScorecardStatus, ScoringVisibility


def may_see_others(mode: str, own_statuses: list[str]) -> bool:
    """Whether a reader whose own scorecards on an application have these statuses may see
    the other interviewers' submitted ones (the requisition's independent-scoring rule)."""
    if mode == ScoringVisibility.ALWAYS.value:
        return True
    if not own_statuses:  # overseeing the panel, not on it: the hiring manager, the recruiter
        return True
    if mode == ScoringVisibility.NEVER.value:
        return False
    return all(status == ScorecardStatus.SUBMITTED.value for status in own_statuses)


def blind_applications(
    uow: UnitOfWork, reader_id: int | None, *criteria: ColumnElement[bool]
) -> set[int]:
    """The applications (among those `criteria` select) on which this reader may not see the
    other interviewers' ratings yet, by each requisition's rule: every figure derived from
    others' ratings leaves these out for this reader. None reads as overseeing: sees all."""
    if reader_id is None:
        return set()
    own: dict[int, tuple[str, list[str]]] = {}
    for app_id, mode, status in uow.session.execute(
        select(Scorecard.application_id, Requisition.scoring_visibility, Scorecard.status)
        .join(Application, Application.id == Scorecard.application_id)
        .join(Requisition, Requisition.id == Application.requisition_id)
        .where(Scorecard.interviewer_id == reader_id, *criteria)
    ):
        own.setdefault(app_id, (mode, []))[1].append(status)
    return {
        app_id for app_id, (mode, statuses) in own.items() if not may_see_others(mode, statuses)
    }


def panel_query(*criteria: ColumnElement[bool], lean: bool = False) -> Select[*tuple[Any, ...]]:
    """Scorecards with their interviewer's name and their stage, filtered by `criteria`,
    in stage order then by interviewer: the one way every view asks for them. `lean` keeps only
    who, which stage and when, unordered, for figures over tens of thousands of scorecards."""
    who_when = (
        Person.name.label("interviewer"),
        InterviewStage.name.label("stage"),
        Scorecard.interview_at,
        Scorecard.submitted_at,
        Application.requisition_id,
    )
    more = (
        Scorecard.id,
        Scorecard.application_id,
        Scorecard.interviewer_id,
        Scorecard.stage_id,
        Scorecard.status,
        Scorecard.recommendation,
        Scorecard.key_takeaways,
    )
    query = (
        select(*who_when, *(() if lean else more))
        .join(Application, Application.id == Scorecard.application_id)
        .join(Person, Person.id == Scorecard.interviewer_id)
        .join(InterviewStage, InterviewStage.id == Scorecard.stage_id)
        .where(*criteria)
    )
    return query if lean else query.order_by(InterviewStage.position, Person.name, Scorecard.id)


def panel_scorecards(
    uow: UnitOfWork, *criteria: ColumnElement[bool], lean: bool = False
) -> Sequence[Any]:
    """The rows of `panel_query`, plain: interviewer, stage, interview_at, submitted_at and
    requisition_id; unless lean also id, application_id, interviewer_id, stage_id, status,
    recommendation and key_takeaways."""
    return uow.session.connection().execute(panel_query(*criteria, lean=lean)).all()


def of_applications(application_ids: Sequence[int]) -> ColumnElement[bool]:
    return Scorecard.application_id.in_(list(application_ids))


def of_requisitions(requisition_ids: Sequence[int]) -> ColumnElement[bool]:
    return Application.requisition_id.in_(list(requisition_ids))


def submitted() -> ColumnElement[bool]:
    return Scorecard.status == ScorecardStatus.SUBMITTED.value
