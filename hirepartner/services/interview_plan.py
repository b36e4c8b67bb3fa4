"""The interview plan as read: each stage's panel, focus competencies, questions and how many
applications sit in it; and who can be on a panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from hirepartner.data.models import (
    Application,
    Person,
    StageFocusCompetency,
    StageInterviewer,
    StageQuestion,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.services.people import roster


@dataclass(frozen=True)
class StagePlan:
    id: int
    name: str
    position: int
    target_date: date | None
    interviewer_ids: tuple[int, ...]
    focus_ids: tuple[int, ...]
    questions: tuple[str, ...]
    applications: int


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    role: str
    retired: bool = False  # kept on the stages they were on, not offered for new ones


def panel_choices(uow: UnitOfWork) -> tuple[PersonChoice, ...]:
    """Everyone who can be on a panel; retired people only show where they already are."""
    return tuple(PersonChoice(p.id, p.name, p.role, p.retired) for p in roster(uow))


def interview_plan(uow: UnitOfWork, requisition_id: int) -> tuple[StagePlan, ...]:
    """The requisition's stages in order, each with its panel, focus and questions."""
    uow.requisitions.get(requisition_id)
    stages = uow.requisitions.stages([requisition_id])
    ids = [s.id for s in stages]
    interviewers = uow.session.execute(
        select(StageInterviewer.stage_id, StageInterviewer.person_id)
        .join(Person, Person.id == StageInterviewer.person_id)
        .where(StageInterviewer.stage_id.in_(ids))
        .order_by(Person.name)
    ).all()
    focus = uow.session.execute(
        select(StageFocusCompetency.stage_id, StageFocusCompetency.competency_id).where(
            StageFocusCompetency.stage_id.in_(ids)
        )
    ).all()
    questions = uow.session.execute(
        select(StageQuestion.stage_id, StageQuestion.text)
        .where(StageQuestion.stage_id.in_(ids))
        .order_by(StageQuestion.position)
    ).all()
    counts = dict(
        uow.session.execute(
            select(Application.stage_id, func.count())
            .where(Application.stage_id.in_(ids))
            .group_by(Application.stage_id)
        ).all()
    )
    return tuple(
        StagePlan(
            s.id,
            s.name,
            s.position,
            s.target_date,
            tuple(p for sid, p in interviewers if sid == s.id),
            tuple(c for sid, c in focus if sid == s.id),
            tuple(t for sid, t in questions if sid == s.id),
            int(counts.get(s.id, 0)),
        )
        for s in stages
    )
