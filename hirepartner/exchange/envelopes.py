"""Envelopes: everything that crosses between installs and to the recruiter. A versioned JSON
document with a uuid, kind, author, device, the record's id and version, the payload, the
sha256 of each attachment, and two signatures:

- `author_signature`: the author's own Ed25519 signature over the body (which names the signer's
  email and key fingerprint), checked on arrival against the team's roster;
- `signature`: an HMAC-SHA256 with the shared team key over the body and the author's signature,
  the outer authentication that keeps everyone outside the team out.

`verify` checks the team MAC and the envelope's shape (not its payload, not its author: that
needs the roster, see services/envelope_trust.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hirepartner.errors import HirePartnerError
from hirepartner.exchange import signing

SCHEMA = "https://schemas.hirepartner.app/envelope/v2"
KINDS = ("slate", "scorecard", "packet", "decision", "erasure", "member_key", "roster")
# How each kind reads to a person (the quarantine, the sync report).
KIND_WORDS = {
    "slate": "slate",
    "scorecard": "scorecard",
    "packet": "packet",
    "decision": "decision",
    "erasure": "erasure",
    "member_key": "team member's key",
    "roster": "team roster",
}
MAX_VERSION = 2**53 - 1  # versions beyond what every JSON reader holds exactly are refused
ENVELOPE_SUFFIX = ".envelope.json"
MAX_ENVELOPE_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._@+-]+")


class EnvelopeRejected(HirePartnerError):
    """An envelope that must not be applied: unsigned, tampered, malformed. Quarantined."""


@dataclass(frozen=True)
class AttachmentInfo:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Envelope:
    uuid: str
    kind: str
    author: str
    device: str
    created_at: str
    record_id: str
    version: int
    payload: dict[str, Any]
    attachments: tuple[AttachmentInfo, ...]
    signer_email: str
    signer_key: str  # the fingerprint of the key the author says they signed with
    signed_body: bytes  # the canonical body the author's signature covers
    author_signature: str

    def signed_by(self, public_key: str) -> bool:
        """Whether the author's signature is this public key's."""
        return signing.verify(self.signed_body, self.author_signature, public_key)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def safe_name(name: str) -> str:
    """An attachment name that is one plain file name on any target."""
    cleaned = _SAFE_NAME.sub("_", name).strip("._") or "attachment"
    return cleaned[:150]


def envelope_file(envelope_uuid: str) -> str:
    return f"{envelope_uuid}{ENVELOPE_SUFFIX}"


def attachment_file(envelope_uuid: str, name: str) -> str:
    return f"{envelope_uuid}--{safe_name(name)}"


def uuid_of(file_name: str) -> str | None:
    """The uuid of an envelope file name, or None for anything else on the target."""
    if not file_name.endswith(ENVELOPE_SUFFIX):
        return None
    candidate = file_name[: -len(ENVELOPE_SUFFIX)]
    return candidate if _UUID.match(candidate) else None


def _canonical(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def unsigned(
    *,
    envelope_uuid: str,
    kind: str,
    author: str,
    device: str,
    created_at: datetime,
    record_id: str,
    version: int,
    payload: Mapping[str, Any],
    attachments: Mapping[str, bytes],
) -> dict[str, Any]:
    """The envelope body, ready to be signed when it is sent."""
    if kind not in KINDS:
        raise ValueError(f"unknown envelope kind {kind!r}")
    return {
        "schema": SCHEMA,
        "uuid": envelope_uuid,
        "kind": kind,
        "author": author,
        "device": device,
        "created_at": created_at.isoformat(),
        "record": {"id": record_id, "version": version},
        "payload": dict(payload),
        "attachments": [
            {
                "name": safe_name(name),
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
            for name, content in sorted(attachments.items())
        ],
    }


@dataclass(frozen=True)
class Signer:
    """Who signs what this install sends: their email and private key."""

    email: str
    private_key: str

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(signing.public_key_of(self.private_key))


def sign(body: Mapping[str, Any], team_key: bytes, signer: Signer) -> bytes:
    """The signed document: the body naming its signer, the author's Ed25519 signature over
    it, and the team key's HMAC over both."""
    body = {
        **body,
        "schema": SCHEMA,
        "signer": {"email": signer.email, "key": signer.fingerprint},
    }
    author_signature = signing.sign(_canonical(body), signer.private_key)
    signed = {**body, "author_signature": author_signature}
    mac = hmac.new(team_key, _canonical(signed), hashlib.sha256).hexdigest()
    signed["signature"] = mac
    return json.dumps(signed, ensure_ascii=False, separators=(",", ":")).encode()


