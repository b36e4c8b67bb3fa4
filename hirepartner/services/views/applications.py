"""Applications in detail (candidate, history, scorecards, notes, tags, resumes, offer), for
one or many at once: one query per table, however many applications are asked for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    Candidate,
    InterviewStage,
    Offer,
    Person,
    Requisition,
    Resume,
)
from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.domain import ApplicationStatus, HistoryKind, ScorecardStatus, label_of
from hirepartner.errors import NotFoundError
from hirepartner.services.feedback import is_overdue
from hirepartner.services.offers import OfferInfo, offer_info
from hirepartner.services.views.requisitions import RequisitionRef
from hirepartner.services.views.scorecards import may_see_others, of_applications, panel_scorecards


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
    offer: OfferInfo | None  # the newest offer, whatever its state
    ref: RequisitionRef  # the requisition's id, code and title


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
    return label_of(ApplicationStatus, status).lower()


def application_details(
    uow: UnitOfWork, application_ids: Sequence[int], now: datetime, reader_id: int | None
) -> dict[int, ApplicationDetail]:
    """Each application's detail as `reader_id` may see it, by id; a missing id raises."""
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        return {}
    s = uow.session
    apps = s.execute(
        select(Application, Candidate)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .where(Application.id.in_(ids))
    ).all()
    found = {application.id: (application, candidate) for application, candidate in apps}
    for ident in ids:
        if ident not in found:
            raise NotFoundError("application", ident)
    requisition_ids = {application.requisition_id for application, _c in apps}
    requisitions = {
        r.id: r for r in s.scalars(select(Requisition).where(Requisition.id.in_(requisition_ids)))
    }
    stage_names: dict[int, str] = dict(
        s.execute(
            select(InterviewStage.id, InterviewStage.name).where(
                InterviewStage.requisition_id.in_(requisition_ids)
            )
        ).all()
    )
    people: dict[int, str] = dict(s.execute(select(Person.id, Person.name)).all())
    history: dict[int, list[HistoryEntry]] = defaultdict(list)
    for event in s.scalars(
        select(ApplicationEvent)
        .where(ApplicationEvent.application_id.in_(ids))
        .order_by(ApplicationEvent.at, ApplicationEvent.id)
    ):
        history[event.application_id].append(
            HistoryEntry(
                event.at, describe_event(event, stage_names), people.get(event.actor_id or -1, "")
            )
        )
    cards: dict[int, list[Any]] = defaultdict(list)
    for row in panel_scorecards(uow, of_applications(ids)):
        cards[row.application_id].append(row)
    notes: dict[int, list[NoteInfo]] = defaultdict(list)
    for note in s.scalars(
        select(ApplicationNote)
        .where(ApplicationNote.application_id.in_(ids))
        .order_by(ApplicationNote.at, ApplicationNote.id)
    ):
        notes[note.application_id].append(
            NoteInfo(note.id, people.get(note.author_id or -1, ""), note.at, note.text)
        )
    candidate_ids = [candidate.id for _a, candidate in apps]
    resumes: dict[int, list[ResumeInfo]] = defaultdict(list)
    for row in s.execute(
        select(
            Resume.candidate_id,
            Resume.id,
            Resume.filename,
            Resume.media_type,
            Resume.size_bytes,
            Resume.sha256,
        )
        .where(Resume.candidate_id.in_(candidate_ids))
        .order_by(Resume.added_at.desc(), Resume.id)
    ):
        resumes[row[0]].append(ResumeInfo(*row[1:]))
    tags = uow.candidates.tags(candidate_ids)
    offers: dict[int, Offer] = {}
    for offer in s.scalars(select(Offer).where(Offer.application_id.in_(ids)).order_by(Offer.id)):
        offers[offer.application_id] = offer  # the newest wins
    details = {}
    for ident in ids:
        application, candidate = found[ident]
        requisition = requisitions[application.requisition_id]
        newest = offers.get(ident)
        ref = RequisitionRef.of(requisition)
        details[ident] = ApplicationDetail(
            application_id=application.id,
            candidate_id=candidate.id,
            requisition_id=requisition.id,
            requisition=ref.label,
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
            tags=tuple(tags.get(candidate.id, [])),
            stage_id=application.stage_id,
            stage=stage_names[application.stage_id],
            status=application.status,
            rejection_reason=application.rejection_reason,
            rejection_note=application.rejection_note,
            entered_stage_at=application.entered_stage_at,
            history=tuple(history[ident]),
            scorecards=_lines(
                cards[ident],
                requisition.scoring_visibility,
                requisition.feedback_sla_hours,
                reader_id,
                now,
            ),
            notes=tuple(notes[ident]),
            resumes=tuple(resumes[candidate.id]),
            offer=offer_info(newest, candidate.full_name) if newest else None,
            ref=ref,
        )
    return details


def _lines(
    rows: Sequence[Any], mode: str, sla: int, reader: int | None, now: datetime
) -> tuple[ScorecardLine, ...]:
    sees_others = may_see_others(mode, [row.status for row in rows if row.interviewer_id == reader])
    lines = []
    for row in rows:
        recommendation = row.recommendation
        hidden = row.interviewer_id != reader and not sees_others
        if hidden or (row.interviewer_id != reader and row.status == ScorecardStatus.DRAFT.value):
            recommendation = None  # independent scoring: not shown to this reader
        late = row.status == ScorecardStatus.DRAFT.value and row.interview_at is not None
        late = late and is_overdue(row.interview_at, sla, now)
        lines.append(
            ScorecardLine(
                row.id,
                row.interviewer,
                row.stage,
                row.status,
                recommendation,
                row.interview_at,
                row.submitted_at,
                late,
                hidden,
            )
        )
    return tuple(lines)
