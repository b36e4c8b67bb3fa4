"""The debrief: an agenda ordered by where discussion is needed most, the panel's
recommendations, and the decision, which moves the application and is kept with its reasons."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    Candidate,
    Decision,
    Person,
    Requisition,
    StageInterviewer,
)
from hirepartner.data.models.exchange import OutboxDelivery, OutboxEnvelope
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, RejectionReason
from hirepartner.errors import InvalidValue, NotFoundError
from hirepartner.scoring.summary import CellStats
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.outbox import enqueue_decision
from hirepartner.services.pipeline import (
    move_application,
    reject_application,
    set_application_status,
)
from hirepartner.services.views.comparison import RatingDetail, comparison
from hirepartner.services.views.scorecards import of_applications, panel_scorecards, submitted

OUTCOMES = ("advance", "reject", "hold")


@dataclass(frozen=True)
class AgendaItem:
    competency: str
    why: str  # "raters 3 levels apart", "one rating", "no ratings", "agreed"
    cell: CellStats
    # Who rated what, with their evidence whole: each interviewer whose scorecard this reader
    # may see under independent scoring.
    ratings: tuple[RatingDetail, ...] = ()


@dataclass(frozen=True)
class DecisionInfo:
    at: datetime
    outcome: str
    rationale: str
    present: tuple[str, ...]
    id: int = 0


@dataclass(frozen=True)
class DecisionRequest:
    """What the panel decided, as `DebriefService.decide` takes it (kept to record it again)."""

    outcome: str
    rationale: str
    present: tuple[str, ...]
    reason: str | None = None


@dataclass(frozen=True)
class WithdrawnDecision:
    application_id: int
    recruiter_told: bool  # the decision had already gone out to the recruiter


@dataclass(frozen=True)
class DebriefView:
    application_id: int
    candidate: str
    stage: str
    agenda: tuple[AgendaItem, ...]
    recommendations: tuple[tuple[str, int], ...]
    hidden_scorecards: int
    decisions: tuple[DecisionInfo, ...]
    # Who can be marked present: the current stage's interviewers and whoever submitted a
    # scorecard on this application.
    panel: tuple[str, ...] = ()
    recorded: DecisionInfo | None = None  # the decision the call that returned this recorded
    status: str = ApplicationStatus.ACTIVE.value  # the application's, when this was read

    @property
    def changes(self) -> Changes:
        """What the decision that returned this changed: the application (moved, decided)."""
        return Changes.of_applications([self.application_id])


def agenda(
    rows: Sequence[tuple[str, CellStats]],
    ratings: Mapping[str, tuple[RatingDetail, ...]] | None = None,
) -> tuple[AgendaItem, ...]:
    """Largest disagreement first, then single ratings, then unrated, then the agreed; each
    item carries who rated what (`ratings`, by item name)."""

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
        items.append(AgendaItem(name, why, cell, (ratings or {}).get(name, ())))
    return tuple(items)


class DebriefService(Service):
    def debrief(self, application_id: int) -> DebriefView:
        """One candidate's debrief, as the person using this install may see it."""
        with self._read() as uow:
            return debrief_view(uow, application_id, self._actor_id(uow))

    def debrief_slate(
        self, application_ids: Sequence[int]
    ) -> tuple[tuple[DebriefView, ...], tuple[AgendaItem, ...]]:
        """A debrief for several candidates: each one's view, and one agenda across them all
        (items named "candidate: competency"), still ordered by where discussion is needed."""
        with self._read() as uow:
            reader = self._actor_id(uow)
            views = tuple(debrief_view(uow, ident, reader) for ident in application_ids)
        named = {
            f"{view.candidate}: {item.competency}": item for view in views for item in view.agenda
        }
        combined = agenda(
            [(name, item.cell) for name, item in named.items()],
            {name: item.ratings for name, item in named.items()},
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
        structured reason, or put on hold; both in one transaction, so neither happens without
        the other. The same decision twice in a row is refused."""
        if outcome not in OUTCOMES:
            raise InvalidValue("decision", "Choose advance, reject or hold as the decision.")
        rationale = rationale.strip()
        if not rationale:
            raise InvalidValue("rationale", "Write the rationale: why the panel decided this.")
        if outcome == "reject":
            try:
                RejectionReason(reason or "")
            except ValueError:
                raise InvalidValue(
                    "reason", "Choose a rejection reason for the candidate."
                ) from None
        now = self._clock()
        with self._uow() as uow:
            last = uow.session.scalars(
                select(Decision)
                .where(Decision.application_id == application_id)
                .order_by(Decision.at.desc(), Decision.id.desc())
                .limit(1)
            ).first()
            if last is not None and (last.outcome, last.rationale) == (outcome, rationale):
                raise InvalidValue(
                    "decision",
                    f"This decision ({outcome}, with the same rationale) is already recorded "
                    f"for this candidate.",
                )
            application = uow.applications.get(application_id)
            if outcome == "advance":
                here = uow.requisitions.stage(application.stage_id).position
                stages = uow.requisitions.stages([application.requisition_id])
                later = [s for s in stages if s.position > here]
                if not later:
                    raise InvalidValue(
                        "decision",
                        "The candidate is at the last interview stage: make an offer instead of "
                        "advancing.",
                    )
                move_application(uow, application_id, later[0].id, rationale, now)
            elif outcome == "reject":
                reject_application(uow, application_id, reason or "", rationale, now)
            else:
                set_application_status(uow, application_id, "on_hold", rationale, now)
            actor = self._actor_id(uow)
            decision = Decision(
                application_id=application_id,
                at=now,
                outcome=outcome,
                rationale=rationale,
                present=list(dict.fromkeys(p.strip() for p in present if p.strip())),
                author_id=actor,
            )
            uow.session.add(decision)
            uow.session.flush()
            uow.audit.record(
                now,
                actor,
                "decide",
                "application",
                application_id,
                {"outcome": outcome, "decision": decision.id},
            )
            enqueue_decision(uow.session, application_id, outcome, rationale, reason, now)
            uow.session.flush()
            view = debrief_view(uow, application_id, actor)
            uow.commit()
            return replace(view, recorded=_decision_info(decision))

    def withdraw_decision(self, decision_id: int) -> WithdrawnDecision:
        """Take a recorded decision back (undo): it is deleted, with an audit event, and its
        notice to the recruiter is dropped if it has not gone out yet. The application's stage
        and status are put back by the caller (PipelineService.restore)."""
        now = self._clock()
        with self._uow() as uow:
            decision = uow.session.get(Decision, decision_id)
            if decision is None:
                raise NotFoundError("decision", decision_id)
            application_id = decision.application_id
            told = False
            for envelope in _notices(uow, decision):
                sent = uow.session.scalar(
                    select(OutboxDelivery.envelope_id).where(
                        OutboxDelivery.envelope_id == envelope.id, OutboxDelivery.state == "sent"
                    )
                )
                if sent is None:
                    uow.session.delete(envelope)
                else:
                    told = True
            uow.session.delete(decision)
            uow.audit.record(
                now,
                self._actor_id(uow),
                "withdraw_decision",
                "application",
                application_id,
                {"outcome": decision.outcome, "decision": decision_id, "recruiter_told": told},
            )
            uow.commit()
            return WithdrawnDecision(application_id, told)


def _decision_info(decision: Decision) -> DecisionInfo:
    return DecisionInfo(
        decision.at, decision.outcome, decision.rationale, tuple(decision.present), decision.id
    )


def debrief_view(uow: UnitOfWork, application_id: int, reader_id: int | None) -> DebriefView:
    """One candidate's debrief as `reader_id` may see it, read in the caller's unit of work."""
    view = comparison(uow, [application_id], reader_id, False, evidence_lines=None)
    candidate = view.candidates[0]
    decisions = uow.session.scalars(
        select(Decision)
        .where(Decision.application_id == application_id)
        .order_by(Decision.at, Decision.id)
    ).all()
    return DebriefView(
        application_id,
        candidate.label,
        candidate.stage,
        agenda(
            [(row.competency, row.cells[0]) for row in view.rows],
            {row.competency: row.details[0] for row in view.rows},
        ),
        candidate.recommendations,
        candidate.hidden_scorecards,
        tuple(_decision_info(d) for d in decisions),
        _panel(uow, application_id),
        status=candidate.status,
    )


def _panel(uow: UnitOfWork, application_id: int) -> tuple[str, ...]:
    """The current stage's interviewers, then whoever else submitted a scorecard, by name."""
    staged = uow.session.scalars(
        select(Person.name)
        .join(StageInterviewer, StageInterviewer.person_id == Person.id)
        .join(Application, Application.stage_id == StageInterviewer.stage_id)
        .where(Application.id == application_id)
        .order_by(Person.name)
    ).all()
    scored = [
        row.interviewer
        for row in panel_scorecards(uow, of_applications([application_id]), submitted())
    ]
    return tuple(dict.fromkeys([*staged, *scored]))


def _notices(uow: UnitOfWork, decision: Decision) -> list[OutboxEnvelope]:
    """The outbox envelopes that told the recruiter of this decision (written with it)."""
    application = uow.applications.get(decision.application_id)
    candidate = uow.session.get(Candidate, application.candidate_id)
    requisition = uow.session.get(Requisition, application.requisition_id)
    if candidate is None or requisition is None or not candidate.email:
        return []
    found = []
    for envelope in uow.session.scalars(
        select(OutboxEnvelope).where(
            OutboxEnvelope.kind == "decision", OutboxEnvelope.created_at == decision.at
        )
    ):
        payload = json.loads(envelope.document).get("payload", {})
        if (
            payload.get("requisition") == requisition.code
            and payload.get("candidate", {}).get("email") == candidate.email
            and payload.get("outcome") == decision.outcome
        ):
            found.append(envelope)
    return found
