"""The goals agreed with the recruiter per requisition: add, change and remove them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from hirepartner.data.models import InterviewStage
from hirepartner.data.models.partnership import GOAL_KINDS, Goal
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.errors import InvalidValue, NotFoundError
from hirepartner.services.base import Service

FEEDBACK_SLA, CANDIDATES_AT_STAGE, HIRES = GOAL_KINDS
GOAL_KIND_LABELS = {
    FEEDBACK_SLA: "Feedback on time",
    CANDIDATES_AT_STAGE: "Candidates at a stage by a date",
    HIRES: "Hires by a date",
}


@dataclass(frozen=True)
class GoalInfo:
    id: int
    requisition_id: int
    kind: str
    share: float | None  # feedback_sla: 0.9
    hours: int | None  # feedback_sla: 24
    stage_id: int | None  # candidates_at_stage
    count: int | None  # candidates_at_stage, hires
    due_on: date | None


@dataclass(frozen=True)
class StageChoice:
    id: int
    name: str


@dataclass(frozen=True)
class GoalValues:
    """What a goal says, checked: only the fields of its kind are set."""

    kind: str
    share: float | None = None
    hours: int | None = None
    stage_id: int | None = None
    count: int | None = None
    due_on: date | None = None


def _info(goal: Goal) -> GoalInfo:
    return GoalInfo(
        goal.id,
        goal.requisition_id,
        goal.kind,
        goal.share,
        goal.hours,
        goal.stage_id,
        goal.count,
        goal.due_on,
    )


class GoalService(Service):
    def goals(self, requisition_id: int) -> tuple[GoalInfo, ...]:
        with self._read() as uow:
            uow.requisitions.get(requisition_id)
            found = uow.session.scalars(
                select(Goal).where(Goal.requisition_id == requisition_id).order_by(Goal.id)
            ).all()
            return tuple(_info(goal) for goal in found)

    def stages(self, requisition_id: int) -> tuple[StageChoice, ...]:
        """The requisition's interview stages in order, for a goal's stage."""
        with self._read() as uow:
            uow.requisitions.get(requisition_id)
            return tuple(
                StageChoice(s.id, s.name) for s in uow.requisitions.stages([requisition_id])
            )

    def add_goal(
        self,
        requisition_id: int,
        kind: str,
        *,
        share: float | None = None,
        hours: int | None = None,
        stage: str | None = None,
        stage_id: int | None = None,
        count: int | None = None,
        due_on: date | None = None,
    ) -> int:
        """A new goal; its stage by id (the app) or by name (the command line)."""
        now = self._clock()
        with self._uow() as uow:
            uow.requisitions.get(requisition_id)
            values = self._check(
                uow, requisition_id, kind, share, hours, stage, stage_id, count, due_on
            )
            goal = Goal(requisition_id=requisition_id, created_at=now, **asdict(values))
            uow.session.add(goal)
            uow.session.flush()
            uow.audit.record(now, self._actor_id(uow), "add_goal", "goal", goal.id)
            uow.commit()
            return goal.id

    def update_goal(
        self,
        goal_id: int,
        kind: str,
        *,
        share: float | None = None,
        hours: int | None = None,
        stage: str | None = None,
        stage_id: int | None = None,
        count: int | None = None,
        due_on: date | None = None,
    ) -> GoalInfo:
        """Change what a goal says, its kind included."""
        now = self._clock()
        with self._uow() as uow:
            goal = self._get(uow, goal_id)
            values = self._check(
                uow, goal.requisition_id, kind, share, hours, stage, stage_id, count, due_on
            )
            for field, value in asdict(values).items():
                setattr(goal, field, value)
            uow.audit.record(now, self._actor_id(uow), "update_goal", "goal", goal.id)
            uow.commit()
            return _info(goal)

    def remove_goal(self, goal_id: int) -> GoalInfo:
        """Removes the goal and returns what it said."""
        now = self._clock()
        with self._uow() as uow:
            goal = self._get(uow, goal_id)
            removed = _info(goal)
            uow.session.delete(goal)
            uow.audit.record(now, self._actor_id(uow), "remove_goal", "goal", goal_id)
            uow.commit()
            return removed

    @staticmethod
    def _get(uow: UnitOfWork, goal_id: int) -> Goal:
        goal = uow.session.get(Goal, goal_id)
        if goal is None:
            raise NotFoundError("goal", goal_id)
        return goal

    @staticmethod
    def _check(
        uow: UnitOfWork,
        requisition_id: int,
        kind: str,
        share: float | None,
        hours: int | None,
        stage: str | None,
        stage_id: int | None,
        count: int | None,
        due_on: date | None,
    ) -> GoalValues:
        if kind not in GOAL_KINDS:
            raise InvalidValue("kind", f"“{kind}” is not a kind of goal ({', '.join(GOAL_KINDS)}).")
        if kind == FEEDBACK_SLA:
            if not (hours and hours > 0):
                raise InvalidValue("hours", "Say within how many hours feedback is due.")
            if not (share and 0 < share <= 1):
                raise InvalidValue(
                    "share", "Give the share of interviews as a percentage from 1 to 100."
                )
            return GoalValues(kind, share=share, hours=hours)
        if not (count and count > 0):
            what = "hires" if kind == HIRES else "candidates"
            raise InvalidValue("count", f"Say how many {what} the goal is for.")
        if kind == HIRES:
            return GoalValues(kind, count=count, due_on=due_on)
        query = select(InterviewStage.id).where(InterviewStage.requisition_id == requisition_id)
        if stage_id is not None:
            found = uow.session.scalar(query.where(InterviewStage.id == stage_id))
        elif stage:
            found = uow.session.scalar(query.where(InterviewStage.name == stage))
        else:
            raise InvalidValue("stage", "Choose the stage the candidates should reach.")
        if found is None:
            what = stage or f"Stage {stage_id}"
            raise InvalidValue("stage", f"'{what}' is not a stage of this requisition.")
        return GoalValues(kind, stage_id=found, count=count, due_on=due_on)
