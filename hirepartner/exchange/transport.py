"""What every target does: deliver an envelope with its attachments atomically, and (for the
folder and WebDAV) list and fetch the envelopes others left there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from hirepartner.errors import HirePartnerError
from hirepartner.exchange.envelopes import MAX_ATTACHMENT_BYTES


class TransportError(HirePartnerError):
    """The target did not confirm: retry later. `transient` is False when retrying cannot help
    (a wrong password, a missing folder); `unreachable` is True when the target does not
    answer at all (so a sync does not wait for it once per file)."""

    def __init__(self, message: str, transient: bool = True, unreachable: bool = False) -> None:
        super().__init__(message)
        self.transient = transient
        self.unreachable = unreachable  # the target does not answer at all: stop for now


class Transport(Protocol):
    name: str
    pullable: bool  # folder and WebDAV: both ways; SMTP and webhook: one-way to the recruiter

    def deliver(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> None:
        """Returns only once the target confirmed every file; raises TransportError."""

    def incoming(self) -> list[str]:
        """The envelope uuids waiting on the target (pullable targets)."""

    def document(self, envelope_uuid: str) -> bytes:
        """An envelope's document (pullable targets), at most MAX_ENVELOPE_BYTES. Raises
        EnvelopeRejected when that entry cannot be an envelope (a folder, a pipe, a symbolic
        link, too large, unreadable): quarantine it and go on. Raises TransportError when the
        target as a whole fails (not mounted, network down): stop and retry later."""

    def attachment(self, envelope_uuid: str, name: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
        """One attachment of an envelope (pullable targets), at most `limit` bytes (the size
        the envelope declares) and never more than MAX_ATTACHMENT_BYTES; raises as document()."""

    def remove_leftovers(self) -> int:
        """Remove our own temporary files that killed uploads left, once an hour old
        (pullable targets); returns how many. Never fails a sync."""

    def test(self) -> str:
        """Reach the target without changing anything; a sentence saying what was found."""

    def close(self) -> None: ...
