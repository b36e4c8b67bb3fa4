"""Repositories: the domain's queries and writes, used only by services inside a unit of work."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    AuditEvent,
    Base,
    Candidate,
    CandidateTag,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Resume,
    Scorecard,
    Slate,
)
from hirepartner.domain import ScorecardStatus
from hirepartner.errors import NotFoundError

ModelT = TypeVar("ModelT", bound=Base)


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _get(self, model: type[ModelT], ident: int, kind: str) -> ModelT:
        found = self.session.get(model, ident)
        if found is None:
            raise NotFoundError(kind, ident)
        return found

    def add(self, obj: Base) -> None:
        self.session.add(obj)
        self.session.flush()

    def _rows(self, query: Any) -> Sequence[Any]:
        """A select of plain columns, run as Core on the session's connection: the same
        transaction, without the ORM's per-row work (a third of a 10,000-row listing)."""
        self.session.flush()  # as the ORM's autoflush would: the query sees pending changes
        return self.session.connection().execute(query).all()


class PersonRepository(_Repository):
    def get(self, ident: int) -> Person:
        return self._get(Person, ident, "person")

    def self_person(self) -> Person | None:
        return self.session.scalars(select(Person).where(Person.is_self)).first()

    def by_email(self, email: str) -> Person | None:
        return self.session.scalars(select(Person).where(Person.email == email)).first()

    def all(self) -> Sequence[Person]:
        return self.session.scalars(select(Person).order_by(Person.name)).all()


class RequisitionRepository(_Repository):
    def get(self, ident: int) -> Requisition:
        return self._get(Requisition, ident, "requisition")

    def all(self) -> Sequence[Requisition]:
        return self.session.scalars(select(Requisition).order_by(Requisition.code)).all()

    def stages(self, requisition_ids: Iterable[int] | None = None) -> Sequence[InterviewStage]:
        query = select(InterviewStage).order_by(
            InterviewStage.requisition_id, InterviewStage.position
        )
        if requisition_ids is not None:
            query = query.where(InterviewStage.requisition_id.in_(list(requisition_ids)))
        return self.session.scalars(query).all()

    def stage(self, ident: int) -> InterviewStage:
        return self._get(InterviewStage, ident, "interview stage")

    def code_exists(self, code: str) -> bool:
        return (
            self.session.scalar(select(Requisition.id).where(Requisition.code == code)) is not None
        )

    def next_code_number(self) -> int:
        return int(self.session.scalar(select(func.count(Requisition.id))) or 0) + 1

    def active_counts_by_stage(self) -> Sequence[Any]:
        """(requisition id, stage id, number of active or on-hold applications)."""
        return self.session.execute(
            select(Application.requisition_id, Application.stage_id, func.count(Application.id))
            .where(Application.status.in_(("active", "on_hold", "offer")))
            .group_by(Application.requisition_id, Application.stage_id)
        ).all()

    def slate(self, ident: int) -> Slate:
        return self._get(Slate, ident, "slate")


