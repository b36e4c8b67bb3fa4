"""The team's signing keys as use cases: this install's key and fingerprint, the members known
here (enrolled, pending, revoked), enrolling a member after comparing fingerprints, revoking
one who left, and making a new key when the keyring lost the old one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, select

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models.exchange import TeamKey
from hirepartner.secrets import SecretStore
from hirepartner.services import team_keys
from hirepartner.services.base import Service
from hirepartner.services.changes import ChangeKind, Changes
from hirepartner.services.team_keys import KeyInfo, key_info

_ORDER = {"self": 0, "active": 1, "pending": 2, "revoked": 3, "replaced": 4}
TEAM_CHANGED = Changes(frozenset({ChangeKind.TEAM}))


@dataclass(frozen=True)
class KeyWritten:
    """A key made or enrolled, and what changed: the team's keys and roster."""

    key: KeyInfo

    @property
    def changes(self) -> Changes:
        return TEAM_CHANGED


@dataclass(frozen=True)
class Revoked:
    """How many of a member's keys were revoked, and what changed: the team's keys."""

    count: int

    @property
    def changes(self) -> Changes:
        return TEAM_CHANGED


class TeamService(Service):
    def __init__(self, database: Database, clock: Clock, secrets: SecretStore) -> None:
        super().__init__(database, clock)
        self.secrets = secrets

    def my_key(self) -> KeyInfo:
        """This install's key, made (and announced) the first time; raises SigningKeyMissing
        when it cannot sign (no email in the profile, no keyring, a wiped keyring)."""
        with self._uow() as uow:
            team_keys.own_signer(uow.session, self.secrets, self._clock())
            row = team_keys.own_key(uow.session)
            assert row is not None
            info = key_info(row)
            uow.commit()
        return info

    def current_key(self) -> KeyInfo | None:
        """This install's key without making one (a read): None before the first one is
        made; raises SigningKeyMissing when it cannot sign (no profile email, a wiped
        keyring)."""
        with self._read() as uow:
            row = team_keys.own_key(uow.session)
            if row is None:
                team_keys.refuse_if_revoked(uow.session, team_keys.me(uow.session).email or "")
                return None
            if not team_keys.private_key_matches(row, self.secrets):
                return None  # another key is in use now ($HIREPARTNER_SIGNING_KEY): my_key
            return key_info(row)

    def new_key(self) -> KeyWritten:
        """A new key pair for this install; the old one is replaced and the hiring manager
        must enroll the new one (its fingerprint is announced with the next sync)."""
        now = self._clock()
        with self._uow() as uow:
            team_keys.new_own_key(uow.session, self.secrets, now)
            row = team_keys.own_key(uow.session)
            assert row is not None
            uow.audit.record(now, self._actor_id(uow), "new_signing_key", "team_key", None, {})
            info = key_info(row)
            uow.commit()
        return KeyWritten(info)

    def members(self) -> tuple[KeyInfo, ...]:
        """Every key known here: this install's first, then active, pending, revoked, old."""
        with self._read() as uow:
            rank = case(
                ((TeamKey.source == "self") & (TeamKey.state == "active"), 0),
                *((TeamKey.state == state, n) for state, n in _ORDER.items() if state != "self"),
                else_=9,
            )
            rows = uow.session.scalars(select(TeamKey).order_by(rank, TeamKey.email)).all()
            return tuple(key_info(row) for row in rows)

    def enroll(
        self,
        email: str,
        fingerprint: str,
        *,
        role: str | None = None,
        name: str | None = None,
        public_key: str | None = None,
    ) -> KeyWritten:
        """Enroll a member's key: the fingerprint they read out must match the key that
        arrived from them (or was given). On the hiring manager's install the roster follows."""
        now = self._clock()
        with self._uow() as uow:
            row = team_keys.enroll(
                uow.session, email, fingerprint, now, role=role, name=name, public_key=public_key
            )
            uow.audit.record(
                now,
                self._actor_id(uow),
                "enroll",
                "team_key",
                None,
                {"fingerprint": row.fingerprint, "role": row.role},
            )
            info = key_info(row)
            uow.commit()
        return KeyWritten(info)

    def revoke(self, email: str) -> Revoked:
        """Revoke a member who left; what they sign from now on is quarantined."""
        now = self._clock()
        with self._uow() as uow:
            revoked = team_keys.revoke(uow.session, email, now)
            uow.audit.record(
                now, self._actor_id(uow), "revoke", "team_key", None, {"keys": revoked}
            )
            uow.commit()
        return Revoked(revoked)
