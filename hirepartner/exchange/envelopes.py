"""Envelopes: everything that crosses between installs and to the recruiter. A versioned JSON
document with a uuid, kind, author, device, the record's id and version, the payload, the
sha256 of each attachment, and an HMAC-SHA256 signature made with the team key."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hirepartner.errors import HirePartnerError

SCHEMA = "https://schemas.hirepartner.app/envelope/v1"
KINDS = ("slate", "scorecard", "packet", "decision", "erasure")
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


def sign(body: Mapping[str, Any], key: bytes) -> bytes:
    """The signed document: the body plus an HMAC-SHA256 over its canonical JSON."""
    signature = hmac.new(key, _canonical(body), hashlib.sha256).hexdigest()
    return json.dumps({**body, "signature": signature}, ensure_ascii=False, indent=1).encode()


def verify(document: bytes, key: bytes) -> Envelope:
    """Parse and check an envelope's signature and shape; raises EnvelopeRejected."""
    if len(document) > MAX_ENVELOPE_BYTES:
        raise EnvelopeRejected("larger than an envelope may be")
    try:
        data = json.loads(document.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EnvelopeRejected("not a JSON document") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise EnvelopeRejected(f"not a HirePartner envelope (schema {SCHEMA} expected)")
    signature = data.pop("signature", None)
    if not isinstance(signature, str) or not signature:
        raise EnvelopeRejected("unsigned")
    expected = hmac.new(key, _canonical(data), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise EnvelopeRejected("the signature does not match: tampered, or another team's key")
    try:
        record = data["record"]
        envelope = Envelope(
            uuid=str(data["uuid"]),
            kind=str(data["kind"]),
            author=str(data["author"]),
            device=str(data["device"]),
            created_at=str(data["created_at"]),
            record_id=str(record["id"]),
            version=int(record["version"]),
            payload=dict(data["payload"]),
            attachments=tuple(
                AttachmentInfo(str(a["name"]), str(a["sha256"]), int(a["size"]))
                for a in data["attachments"]
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise EnvelopeRejected(f"a required field is missing or wrong ({error})") from None
    if envelope.kind not in KINDS or not _UUID.match(envelope.uuid):
        raise EnvelopeRejected(f"unknown kind {envelope.kind!r} or bad uuid")
    for attachment in envelope.attachments:
        if safe_name(attachment.name) != attachment.name or attachment.size > MAX_ATTACHMENT_BYTES:
            raise EnvelopeRejected(f"the attachment name {attachment.name!r} is not allowed")
    return envelope


def check_attachment(info: AttachmentInfo, content: bytes) -> None:
    if len(content) != info.size or hashlib.sha256(content).hexdigest() != info.sha256:
        raise EnvelopeRejected(f"the attachment {info.name} does not match its sha256")
