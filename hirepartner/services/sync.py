"""Sync: targets (add, list, test, remove), and the relay that signs and sends the outbox with
retry and exponential backoff, marking a delivery sent only once its target confirmed; then
the inbox (sync_inbox.py) pulls what arrived."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from hirepartner.clock import Clock
from hirepartner.data.database import Database
from hirepartner.data.models.exchange import (
    TARGET_KINDS,
    ExchangeTarget,
    OutboxAttachment,
    OutboxDelivery,
    OutboxEnvelope,
)
from hirepartner.errors import ValidationError
from hirepartner.exchange import envelopes
from hirepartner.exchange.envelopes import Signer
from hirepartner.exchange.transport import Transport, TransportError
from hirepartner.secrets import (
    TEAM_KEY,
    TEAM_KEY_ENV,
    SecretStore,
    SecretUnavailable,
    env_name,
    secret_name,
)
from hirepartner.services.base import Service
from hirepartner.services.outbox import carries, device_id
from hirepartner.services.sync_inbox import Inbox, QuarantinedEnvelope, SyncReport
from hirepartner.services.sync_targets import (
    URL_SECRET,
    TargetInfo,
    clean_config,
    connection_target,
    make_transport,
    state_text,
    target_info,
    url_secret_name,
)
from hirepartner.services.team_keys import own_signer

__all__ = ["QuarantinedEnvelope", "SyncReport", "SyncService", "SyncStatus"]

BACKOFF_BASE_S = 30
BACKOFF_CAP_S = 3600
BATCH = 50  # envelopes loaded, and confirmed deliveries recorded, per transaction
NEEDS_SECRET = {"webdav": "password", "smtp": "password", "webhook": "signing secret"}
REQUIRED = {
    "folder": ("path",),
    "webdav": ("url",),
    "smtp": ("host", "port", "sender", "recipients"),
    "webhook": ("url",),
}


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_sync_at: datetime | None  # the last sync that went well, on any target
    errors: tuple[str, ...]  # each failing target: "team: failed 5 min ago: …"
    targets: int


@dataclass
class _Attempt:
    """One sync of one target: did it reach out, and what went wrong last."""

    reached: bool = False
    problem: str = ""


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at an hour."""
    return timedelta(seconds=min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1)))


TransportFactory = Callable[[ExchangeTarget, str | None], Transport]


