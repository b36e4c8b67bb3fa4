"""Reviewing one application: its candidate, history, scorecards, notes, tags and resumes."""

from __future__ import annotations

from dataclasses import dataclass

from hirepartner.data.models import ApplicationNote
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.errors import ValidationError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes
from hirepartner.services.views.applications import (
    ApplicationDetail,
    HistoryEntry,
    NoteInfo,
    ResumeInfo,
    ScorecardLine,
    application_details,
    describe_event,
)

__all__ = [
    "ApplicationDetail",
    "HistoryEntry",
    "NoteInfo",
    "NoteWritten",
    "ResumeFile",
    "ResumeInfo",
    "ReviewService",
    "ScorecardLine",
    "TagWritten",
    "describe_event",
]

MAX_TAG_LENGTH = 80


@dataclass(frozen=True)
class ResumeFile:
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class TagWritten:
    """Whether a tag was added (or removed), and what changed: every application of the
    candidate, whose rows show the tags; nothing when it was already so."""

    done: bool
    changes: Changes


@dataclass(frozen=True)
class NoteWritten:
    """A note added or deleted (`note` is None then), and what changed: its application."""

    note: NoteInfo | None
    changes: Changes


def _candidate_changes(uow: UnitOfWork, candidate_id: int) -> Changes:
    rows = uow.candidates.applications(candidate_id)
    return Changes.of_applications([a for a, _r in rows], {r for _a, r in rows})


class ReviewService(Service):
    def application_detail(self, application_id: int) -> ApplicationDetail:
        now = self._clock()
        with self._read() as uow:
            details = application_details(uow, [application_id], now, self._actor_id(uow))
            return details[application_id]

    def resume_file(self, resume_id: int) -> ResumeFile:
        with self._read() as uow:
            resume = uow.review.resume(resume_id)
            return ResumeFile(resume.filename, resume.media_type, resume.content)

    def add_tag(self, candidate_id: int, tag: str) -> TagWritten:
        """Tag a candidate; `done` is False when the tag was already there."""
        tag = " ".join(tag.split())
        if not tag:
            raise ValidationError("tag", "a tag cannot be empty")
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError("tag", f"at most {MAX_TAG_LENGTH} characters")
        now = self._clock()
        with self._uow() as uow:
            uow.candidates.get(candidate_id)
            if tag in uow.candidates.tags([candidate_id]).get(candidate_id, []):
                return TagWritten(False, Changes(frozenset()))
            uow.candidates.set_tags(candidate_id, [tag])
            uow.audit.record(
                now, self._actor_id(uow), "add_tag", "candidate", candidate_id, {"tag": tag}
            )
            changes = _candidate_changes(uow, candidate_id)
            uow.commit()
            return TagWritten(True, changes)

    def remove_tag(self, candidate_id: int, tag: str) -> TagWritten:
        now = self._clock()
        with self._uow() as uow:
            if not uow.candidates.remove_tag(candidate_id, tag):
                return TagWritten(False, Changes(frozenset()))
            uow.audit.record(
                now, self._actor_id(uow), "remove_tag", "candidate", candidate_id, {"tag": tag}
            )
            changes = _candidate_changes(uow, candidate_id)
            uow.commit()
            return TagWritten(True, changes)

    def add_note(self, application_id: int, text: str) -> NoteWritten:
        text = text.strip()
        if not text:
            raise ValidationError("note", "a note cannot be empty")
        now = self._clock()
        with self._uow() as uow:
            application = uow.applications.get(application_id)
            changes = Changes.of_applications([application_id], [application.requisition_id])
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
            return NoteWritten(NoteInfo(note.id, author, note.at, note.text), changes)

    def delete_note(self, note_id: int) -> NoteWritten:
        now = self._clock()
        with self._uow() as uow:
            note = uow.review.note(note_id)
            application = uow.applications.get(note.application_id)
            changes = Changes.of_applications([application.id], [application.requisition_id])
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
        return NoteWritten(None, changes)
