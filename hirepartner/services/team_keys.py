"""The team's signing keys, as plain functions on the caller's session: this install's own key
(made once, kept in the keyring), key announcements, enrollment by fingerprint, revocation, and
the roster the hiring manager signs and publishes. Used by the team service and by sync."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from hirepartner.data.models import Person
from hirepartner.data.models.exchange import OutboxEnvelope, TeamKey
from hirepartner.domain import Role
from hirepartner.errors import HirePartnerError, InvalidValue
from hirepartner.exchange import signing
from hirepartner.exchange.envelopes import Signer
from hirepartner.exchange.payloads import MemberKeyPayload, RosterPayload
from hirepartner.secrets import SecretStore, SecretUnavailable
from hirepartner.services.outbox import enqueue, next_version

SIGNING_KEY_ENV = "HIREPARTNER_SIGNING_KEY"
ACTIVE, PENDING, REVOKED, REPLACED = "active", "pending", "revoked", "replaced"
SELF, ENROLLED, ROSTER = "self", "enrolled", "roster"


class SigningKeyMissing(HirePartnerError):
    """This install cannot sign: no profile email, no keyring, or its key was wiped."""

    def __init__(self, sentence: str, script_hint: str = "") -> None:
        super().__init__(sentence)
        self.script_hint = script_hint


BAD_KEY_HINT = f"Check ${SIGNING_KEY_ENV}."


@dataclass(frozen=True)
class KeyInfo:
    email: str
    name: str
    role: str
    fingerprint: str
    public_key: str
    state: str  # pending, active, revoked, replaced
    source: str  # self, enrolled, roster
    seen_at: datetime
    changed_at: datetime


def key_info(row: TeamKey) -> KeyInfo:
    return KeyInfo(
        row.email,
        row.name,
        row.role,
        row.fingerprint,
        row.public_key,
        row.state,
        row.source,
        row.seen_at,
        row.changed_at,
    )


def _changed(result: object) -> int:
    """How many rows an UPDATE changed."""
    return int(result.rowcount) if isinstance(result, CursorResult) else 0


def secret_name(email: str) -> str:
    return f"signing-key:{email.lower()}"


def me(session: Session) -> Person:
    person = session.scalars(select(Person).where(Person.is_self)).first()
    if person is None or not person.email:
        raise SigningKeyMissing(
            "Set your name and email first (Profile): what you send is signed with your own "
            "key, under your email."
        )
    return person


def own_key(session: Session) -> TeamKey | None:
    email = (me(session).email or "").lower()
    return session.scalars(
        select(TeamKey).where(
            TeamKey.email == email, TeamKey.source == SELF, TeamKey.state == ACTIVE
        )
    ).first()


def own_signer(session: Session, secrets: SecretStore, now: datetime) -> Signer:
    """This install's signer. The first time, a key pair is made, its private half stored in
    the keyring and its public half announced to the team. A key that was recorded here but is
    gone from the keyring is never silently replaced: the user makes a new one and is enrolled
    again, so nothing is ever sent unsigned or under a key the team does not know."""
    person = me(session)
    email = (person.email or "").lower()
    recorded = own_key(session)
    if recorded is None:
        refuse_if_revoked(session, email)
    try:
        private = secrets.get(secret_name(email), SIGNING_KEY_ENV)
    except SecretUnavailable as problem:
        raise SigningKeyMissing(f"Cannot read your signing key: {problem}") from None
    if private:
        try:
            public = signing.public_key_of(private)
        except signing.BadKey as problem:
            raise SigningKeyMissing(str(problem), BAD_KEY_HINT) from None
        if recorded is None or recorded.public_key != public:
            _record_own_key(session, person, public, now)
        return Signer(email, private)
    if recorded is not None:
        raise _lost(recorded)
    return new_own_key(session, secrets, now)


def refuse_if_revoked(session: Session, email: str) -> None:
    """This install's newest key was revoked by the hiring manager's roster: nothing is sent
    (it would be quarantined everywhere) until the user makes a new key on purpose."""
    newest = session.scalars(
        select(TeamKey)
        .where(TeamKey.email == email.lower(), TeamKey.source == SELF)
        .order_by(TeamKey.changed_at.desc())
        .limit(1)
    ).first()
    if newest is not None and newest.state == REVOKED:
        raise SigningKeyMissing(
            f"Your hiring manager revoked your signing key ({newest.fingerprint}) on "
            f"{newest.changed_at:%Y-%m-%d}: what you send would be quarantined, so nothing is "
            "sent. If that was a mistake, make a new key and ask them to enroll it."
        )


def _lost(recorded: TeamKey) -> SigningKeyMissing:
    return SigningKeyMissing(
        f"Your signing key ({recorded.fingerprint}) is no longer in the keyring, so nothing can "
        "be sent. Make a new key (Sync → Team and signing keys → New signing key) and ask your "
        "hiring manager to enroll it again.",
        "From the command line: `hirepartner team new-key`.",
    )


def private_key_matches(recorded: TeamKey, secrets: SecretStore) -> bool:
    """Whether the private key in use (keyring or environment) is the recorded one; raises
    SigningKeyMissing when there is none, or it is not a key."""
    try:
        private = secrets.get(secret_name(recorded.email), SIGNING_KEY_ENV)
    except SecretUnavailable as problem:
        raise SigningKeyMissing(f"Cannot read your signing key: {problem}") from None
    if not private:
        raise _lost(recorded)
    try:
        return signing.public_key_of(private) == recorded.public_key
    except signing.BadKey as problem:
        raise SigningKeyMissing(str(problem), BAD_KEY_HINT) from None


def new_own_key(session: Session, secrets: SecretStore, now: datetime) -> Signer:
    """A fresh key pair for this install (first use, or after the keyring was wiped)."""
    person = me(session)
    email = (person.email or "").lower()
    if os.environ.get(SIGNING_KEY_ENV):
        raise SigningKeyMissing(
            f"Your signing key comes from ${SIGNING_KEY_ENV}, so no key was made here: put a "
            "new one there and restart.",
            "Make one with `hirepartner team new-key --print`.",
        )
    if not secrets.backend_available():
        raise SigningKeyMissing(
            "There is no system keyring (such as GNOME Keyring or KWallet) to keep your "
            "signing key in, so nothing can be signed or sent. Unlock or install one, then "
            "try again.",
            f"Or start HirePartner with ${SIGNING_KEY_ENV} set to a key made with "
            "`hirepartner team new-key --print`.",
        )
    private = signing.new_private_key()
    try:
        secrets.set(secret_name(email), private)
    except SecretUnavailable as problem:
        raise SigningKeyMissing(f"Cannot store your signing key: {problem}") from None
    _record_own_key(session, person, signing.public_key_of(private), now)
    return Signer(email, private)


def _record_own_key(session: Session, person: Person, public: str, now: datetime) -> None:
    email = (person.email or "").lower()
    fingerprint = signing.fingerprint(public)
    session.execute(
        update(TeamKey)
        .where(TeamKey.email == email, TeamKey.state == ACTIVE, TeamKey.fingerprint != fingerprint)
        .values(state=REPLACED, changed_at=now)
    )
    row = session.get(TeamKey, fingerprint)
    if row is None:
        row = TeamKey(fingerprint=fingerprint, public_key=public, email=email, seen_at=now)
        session.add(row)
    row.name, row.role, row.state, row.source, row.changed_at = (
        person.name,
        person.role,
        ACTIVE,
        SELF,
        now,
    )
    session.flush()
    record = f"member-key:{email}"
    # An announcement of an older key still waiting to go would be signed with the new key
    # (and quarantined for it): only the newest key is announced.
    session.execute(
        delete(OutboxEnvelope).where(
            OutboxEnvelope.kind == "member_key", OutboxEnvelope.record_id == record
        )
    )
    enqueue(
        session,
        now,
        kind="member_key",
        record_id=record,
        version=next_version(session, record),
        payload={"email": email, "name": person.name, "role": person.role, "key": public},
    )
    if person.role == Role.HIRING_MANAGER.value:
        publish_roster(session, now)


def note_announcement(session: Session, payload: MemberKeyPayload, now: datetime) -> str:
    """A member's key arrived: it waits for enrollment (unless it is already known)."""
    fingerprint = signing.fingerprint(payload.key)
    row = session.get(TeamKey, fingerprint)
    if row is not None:
        return f"the key of {payload.email} is already known ({row.state})"
    session.add(
        TeamKey(
            fingerprint=fingerprint,
            public_key=payload.key,
            email=payload.email.lower(),
            name=payload.name,
            role=payload.role,
            state=PENDING,
            source=ENROLLED,
            seen_at=now,
            changed_at=now,
        )
    )
    session.flush()
    return f"{payload.name or payload.email} announced a key ({fingerprint}), to be enrolled"


