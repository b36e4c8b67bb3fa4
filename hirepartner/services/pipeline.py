"""The pipeline: candidates, their applications, stage moves, holds, rejections and hires."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hirepartner.data.models import Application, ApplicationEvent, Candidate
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, HistoryKind, RejectionReason, label_of
from hirepartner.errors import InvalidValue, ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    full_name: str
    email: str | None
    current_title: str
    current_company: str
    location: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ApplicationInfo:
    id: int
    candidate_id: int
    requisition_id: int
    stage_id: int
    stage: str
    status: str
    rejection_reason: str | None
    rejection_note: str
    entered_stage_at: datetime

    @property
    def changes(self) -> Changes:
        """What a write that returned this changed: this application."""
        return Changes.of_applications([self.id], [self.requisition_id])


def _application_info(application: Application) -> ApplicationInfo:
    return ApplicationInfo(
        id=application.id,
        candidate_id=application.candidate_id,
        requisition_id=application.requisition_id,
        stage_id=application.stage_id,
        stage=application.stage.name,
        status=application.status,
        rejection_reason=application.rejection_reason,
        rejection_note=application.rejection_note,
        entered_stage_at=application.entered_stage_at,
    )


class PipelineService(Service):
    def list_candidates(self) -> tuple[CandidateListItem, ...]:
        with self._read() as uow:
            return tuple(CandidateListItem(*row) for row in uow.candidates.listing())

    def get_application(self, application_id: int) -> ApplicationInfo:
        with self._read() as uow:
            return _application_info(uow.applications.get(application_id))

    def add_candidate(
        self,
        full_name: str,
        *,
        email: str | None = None,
        phone: str = "",
        location: str = "",
        current_title: str = "",
        current_company: str = "",
        links: Sequence[str] = (),
        notes: str = "",
        tags: Sequence[str] = (),
    ) -> CandidateInfo:
        full_name = full_name.strip()
        if not full_name:
            raise ValidationError("name", "a candidate needs a name")
        email = (email or "").strip() or None
        if email is not None and "@" not in email:
            raise ValidationError("email", f"{email!r} is not an email address")
        clean_tags = tuple(sorted({tag.strip() for tag in tags if tag.strip()}))
        now = self._clock()
        with self._uow() as uow:
            candidate = Candidate(
                full_name=full_name,
                email=email,
                phone=phone,
                location=location,
                current_title=current_title,
                current_company=current_company,
                links=list(links),
                notes=notes,
                created_at=now,
            )
            uow.candidates.add(candidate)
            uow.candidates.set_tags(candidate.id, clean_tags)
            uow.audit.record(now, self._actor_id(uow), "create", "candidate", candidate.id)
            uow.commit()
            return CandidateInfo(
                candidate.id,
                candidate.full_name,
                candidate.email,
                candidate.current_title,
                candidate.current_company,
                candidate.location,
                clean_tags,
            )

    def add_application(
        self,
        candidate_id: int,
        requisition_id: int,
        *,
        slate_id: int | None = None,
        source: str = "",
        pitch: str = "",
    ) -> ApplicationInfo:
        now = self._clock()
        with self._uow() as uow:
            uow.candidates.get(candidate_id)
            requisition = uow.requisitions.get(requisition_id)
            if slate_id is not None and uow.requisitions.slate(slate_id).requisition_id != (
                requisition_id
            ):
                raise ValidationError("slate", f"slate {slate_id} belongs to another requisition")
            if uow.applications.exists(candidate_id, requisition_id):
                raise ValidationError(
                    "candidate", f"candidate {candidate_id} already applied to {requisition.code}"
                )
            first_stage = requisition.stages[0]
            application = Application(
                candidate_id=candidate_id,
                requisition_id=requisition_id,
                slate_id=slate_id,
                stage_id=first_stage.id,
                status=ApplicationStatus.ACTIVE.value,
                source=source,
                pitch=pitch,
                entered_stage_at=now,
                created_at=now,
            )
            uow.applications.add(application)
            actor = self._actor_id(uow)
            uow.applications.record_event(
                ApplicationEvent(
                    application_id=application.id,
                    at=now,
                    kind=HistoryKind.CREATED.value,
                    to_stage_id=first_stage.id,
                    to_status=application.status,
                    actor_id=actor,
                )
            )
            uow.audit.record(now, actor, "create", "application", application.id)
            uow.commit()
            return _application_info(application)

    def move_stage(self, application_id: int, stage_id: int, note: str = "") -> ApplicationInfo:
        """Move an application to another stage of its requisition's plan."""
        now = self._clock()
        with self._uow() as uow:
            info = move_application(uow, application_id, stage_id, note, now)
            uow.commit()
            return info

    def reject(self, application_id: int, reason: str, note: str = "") -> ApplicationInfo:
        """Reject with a structured reason (RejectionReason) and an optional note."""
        now = self._clock()
        with self._uow() as uow:
            info = reject_application(uow, application_id, reason, note, now)
            uow.commit()
            return info

    def set_status(self, application_id: int, status: str, note: str = "") -> ApplicationInfo:
        """Put on hold, withdraw, make an offer, mark hired, or reactivate."""
        now = self._clock()
        with self._uow() as uow:
            info = set_application_status(uow, application_id, status, note, now)
            uow.commit()
            return info

    def restore(self, application_id: int, previous: ApplicationInfo) -> ApplicationInfo:
        """Put an application back as it was (stage, status, reason, time in stage): undo."""
        now = self._clock()
        with self._uow() as uow:
            application = uow.applications.get(application_id)
            if previous.id != application.id:
                raise ValidationError("application", "the snapshot is of another application")
            stage_changed = application.stage_id != previous.stage_id
            if stage_changed:
                _record_stage_move(uow, application, previous.stage_id, "undone", now)
            status_before = application.status
            application.stage_id = previous.stage_id
            application.entered_stage_at = previous.entered_stage_at
            application.status = previous.status
            application.rejection_reason = previous.rejection_reason
            application.rejection_note = previous.rejection_note
            if status_before != previous.status:
                record_status_change(uow, application, status_before, "undone", now)
            elif not stage_changed:
                uow.audit.record(now, self._actor_id(uow), "undo", "application", application.id)
            uow.session.flush()
            uow.session.refresh(application, ["stage"])
            uow.commit()
            return _application_info(application)


