"""The debrief: an agenda ordered by where discussion is needed most, the panel's
recommendations, and the decision, which moves the application and is kept with its reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models import Decision
from hirepartner.domain import RejectionReason
from hirepartner.errors import ValidationError
from hirepartner.scoring.summary import CellStats
from hirepartner.services.base import Service
from hirepartner.services.compare import CompareService
from hirepartner.services.outbox import enqueue_decision
from hirepartner.services.pipeline import PipelineService

OUTCOMES = ("advance", "reject", "hold")


@dataclass(frozen=True)
class AgendaItem:
    competency: str
    why: str  # "raters 3 levels apart", "one rating", "no ratings", "agreed"
    cell: CellStats


@dataclass(frozen=True)
class DecisionInfo:
    at: datetime
    outcome: str
    rationale: str
    present: tuple[str, ...]


@dataclass(frozen=True)
class DebriefView:
    application_id: int
    candidate: str
    stage: str
    agenda: tuple[AgendaItem, ...]
    recommendations: tuple[tuple[str, int], ...]
    hidden_scorecards: int
    decisions: tuple[DecisionInfo, ...]


def agenda(rows: Sequence[tuple[str, CellStats]]) -> tuple[AgendaItem, ...]:
    """Largest disagreement first, then single ratings, then unrated, then the agreed."""

    def rank(item: tuple[str, CellStats]) -> tuple[int, int]:
        cell = item[1]
        if cell.n >= 2 and cell.spread > 0:
            return (0, -cell.spread)
        if cell.n == 1:
            return (1, 0)
        if cell.n == 0:
            return (2, 0)
        return (3, 0)

    items = []
    for name, cell in sorted(rows, key=rank):
        if cell.n >= 2 and cell.spread > 0:
            why = f"raters {cell.spread} level{'s' if cell.spread > 1 else ''} apart"
        elif cell.n == 1:
            why = "one rating only"
        elif cell.n == 0:
            why = "no ratings"
        else:
            why = "raters agree"
        items.append(AgendaItem(name, why, cell))
    return tuple(items)


class DebriefService(Service):
    def __init__(
        self,
        database: Database,
        clock: Clock,
        compare: CompareService,
        pipeline: PipelineService,
    ) -> None:
        super().__init__(database, clock)
        self._compare = compare
        self._pipeline = pipeline

    def debrief(self, application_id: int, reader_id: int | None) -> DebriefView:
        view = self._compare.single(application_id, reader_id)
        candidate = view.candidates[0]
        with self._uow() as uow:
            decisions = uow.session.scalars(
                select(Decision)
                .where(Decision.application_id == application_id)
                .order_by(Decision.at, Decision.id)
            ).all()
            history = tuple(
                DecisionInfo(d.at, d.outcome, d.rationale, tuple(d.present)) for d in decisions
            )
        return DebriefView(
            application_id,
            candidate.label,
            candidate.stage,
            agenda([(row.competency, row.cells[0]) for row in view.rows]),
            candidate.recommendations,
            candidate.hidden_scorecards,
            history,
        )

    def debrief_slate(
        self, application_ids: Sequence[int], reader_id: int | None
    ) -> tuple[tuple[DebriefView, ...], tuple[AgendaItem, ...]]:
        """A debrief for several candidates: each one's view, and one agenda across them all
        (items named "candidate: competency"), still ordered by where discussion is needed."""
        views = tuple(self.debrief(ident, reader_id) for ident in application_ids)
        combined = agenda(
            [
                (f"{view.candidate}: {item.competency}", item.cell)
                for view in views
                for item in view.agenda
            ]
        )
        return views, combined

    def decide(
        self,
        application_id: int,
        outcome: str,
        rationale: str,
        present: Sequence[str],
        reason: str | None = None,
    ) -> DebriefView:
        """Record the decision and act on it: advance to the next stage, reject with the
        structured reason, or put on hold."""
        if outcome not in OUTCOMES:
            raise ValidationError("decision", f"{outcome!r} is not one of {', '.join(OUTCOMES)}")
        if not rationale.strip():
            raise ValidationError("rationale", "say why the panel decided this")
        if outcome == "reject":
            try:
                RejectionReason(reason or "")
            except ValueError:
                raise ValidationError("reason", "a rejection needs a structured reason") from None
        application = self._pipeline.get_application(application_id)
        if outcome == "advance":
            with self._uow() as uow:
                stages = uow.requisitions.stages([application.requisition_id])
                later = [
                    s
                    for s in stages
                    if s.position > uow.requisitions.stage(application.stage_id).position
                ]
                next_stage = later[0].id if later else None
            if next_stage is None:
                raise ValidationError("decision", "this is the last stage: make an offer instead")
            self._pipeline.move_stage(application_id, next_stage, note=rationale.strip())
        elif outcome == "reject":
            self._pipeline.reject(application_id, reason or "", rationale.strip())
        else:
            self._pipeline.set_status(application_id, "on_hold", rationale.strip())
        now = self._clock()
        with self._uow() as uow:
            actor = self._actor_id(uow)
            uow.session.add(
                Decision(
                    application_id=application_id,
                    at=now,
                    outcome=outcome,
                    rationale=rationale.strip(),
                    present=[p.strip() for p in present if p.strip()],
                    author_id=actor,
                )
            )
            uow.audit.record(
                now, actor, "decide", "application", application_id, {"outcome": outcome}
            )
            enqueue_decision(uow.session, application_id, outcome, rationale.strip(), reason, now)
            uow.commit()
        with self._uow() as uow:
            person = uow.people.self_person()
            reader = person.id if person else None
        return self.debrief(application_id, reader)