def _reject_constants(name: str) -> Any:
    raise EnvelopeRejected(f"the number {name} is not allowed")


def _text(value: object, field: str, most: int) -> str:
    if not isinstance(value, str) or not value or len(value) > most or "\x00" in value:
        raise EnvelopeRejected(
            f"the field {field} is missing or not text of 1 to {most} characters"
        )
    return value


def verify(document: bytes, key: bytes) -> Envelope:
    """Parse an envelope and check its team MAC and its shape; raises EnvelopeRejected.
    The payload and the author's signature are checked by the receiver, with its roster."""
    if len(document) > MAX_ENVELOPE_BYTES:
        raise EnvelopeRejected("larger than an envelope may be")
    try:
        data = json.loads(document.decode("utf-8"), parse_constant=_reject_constants)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        raise EnvelopeRejected("not a JSON document") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise EnvelopeRejected(f"not a HirePartner envelope (schema {SCHEMA} expected)")
    signature = data.pop("signature", None)
    if not isinstance(signature, str) or not signature:
        raise EnvelopeRejected("unsigned")
    expected = hmac.new(key, _canonical(data), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise EnvelopeRejected("the signature does not match: tampered, or another team's key")
    author_signature = data.pop("author_signature", None)
    if not isinstance(author_signature, str) or not author_signature:
        raise EnvelopeRejected("it carries no author's signature")
    record, signer = data.get("record"), data.get("signer")
    payload, attachments = data.get("payload"), data.get("attachments")
    if not isinstance(record, dict) or not isinstance(signer, dict):
        raise EnvelopeRejected("the record or the signer is missing")
    if not isinstance(payload, dict) or not isinstance(attachments, list):
        raise EnvelopeRejected("the payload or the list of attachments is missing")
    version = record.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise EnvelopeRejected("the record's version is not a whole number")
    if not 0 <= version <= MAX_VERSION:
        digits = math.floor(math.log10(abs(version))) + 1 if version else 1
        raise EnvelopeRejected(f"the record's version ({digits} digits) is outside 0 to 2^53 - 1")
    if len(attachments) > 100:
        raise EnvelopeRejected("more than 100 attachments")
    infos = []
    for item in attachments:
        if not isinstance(item, dict):
            raise EnvelopeRejected("an attachment is not described as an object")
        size = item.get("size")
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or not 0 <= size <= MAX_ATTACHMENT_BYTES
        ):
            raise EnvelopeRejected("an attachment's size is missing or larger than allowed")
        name = _text(item.get("name"), "attachments.name", 150)
        digest = _text(item.get("sha256"), "attachments.sha256", 64)
        if safe_name(name) != name:
            raise EnvelopeRejected(f"the attachment name {name!r} is not allowed")
        infos.append(AttachmentInfo(name, digest, size))
    envelope = Envelope(
        uuid=_text(data.get("uuid"), "uuid", 36),
        kind=_text(data.get("kind"), "kind", 20),
        author=_text(data.get("author"), "author", 320),
        device=_text(data.get("device"), "device", 80),
        created_at=_text(data.get("created_at"), "created_at", 40),
        record_id=_text(record.get("id"), "record.id", 400),
        version=version,
        payload=payload,
        attachments=tuple(infos),
        signer_email=_text(signer.get("email"), "signer.email", 320),
        signer_key=_text(signer.get("key"), "signer.key", 19),
        signed_body=_canonical(data),
        author_signature=author_signature,
    )
    if envelope.kind not in KINDS or not _UUID.match(envelope.uuid):
        raise EnvelopeRejected(f"unknown kind {envelope.kind!r} or bad uuid")
    return envelope


def check_attachment(info: AttachmentInfo, content: bytes) -> None:
    if len(content) != info.size or hashlib.sha256(content).hexdigest() != info.sha256:
        raise EnvelopeRejected(f"the attachment {info.name} does not match its sha256")
