"""Applying an envelope that passed the team key's MAC to this install's database: its payload
is checked against its kind's schema, its author against the roster, and the record it touches
is worked out here (never taken from the envelope), so one writer owns each record and its
versions only move forward. What cannot be applied yet (a scorecard for a candidate whose slate
has not arrived) waits for the next sync."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

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
from hirepartner.data.models.exchange import ExchangeRecord, InboxEnvelope, OutboxEnvelope
from hirepartner.domain import Role, ScorecardStatus
from hirepartner.errors import HirePartnerError
from hirepartner.exchange.envelopes import Envelope, safe_name
from hirepartner.exchange.payloads import (
    DecisionPayload,
    ErasurePayload,
    MemberKeyPayload,
    PacketPayload,
    RosterPayload,
    ScorecardPayload,
    SlatePayload,
    parse_payload,
)
from hirepartner.exchange.resume_files import MEDIA_TYPES, ResumeFile
from hirepartner.exchange.slate_import import CandidateDraft
from hirepartner.services import envelope_trust as trust
from hirepartner.services.envelope_trust import ApplyLater, Forged
from hirepartner.services.outbox import scorecard_record_id
from hirepartner.services.slate_writing import write_slate
from hirepartner.services.team_keys import note_announcement, take_roster

__all__ = ["Applied", "ApplyLater", "Forged", "NotApplicable", "apply", "erase_candidate"]


class NotApplicable(HirePartnerError):
    """The envelope is genuine but means nothing here, or is already applied (skipped)."""


@dataclass(frozen=True)
class Applied:
    record_id: str  # as this install worked it out
    text: str  # what happened, in words


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=None)  # checked by the schema


def _requisition(session: Session, code: str) -> Requisition:
    found = session.scalar(select(Requisition).where(Requisition.code == code.strip()))
    if found is None:
        raise ApplyLater(f"no requisition {code.strip()!r} here yet")
    return found


def _candidate(session: Session, email: str) -> Candidate | None:
    return session.scalar(
        select(Candidate).where(func.lower(Candidate.email) == email.strip().lower()).limit(1)
    )


def _advance(session: Session, record_id: str, envelope: Envelope) -> None:
    """Versions only move forward: an equal one is skipped, an older one is a rollback."""
    record = session.get(ExchangeRecord, record_id)
    if record is None:
        return
    if envelope.version == record.version:
        raise NotApplicable(f"version {envelope.version} of this record is already applied")
    if envelope.version < record.version:
        raise Forged(
            f"version {envelope.version} is older than version {record.version}, already "
            "applied: versions only move forward"
        )


def _remember(session: Session, record_id: str, envelope: Envelope) -> None:
    record = session.get(ExchangeRecord, record_id)
    if record is None:
        session.add(
            ExchangeRecord(
                record_id=record_id, version=envelope.version, envelope_uuid=envelope.uuid
            )
        )
    else:
        record.version, record.envelope_uuid = envelope.version, envelope.uuid


def apply_scorecard(
    session: Session, envelope: Envelope, payload: ScorecardPayload, now: datetime
) -> Applied:
    author = trust.signer(session, envelope)
    trust.check_interviewer(author, payload.interviewer.email)
    requisition = _requisition(session, payload.requisition)
    candidate = _candidate(session, payload.candidate.email)
    if candidate is None or not candidate.email:
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
            InterviewStage.name == payload.stage.strip(),
        )
    )
    if stage is None:
        raise NotApplicable(f"the stage {payload.stage.strip()!r} is not in this plan")
    record_id = scorecard_record_id(requisition.code, candidate.email, stage.name, author.email)
    _advance(session, record_id, envelope)
    interviewer = session.scalar(select(Person).where(func.lower(Person.email) == author.email))
    if interviewer is None:
        interviewer = Person(
            name=(payload.interviewer.name.strip() or author.name or author.email)[:200],
            email=author.email,
            role=Role.INTERVIEWER.value,
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
    card.recommendation = payload.recommendation or "no_decision"
    card.key_takeaways = payload.key_takeaways.strip()
    card.interview_at = _when(payload.interview_at)
    card.submitted_at = _when(payload.submitted_at) or now
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
    rated: set[int] = set()
    for rating in payload.ratings:
        competency_id = competencies.get(rating.competency.strip())
        if competency_id is None or competency_id in rated:
            continue  # a competency not in this plan, or named twice: the first one counts
        rated.add(competency_id)
        session.add(
            Rating(
                scorecard_id=card.id,
                competency_id=competency_id,
                level=rating.level,
                evidence=rating.evidence,
            )
        )
    _remember(session, record_id, envelope)
    session.flush()
    return Applied(record_id, f"scorecard by {interviewer.name} applied")


def apply_slate(
    session: Session,
    envelope: Envelope,
    payload: SlatePayload,
    attachments: Mapping[str, bytes],
    now: datetime,
) -> Applied:
    author = trust.signer(session, envelope)
    requisition = _requisition(session, payload.requisition)
    trust.check_slate_author(session, author, requisition)
    name = payload.name.strip() or f"Slate from {author.name or author.email}"
    record_id = f"slate:{requisition.code}:{author.email}:{name}".lower()
    _advance(session, record_id, envelope)
    drafts = []
    for n, item in enumerate(payload.candidates, start=1):
        resume = None
        if item.resume and safe_name(item.resume) in attachments:
            suffix = item.resume[item.resume.rfind(".") :].lower()
            content = attachments[safe_name(item.resume)]
            if suffix in MEDIA_TYPES and (suffix != ".pdf" or content.startswith(b"%PDF-")):
                resume = ResumeFile(item.resume, MEDIA_TYPES[suffix], content)
        drafts.append(
            CandidateDraft(
                row=n,
                full_name=item.full_name.strip(),
                email=(item.email or "").strip() or None,
                phone=item.phone.strip(),
                location=item.location.strip(),
                current_title=item.current_title.strip(),
                current_company=item.current_company.strip(),
                links=item.links,
                source=item.source.strip(),
                tags=tuple(tag.strip() for tag in item.tags if tag.strip()),
                pitch=item.pitch,
                resume=resume,
            )
        )
    result = write_slate(
        session, requisition, drafts, name, f"slate from {author.email}", now, None
    )
    _remember(session, record_id, envelope)
    return Applied(
        record_id,
        f"slate: {result.created} new, {result.updated + result.added} known candidates",
    )


def erase_candidate(session: Session, email: str) -> int:
    """Remove the candidate's data everywhere this install holds it; returns how many
    candidate records went."""
    email = email.strip().lower()
    removed = 0
    for candidate in session.scalars(
        select(Candidate).where(func.lower(Candidate.email) == email)
    ).all():
        session.delete(candidate)  # applications, scorecards, notes, resumes cascade
        removed += 1
    # Record ids name the candidate's email between colons, or at the end; the email is
    # escaped, so "%@%" matches only a record naming that very text, never every record.
    escaped = email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    def about(column: Any) -> Any:
        lowered = func.lower(column)
        return or_(
            lowered.like(f"%:{escaped}:%", escape="\\"),
            lowered.like(f"%:{escaped}", escape="\\"),
        )

    session.execute(  # what this install was still to send about them; not the erasure itself
        delete(OutboxEnvelope).where(
            about(OutboxEnvelope.record_id), OutboxEnvelope.kind != "erasure"
        )
    )
    session.execute(delete(ExchangeRecord).where(about(ExchangeRecord.record_id)))
    session.execute(
        update(InboxEnvelope).where(about(InboxEnvelope.record_id)).values(record_id="erased")
    )
    session.flush()
    return removed


def apply_erasure(session: Session, envelope: Envelope, payload: ErasurePayload) -> Applied:
    trust.check_eraser(trust.signer(session, envelope))
    email = payload.candidate.strip().lower()
    if "@" not in email:
        raise NotApplicable("an erasure must name the candidate's email")
    removed = erase_candidate(session, email)
    return Applied(
        f"erasure:{email}",
        f"erasure applied ({removed} candidate record{'s' if removed != 1 else ''} removed)",
    )


def apply_roster(
    session: Session, envelope: Envelope, payload: RosterPayload, now: datetime
) -> Applied:
    author = trust.signer(session, envelope)
    trust.check_roster_author(author, payload.manager.key)
    record_id = f"roster:{author.email}"
    _advance(session, record_id, envelope)
    text = take_roster(session, payload, now)
    _remember(session, record_id, envelope)
    return Applied(record_id, text)


def apply_announcement(
    session: Session, envelope: Envelope, payload: MemberKeyPayload, now: datetime
) -> Applied:
    trust.check_announcement(envelope, payload)
    return Applied(f"member-key:{payload.email.lower()}", note_announcement(session, payload, now))


def check_for_recruiter(session: Session, envelope: Envelope, requisition_code: str) -> Applied:
    """Decisions, slate feedback and packets are for the recruiter: here they are only checked
    to come from the hiring manager, then skipped."""
    author = trust.signer(session, envelope)
    requisition = session.scalar(
        select(Requisition).where(Requisition.code == requisition_code.strip())
    )
    trust.check_hiring_manager(session, author, requisition)
    raise NotApplicable(f"a {envelope.kind} is for the recruiter, not this install")


def apply(
    session: Session, envelope: Envelope, attachments: Mapping[str, bytes], now: datetime
) -> Applied:
    """Check and apply one envelope in the caller's transaction. Raises PayloadInvalid or
    EnvelopeRejected (quarantine), ApplyLater (wait), NotApplicable (skip)."""
    payload = parse_payload(envelope.kind, envelope.payload)
    if isinstance(payload, ScorecardPayload):
        return apply_scorecard(session, envelope, payload, now)
    if isinstance(payload, SlatePayload):
        return apply_slate(session, envelope, payload, attachments, now)
    if isinstance(payload, ErasurePayload):
        return apply_erasure(session, envelope, payload)
    if isinstance(payload, RosterPayload):
        return apply_roster(session, envelope, payload, now)
    if isinstance(payload, MemberKeyPayload):
        return apply_announcement(session, envelope, payload, now)
    if isinstance(payload, (DecisionPayload, PacketPayload)):
        return check_for_recruiter(session, envelope, payload.requisition)
    raise NotApplicable(f"a {envelope.kind} means nothing to this install")