def enroll(
    session: Session,
    email: str,
    typed_fingerprint: str,
    now: datetime,
    *,
    role: str | None = None,
    name: str | None = None,
    public_key: str | None = None,
) -> TeamKey:
    """Enroll a person's key here after comparing fingerprints: the one they read out from
    their app must be the one of the key that arrived (or was given)."""
    email = email.strip().lower()
    if "@" not in email:
        raise InvalidValue("email", f"“{email}” is not an email address.")
    try:
        typed = signing.normal_fingerprint(typed_fingerprint)
    except signing.BadKey as problem:
        raise InvalidValue("fingerprint", str(problem)) from None
    if role is not None and role not in {r.value for r in Role}:
        raise InvalidValue(
            "role", f"“{role}” is not a role (hiring_manager, interviewer, recruiter)."
        )
    if public_key is not None:
        try:
            public_key = signing.check_public_key(public_key)
        except signing.BadKey as problem:
            raise InvalidValue("public key", str(problem)) from None
        candidates = [public_key]
    else:
        candidates = list(
            session.scalars(
                select(TeamKey.public_key).where(TeamKey.email == email, TeamKey.state == PENDING)
            )
        )
        if not candidates:
            raise InvalidValue(
                "email",
                f"No key from {email} has arrived yet: ask them to sync (their app announces "
                "its key), then sync here and enroll them.",
            )
    matching = [key for key in candidates if signing.fingerprint(key) == typed]
    if not matching:
        raise InvalidValue(
            "fingerprint",
            f"The fingerprint {typed} does not match the key received for {email}: it may not "
            "be theirs. Ask them to read out the fingerprint their app shows, and do not "
            "enroll until it matches.",
        )
    fingerprint = signing.fingerprint(matching[0])
    row = session.get(TeamKey, fingerprint)
    if row is not None and row.source == SELF:
        raise InvalidValue("email", "That is this install's own key; it needs no enrollment.")
    known = session.scalars(select(Person).where(func.lower(Person.email) == email)).first()
    name = name or (row.name if row else "") or (known.name if known else email)
    role = role or (row.role if row else "") or (known.role if known else Role.INTERVIEWER.value)
    if row is None:
        row = TeamKey(fingerprint=fingerprint, public_key=matching[0], seen_at=now)
        session.add(row)
    row.email, row.name, row.role = email, name, role
    row.state, row.source, row.changed_at = ACTIVE, ENROLLED, now
    session.execute(  # the person's other keys, enrolled or still waiting, are old now
        update(TeamKey)
        .where(
            TeamKey.email == email,
            TeamKey.state.in_((ACTIVE, PENDING)),
            TeamKey.fingerprint != fingerprint,
        )
        .values(state=REPLACED, changed_at=now)
    )
    session.flush()
    if me(session).role == Role.HIRING_MANAGER.value:
        publish_roster(session, now)
    return row


