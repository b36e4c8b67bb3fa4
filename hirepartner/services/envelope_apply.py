"""Applying a verified envelope to this install's database, idempotently: one writer per record,
so a higher version wins and an older or equal one is skipped. What cannot be applied yet (a
scorecard for a candidate whose slate has not arrived) waits for the next sync."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hirepartner.data.exchange_tables import ExchangeRecord, InboxEnvelope, OutboxEnvelope
from hirepartner.data.models import (
    Application,
    Candidate,
    Competency,
    InterviewStage,
    Person,
    Rating,
    Requisition,
    Scorecard,
)
from hirepartner.domain import Role, ScorecardStatus
from hirepartner.errors import HirePartnerError
from hirepartner.exchange.envelopes import Envelope, safe_name
from hirepartner.exchange.resume_files import MEDIA_TYPES, ResumeFile
from hirepartner.exchange.slate_import import CandidateDraft
from hirepartner.services.imports import write_slate


class ApplyLater(HirePartnerError):
    """The envelope refers to something not here yet; it stays on the target for next time."""


class NotApplicable(HirePartnerError):
    """The envelope is well-formed but means nothing here (recorded as skipped)."""


def _text(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ""


def _when(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


def _requisition(session: Session, code: str) -> Requisition:
    found = session.scalar(select(Requisition).where(Requisition.code == code))
    if found is None:
        raise ApplyLater(f"no requisition {code!r} here yet")
    return found


def _candidate(session: Session, email: str) -> Candidate | None:
    return session.scalar(
        select(Candidate).where(func.lower(Candidate.email) == email.lower()).limit(1)
    )


def newer_than_applied(session: Session, envelope: Envelope) -> bool:
    record = session.get(ExchangeRecord, envelope.record_id)
    return record is None or envelope.version > record.version


def remember(session: Session, envelope: Envelope) -> None:
    record = session.get(ExchangeRecord, envelope.record_id)
    if record is None:
        session.add(
            ExchangeRecord(
                record_id=envelope.record_id, version=envelope.version, envelope_uuid=envelope.uuid
            )
        )
    else:
        record.version, record.envelope_uuid = envelope.version, envelope.uuid


def apply_scorecard(session: Session, envelope: Envelope, now: datetime) -> str:
    payload = envelope.payload
    requisition = _requisition(session, _text(payload, "requisition"))
    person = payload.get("candidate") or {}
    candidate = _candidate(session, str(person.get("email", "")))
    if candidate is None:
        raise ApplyLater("the candidate is not here yet")
    application = session.scalar(
        select(Application).where(
            Application.candidate_id == candidate.id,
            Application.requisition_id == requisition.id,
        )
    )
    if application is None:
        raise ApplyLater("the candidate is not on this requisition here yet")
    stage = session.scalar(
        select(InterviewStage).where(
            InterviewStage.requisition_id == requisition.id,
            InterviewStage.name == _text(payload, "stage"),
        )
    )
    if stage is None:
        raise NotApplicable(f"the stage {_text(payload, 'stage')!r} is not in this plan")
    who = payload.get("interviewer") or {}
    email = str(who.get("email", "")).strip()
    interviewer = session.scalar(select(Person).where(func.lower(Person.email) == email.lower()))
    if interviewer is None:
        interviewer = Person(
            name=str(who.get("name") or email), email=email, role=Role.INTERVIEWER.value
        )
        session.add(interviewer)
        session.flush()
    card = session.scalar(
        select(Scorecard).where(
            Scorecard.application_id == application.id,
            Scorecard.stage_id == stage.id,
            Scorecard.interviewer_id == interviewer.id,
        )
    )
    if card is None:
        card = Scorecard(
            application_id=application.id,
            stage_id=stage.id,
            interviewer_id=interviewer.id,
            updated_at=now,
        )
        session.add(card)
        session.flush()
    card.status = ScorecardStatus.SUBMITTED.value
    card.recommendation = payload.get("recommendation") or "no_decision"
    card.key_takeaways = _text(payload, "key_takeaways")
    card.interview_at = _when(payload.get("interview_at"))
    card.submitted_at = _when(payload.get("submitted_at")) or now
    card.version = envelope.version
    card.updated_at = now
    competencies = {
        c.name: c.id
        for c in session.scalars(
            select(Competency).where(
                Competency.requisition_id == requisition.id, Competency.retired_at.is_(None)
            )
        )
    }
    session.execute(delete(Rating).where(Rating.scorecard_id == card.id))
    for rating in payload.get("ratings") or []:
        competency_id = competencies.get(str(rating.get("competency")))
        level = rating.get("level")
        if competency_id is None or not (
            level is None or (isinstance(level, int) and 1 <= level <= 4)
        ):
            continue
        session.add(
            Rating(
                scorecard_id=card.id,
                competency_id=competency_id,
                level=level,
                evidence=str(rating.get("evidence") or ""),
            )
        )
    session.flush()
    return f"scorecard by {interviewer.name} applied"


def apply_slate(
    session: Session, envelope: Envelope, attachments: Mapping[str, bytes], now: datetime
) -> str:
    payload = envelope.payload
    requisition = _requisition(session, _text(payload, "requisition"))
    drafts = []
    for n, item in enumerate(payload.get("candidates") or [], start=1):
        name = str(item.get("full_name") or "").strip()
        if not name:
            raise NotApplicable(f"candidate {n} of the slate has no name")
        resume_name = item.get("resume")
        resume = None
        if isinstance(resume_name, str) and safe_name(resume_name) in attachments:
            suffix = resume_name[resume_name.rfind(".") :].lower()
            content = attachments[safe_name(resume_name)]
            if suffix in MEDIA_TYPES and (suffix != ".pdf" or content.startswith(b"%PDF-")):
                resume = ResumeFile(resume_name, MEDIA_TYPES[suffix], content)
        drafts.append(
            CandidateDraft(
                row=n,
                full_name=name[:300],
                email=(str(item.get("email") or "").strip() or None),
                phone=str(item.get("phone") or "")[:60],
                location=str(item.get("location") or "")[:200],
                current_title=str(item.get("current_title") or "")[:200],
                current_company=str(item.get("current_company") or "")[:200],
                links=tuple(str(link) for link in item.get("links") or []),
                source=str(item.get("source") or "")[:100],
                tags=tuple(str(tag)[:80] for tag in item.get("tags") or []),
                pitch=str(item.get("pitch") or ""),
                resume=resume,
            )
        )
    result = write_slate(
        session,
        requisition,
        drafts,
        _text(payload, "name") or f"Slate from {envelope.author}",
        f"slate from {envelope.author}",
        now,
        None,
    )
    return f"slate: {result.created} new, {result.updated + result.added} known candidates"


def apply_erasure(session: Session, envelope: Envelope) -> str:
    """Remove the candidate's data everywhere this install holds it."""
    email = _text(envelope.payload, "candidate").lower()
    if "@" not in email:
        raise NotApplicable("an erasure must name the candidate's email")
    removed = 0
    for candidate in session.scalars(
        select(Candidate).where(func.lower(Candidate.email) == email)
    ).all():
        session.delete(candidate)  # applications, scorecards, notes, resumes cascade
        removed += 1
    pattern = f"%:{email}%"
    session.execute(  # what this install was still to send about them; not the erasure itself
        delete(OutboxEnvelope).where(
            func.lower(OutboxEnvelope.record_id).like(pattern), OutboxEnvelope.kind != "erasure"
        )
    )
    session.execute(
        delete(ExchangeRecord).where(func.lower(ExchangeRecord.record_id).like(pattern))
    )
    session.execute(
        update(InboxEnvelope)
        .where(func.lower(InboxEnvelope.record_id).like(pattern))
        .values(record_id="erased")
    )
    session.flush()
    return f"erasure applied ({removed} candidate record{'s' if removed != 1 else ''} removed)"


def apply(
    session: Session, envelope: Envelope, attachments: Mapping[str, bytes], now: datetime
) -> str:
    """Apply one envelope in the caller's transaction; returns what happened, in words."""
    if envelope.kind == "scorecard":
        return apply_scorecard(session, envelope, now)
    if envelope.kind == "slate":
        return apply_slate(session, envelope, attachments, now)
    if envelope.kind == "erasure":
        return apply_erasure(session, envelope)
    raise NotApplicable(f"a {envelope.kind} is for the recruiter, not this install")