class CandidateRepository(_Repository):
    def get(self, ident: int) -> Candidate:
        return self._get(Candidate, ident, "candidate")

    def tags(self, candidate_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
        query = select(CandidateTag.candidate_id, CandidateTag.tag).order_by(CandidateTag.tag)
        if candidate_ids is not None:
            query = query.where(CandidateTag.candidate_id.in_(list(candidate_ids)))
        result: dict[int, list[str]] = {}
        for candidate_id, tag in self.session.execute(query):
            result.setdefault(candidate_id, []).append(tag)
        return result

    def set_tags(self, candidate_id: int, tags: Iterable[str]) -> None:
        for tag in sorted(set(tags)):
            self.session.add(CandidateTag(candidate_id=candidate_id, tag=tag))
        self.session.flush()

    def remove_tag(self, candidate_id: int, tag: str) -> bool:
        found = self.session.get(CandidateTag, (candidate_id, tag))
        if found is None:
            return False
        self.session.delete(found)
        self.session.flush()
        return True

    def applications(self, candidate_id: int) -> Sequence[Any]:
        """(application id, requisition id) of each of the candidate's applications."""
        return self._rows(
            select(Application.id, Application.requisition_id).where(
                Application.candidate_id == candidate_id
            )
        )

    def listing(self) -> Sequence[Any]:
        """Every candidate with the number of applications, for the command line."""
        return self.session.execute(
            select(
                Candidate.id,
                Candidate.full_name,
                Candidate.email,
                Candidate.current_title,
                Candidate.current_company,
                Candidate.location,
                func.count(Application.id),
            )
            .outerjoin(Application, Application.candidate_id == Candidate.id)
            .group_by(Candidate.id)
            .order_by(Candidate.full_name, Candidate.id)
        ).all()


@dataclass(frozen=True)
class SlateScope:
    """Which applications a slate query covers: a requisition, maybe one slate, maybe some ids."""

    requisition_id: int
    slate_id: int | None = None
    application_ids: tuple[int, ...] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found = [Application.requisition_id == self.requisition_id]
        if self.slate_id is not None:
            found.append(Application.slate_id == self.slate_id)
        if self.application_ids is not None:
            found.append(Application.id.in_(self.application_ids))
        return found


class ApplicationRepository(_Repository):
    def get(self, ident: int) -> Application:
        return self._get(Application, ident, "application")

    def exists(self, candidate_id: int, requisition_id: int) -> bool:
        query = select(Application.id).where(
            Application.candidate_id == candidate_id,
            Application.requisition_id == requisition_id,
        )
        return self.session.scalar(query) is not None

    def record_event(self, event: ApplicationEvent) -> None:
        self.session.add(event)

    def slate_rows(self, scope: SlateScope) -> Sequence[Any]:
        """One row per application in scope, joined with its candidate."""
        query = (
            select(
                Application.id,
                Application.candidate_id,
                Application.slate_id,
                Application.stage_id,
                Application.status,
                Application.source,
                Application.pitch,
                Application.rejection_reason,
                Application.entered_stage_at,
                Candidate.full_name,
                Candidate.email,
                Candidate.current_title,
                Candidate.current_company,
                Candidate.location,
                Candidate.notes,
            )
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(*scope.conditions())
        )
        return self._rows(query)

    def first_by_name(self, requisition_id: int, count: int) -> list[int]:
        """The ids of a requisition's first `count` applications by candidate name (then id):
        what the slate table shows first, before the rest is listed."""
        query = (
            select(Application.id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.requisition_id == requisition_id)
            .order_by(func.lower(Candidate.full_name), Application.id)
            .limit(count)
        )
        return [ident for (ident,) in self._rows(query)]

    def count_in_requisition(self, requisition_id: int) -> int:
        return int(
            self.session.scalar(
                select(func.count(Application.id)).where(
                    Application.requisition_id == requisition_id
                )
            )
            or 0
        )

    def tags_in_scope(self, scope: SlateScope) -> dict[int, list[str]]:
        """Tags keyed by candidate id, for the candidates of the applications in scope."""
        query = (
            select(CandidateTag.candidate_id, CandidateTag.tag)
            .join(Application, Application.candidate_id == CandidateTag.candidate_id)
            .where(*scope.conditions())
        )
        result: dict[int, list[str]] = {}
        for candidate_id, tag in self._rows(query.order_by(CandidateTag.tag)):
            found = result.get(candidate_id)
            if found is None:
                result[candidate_id] = [tag]
            else:
                found.append(tag)
        return result

    def score_aggregates(self, scope: SlateScope) -> dict[int, tuple[float | None, int]]:
        """Per application: mean rating and number of ratings on submitted scorecards."""
        query = (
            select(Scorecard.application_id, func.avg(Rating.level), func.count(Rating.level))
            .join(Rating, Rating.scorecard_id == Scorecard.id)
            .join(Application, Application.id == Scorecard.application_id)
            .where(*scope.conditions(), Scorecard.status == ScorecardStatus.SUBMITTED.value)
            .group_by(Scorecard.application_id)
        )
        return {
            app_id: (float(mean) if mean is not None else None, int(count))
            for app_id, mean, count in self._rows(query)
        }

    def scorecard_figures(
        self, scope: SlateScope, overdue_before: datetime, interviewer_id: int | None
    ) -> dict[int, tuple[int, int, int, bool]]:
        """Per application: (submitted, expected, overdue, awaiting this interviewer).

        A draft is overdue when its interview was before `overdue_before` (now minus the SLA).
        """
        draft = Scorecard.status == ScorecardStatus.DRAFT.value
        query = (
            select(
                Scorecard.application_id,
                func.sum(case((Scorecard.status == ScorecardStatus.SUBMITTED.value, 1), else_=0)),
                func.count(Scorecard.id),
                func.sum(case((draft & (Scorecard.interview_at < overdue_before), 1), else_=0)),
                func.sum(case((draft & (Scorecard.interviewer_id == interviewer_id), 1), else_=0)),
            )
            .join(Application, Application.id == Scorecard.application_id)
            .where(*scope.conditions())
            .group_by(Scorecard.application_id)
        )
        return {
            app_id: (int(done or 0), int(total), int(late or 0), bool(mine))
            for app_id, done, total, late, mine in self._rows(query)
        }

    def open_drafts(self) -> Sequence[Any]:
        """Drafts whose interview happened: (requisition, application, interview_at, sla)."""
        query = (
            select(
                Application.requisition_id,
                Scorecard.application_id,
                Scorecard.interview_at,
                Requisition.feedback_sla_hours,
            )
            .join(Application, Application.id == Scorecard.application_id)
            .join(Requisition, Requisition.id == Application.requisition_id)
            .where(
                Scorecard.status == ScorecardStatus.DRAFT.value,
                Scorecard.interview_at.is_not(None),
            )
        )
        return self.session.execute(query).all()


class AuditRepository(_Repository):
    def record(
        self,
        at: datetime,
        actor_id: int | None,
        action: str,
        entity: str,
        entity_id: int | None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(
            AuditEvent(
                at=at,
                actor_id=actor_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=detail or {},
            )
        )


class ReviewRepository(_Repository):
    """What the candidate panel shows about one application."""

    def history(self, application_id: int) -> Sequence[Any]:
        return self.session.scalars(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == application_id)
            .order_by(ApplicationEvent.at, ApplicationEvent.id)
        ).all()

    def notes(self, application_id: int) -> Sequence[ApplicationNote]:
        return self.session.scalars(
            select(ApplicationNote)
            .where(ApplicationNote.application_id == application_id)
            .order_by(ApplicationNote.at, ApplicationNote.id)
        ).all()

    def note(self, ident: int) -> ApplicationNote:
        return self._get(ApplicationNote, ident, "note")

    def scorecards(self, application_id: int) -> Sequence[Any]:
        return self.session.execute(
            select(
                Scorecard.id,
                Person.name,
                InterviewStage.name,
                Scorecard.status,
                Scorecard.recommendation,
                Scorecard.interview_at,
                Scorecard.submitted_at,
                Scorecard.interviewer_id,
            )
            .join(Person, Person.id == Scorecard.interviewer_id)
            .join(InterviewStage, InterviewStage.id == Scorecard.stage_id)
            .where(Scorecard.application_id == application_id)
            .order_by(InterviewStage.position, Person.name)
        ).all()

    def resumes(self, candidate_id: int) -> Sequence[Any]:
        return self.session.execute(
            select(Resume.id, Resume.filename, Resume.media_type, Resume.size_bytes, Resume.sha256)
            .where(Resume.candidate_id == candidate_id)
            .order_by(Resume.added_at.desc(), Resume.id)
        ).all()

    def resume(self, ident: int) -> Resume:
        return self._get(Resume, ident, "resume")
