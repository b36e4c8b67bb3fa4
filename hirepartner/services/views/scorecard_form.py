"""A scorecard as its form shows it: the competencies it rates (focus first, in the words it
was rated against), its values, questions and history; read in the caller's unit of work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from hirepartner.data.models import (
    Competency,
    Person,
    Rating,
    Scorecard,
    ScorecardVersion,
    StageFocusCompetency,
    StageQuestion,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.services.changes import Changes
from hirepartner.services.views.requisitions import RequisitionRef


@dataclass(frozen=True)
class DraftValues:
    """Everything an interviewer types into a scorecard."""

    levels: Mapping[int, int | None] = field(default_factory=dict)
    evidence: Mapping[int, str] = field(default_factory=dict)
    key_takeaways: str = ""
    recommendation: str | None = None
    private_notes: str = ""
    interview_at: datetime | None = None


@dataclass(frozen=True)
class CompetencyItem:
    competency_id: int
    name: str
    description: str
    category: str
    weight: float
    anchors: tuple[str, ...]  # what level 1, 2, 3, 4 looks like
    focus: bool


@dataclass(frozen=True)
class VersionInfo:
    version: int
    created_at: datetime
    reason: str


@dataclass(frozen=True)
class ScorecardForm:
    id: int
    application_id: int
    candidate: str
    requisition: str
    stage: str
    interviewer_id: int
    interviewer: str
    status: str
    version: int
    revision: int
    submitted_at: datetime | None
    due_at: datetime | None
    items: tuple[CompetencyItem, ...]  # focus competencies first
    questions: tuple[str, ...]
    values: DraftValues
    history: tuple[VersionInfo, ...]

    @property
    def changes(self) -> Changes:
        """What a save or submit that returned this changed: the scorecard's application."""
        return Changes.of_applications([self.application_id])

    @property
    def has_draft_content(self) -> bool:
        values = self.values
        return bool(
            any(level is not None for level in values.levels.values())
            or any(text.strip() for text in values.evidence.values())
            or values.key_takeaways.strip()
            or values.recommendation
            or values.private_notes.strip()
        )


def competency_items(uow: UnitOfWork, card: Scorecard) -> list[CompetencyItem]:
    stage = uow.requisitions.stage(card.stage_id)
    focus = set(
        uow.session.scalars(
            select(StageFocusCompetency.competency_id).where(
                StageFocusCompetency.stage_id == card.stage_id
            )
        )
    )
    rated = set(
        uow.session.scalars(select(Rating.competency_id).where(Rating.scorecard_id == card.id))
    )
    every = uow.session.scalars(
        select(Competency)
        .where(Competency.requisition_id == stage.requisition_id)
        .order_by(Competency.position, Competency.id)
    ).all()
    replaces = {c.id: c.replaces_id for c in every}

    def succeeds_rated(ident: int | None) -> bool:
        while ident is not None:
            ident = replaces.get(ident)
            if ident in rated:
                return True
        return False

    # What this scorecard rated, in the words it was rated against, and the active
    # competencies that are not a later version of one of those.
    competencies = [
        c for c in every if c.id in rated or (c.retired_at is None and not succeeds_rated(c.id))
    ]
    items = [
        CompetencyItem(
            c.id,
            c.name,
            c.description,
            c.category,
            c.weight,
            tuple(a.text for a in c.anchors),
            c.id in focus,
        )
        for c in competencies
    ]
    return sorted(items, key=lambda item: not item.focus)  # stable: focus first, in order


def draft_values(uow: UnitOfWork, card: Scorecard) -> DraftValues:
    ratings = uow.session.scalars(select(Rating).where(Rating.scorecard_id == card.id)).all()
    return DraftValues(
        levels={r.competency_id: r.level for r in ratings},
        evidence={r.competency_id: r.evidence for r in ratings},
        key_takeaways=card.key_takeaways,
        recommendation=card.recommendation,
        private_notes=card.private_notes,
        interview_at=card.interview_at,
    )


def scorecard_form(uow: UnitOfWork, card: Scorecard) -> ScorecardForm:
    application = uow.applications.get(card.application_id)
    requisition = uow.requisitions.get(application.requisition_id)
    stage = uow.requisitions.stage(card.stage_id)
    interviewer = uow.session.get(Person, card.interviewer_id)
    questions = uow.session.scalars(
        select(StageQuestion.text)
        .where(StageQuestion.stage_id == card.stage_id)
        .order_by(StageQuestion.position)
    ).all()
    history = uow.session.scalars(
        select(ScorecardVersion)
        .where(ScorecardVersion.scorecard_id == card.id)
        .order_by(ScorecardVersion.version)
    ).all()
    due = (
        card.interview_at + timedelta(hours=requisition.feedback_sla_hours)
        if card.interview_at
        else None
    )
    return ScorecardForm(
        id=card.id,
        application_id=card.application_id,
        candidate=application.candidate.full_name,
        requisition=RequisitionRef.of(requisition).label,
        stage=stage.name,
        interviewer_id=card.interviewer_id,
        interviewer=interviewer.name if interviewer else "",
        status=card.status,
        version=card.version,
        revision=card.revision,
        submitted_at=card.submitted_at,
        due_at=due,
        items=tuple(competency_items(uow, card)),
        questions=tuple(questions),
        values=draft_values(uow, card),
        history=tuple(VersionInfo(v.version, v.created_at, v.reason) for v in history),
    )