def revoke(session: Session, email: str, now: datetime) -> int:
    """A member who left: their keys are revoked here, and in the roster if this is the
    hiring manager's install. Returns how many keys were revoked."""
    email = email.strip().lower()
    if email == (me(session).email or "").lower():
        raise InvalidValue("email", "You cannot revoke your own key; make a new one instead.")
    revoked = _changed(
        session.execute(
            update(TeamKey)
            .where(TeamKey.email == email, TeamKey.state.in_((ACTIVE, PENDING)))
            .values(state=REVOKED, changed_at=now)
        )
    )
    if not revoked:
        raise InvalidValue("email", f"No active key of {email} is enrolled here.")
    session.flush()
    if me(session).role == Role.HIRING_MANAGER.value:
        publish_roster(session, now)
    return int(revoked)


def publish_roster(session: Session, now: datetime) -> None:
    """The hiring manager's roster, to every install: each enrolled member's key and state."""
    mine = own_key(session)
    if mine is None:
        return  # the roster goes out once this install has its own key (on the first sync)
    members = session.scalars(
        select(TeamKey)
        .where(TeamKey.source == ENROLLED, TeamKey.state.in_((ACTIVE, REVOKED)))
        .order_by(TeamKey.email, TeamKey.fingerprint)
    ).all()
    record = f"roster:{mine.email}"
    enqueue(
        session,
        now,
        kind="roster",
        record_id=record,
        version=next_version(session, record),
        payload={
            "manager": _member(mine),
            "members": [_member(row) for row in members],
        },
    )


