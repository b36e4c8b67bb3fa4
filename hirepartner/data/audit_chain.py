"""The audit log as a hash chain: each event stores the hash of the one before it, computed
inside the transaction that writes it, so editing or removing a past event shows.

Canonical form (version 1) of an event, hashed with SHA-256: the UTF-8 bytes of the compact
JSON object (keys sorted, no spaces, non-ASCII kept) of
`{"v": 1, "prev": <previous hash>, "at": <ISO time, microseconds, no zone>, "actor": <id or
null>, "action": ..., "entity": ..., "entity_id": <id or null>, "detail": <the detail object>}`.
The first event's previous hash is 64 zeros. The event's own database id is not part of it
(ids come from the database after hashing); the order is the ids' order."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.orm import Session

from hirepartner.data.models.hiring import AuditEvent

GENESIS = "0" * 64
# Any constant: PostgreSQL writers take this transaction-scoped lock before reading the last
# hash, so two of them never chain onto the same event. SQLite's writers are serialised by
# BEGIN IMMEDIATE already (and a deferred one that lost the race fails, never forks).
_POSTGRES_LOCK = 0x48504155  # "HPAU"


def canonical(
    prev: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any] | None,
) -> bytes:
    document = {
        "v": 1,
        "prev": prev,
        "at": at.replace(tzinfo=None).isoformat(timespec="microseconds"),
        "actor": actor_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": detail or {},
    }
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def event_hash(
    prev: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any] | None,
) -> str:
    return hashlib.sha256(
        canonical(prev, at, actor_id, action, entity, entity_id, detail)
    ).hexdigest()


def last_hash(session: Session) -> str:
    """The newest event's hash, as this transaction sees it."""
    found = session.execute(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    return found or GENESIS


def _chain_new_events(session: Session, _context: Any, _instances: Any) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditEvent)]
    if not new:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRES_LOCK})
    new.sort(key=lambda obj: inspect(obj).insert_order or 0)
    prev = last_hash(session)
    for audit in new:
        audit.prev_hash = prev
        audit.hash = prev = event_hash(
            prev,
            audit.at,
            audit.actor_id,
            audit.action,
            audit.entity,
            audit.entity_id,
            audit.detail,
        )


event.listen(Session, "before_flush", _chain_new_events)


@dataclass(frozen=True)
class ChainReport:
    """What verifying the chain found: how many events, and the first broken link if any."""

    events: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify(rows: Iterable[Any]) -> ChainReport:
    """Walk events in id order (id, prev_hash, hash, at, actor_id, action, entity, entity_id,
    detail) and name the first whose link or own hash does not hold."""
    prev = GENESIS
    count = 0
    for row in rows:
        count += 1
        if row.prev_hash != prev:
            return ChainReport(count, row.id, f"event {row.id} does not follow the event before it")
        expected = event_hash(
            prev, row.at, row.actor_id, row.action, row.entity, row.entity_id, row.detail
        )
        if row.hash != expected:
            return ChainReport(count, row.id, f"event {row.id} was changed after it was written")
        prev = row.hash
    return ChainReport(count)


def chain_rows(session: Session) -> Iterable[Any]:
    return session.execute(
        select(
            AuditEvent.id,
            AuditEvent.prev_hash,
            AuditEvent.hash,
            AuditEvent.at,
            AuditEvent.actor_id,
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_id,
            AuditEvent.detail,
        ).order_by(AuditEvent.id)
    ).yield_per(1000)