def move_application(
    uow: UnitOfWork, application_id: int, stage_id: int, note: str, now: datetime
) -> ApplicationInfo:
    """Move an application to another stage of its requisition's plan, in the caller's unit
    of work (which commits)."""
    application = uow.applications.get(application_id)
    stage = uow.requisitions.stage(stage_id)
    if stage.requisition_id != application.requisition_id:
        raise ValidationError("stage", f"stage {stage.name!r} belongs to another requisition")
    if application.status in _CLOSED:
        status = label_of(ApplicationStatus, application.status).lower()
        raise InvalidValue("stage", f"The application is {status}; reopen it first.")
    if stage.id == application.stage_id:
        return _application_info(application)
    _record_stage_move(uow, application, stage.id, note, now)
    application.stage_id = stage.id
    application.entered_stage_at = now
    uow.session.flush()
    uow.session.refresh(application, ["stage"])
    return _application_info(application)


def reject_application(
    uow: UnitOfWork, application_id: int, reason: str, note: str, now: datetime
) -> ApplicationInfo:
    """Reject with a structured reason (RejectionReason) and an optional note, in the caller's
    unit of work."""
    try:
        structured = RejectionReason(reason)
    except ValueError:
        choices = ", ".join(member.value for member in RejectionReason)
        raise ValidationError(
            "reason", f"{reason!r} is not a rejection reason (one of: {choices})"
        ) from None
    if structured is RejectionReason.OTHER and not note.strip():
        raise ValidationError("note", "a rejection for another reason needs a note")
    return _change_status(uow, application_id, ApplicationStatus.REJECTED, note, structured, now)


def set_application_status(
    uow: UnitOfWork, application_id: int, status: str, note: str, now: datetime
) -> ApplicationInfo:
    """Put on hold, withdraw, make an offer, mark hired, or reactivate, in the caller's unit
    of work."""
    try:
        target = ApplicationStatus(status)
    except ValueError:
        raise ValidationError("status", f"{status!r} is not an application status") from None
    if target is ApplicationStatus.REJECTED:
        raise ValidationError("status", "use reject, which records the reason")
    return _change_status(uow, application_id, target, note, None, now)


def _change_status(
    uow: UnitOfWork,
    application_id: int,
    status: ApplicationStatus,
    note: str,
    reason: RejectionReason | None,
    now: datetime,
) -> ApplicationInfo:
    application = uow.applications.get(application_id)
    previous = application.status
    application.status = status.value
    application.rejection_reason = reason.value if reason else None
    application.rejection_note = note if reason else ""
    record_status_change(uow, application, previous, note, now)
    uow.session.flush()
    return _application_info(application)


def _record_stage_move(
    uow: UnitOfWork, application: Application, to_stage_id: int, note: str, now: datetime
) -> None:
    """History and audit of a move from the application's current stage (not yet changed)."""
    person = uow.people.self_person()
    actor = person.id if person else None
    uow.applications.record_event(
        ApplicationEvent(
            application_id=application.id,
            at=now,
            kind=HistoryKind.STAGE.value,
            from_stage_id=application.stage_id,
            to_stage_id=to_stage_id,
            actor_id=actor,
            note=note,
        )
    )
    detail = {"from": application.stage_id, "to": to_stage_id}
    uow.audit.record(now, actor, "move_stage", "application", application.id, detail)


def record_status_change(
    uow: UnitOfWork, application: Application, previous: str, note: str, now: datetime
) -> None:
    """History and audit of a status change already made to `application`, in the caller's
    unit of work (shared by the pipeline and the offer step)."""
    person = uow.people.self_person()
    actor = person.id if person else None
    uow.applications.record_event(
        ApplicationEvent(
            application_id=application.id,
            at=now,
            kind=HistoryKind.STATUS.value,
            from_status=previous,
            to_status=application.status,
            actor_id=actor,
            note=note,
        )
    )
    detail = {"from": previous, "to": application.status}
    if application.rejection_reason:
        detail["reason"] = application.rejection_reason
    uow.audit.record(now, actor, "set_status", "application", application.id, detail)


_CLOSED = {
    ApplicationStatus.REJECTED.value,
    ApplicationStatus.WITHDRAWN.value,
    ApplicationStatus.HIRED.value,
}


@dataclass(frozen=True)
class CandidateListItem:
    id: int
    full_name: str
    email: str | None
    current_title: str
    current_company: str
    location: str
    applications: int
