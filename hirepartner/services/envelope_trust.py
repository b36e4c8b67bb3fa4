"""Who may write what. An envelope that passed the team key's MAC is checked here against the
team's keys: the author's Ed25519 signature must be that of an active key on this install's
roster, and the key's owner must be the one writer of the record the envelope touches
(a scorecard's interviewer, the requisition's hiring manager, its recruiter)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hirepartner.data.models import Person, Requisition
from hirepartner.data.models.exchange import TeamKey
from hirepartner.domain import Role
from hirepartner.errors import HirePartnerError
from hirepartner.exchange import signing
from hirepartner.exchange.envelopes import Envelope, EnvelopeRejected
from hirepartner.exchange.payloads import MemberKeyPayload
from hirepartner.services.team_keys import ACTIVE, ENROLLED, PENDING, REPLACED, REVOKED

MANAGER, RECRUITER = Role.HIRING_MANAGER.value, Role.RECRUITER.value


class Forged(EnvelopeRejected):
    """Signed by someone who may not write this record, or with a key they no longer hold."""


class ApplyLater(HirePartnerError):
    """The envelope refers to something not here yet; it stays on the target for next time."""


def _day(row: TeamKey) -> str:
    return row.changed_at.strftime("%Y-%m-%d")


def check_announcement(envelope: Envelope, payload: MemberKeyPayload) -> None:
    """A key announcement is signed by the very key it announces, under the same email."""
    try:
        announced = signing.fingerprint(payload.key)
    except signing.BadKey:
        raise Forged("the announced key is not an Ed25519 public key") from None
    if (
        announced != envelope.signer_key
        or payload.email.lower() != envelope.signer_email.lower()
        or not envelope.signed_by(payload.key)
    ):
        raise Forged("a key announcement must be signed by the key it announces")


def signer(session: Session, envelope: Envelope) -> TeamKey:
    """The active key that signed the envelope; raises Forged or ApplyLater."""
    row = session.get(TeamKey, envelope.signer_key)
    who = envelope.signer_email
    if row is None:
        raise ApplyLater(
            f"signed by {who} with a key not enrolled here yet ({envelope.signer_key})"
        )
    if row.email != who.lower() or envelope.author.lower() != row.email:
        raise Forged(f"signed with the key of {row.email}, but it claims to be from {who}")
    if row.state == PENDING:
        raise ApplyLater(f"signed by {who}, whose key waits to be enrolled ({row.fingerprint})")
    if row.state == REVOKED:
        raise Forged(f"signed by {who}, whose key was revoked on {_day(row)}")
    if row.state == REPLACED:
        raise Forged(f"signed with an old key of {who}, replaced on {_day(row)}")
    if not envelope.signed_by(row.public_key):
        raise Forged(f"the author's signature does not match the key of {who}")
    return row


def check_interviewer(row: TeamKey, interviewer_email: str) -> None:
    if row.email != interviewer_email.strip().lower():
        raise Forged(
            f"signed by {row.email}, but the scorecard is {interviewer_email}'s: only the "
            "interviewer writes their scorecard"
        )


def _email(session: Session, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    email = session.scalar(select(Person.email).where(Person.id == person_id))
    return email.lower() if email else None


def check_hiring_manager(session: Session, row: TeamKey, requisition: Requisition | None) -> None:
    """Decisions, slate feedback, goals and packets come from the requisition's hiring manager
    (where this install knows who that is; otherwise from a key enrolled as a hiring manager)."""
    named = _email(session, requisition.hiring_manager_id) if requisition else None
    if named is not None and row.email != named:
        raise Forged(f"signed by {row.email}, not by the requisition's hiring manager {named}")
    if named is None and row.role != MANAGER:
        raise Forged(f"signed by {row.email}, who is not enrolled as a hiring manager")


def check_slate_author(session: Session, row: TeamKey, requisition: Requisition) -> None:
    """A slate comes from the requisition's recruiter, or its hiring manager (imports)."""
    recruiter = _email(session, requisition.recruiter_id)
    manager = _email(session, requisition.hiring_manager_id)
    allowed = {email for email in (recruiter, manager) if email}
    if row.email in allowed:
        return
    if recruiter is None and row.role == RECRUITER:
        return
    if manager is None and row.role == MANAGER:
        return
    raise Forged(
        f"signed by {row.email}, who is neither the recruiter nor the hiring manager of "
        f"{requisition.code}"
    )


def check_eraser(row: TeamKey) -> None:
    if row.role not in (MANAGER, RECRUITER):
        raise Forged(f"signed by {row.email}: only a hiring manager or a recruiter erases")


def check_roster_author(row: TeamKey, manager_key: str) -> None:
    """A roster is signed by a hiring manager enrolled on this install by fingerprint (not one
    a roster brought), and names that same key as the manager's."""
    if row.source != ENROLLED or row.role != MANAGER or row.state != ACTIVE:
        raise Forged(f"a roster signed by {row.email}, who is not a hiring manager enrolled here")
    if manager_key.strip() != row.public_key:
        raise Forged("the roster names another key than the one that signed it")
