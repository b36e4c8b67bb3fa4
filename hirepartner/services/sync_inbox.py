"""The receiving half of a sync: read every new envelope on a pullable target (regular files
only, byte-capped, the team key's MAC checked), then check and apply them in a sensible order,
one transaction each. One bad envelope is quarantined with its reason and never stops the
others; what refers to something not here yet waits on the target for the next sync."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from hirepartner.data.models.exchange import InboxEnvelope, OutboxEnvelope
from hirepartner.exchange import envelopes
from hirepartner.exchange.envelopes import Envelope, EnvelopeRejected
from hirepartner.exchange.payloads import PayloadInvalid
from hirepartner.exchange.transport import Transport, TransportError
from hirepartner.services.base import Service
from hirepartner.services.changes import Changes

log = logging.getLogger(__name__)

UNREACHABLE_IN_A_ROW = 3  # attachments that fail to download before a pull gives up on a target

# Keys and rosters first (they decide who may write), then slates before the scorecards on
# them, erasures after what they erase; within a kind, each record's versions in order.
APPLY_ORDER = {"member_key": 0, "roster": 1, "slate": 2, "scorecard": 3, "erasure": 4}


@dataclass
class SyncReport:
    sent: int = 0
    received: int = 0
    skipped: int = 0
    failed: int = 0
    quarantined: int = 0
    waiting: int = 0  # envelopes left on a target until what they refer to arrives
    leftovers: int = 0  # temporary files of killed uploads removed from targets
    errors: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        """Whatever arrived may touch anything; nothing arrived, nothing changed here."""
        return Changes.everything() if self.received else Changes(frozenset())

    def line(self) -> str:
        text = (
            f"sent {self.sent}, received {self.received}, skipped {self.skipped}, "
            f"failed {self.failed}"
        )
        if self.quarantined:
            text += f", quarantined {self.quarantined}"
        if self.waiting:
            text += f", waiting {self.waiting}"
        if self.leftovers:
            text += f", removed {self.leftovers} leftover temporary files"
        return text


@dataclass(frozen=True)
class QuarantinedEnvelope:
    uuid: str
    target: str
    kind: str  # "" when it could not even be read
    reason: str
    received_at: datetime


class Inbox(Service):
    """Pulls and applies envelopes for the sync service (not a use case of its own)."""

    def pull(
        self,
        name: str,
        transport: Transport,
        key: bytes,
        me: str,
        report: SyncReport,
        cancelled: Callable[[], bool],
    ) -> None:
        """Read every new envelope (regular files only, byte-capped, MAC checked), then check
        and apply them in a sensible order: keys and rosters first, then slates, scorecards,
        erasures, each record's versions in order. One bad envelope is quarantined with its
        reason and never stops the others."""
        with self._read() as uow:
            seen = set(uow.session.scalars(select(InboxEnvelope.uuid)))
            mine = set(uow.session.scalars(select(OutboxEnvelope.uuid)))
        arrived: list[Envelope] = []
        for envelope_uuid in transport.incoming():
            if cancelled():
                return
            if envelope_uuid in seen or envelope_uuid in mine:
                continue
            try:
                envelope = envelopes.verify(transport.document(envelope_uuid), key)
            except EnvelopeRejected as problem:
                self._quarantine(name, envelope_uuid, None, str(problem), report)
                continue
            if envelope.uuid != envelope_uuid:  # a copy under another name: a replay
                reason = f"its uuid differs from its file name (a copy of {envelope.uuid})"
                self._quarantine(name, envelope_uuid, envelope, reason, report)
                continue
            if envelope.device == me:
                self._record(envelope_uuid, name, envelope, "skipped", "sent from here")
                continue
            arrived.append(envelope)
        arrived.sort(key=lambda e: (APPLY_ORDER.get(e.kind, 9), e.version, e.created_at))
        unreachable = 0  # attachment downloads that failed in a row
        for envelope in arrived:
            if cancelled():
                return
            try:
                self._take(name, transport, envelope, report)
                unreachable = 0
            except TransportError as problem:
                # An attachment not there (yet: a cloud drive may sync it after its envelope):
                # this envelope waits and the next ones are tried, unless the target is down.
                unreachable += 1
                if unreachable >= UNREACHABLE_IN_A_ROW:
                    raise
                report.waiting += 1
                report.errors.append(f"{name}: {envelope.kind} waits: {problem}")

    def _take(
        self, name: str, transport: Transport, envelope: Envelope, report: SyncReport
    ) -> None:
        # Applying loads the importers and the key roster; the sync status shown at start
        # needs none of it.
        from hirepartner.services.envelope_apply import ApplyLater, NotApplicable, apply

        now = self._clock()
        try:
            files = {}
            for info in envelope.attachments:
                content = transport.attachment(envelope.uuid, info.name, info.size)
                envelopes.check_attachment(info, content)
                files[info.name] = content
        except EnvelopeRejected as problem:
            self._quarantine(name, envelope.uuid, envelope, str(problem), report)
            return

        with self._uow() as uow:
            record_id = envelope.record_id
            try:
                applied = apply(uow.session, envelope, files, now)
                state, reason, record_id = "applied", applied.text, applied.record_id
            except ApplyLater as later:
                uow.rollback()
                report.waiting += 1
                report.errors.append(f"{name}: {envelope.kind} waits: {later}")
                return
            except NotApplicable as odd:
                uow.rollback()
                state, reason = "skipped", str(odd)
            except (EnvelopeRejected, PayloadInvalid) as problem:
                uow.rollback()
                state, reason = "quarantined", str(problem)
            except Exception as error:  # one envelope never stalls the inbox
                uow.rollback()
                # The type only: a database error's text can quote personal data.
                log.error("envelope %s not applied: %s", envelope.uuid, type(error).__name__)
                state = "quarantined"
                reason = f"could not be applied here ({type(error).__name__}); see the log"
            uow.session.add(
                InboxEnvelope(
                    uuid=envelope.uuid,
                    target=name,
                    kind=envelope.kind,
                    record_id=record_id[:400],
                    record_version=envelope.version,
                    state=state,
                    reason=reason,
                    received_at=now,
                )
            )
            uow.commit()  # the change and its inbox row in one transaction
        if state == "applied":
            report.received += 1
        elif state == "skipped":
            report.skipped += 1
        else:
            report.quarantined += 1
            report.errors.append(f"{name}: envelope {envelope.uuid} quarantined: {reason}")

    def _quarantine(
        self,
        name: str,
        envelope_uuid: str,
        envelope: Envelope | None,
        reason: str,
        report: SyncReport,
    ) -> None:
        self._record(envelope_uuid, name, envelope, "quarantined", reason)
        report.quarantined += 1
        report.errors.append(f"{name}: envelope {envelope_uuid} quarantined: {reason}")

    def _record(
        self,
        envelope_uuid: str,
        name: str,
        envelope: envelopes.Envelope | None,
        state: str,
        reason: str,
    ) -> None:
        now = self._clock()
        with self._uow() as uow:
            uow.session.merge(
                InboxEnvelope(
                    uuid=envelope_uuid,
                    target=name,
                    kind=envelope.kind if envelope else "",
                    record_id=envelope.record_id if envelope else "",
                    record_version=envelope.version if envelope else 0,
                    state=state,
                    reason=reason,
                    received_at=now,
                )
            )
            uow.commit()

    def quarantined(self) -> tuple[QuarantinedEnvelope, ...]:
        """Every envelope quarantined (never applied), newest first, with its reason."""
        with self._read() as uow:
            return tuple(
                QuarantinedEnvelope(row.uuid, row.target, row.kind, row.reason, row.received_at)
                for row in uow.session.scalars(
                    select(InboxEnvelope)
                    .where(InboxEnvelope.state == "quarantined")
                    .order_by(InboxEnvelope.received_at.desc(), InboxEnvelope.uuid)
                )
            )
