"""One entry point from packet content to PDF bytes, whatever the kind of packet."""

from __future__ import annotations

from reportlab.platypus import Flowable

from hirepartner.packets.candidate import candidate_story
from hirepartner.packets.content import (
    CandidatePacket,
    InterviewKit,
    Packet,
    SlatePacket,
    SuccessSummary,
    WeeklyUpdate,
)
from hirepartner.packets.document import BuiltPdf, render
from hirepartner.packets.kit import kit_story
from hirepartner.packets.progress import Cancelled, Progress
from hirepartner.packets.slate import slate_story
from hirepartner.packets.update import success_story, update_story


def _story_and_keywords(packet: Packet) -> tuple[list[Flowable], list[str]]:
    if isinstance(packet, CandidatePacket):
        return candidate_story(packet), ["feedback packet", "candidate", "hiring"]
    if isinstance(packet, SlatePacket):
        return slate_story(packet), ["slate packet", "comparison", "hiring"]
    if isinstance(packet, WeeklyUpdate):
        return update_story(packet), ["weekly update", "hiring"]
    if isinstance(packet, SuccessSummary):
        return success_story(packet), ["hire", "success", "hiring"]
    assert isinstance(packet, InterviewKit)
    return kit_story(packet), ["interview kit", packet.stage, "hiring"]


def build_pdf(
    packet: Packet,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BuiltPdf:
    story, keywords = _story_and_keywords(packet)
    return render(
        story, packet.meta, [*keywords, packet.meta.requisition], password, progress, cancelled
    )