class SyncService(Service):
    def __init__(
        self,
        database: Database,
        clock: Clock,
        secrets: SecretStore,
        transports: TransportFactory = make_transport,
    ) -> None:
        super().__init__(database, clock)
        self.secrets = secrets
        self._transports = transports

    # -- targets ---------------------------------------------------------------------------

    def add_target(
        self,
        name: str,
        kind: str,
        config: Mapping[str, Any],
        secret: str | None = None,
        session_only: bool = False,
    ) -> TargetInfo:
        name = name.strip()
        if not name or len(name) > 80:
            raise ValidationError("name", "give the target a name of 1 to 80 characters")
        if kind not in TARGET_KINDS:
            raise ValidationError("kind", f"{kind!r} is not one of {', '.join(TARGET_KINDS)}")
        missing = [key for key in REQUIRED[kind] if not config.get(key)]
        if missing:
            raise ValidationError(missing[0], f"a {kind} target needs its {missing[0]}")
        if (
            kind == "webhook"
            and not str(config["url"]).startswith("https://")
            and not config.get("allow_http")
        ):
            raise ValidationError("url", "a webhook must be https")
        cleaned = clean_config(kind, dict(config), secret)
        clean, secret = cleaned.config, cleaned.secret
        now = self._clock()
        with self._uow() as uow:
            if uow.session.get(ExchangeTarget, name) is not None:
                raise ValidationError("name", f"there is already a target named {name!r}")
            target = ExchangeTarget(
                name=name, kind=kind, config=clean, enabled=True, created_at=now, last_error=""
            )
            uow.session.add(target)
            uow.session.flush()
            # Offline-first: whatever waits in the outbox goes to the new target too.
            for envelope in uow.session.scalars(select(OutboxEnvelope)):
                if carries(target, envelope.kind):
                    uow.session.add(
                        OutboxDelivery(envelope_id=envelope.id, target=name, next_attempt_at=now)
                    )
            uow.commit()
        if secret:
            self.secrets.set(secret_name(name), secret, session_only)
        if cleaned.url_secret:
            self.secrets.set(url_secret_name(name), cleaned.url_secret, session_only)
        info = self.target(name)
        return replace(info, moved_secrets=cleaned.moved)

    def target(self, name: str) -> TargetInfo:
        found = [t for t in self.targets() if t.name == name]
        if not found:
            raise ValidationError("target", f"there is no target named {name!r}")
        return found[0]

    def targets(self) -> tuple[TargetInfo, ...]:
        with self._read() as uow:
            pending = dict(
                uow.session.execute(
                    select(OutboxDelivery.target, func.count())
                    .where(OutboxDelivery.state == "pending")
                    .group_by(OutboxDelivery.target)
                ).all()
            )
            now = self._clock()
            return tuple(
                target_info(t, pending.get(t.name, 0), now)
                for t in uow.session.scalars(select(ExchangeTarget).order_by(ExchangeTarget.name))
            )

    def remove_target(self, name: str) -> None:
        with self._uow() as uow:
            target = uow.session.get(ExchangeTarget, name)
            if target is None:
                raise ValidationError("target", f"there is no target named {name!r}")
            uow.session.delete(target)
            uow.commit()
        self.secrets.delete(secret_name(name))
        self.secrets.delete(url_secret_name(name))

    def _transport(self, target: ExchangeTarget) -> Transport:
        secret = None
        if target.kind in NEEDS_SECRET and (
            target.kind == "webhook" or target.config.get("username")
        ):
            secret = self.secrets.require(
                secret_name(target.name),
                f"{NEEDS_SECRET[target.kind]} for {target.name!r}",
                env_name(target.name),
            )
        url_secret = None
        if target.config.get(URL_SECRET):
            url_secret = self.secrets.require(
                url_secret_name(target.name),
                f"{' and '.join(target.config[URL_SECRET])} of {target.name!r}'s URL",
            )
        return self._transports(connection_target(target, url_secret), secret)

    def test_target(self, name: str) -> str:
        with self._read() as uow:
            target = uow.session.get(ExchangeTarget, name)
            if target is None:
                raise ValidationError("target", f"there is no target named {name!r}")
            uow.session.expunge(target)
        transport = self._transport(target)
        try:
            return transport.test()
        finally:
            transport.close()

    def status(self) -> SyncStatus:
        with self._read() as uow:
            pending = (
                uow.session.scalar(
                    select(func.count())
                    .select_from(OutboxDelivery)
                    .where(OutboxDelivery.state == "pending")
                )
                or 0
            )
            targets = uow.session.scalars(
                select(ExchangeTarget).order_by(ExchangeTarget.name)
            ).all()
            last = max(
                (t.last_sync_at for t in targets if t.last_sync_at and not t.last_error),
                default=None,
            )
            now = self._clock()
            errors = tuple(
                f"{t.name}: {state_text(t.last_sync_at, t.last_error, now)}: {t.last_error}"
                for t in targets
                if t.last_error
            )
            return SyncStatus(pending, last, errors, len(targets))

    # -- sync ------------------------------------------------------------------------------

    def team_key(self) -> bytes:
        return self.secrets.require(TEAM_KEY, "team key", TEAM_KEY_ENV).encode()

    def sync(
        self,
        target_name: str | None = None,
        force: bool = False,
        cancelled: Callable[[], bool] = lambda: False,
        pull: bool = True,
    ) -> SyncReport:
        """Send what is due (all of it with `force`), then pull and apply what arrived
        (unless `pull` is False: send only)."""
        report = SyncReport()
        key = self.team_key()
        with self._uow() as uow:
            query = select(ExchangeTarget).where(ExchangeTarget.enabled.is_(True))
            if target_name is not None:
                query = select(ExchangeTarget).where(ExchangeTarget.name == target_name)
            targets = uow.session.scalars(query.order_by(ExchangeTarget.name)).all()
            if target_name is not None and not targets:
                raise ValidationError("target", f"there is no target named {target_name!r}")
            if not targets:
                return report  # nowhere to sync: no key is needed, none is made
            for target in targets:
                uow.session.expunge(target)
            me = device_id(uow.session)
            # Never unsigned: without this install's key (a wiped keyring), nothing is sent.
            signer = own_signer(uow.session, self.secrets, self._clock())
            uow.commit()
        inbox = Inbox(self._database, self._clock)
        for target in targets:
            if cancelled():
                break
            try:
                transport = self._transport(target)
            except (SecretUnavailable, TransportError) as problem:
                report.errors.append(f"{target.name}: {problem}")
                self._note(target.name, str(problem))
                continue
            attempt = _Attempt()
            try:
                self._push(target.name, transport, (key, signer), force, report, cancelled, attempt)
                if pull and transport.pullable:
                    attempt.reached = True
                    inbox.pull(target.name, transport, key, me, report, cancelled)
                    report.leftovers += transport.remove_leftovers()
            except TransportError as problem:
                attempt.problem = str(problem)
                report.errors.append(f"{target.name}: {problem}")
            finally:
                transport.close()
            if attempt.reached or attempt.problem:
                self._note(target.name, attempt.problem)
            # else nothing was due for a one-way target: its state stays as it was
        return report

    def _note(self, name: str, error: str) -> None:
        """The outcome of an attempt that reached out to the target: when, and what failed."""
        with self._uow() as uow:
            target = uow.session.get(ExchangeTarget, name)
            if target is not None:
                target.last_error = error
                target.last_sync_at = self._clock()
                uow.commit()

    def _push(
        self,
        name: str,
        transport: Transport,
        keys: tuple[bytes, Signer],
        force: bool,
        report: SyncReport,
        cancelled: Callable[[], bool],
        attempt: _Attempt,
    ) -> None:
        now = self._clock()
        with self._read() as uow:
            query = select(OutboxDelivery.envelope_id).where(
                OutboxDelivery.target == name, OutboxDelivery.state == "pending"
            )
            if not force:
                query = query.where(OutboxDelivery.next_attempt_at <= now)
            due = list(uow.session.scalars(query.order_by(OutboxDelivery.envelope_id)))
        for start in range(0, len(due), BATCH):
            batch = self._load(due[start : start + BATCH])
            confirmed: list[int] = []
            try:
                for envelope_id, envelope_uuid, body, files in batch:
                    if cancelled():
                        return
                    attempt.reached = True
                    try:
                        transport.deliver(envelope_uuid, envelopes.sign(body, *keys), files)
                    except TransportError as problem:
                        self._retry(envelope_id, name, str(problem))
                        attempt.problem = str(problem)
                        report.failed += 1
                        report.errors.append(f"{name}: {problem}")
                        if not problem.transient or problem.unreachable:
                            return  # the rest would fail the same way: wait, or a fix
                        continue
                    confirmed.append(envelope_id)
                    report.sent += 1
            finally:
                self._mark_sent(name, confirmed)  # only what the target confirmed

    def _load(self, ids: list[int]) -> list[tuple[int, str, dict[str, Any], dict[str, bytes]]]:
        """A batch of envelopes with their attachments, in two queries."""
        with self._read() as uow:
            rows = uow.session.execute(
                select(OutboxEnvelope.id, OutboxEnvelope.uuid, OutboxEnvelope.document)
                .where(OutboxEnvelope.id.in_(ids))
                .order_by(OutboxEnvelope.id)
            ).all()
            files: dict[int, dict[str, bytes]] = {}
            for envelope_id, file_name, content in uow.session.execute(
                select(
                    OutboxAttachment.envelope_id, OutboxAttachment.name, OutboxAttachment.content
                ).where(OutboxAttachment.envelope_id.in_(ids))
            ):
                files.setdefault(envelope_id, {})[file_name] = content
        return [(i, u, json.loads(d), files.get(i, {})) for i, u, d in rows]

    def _mark_sent(self, name: str, envelope_ids: list[int]) -> None:
        if not envelope_ids:
            return
        now = self._clock()
        with self._uow() as uow:
            uow.session.execute(
                update(OutboxDelivery)
                .where(OutboxDelivery.target == name, OutboxDelivery.envelope_id.in_(envelope_ids))
                .values(
                    state="sent", sent_at=now, last_error="", attempts=OutboxDelivery.attempts + 1
                )
            )
            uow.commit()

    def _retry(self, envelope_id: int, name: str, error: str) -> None:
        with self._uow() as uow:
            delivery = uow.session.get(OutboxDelivery, (envelope_id, name))
            if delivery is not None:
                delivery.attempts += 1
                delivery.next_attempt_at = self._clock() + backoff(delivery.attempts)
                delivery.last_error = error
                uow.commit()

    def quarantined(self) -> tuple[QuarantinedEnvelope, ...]:
        """Every envelope quarantined (never applied), newest first, with its reason."""
        return Inbox(self._database, self._clock).quarantined()
