"""A requisition's active competencies as read, how many submitted scorecards rated each, and
carrying a replaced competency's drafts, focus and questions over to its new version."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from hirepartner.data.models import (
    Competency,
    Rating,
    Scorecard,
    StageFocusCompetency,
    StageQuestion,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ScorecardStatus


@dataclass(frozen=True)
class CompetencyInfo:
    id: int
    name: str
    description: str
    category: str
    weight: float
    position: int
    anchors: tuple[str, ...]
    rated: int  # ratings on submitted scorecards


def active_competencies(uow: UnitOfWork, requisition_id: int) -> list[CompetencyInfo]:
    """The requisition's competencies that are not retired, in their order."""
    rows = uow.session.scalars(
        select(Competency)
        .where(Competency.requisition_id == requisition_id, Competency.retired_at.is_(None))
        .order_by(Competency.position, Competency.id)
    ).all()
    rated = rated_counts(uow, [c.id for c in rows])
    return [
        CompetencyInfo(
            c.id,
            c.name,
            c.description,
            c.category,
            c.weight,
            c.position,
            tuple(a.text for a in c.anchors),
            rated.get(c.id, 0),
        )
        for c in rows
    ]


def rated_counts(uow: UnitOfWork, competency_ids: list[int]) -> dict[int, int]:
    """Ratings on submitted scorecards, by competency (those never rated are left out)."""
    rows = uow.session.execute(
        select(Rating.competency_id, func.count())
        .join(Scorecard, Scorecard.id == Rating.scorecard_id)
        .where(
            Rating.competency_id.in_(competency_ids),
            Scorecard.status == ScorecardStatus.SUBMITTED.value,
        )
        .group_by(Rating.competency_id)
    ).all()
    return {ident: int(count) for ident, count in rows}


def carry_over(uow: UnitOfWork, old_id: int, new_id: int) -> None:
    """Draft ratings, stage focus and questions follow a competency to its new version."""
    drafts = select(Scorecard.id).where(Scorecard.status == ScorecardStatus.DRAFT.value)
    uow.session.execute(
        update(Rating)
        .where(Rating.competency_id == old_id, Rating.scorecard_id.in_(drafts))
        .values(competency_id=new_id)
    )
    uow.session.execute(
        update(StageFocusCompetency)
        .where(StageFocusCompetency.competency_id == old_id)
        .values(competency_id=new_id)
    )
    uow.session.execute(
        update(StageQuestion)
        .where(StageQuestion.competency_id == old_id)
        .values(competency_id=new_id)
    )
