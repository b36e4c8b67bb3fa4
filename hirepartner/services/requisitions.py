"""Requisitions: open one with its interview plan, list them with their pipeline figures, close
one as filled or cancelled (and reopen it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from hirepartner.data.models import Application, InterviewStage, Requisition
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, RequisitionStatus
from hirepartner.errors import InvalidValue, ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.feedback import count_overdue
from hirepartner.services.views.requisitions import RequisitionRef

DEFAULT_STAGES = ("Application review", "Recruiter screen", "Technical interview", "Onsite")
CLOSING_OUTCOMES = (RequisitionStatus.FILLED, RequisitionStatus.CANCELLED)
# Applications that are still open: on a closed requisition, retention counts from its close.
OPEN_APPLICATIONS = (
    ApplicationStatus.ACTIVE.value,
    ApplicationStatus.ON_HOLD.value,
    ApplicationStatus.OFFER.value,
)


@dataclass(frozen=True)
class StageCount:
    stage_id: int
    name: str
    position: int
    candidates: int


@dataclass(frozen=True)
class RequisitionSummary:
    id: int
    code: str
    title: str
    team: str
    location: str
    status: str
    headcount: int
    feedback_sla_hours: int
    opened_on: date
    target_hire_date: date | None
    hiring_manager: str
    recruiter: str
    stages: tuple[StageCount, ...]
    overdue_feedback: int
    closed_on: date | None = None  # filled or cancelled that day; None while open
    close_note: str = ""

    @property
    def closed(self) -> bool:
        return self.closed_on is not None

    @property
    def closed_text(self) -> str:
        """ "filled 3 Dec" (for the navigator), "" while open."""
        return _closed_words(self.status, self.closed_on, short=True)

    @property
    def candidates_in_process(self) -> int:
        return sum(stage.candidates for stage in self.stages)

    @property
    def ref(self) -> RequisitionRef:
        return RequisitionRef(self.id, self.code, self.title)

    @property
    def changes(self) -> Changes:
        """As the result of a write (creating it): this requisition changed."""
        return Changes.of_requisition(self.id)

    @property
    def label(self) -> str:
        """ "ENG-101 Senior Backend Engineer"."""
        return self.ref.label


def _closed_words(status: str, closed_on: date | None, *, short: bool = False) -> str:
    if closed_on is None:
        return ""
    word = RequisitionStatus(status).label.lower()
    day = f"{closed_on.day} {closed_on:%b}" if short else f"{closed_on.day} {closed_on:%b %Y}"
    return f"{word} {day}"


@dataclass(frozen=True)
class RequisitionClosure:
    """Whether a requisition is closed: its status, the day it closed, and the note why."""

    requisition_id: int
    status: str
    closed_on: date | None
    note: str

    @property
    def closed(self) -> bool:
        return self.closed_on is not None

    @property
    def text(self) -> str:
        """ "filled 3 Dec 2026", "open"."""
        return (
            _closed_words(self.status, self.closed_on)
            or RequisitionStatus(self.status).label.lower()
        )


@dataclass(frozen=True)
class ClosureChange:
    """What closing, reopening or restoring a requisition did."""

    ref: RequisitionRef
    before: RequisitionClosure
    after: RequisitionClosure
    still_open: int  # applications on it still active, on hold or with an offer out

    @property
    def changes(self) -> Changes:
        return Changes.of_requisition(self.ref.id)

    @property
    def text(self) -> str:
        """A line for the status bar or the terminal."""
        if not self.after.closed:
            return f"Reopened {self.ref.label}."
        closed = f"{self.ref.label}: {self.after.text}."
        if not self.still_open:
            return closed
        who = (
            "1 candidate still in process keeps their status"
            if self.still_open == 1
            else f"{self.still_open} candidates still in process keep their status"
        )
        return f"{closed} {who}; retention counts from the close for them."


def _closure(requisition: Requisition) -> RequisitionClosure:
    return RequisitionClosure(
        requisition.id, requisition.status, requisition.closed_on, requisition.close_note
    )


def _still_open(uow: UnitOfWork, requisition_id: int) -> int:
    return (
        uow.session.scalar(
            select(func.count(Application.id)).where(
                Application.requisition_id == requisition_id,
                Application.status.in_(OPEN_APPLICATIONS),
            )
        )
        or 0
    )


class RequisitionService(Service):
    def create_requisition(
        self,
        title: str,
        *,
        code: str | None = None,
        team: str = "",
        location: str = "",
        headcount: int = 1,
        feedback_sla_hours: int = 48,
        stages: Sequence[str] = DEFAULT_STAGES,
        hiring_manager_id: int | None = None,
        recruiter_id: int | None = None,
        target_hire_date: date | None = None,
    ) -> RequisitionSummary:
        title = title.strip()
        if not title:
            raise ValidationError("title", "a requisition needs a title")
        if headcount < 1:
            raise ValidationError("headcount", "must be at least 1")
        if feedback_sla_hours < 1:
            raise ValidationError("feedback SLA", "must be at least 1 hour")
        stage_names = [name.strip() for name in stages]
        if not stage_names or any(not name for name in stage_names):
            raise ValidationError("stages", "every stage needs a name, and there must be one")
        if len(set(stage_names)) != len(stage_names):
            raise ValidationError("stages", "stage names must be different from each other")
        now = self._clock()
        with self._uow() as uow:
            if hiring_manager_id is not None:
                uow.people.get(hiring_manager_id)
            if recruiter_id is not None:
                uow.people.get(recruiter_id)
            if code is None:
                code = f"REQ-{1000 + uow.requisitions.next_code_number()}"
            elif uow.requisitions.code_exists(code):
                raise ValidationError("code", f"{code} is already used by another requisition")
            requisition = Requisition(
                code=code,
                title=title,
                team=team,
                location=location,
                headcount=headcount,
                feedback_sla_hours=feedback_sla_hours,
                hiring_manager_id=hiring_manager_id,
                recruiter_id=recruiter_id,
                status=RequisitionStatus.OPEN.value,
                opened_on=now.date(),
                target_hire_date=target_hire_date,
                created_at=now,
            )
            uow.requisitions.add(requisition)
            for position, name in enumerate(stage_names):
                uow.session.add(
                    InterviewStage(requisition_id=requisition.id, name=name, position=position)
                )
            uow.audit.record(
                now, self._actor_id(uow), "create", "requisition", requisition.id, {"code": code}
            )
            uow.commit()
            new_id = requisition.id
        return self.get_requisition(new_id)

    def get_requisition(self, requisition_id: int) -> RequisitionSummary:
        return self._summaries([requisition_id])[0]

    def list_requisitions(self) -> tuple[RequisitionSummary, ...]:
        return self._summaries(None)

    def _summaries(self, only: list[int] | None) -> tuple[RequisitionSummary, ...]:
        now = self._clock()
        with self._read() as uow:
            requisitions = (
                [uow.requisitions.get(ident) for ident in only]
                if only is not None
                else list(uow.requisitions.all())
            )
            people = {person.id: person.name for person in uow.people.all()}
            ids = [requisition.id for requisition in requisitions]
            stages = uow.requisitions.stages(ids)
            counts = {
                (req_id, stage_id): count
                for req_id, stage_id, count in uow.requisitions.active_counts_by_stage()
            }
            overdue = count_overdue(uow.applications.open_drafts(), now)
            stages_by_req: dict[int, list[StageCount]] = {}
            for stage in stages:
                stages_by_req.setdefault(stage.requisition_id, []).append(
                    StageCount(
                        stage.id,
                        stage.name,
                        stage.position,
                        counts.get((stage.requisition_id, stage.id), 0),
                    )
                )
            return tuple(
                RequisitionSummary(
                    id=req.id,
                    code=req.code,
                    title=req.title,
                    team=req.team,
                    location=req.location,
                    status=req.status,
                    headcount=req.headcount,
                    feedback_sla_hours=req.feedback_sla_hours,
                    opened_on=req.opened_on,
                    target_hire_date=req.target_hire_date,
                    hiring_manager=people.get(req.hiring_manager_id or -1, ""),
                    recruiter=people.get(req.recruiter_id or -1, ""),
                    stages=tuple(stages_by_req.get(req.id, [])),
                    overdue_feedback=overdue.get(req.id, 0),
                    closed_on=req.closed_on,
                    close_note=req.close_note,
                )
                for req in requisitions
            )

    def close_requisition(self, requisition_id: int, outcome: str, note: str = "") -> ClosureChange:
        """Close as filled or cancelled today, with a note. Applications still open on it keep
        their status (nobody is rejected by this); retention counts from today for them."""
        try:
            chosen = RequisitionStatus(outcome)
        except ValueError:
            chosen = None
        if chosen not in CLOSING_OUTCOMES:
            raise InvalidValue("outcome", "Choose filled or cancelled as the outcome.")
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(requisition_id)
            before = _closure(requisition)
            if before.closed:
                raise InvalidValue(
                    "requisition",
                    f"{requisition.code} is already {before.text}; reopen it first.",
                )
            requisition.status = outcome
            requisition.closed_on = now.date()
            requisition.close_note = note.strip()
            uow.audit.record(
                now,
                self._actor_id(uow),
                "close",
                "requisition",
                requisition.id,
                {"outcome": RequisitionStatus(outcome).label.lower()},
            )
            return self._closure_change(uow, requisition, before)

    def reopen_requisition(self, requisition_id: int) -> ClosureChange:
        """Open a filled or cancelled requisition again; its close date and note go."""
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(requisition_id)
            before = _closure(requisition)
            if not before.closed:
                raise InvalidValue(
                    "requisition",
                    f"{requisition.code} is {before.text}: there is nothing to reopen.",
                )
            requisition.status = RequisitionStatus.OPEN.value
            requisition.closed_on = None
            requisition.close_note = ""
            uow.audit.record(
                now,
                self._actor_id(uow),
                "reopen",
                "requisition",
                requisition.id,
                {"was": before.text},
            )
            return self._closure_change(uow, requisition, before)

    def restore_closure(self, previous: RequisitionClosure) -> ClosureChange:
        """Put a requisition's status, close date and note back as they were: undo."""
        now = self._clock()
        with self._uow() as uow:
            requisition = uow.requisitions.get(previous.requisition_id)
            before = _closure(requisition)
            requisition.status = previous.status
            requisition.closed_on = previous.closed_on
            requisition.close_note = previous.note
            uow.audit.record(
                now,
                self._actor_id(uow),
                "undo",
                "requisition",
                requisition.id,
                {"from": before.text, "to": previous.text},
            )
            return self._closure_change(uow, requisition, before)

    @staticmethod
    def _closure_change(
        uow: UnitOfWork, requisition: Requisition, before: RequisitionClosure
    ) -> ClosureChange:
        uow.session.flush()
        change = ClosureChange(
            RequisitionRef.of(requisition),
            before,
            _closure(requisition),
            _still_open(uow, requisition.id),
        )
        uow.commit()
        return change
