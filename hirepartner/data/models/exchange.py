"""Tables of the exchange: targets, the outbox (envelopes, their attachments, one delivery per
target), what the inbox applied or quarantined, this install's device id, and the team's
signing keys (the roster).

Secrets are not here: passwords, tokens and the team key live in the OS keyring only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from hirepartner.data.models.base import Base, _one_of

TARGET_KINDS = ("folder", "webdav", "smtp", "webhook")
ENVELOPE_KINDS = ("slate", "scorecard", "packet", "decision", "erasure", "member_key", "roster")
KEY_STATES = ("pending", "active", "revoked", "replaced")
KEY_SOURCES = ("self", "enrolled", "roster")
DELIVERY_STATES = ("pending", "sent", "failed")
INBOX_STATES = ("applied", "skipped", "quarantined")


class InstallSetting(Base):
    """Small facts about this install (its device id), not user preferences."""

    __tablename__ = "install_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExchangeTarget(Base):
    __tablename__ = "exchange_target"
    __table_args__ = (CheckConstraint(_one_of("kind", TARGET_KINDS), name="kind"),)

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # Where and how, never a secret: url, folder, username, sender, recipients, kinds carried.
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OutboxEnvelope(Base):
    """An envelope written in the same transaction as the change it reports."""

    __tablename__ = "outbox_envelope"
    __table_args__ = (CheckConstraint(_one_of("kind", ENVELOPE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(400))
    record_version: Mapped[int]
    document: Mapped[str] = mapped_column(Text)  # the signed envelope JSON, as sent
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxAttachment(Base):
    __tablename__ = "outbox_attachment"

    envelope_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_envelope.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class OutboxDelivery(Base):
    """One envelope to one target: sent only once the target confirmed it."""

    __tablename__ = "outbox_delivery"
    __table_args__ = (
        CheckConstraint(_one_of("state", DELIVERY_STATES), name="state"),
        Index("ix_outbox_delivery_due", "state", "next_attempt_at"),
    )

    envelope_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_envelope.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[str] = mapped_column(
        ForeignKey("exchange_target.name", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")


class InboxEnvelope(Base):
    """Every envelope seen, by uuid: applied once, skipped as older, or quarantined."""

    __tablename__ = "inbox_envelope"
    __table_args__ = (CheckConstraint(_one_of("state", INBOX_STATES), name="state"),)

    uuid: Mapped[str] = mapped_column(String(80), primary_key=True)
    target: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="")
    record_id: Mapped[str] = mapped_column(String(400), default="")
    record_version: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime)


class ExchangeRecord(Base):
    """The newest version applied of each record: one writer per record, the higher wins."""

    __tablename__ = "exchange_record"

    record_id: Mapped[str] = mapped_column(String(400), primary_key=True)
    version: Mapped[int]
    envelope_uuid: Mapped[str] = mapped_column(String(80))


class TeamKey(Base):
    """A person's public signing key, as this install knows it.

    `source`: "self" (this install's own key), "enrolled" (enrolled here after comparing its
    fingerprint), "roster" (from a roster the hiring manager signed). `state`: "pending" (it
    was announced and waits for enrollment), "active", "revoked" (the person left), "replaced"
    (a newer key of the same person is active). One active key per email."""

    __tablename__ = "team_key"
    __table_args__ = (
        CheckConstraint(_one_of("state", KEY_STATES), name="state"),
        CheckConstraint(_one_of("source", KEY_SOURCES), name="source"),
        Index("ix_team_key_email", "email"),
    )

    fingerprint: Mapped[str] = mapped_column(String(19), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(320))  # lower case
    name: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10))
    seen_at: Mapped[datetime] = mapped_column(DateTime)  # announced, enrolled or made
    changed_at: Mapped[datetime] = mapped_column(DateTime)  # its state last changed
