"""Reviewing one application: its candidate, history, scorecards, notes, tags and resumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hirepartner.data.models import ApplicationNote
from hirepartner.domain import HistoryKind
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.feedback import is_overdue
from hirepartner.services.offers import OfferInfo, latest_offer
from hirepartner.services.scorecards import may_see_others

MAX_TAG_LENGTH = 80


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    text: str
    actor: str


@dataclass(frozen=True)
class ScorecardLine:
    id: int
    interviewer: str
    stage: str
    status: str
    recommendation: str | None  # None while independent scoring hides it from the reader
    interview_at: datetime | None
    submitted_at: datetime | None
    overdue: bool
    hidden: bool


@dataclass(frozen=True)
class NoteInfo:
    id: int
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class ResumeInfo:
    id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class ResumeFile:
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class ApplicationDetail:
    application_id: int
    candidate_id: int
    requisition_id: int
    requisition: str
    full_name: str
    email: str | None
    phone: str
    location: str
    current_title: str
    current_company: str
    links: tuple[str, ...]
    candidate_notes: str
    source: str
    pitch: str
    tags: tuple[str, ...]
    stage_id: int
    stage: str
    status: str
    rejection_reason: str | None
    rejection_note: str
    entered_stage_at: datetime
    history: tuple[HistoryEntry, ...]
    scorecards: tuple[ScorecardLine, ...]
    notes: tuple[NoteInfo, ...]
    resumes: tuple[ResumeInfo, ...]
    offer: OfferInfo | None = None  # the newest offer, whatever its state


def describe_event(event: Any, stage_names: dict[int, str]) -> str:
    """An application's history entry in words: "Moved from Screen to Onsite: note"."""
    if event.kind == HistoryKind.CREATED.value:
        text = f"Added at {stage_names.get(event.to_stage_id or -1, '?')}"
    elif event.kind == HistoryKind.STAGE.value:
        text = (
            f"Moved from {stage_names.get(event.from_stage_id or -1, '?')} "
            f"to {stage_names.get(event.to_stage_id or -1, '?')}"
        )
    else:
        text = f"Status {_status_text(event.from_status)} → {_status_text(event.to_status)}"
    return f"{text}: {event.note}" if event.note else text


def _status_text(status: str | None) -> str:
    return (status or "").replace("_", " ")


class ReviewService(Service):
    def application_detail(self, application_id: int) -> ApplicationDetail:
        now = self._clock()
        with self._read() as uow:
            application = uow.applications.get(application_id)
            candidate = application.candidate
            requisition = uow.requisitions.get(application.requisition_id)
            stage_names = {stage.id: stage.name for stage in requisition.stages}
            people = {person.id: person.name for person in uow.people.all()}
            history = []
            for event in uow.review.history(application_id):
                text = describe_event(event, stage_names)
                history.append(HistoryEntry(event.at, text, people.get(event.actor_id or -1, "")))
            sla = requisition.feedback_sla_hours
            rows = uow.review.scorecards(application_id)
            reader = self._actor_id(uow)
            sees_others = may_see_others(
                requisition.scoring_visibility,
                [row.status for row in rows if row.interviewer_id == reader],
            )
            scorecards = []
            for row in rows:
                (
                    card_id,
                    interviewer,
                    stage,
                    status,
                    recommendation,
                    interview_at,
                    submitted,
                    who,
                ) = row
                hidden = who != reader and not sees_others
                if hidden or (who != reader and status == "draft"):
                    recommendation = None  # independent scoring: not shown to this reader
                late = status == "draft" and interview_at is not None
                late = late and is_overdue(interview_at, sla, now)
                scorecards.append(
                    ScorecardLine(
                        card_id,
                        interviewer,
                        stage,
                        status,
                        recommendation,
                        interview_at,
                        submitted,
                        late,
                        hidden,
                    )
                )
            return ApplicationDetail(
                application_id=application.id,
                candidate_id=candidate.id,
                requisition_id=requisition.id,
                requisition=f"{requisition.code} {requisition.title}",
                full_name=candidate.full_name,
                email=candidate.email,
                phone=candidate.phone,
                location=candidate.location,
                current_title=candidate.current_title,
                current_company=candidate.current_company,
                links=tuple(candidate.links),
                candidate_notes=candidate.notes,
                source=application.source,
                pitch=application.pitch,
                tags=tuple(uow.candidates.tags([candidate.id]).get(candidate.id, [])),
                stage_id=application.stage_id,
                stage=stage_names[application.stage_id],
                status=application.status,
                rejection_reason=application.rejection_reason,
                rejection_note=application.rejection_note,
                entered_stage_at=application.entered_stage_at,
                history=tuple(history),
                scorecards=tuple(scorecards),
                notes=tuple(
                    NoteInfo(note.id, people.get(note.author_id or -1, ""), note.at, note.text)
                    for note in uow.review.notes(application_id)
                ),
                resumes=tuple(ResumeInfo(*row) for row in uow.review.resumes(candidate.id)),
                offer=latest_offer(uow, application.id),
            )

    def resume_file(self, resume_id: int) -> ResumeFile:
        with self._read() as uow:
            resume = uow.review.resume(resume_id)
            return ResumeFile(resume.filename, resume.media_type, resume.content)

    def add_tag(self, candidate_id: int, tag: str) -> bool:
        """Tag a candidate; returns False when the tag was already there."""
        tag = " ".join(tag.split())
        if not tag:
            raise ValidationError("tag", "a tag cannot be empty")
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError("tag", f"at most {MAX_TAG_LENGTH} characters")
        now = self._clock()
        with self._uow() as uow:
            uow.candidates.get(candidate_id)
            if tag in uow.candidates.tags([candidate_id]).get(candidate_id, []):
                return False
            uow.candidates.set_tags(candidate_id, [tag])
            uow.audit.record(
                now, self._actor_id(uow), "add_tag", "candidate", candidate_id, {"tag": tag}
            )
            uow.commit()
            return True

    def remove_tag(self, candidate_id: int, tag: str) -> bool:
        now = self._clock()
        with self._uow() as uow:
            removed = uow.candidates.remove_tag(candidate_id, tag)
            if removed:
                uow.audit.record(
                    now, self._actor_id(uow), "remove_tag", "candidate", candidate_id, {"tag": tag}
                )
                uow.commit()
            return removed

    def add_note(self, application_id: int, text: str) -> NoteInfo:
        text = text.strip()
        if not text:
            raise ValidationError("note", "a note cannot be empty")
        now = self._clock()
        with self._uow() as uow:
            uow.applications.get(application_id)
            actor = self._actor_id(uow)
            note = ApplicationNote(
                application_id=application_id, author_id=actor, at=now, text=text
            )
            uow.applications.add(note)
            uow.audit.record(
                now, actor, "add_note", "application", application_id, {"note": note.id}
            )
            uow.commit()
            author = uow.people.get(actor).name if actor else ""
            return NoteInfo(note.id, author, note.at, note.text)

    def delete_note(self, note_id: int) -> None:
        now = self._clock()
        with self._uow() as uow:
            note = uow.review.note(note_id)
            uow.audit.record(
                now,
                self._actor_id(uow),
                "delete_note",
                "application",
                note.application_id,
                {"note": note_id},
            )
            uow.session.delete(note)
            uow.commit()
