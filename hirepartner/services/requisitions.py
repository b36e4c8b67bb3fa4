"""Requisitions: open one with its interview plan, list them with their pipeline figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hirepartner.data.models import InterviewStage, Requisition
from hirepartner.domain import RequisitionStatus
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.feedback import count_overdue
from hirepartner.services.views.requisitions import RequisitionRef

DEFAULT_STAGES = ("Application review", "Recruiter screen", "Technical interview", "Onsite")


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
                )
                for req in requisitions
            )
