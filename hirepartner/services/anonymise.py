"""Anonymising a candidate in the caller's unit of work: the person goes (name, contacts,
resume, tags, every free text that could name them, private notes), the statistics stay
(applications with their stages, statuses, dates and structured reasons; scorecards with
their ratings and recommendations; decisions' outcomes; offers' dates)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.orm import Session

from hirepartner.data.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    Candidate,
    CandidateTag,
    Decision,
    Offer,
    Rating,
    Resume,
    Scorecard,
    ScorecardVersion,
)
from hirepartner.data.models.exchange import ExchangeRecord, InboxEnvelope, OutboxEnvelope


def anonymous_name(candidate_id: int) -> str:
    return f"Anonymised candidate {candidate_id}"


def names_email(column: Any, email: str) -> ColumnElement[bool]:
    """Exchange record ids name a candidate's email between colons, or at the end."""
    escaped = email.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    lowered = func.lower(column)
    return or_(
        lowered.like(f"%:{escaped}:%", escape="\\"),
        lowered.like(f"%:{escaped}", escape="\\"),
    )


def anonymise_candidate(session: Session, candidate_id: int, now: datetime) -> None:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or candidate.anonymised_at is not None:
        return
    email = (candidate.email or "").strip()
    candidate.full_name = anonymous_name(candidate_id)
    candidate.email = None
    candidate.phone = candidate.location = candidate.notes = ""
    candidate.current_title = candidate.current_company = ""
    candidate.links = []
    candidate.keep_until = None
    candidate.anonymised_at = now
    session.execute(delete(CandidateTag).where(CandidateTag.candidate_id == candidate_id))
    session.execute(delete(Resume).where(Resume.candidate_id == candidate_id))
    applications = select(Application.id).where(Application.candidate_id == candidate_id)
    session.execute(
        update(Application)
        .where(Application.candidate_id == candidate_id)
        .values(pitch="", rejection_note="")
    )
    session.execute(
        update(ApplicationEvent)
        .where(ApplicationEvent.application_id.in_(applications))
        .values(note="")
    )
    session.execute(delete(ApplicationNote).where(ApplicationNote.application_id.in_(applications)))
    cards = select(Scorecard.id).where(Scorecard.application_id.in_(applications))
    session.execute(
        update(Scorecard)
        .where(Scorecard.application_id.in_(applications))
        .values(key_takeaways="", private_notes="")
    )
    session.execute(update(Rating).where(Rating.scorecard_id.in_(cards)).values(evidence=""))
    for version in session.scalars(
        select(ScorecardVersion).where(ScorecardVersion.scorecard_id.in_(cards))
    ):
        snapshot = dict(version.snapshot)
        snapshot["evidence"] = dict.fromkeys(snapshot.get("evidence") or {}, "")
        snapshot["key_takeaways"] = snapshot["private_notes"] = ""
        version.snapshot = snapshot
        version.reason = ""
    session.execute(
        update(Decision).where(Decision.application_id.in_(applications)).values(rationale="")
    )
    session.execute(
        update(Offer)
        .where(Offer.application_id.in_(applications))
        .values(notes="", decline_note="")
    )
    if "@" in email:
        # What still waited to be sent about them, and the records that name their email.
        session.execute(
            delete(OutboxEnvelope).where(
                names_email(OutboxEnvelope.record_id, email), OutboxEnvelope.kind != "erasure"
            )
        )
        session.execute(delete(ExchangeRecord).where(names_email(ExchangeRecord.record_id, email)))
        session.execute(
            update(InboxEnvelope)
            .where(names_email(InboxEnvelope.record_id, email))
            .values(record_id="anonymised")
        )
    session.flush()
