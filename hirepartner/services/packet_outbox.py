"""Queue a packet for the recruiter: its PDF and JSON summary as one envelope, written in the
caller's unit of work (the export and the weekly update's schedule share it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hirepartner.data.unit_of_work import UnitOfWork
from hirepartner.packets.content import (
    CandidatePacket,
    InterviewKit,
    Packet,
    Redaction,
    SlatePacket,
    WeeklyUpdate,
)
from hirepartner.services.outbox import enqueue, next_version

# What sends a packet: (uow, now, packet, file name, PDF bytes, JSON summary bytes).
PacketSender = Callable[[UnitOfWork, datetime, Packet, str, bytes, bytes], None]


def queue_packet(
    uow: UnitOfWork, now: datetime, packet: Packet, file_name: str, pdf: bytes, summary: bytes
) -> None:
    """Queue a packet envelope (the PDF and its JSON summary) for the recruiter."""
    from hirepartner.packets.update import body_text

    text = body_text(packet)
    meta = packet.meta
    code = meta.requisition_code
    if isinstance(packet, CandidatePacket):
        ident = packet.candidate.application_id
        if meta.redaction is Redaction.ANONYMOUS:
            about = f"anon:{ident}"
        else:
            about = uow.applications.get(ident).candidate.email or f"application-{ident}"
    elif isinstance(packet, SlatePacket):
        about = "slate"
    elif isinstance(packet, InterviewKit):
        about = f"kit:{packet.stage}"
    elif isinstance(packet, WeeklyUpdate):
        about = f"update:{packet.until:%Y-%m-%d}"
    else:
        about = f"hire:{packet.candidate}"
    record_id = f"packet:{meta.kind.value}:{code}:{about}".lower()
    stem = file_name[:-4] if file_name.lower().endswith(".pdf") else file_name
    payload = {
        "subject": f"{meta.title}: {meta.requisition}",
        "text": text
        or f"{meta.title} for {meta.requisition}, prepared by {meta.prepared_by}.\n"
        "The PDF and its machine-readable summary are attached.",
        "packet": meta.kind.value,
        "requisition": code,
        "redaction": meta.redaction.value,
    }
    enqueue(
        uow.session,
        now,
        kind="packet",
        record_id=record_id,
        version=next_version(uow.session, record_id),
        payload=payload,
        attachments={f"{stem}.pdf": pdf, f"{stem}.json": summary},
    )
