"""The outbox: an envelope is written in the same transaction as the change it reports, with a
delivery row for every target that carries its kind. The relay (services/sync.py) sends them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
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
from hirepartner.data.models.exchange import (
    ExchangeTarget,
    InstallSetting,
    OutboxAttachment,
    OutboxDelivery,
    OutboxEnvelope,
)
from hirepartner.exchange import envelopes

ONE_WAY_KINDS = ("packet", "decision")  # what an email or webhook to the recruiter carries
DEVICE_KEY = "device_id"


def device_id(session: Session) -> str:
    """This install's id, made once."""
    found = session.get(InstallSetting, DEVICE_KEY)
    if found is None:
        found = InstallSetting(key=DEVICE_KEY, value=envelopes.new_uuid())
        session.add(found)
        session.flush()
    return found.value


def carries(target: ExchangeTarget, kind: str) -> bool:
    kinds = target.config.get("kinds")
    if isinstance(kinds, list):
        return kind in kinds
    return target.kind in ("folder", "webdav") or kind in ONE_WAY_KINDS


def author(session: Session) -> str:
    me = session.scalar(select(Person).where(Person.is_self.is_(True)))
    return (me.email or me.name) if me else "unknown"


def next_version(session: Session, record_id: str) -> int:
    newest = session.scalar(
        select(func.max(OutboxEnvelope.record_version)).where(OutboxEnvelope.record_id == record_id)
    )
    return (newest or 0) + 1


def enqueue(
    session: Session,
    now: datetime,
    *,
    kind: str,
    record_id: str,
    version: int,
    payload: Mapping[str, Any],
    attachments: Mapping[str, bytes] | None = None,
) -> OutboxEnvelope:
    """Add an envelope to the caller's transaction; it commits (or not) with the change."""
    attachments = {envelopes.safe_name(n): c for n, c in (attachments or {}).items()}
    envelope_uuid = envelopes.new_uuid()
    body = envelopes.unsigned(
        envelope_uuid=envelope_uuid,
        kind=kind,
        author=author(session),
        device=device_id(session),
        created_at=now,
        record_id=record_id,
        version=version,
        payload=payload,
        attachments=attachments,
    )
    envelope = OutboxEnvelope(
        uuid=envelope_uuid,
        kind=kind,
        record_id=record_id,
        record_version=version,
        document=json.dumps(body, ensure_ascii=False, sort_keys=True),
        created_at=now,
    )
    session.add(envelope)
    session.flush()
    for name, content in attachments.items():
        session.add(OutboxAttachment(envelope_id=envelope.id, name=name, content=content))
    for target in session.scalars(select(ExchangeTarget).where(ExchangeTarget.enabled.is_(True))):
        if carries(target, kind):
            session.add(
                OutboxDelivery(envelope_id=envelope.id, target=target.name, next_attempt_at=now)
            )
    session.flush()
    return envelope


def scorecard_record_id(requisition: str, candidate: str, stage: str, interviewer: str) -> str:
    return f"scorecard:{requisition}:{candidate}:{stage}:{interviewer}".lower()


def enqueue_scorecard(session: Session, card: Scorecard, now: datetime) -> OutboxEnvelope | None:
    """A submitted scorecard, for the hiring manager's install. Private notes never go; a
    candidate or interviewer with no email cannot be matched elsewhere and is not sent."""
    application = session.get(Application, card.application_id)
    assert application is not None
    candidate = session.get(Candidate, application.candidate_id)
    requisition = session.get(Requisition, application.requisition_id)
    stage = session.get(InterviewStage, card.stage_id)
    interviewer = session.get(Person, card.interviewer_id)
    assert candidate
    assert requisition
    assert stage
    assert interviewer
    if not candidate.email or not interviewer.email:
        return None
    ratings = session.execute(
        select(Competency.name, Rating.level, Rating.evidence)
        .join(Competency, Competency.id == Rating.competency_id)
        .where(Rating.scorecard_id == card.id)
        .order_by(Competency.position, Competency.id)
    ).all()
    payload = {
        "requisition": requisition.code,
        "candidate": {"email": candidate.email, "name": candidate.full_name},
        "stage": stage.name,
        "interviewer": {"email": interviewer.email, "name": interviewer.name},
        "recommendation": card.recommendation,
        "key_takeaways": card.key_takeaways,
        "interview_at": card.interview_at.isoformat() if card.interview_at else None,
        "submitted_at": card.submitted_at.isoformat() if card.submitted_at else None,
        "ratings": [
            {"competency": name, "level": level, "evidence": evidence}
            for name, level, evidence in ratings
        ],
    }
    record = scorecard_record_id(requisition.code, candidate.email, stage.name, interviewer.email)
    return enqueue(
        session, now, kind="scorecard", record_id=record, version=card.version, payload=payload
    )


def enqueue_decision(
    session: Session,
    application_id: int,
    outcome: str,
    rationale: str,
    reason: str | None,
    now: datetime,
) -> OutboxEnvelope | None:
    """A debrief decision, for the recruiter (with the structured reason of a rejection)."""
    application = session.get(Application, application_id)
    assert application is not None
    candidate = session.get(Candidate, application.candidate_id)
    requisition = session.get(Requisition, application.requisition_id)
    assert candidate is not None
    assert requisition is not None
    if not candidate.email:
        return None
    record = f"decision:{requisition.code}:{candidate.email}".lower()
    payload = {
        "subject": f"Decision on {candidate.full_name} for {requisition.code}: {outcome}",
        "text": f"{outcome.capitalize()}: {rationale}",
        "requisition": requisition.code,
        "candidate": {"email": candidate.email, "name": candidate.full_name},
        "outcome": outcome,
        "reason": reason,
        "rationale": rationale,
        "at": now.isoformat(),
    }
    return enqueue(
        session,
        now,
        kind="decision",
        record_id=record,
        version=next_version(session, record),
        payload=payload,
    )


def enqueue_erasure(session: Session, email: str, now: datetime) -> OutboxEnvelope:
    record = f"erasure:{email}".lower()
    return enqueue(
        session,
        now,
        kind="erasure",
        record_id=record,
        version=next_version(session, record),
        payload={"candidate": email},
    )