def _member(row: TeamKey) -> dict[str, str]:
    return {
        "email": row.email,
        "name": row.name,
        "role": row.role,
        "key": row.public_key,
        "state": REVOKED if row.state == REVOKED else ACTIVE,
    }


def take_roster(session: Session, payload: RosterPayload, now: datetime) -> str:
    """A roster from a hiring manager enrolled here: its members' keys become known (or
    revoked); keys an older roster brought and this one leaves out are revoked.

    What was compared here by fingerprint stays as it was enrolled: a roster can revoke
    such a key but not move it to another email, another role, or mark it replaced; nor can it
    touch the manager's own entry or this install's key."""
    own = (me(session).email or "").lower()
    manager_email = payload.manager.email.lower()
    manager_key = signing.fingerprint(payload.manager.key)
    listed: set[str] = set()
    for member in payload.members:
        email = member.email.lower()
        fingerprint = signing.fingerprint(member.key)
        if email == own and member.state == REVOKED:
            mine = session.get(TeamKey, fingerprint)
            if mine is not None and mine.source == SELF and mine.state == ACTIVE:
                mine.state, mine.changed_at = REVOKED, now  # the manager revoked this install
            continue
        if email in (own, manager_email) or fingerprint == manager_key:
            continue
        listed.add(fingerprint)
        row = session.get(TeamKey, fingerprint)
        state = REVOKED if member.state == REVOKED else ACTIVE
        if row is not None and row.source == SELF:
            continue
        if row is not None and row.source == ENROLLED and row.state != PENDING:
            if state == REVOKED and row.state == ACTIVE:
                row.state, row.changed_at = REVOKED, now
            continue
        if row is None:
            row = TeamKey(
                fingerprint=fingerprint,
                public_key=member.key,
                email=email,
                name=member.name,
                role=member.role,
                state=state,
                source=ROSTER,
                seen_at=now,
                changed_at=now,
            )
            session.add(row)
        row.email, row.name, row.role, row.state, row.source, row.changed_at = (
            email,
            member.name,
            member.role,
            state,
            ROSTER,
            now,
        )
        if state == ACTIVE:
            session.execute(
                update(TeamKey)
                .where(
                    TeamKey.email == email,
                    TeamKey.state == ACTIVE,
                    TeamKey.source == ROSTER,
                    TeamKey.fingerprint != fingerprint,
                )
                .values(state=REPLACED, changed_at=now)
            )
    dropped = _changed(
        session.execute(
            update(TeamKey)
            .where(
                TeamKey.source == ROSTER,
                TeamKey.state == ACTIVE,
                TeamKey.fingerprint.not_in(listed or {""}),
            )
            .values(state=REVOKED, changed_at=now)
        )
    )
    session.flush()
    active = sum(1 for m in payload.members if m.state == ACTIVE)
    text = f"roster from {payload.manager.name or payload.manager.email}: {active} active members"
    return text + (f", {dropped} removed" if dropped else "")
